package io.ynl4j.codegen.emit;

import static io.ynl4j.codegen.emit.GeneratedClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.FlagSet;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.RawAttribute;
import io.ynl4j.runtime.UnknownAttributes;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.load.Corpus;
import io.ynl4j.spec.load.SpecLoader;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code RTM_GETMULTICAST} dump replies (shared/captures: Linux 7.3, which sends {@code IFA_MC_USERS} (12, u32)
 * for IPv4 and IPv6, and Linux 6.18, which does not) decoded with two generated rt-addr bindings: one from the
 * project's specs/rt-addr.yaml (with {@code mc-users}) and one from the same text with {@code mc-users} removed.
 * Each decoded message is encoded again, {@code nlmsghdr} included, and compared with the captured bytes.
 */
class CapturesTest {
    static final String NEW = "withusers.rtaddr.";
    static final String OLD = "nousers.rtaddr.";
    static final int RTM_GETMULTICAST = 58;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_MULTI = 0x2;
    static final int IFA_MC_USERS = 12;
    static final int PORT_ID = 4242;

    @TempDir
    static Path dir;

    static GeneratedClasses gen;

    @BeforeAll
    static void compile() throws IOException {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the captures are little-endian");
        String spec = Files.readString(Path.of("../specs/rt-addr.yaml"));
        List<JavaFile> files = new ArrayList<>();
        files.addAll(GeneratedSources.all(load("rt-addr.yaml", spec), "withusers"));
        files.addAll(GeneratedSources.all(load("rt-addr.yaml", withoutMcUsers(spec)), "nousers"));
        gen = GeneratedClasses.compile(files, dir);
    }

    @AfterAll
    static void close() throws Exception {
        if (gen != null) {
            gen.close();
        }
    }

    static Family load(String name, String text) {
        return SpecLoader.create()
                .withAutoSchema(false)
                .load(name, text.getBytes(StandardCharsets.UTF_8))
                .family()
                .orElseThrow();
    }

    /** The spec as it was before {@code IFA_MC_USERS}: the attribute and its uses removed from the text. */
    static String withoutMcUsers(String spec) {
        String out = spec.replaceAll("(?m)^      - name: mc-users.*\\n(?:        .*\\n)*", "")
                .replaceAll("(?m)^ +- mc-users *\\n", "");
        assertThat(out).doesNotContain("mc-users").contains("- name: proto").contains("- multicast");
        return out;
    }

    // The captures.

    record Capture(String file, int family, int seq, int dataMessages, boolean sendsUsers) {}

    static final Capture V4_73 = new Capture("rt-getmulticast-ipv4-linux-7.3.bin", 2, 1001, 8, true);
    static final Capture V6_73 = new Capture("rt-getmulticast-ipv6-linux-7.3.bin", 10, 1002, 13, true);
    static final Capture V4_618 = new Capture("rt-getmulticast-ipv4-linux-6.18.bin", 2, 1001, 8, false);
    static final Capture V6_618 = new Capture("rt-getmulticast-ipv6-linux-6.18.bin", 10, 1002, 13, false);
    static final List<Capture> ALL = List.of(V4_73, V6_73, V4_618, V6_618);

    /** A group on an interface, as the README lists it. */
    record Group(long ifindex, InetAddress address) {
        static Group of(long ifindex, String address) {
            try {
                return new Group(ifindex, InetAddress.getByName(address));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * The README's expected users per group: 2 for the groups both sockets joined on veth0 (ifindex 3), 1 for the
     * groups only socket A joined and 1 for the kernel's own groups on every interface (lo 1, veth1 2, veth0 3).
     */
    static Map<Group, Long> expectedUsers(int family) {
        Map<Group, Long> m = new LinkedHashMap<>();
        if (family == 2) {
            for (long ifindex : new long[] {1, 2, 3}) {
                m.put(Group.of(ifindex, "224.0.0.1"), 1L);
            }
            for (String g : List.of("239.1.1.3", "239.1.1.4", "239.1.1.5")) {
                m.put(Group.of(3, g), 1L);
            }
            m.put(Group.of(3, "239.1.1.1"), 2L);
            m.put(Group.of(3, "239.1.1.2"), 2L);
        } else {
            for (long ifindex : new long[] {1, 2, 3}) {
                m.put(Group.of(ifindex, "ff02::1"), 1L);
                m.put(Group.of(ifindex, "ff01::1"), 1L);
            }
            m.put(Group.of(2, "ff02::1:ff00:2"), 1L); // solicited-node group of veth1
            m.put(Group.of(3, "ff02::1:ff00:1"), 1L); // solicited-node group of veth0
            for (String g : List.of("ff0e::1:3", "ff0e::1:4", "ff0e::1:5")) {
                m.put(Group.of(3, g), 1L);
            }
            m.put(Group.of(3, "ff0e::1:1"), 2L);
            m.put(Group.of(3, "ff0e::1:2"), 2L);
        }
        return m;
    }

    static byte[] read(Capture c) {
        Path captures = Corpus.shared().resolve("captures");
        if (!Files.isDirectory(captures)) {
            if (Corpus.isCi()) {
                fail("the captures are missing at " + captures + " (required under CI=true)");
            }
            Assumptions.abort("the captures are missing at " + captures + "; skipping");
        }
        try {
            return Files.readAllBytes(captures.resolve(c.file()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Splits a datagram at its {@code nlmsghdr}s, as the socket does; requires it to end with NLMSG_DONE. */
    static List<NetlinkMessage> split(byte[] datagram) {
        Object seg = segmentOf(datagram);
        ByteBuffer bb = ByteBuffer.wrap(datagram).order(ByteOrder.LITTLE_ENDIAN);
        List<NetlinkMessage> out = new ArrayList<>();
        int at = 0;
        while (at < datagram.length) {
            assertThat(datagram.length - at)
                    .as("room for an nlmsghdr at %d", at)
                    .isGreaterThanOrEqualTo(16);
            int len = bb.getInt(at);
            assertThat(len).as("nlmsg_len at %d", at).isBetween(16, datagram.length - at);
            out.add(message(seg, at, len));
            at += (len + 3) & ~3;
        }
        assertThat(at).isEqualTo(datagram.length);
        assertThat(out.getLast().type()).isEqualTo(NLMSG_DONE);
        return out;
    }

    /**
     * A heap {@code MemorySegment} over the datagram, reached by reflection: this module's tests compile at
     * release 21, where the FFM API is still a preview, while the runtime (release 22) takes it as final.
     */
    static Object segmentOf(byte[] datagram) {
        try {
            return Class.forName("java.lang.foreign.MemorySegment")
                    .getMethod("ofArray", byte[].class)
                    .invoke(null, (Object) datagram);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static NetlinkMessage message(Object segment, long offset, int length) {
        try {
            return (NetlinkMessage)
                    NetlinkMessage.class.getDeclaredConstructors()[0].newInstance(segment, offset, length);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The RTM_GETMULTICAST messages of a capture, after checking its headers against the README. */
    static List<NetlinkMessage> dataMessages(Capture c) {
        List<NetlinkMessage> all = split(read(c));
        assertThat(all).hasSize(c.dataMessages() + 1);
        for (NetlinkMessage m : all) {
            assertThat(m.flags()).isEqualTo(NLM_F_MULTI);
            assertThat(m.sequence()).isEqualTo(c.seq());
            assertThat(m.portId()).isEqualTo(PORT_ID);
        }
        List<NetlinkMessage> data = all.subList(0, all.size() - 1);
        assertThat(data).allSatisfy(m -> assertThat(m.type()).isEqualTo(RTM_GETMULTICAST));
        return data;
    }

    Object decode(String binding, NetlinkMessage m) {
        Object record = gen.callStatic(binding + "GetmulticastReply", "decode", m);
        Object header = call(record, "header");
        assertThat(call(header, "ifaFamily")).isEqualTo(familyOf(m));
        assertThat(call(header, "ifaPrefixlen")).isEqualTo(familyOf(m) == 2 ? 32 : 128);
        assertThat(((FlagSet<?>) call(header, "ifaFlags")).raw()).isEqualTo(0x80); // IFA_F_PERMANENT
        assertThat(call(header, "ifaScope")).isEqualTo(0);
        Object cacheinfo = ((Optional<?>) call(record, "cacheinfo")).orElseThrow();
        assertThat(call(cacheinfo, "ifaPrefered")).isEqualTo(0xffffffffL);
        assertThat(call(cacheinfo, "ifaValid")).isEqualTo(0xffffffffL);
        return record;
    }

    static int familyOf(NetlinkMessage m) {
        return Byte.toUnsignedInt(m.toByteArray()[16]); // ifa_family, the first byte after the nlmsghdr
    }

    static Group group(Object record) {
        long ifindex = (long) call(call(record, "header"), "ifaIndex");
        Bytes address =
                ((Optional<?>) call(record, "multicast")).map(Bytes.class::cast).orElseThrow();
        return new Group(ifindex, address.toInetAddress());
    }

    /** The message again: {@code nlmsghdr} from beginMessage with the captured flags, seq and pid patched in. */
    static byte[] reencode(Object record, NetlinkMessage original) {
        int type;
        try {
            type = record.getClass().getField("MESSAGE_TYPE").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        assertThat(type).isEqualTo(RTM_GETMULTICAST);
        MessageWriter out = new MessageWriter();
        int token = out.beginMessage(type, original.flags());
        call(record, "encode", out);
        out.endMessage(token);
        byte[] bytes = out.toByteArray();
        ByteBuffer.wrap(bytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(8, original.sequence())
                .putInt(12, original.portId());
        return bytes;
    }

    // With mc-users.

    @Test
    void linux73WithTheNewBindingHasEveryGroupWithItsUsers() {
        for (Capture c : List.of(V4_73, V6_73)) {
            Map<Group, Long> seen = new LinkedHashMap<>();
            for (NetlinkMessage m : dataMessages(c)) {
                Object record = decode(NEW, m);
                OptionalLong users = (OptionalLong) call(record, "mcUsers");
                assertThat(users).as("%s: mcUsers", c.file()).isPresent();
                assertThat(seen.put(group(record), users.getAsLong())).isNull();
                assertThat(call(record, "unknown")).isEqualTo(UnknownAttributes.NONE);
            }
            assertThat(seen).as(c.file()).containsExactlyInAnyOrderEntriesOf(expectedUsers(c.family()));
        }
    }

    @Test
    void linux618WithTheNewBindingHasNoUsers() {
        for (Capture c : List.of(V4_618, V6_618)) {
            List<Group> seen = new ArrayList<>();
            for (NetlinkMessage m : dataMessages(c)) {
                Object record = decode(NEW, m);
                assertThat(call(record, "mcUsers")).as(c.file()).isEqualTo(OptionalLong.empty());
                assertThat(call(record, "unknown")).isEqualTo(UnknownAttributes.NONE);
                seen.add(group(record));
            }
            assertThat(seen)
                    .containsExactlyInAnyOrderElementsOf(
                            expectedUsers(c.family()).keySet());
        }
    }

    // Without mc-users.

    @Test
    void theOldBindingHasNoMcUsersAccessor() {
        Class<?> old = gen.type(OLD + "GetmulticastReply");
        assertThat(Arrays.stream(old.getMethods()).map(Method::getName)).doesNotContain("mcUsers");
        assertThat(Arrays.stream(old.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("header", "multicast", "cacheinfo", "unknown");
        assertThat(Arrays.stream(gen.type(NEW + "GetmulticastReply").getRecordComponents())
                        .map(RecordComponent::getName))
                .containsExactly("header", "multicast", "mcUsers", "cacheinfo", "unknown");
    }

    @Test
    void linux73WithTheOldBindingKeepsAttribute12InUnknown() {
        for (Capture c : List.of(V4_73, V6_73)) {
            Map<Group, Long> expected = expectedUsers(c.family());
            int count = 0;
            for (NetlinkMessage m : dataMessages(c)) {
                Object record = decode(OLD, m);
                long users = expected.get(group(record));
                // type 12, 4-byte payload: the u32 user count, little-endian
                Bytes payload =
                        Bytes.of((byte) users, (byte) (users >>> 8), (byte) (users >>> 16), (byte) (users >>> 24));
                assertThat(call(record, "unknown"))
                        .as("%s: unknown of %s", c.file(), group(record))
                        .isEqualTo(new UnknownAttributes(List.of(new RawAttribute(IFA_MC_USERS, payload))));
                count++;
            }
            assertThat(count).isEqualTo(expected.size());
        }
    }

    @Test
    void linux618WithTheOldBindingHasNothingUnknown() {
        for (Capture c : List.of(V4_618, V6_618)) {
            for (NetlinkMessage m : dataMessages(c)) {
                assertThat(call(decode(OLD, m), "unknown")).isEqualTo(UnknownAttributes.NONE);
            }
        }
    }

    // Encoding again.

    @Test
    void everyMessageEncodesBackToTheCapturedBytesWithTheNewBinding() {
        for (Capture c : ALL) {
            for (NetlinkMessage m : dataMessages(c)) {
                assertThat(reencode(decode(NEW, m), m))
                        .as("%s at %d", c.file(), m.offset())
                        .isEqualTo(m.toByteArray());
            }
        }
    }

    @Test
    void linux618MessagesEncodeBackToTheCapturedBytesWithTheOldBinding() {
        for (Capture c : List.of(V4_618, V6_618)) {
            for (NetlinkMessage m : dataMessages(c)) {
                assertThat(reencode(decode(OLD, m), m))
                        .as("%s at %d", c.file(), m.offset())
                        .isEqualTo(m.toByteArray());
            }
        }
    }

    /**
     * The old binding keeps IFA_MC_USERS in {@code unknown}, and the generated encoder writes unknown attributes
     * after the known ones, so the re-encoded 7.3 message has the same attributes, bytes and length as the
     * captured one but with type 12 moved from between IFA_MULTICAST and IFA_CACHEINFO to the end.
     */
    @Test
    void linux73MessagesEncodeBackWithAttribute12LastWithTheOldBinding() {
        for (Capture c : List.of(V4_73, V6_73)) {
            for (NetlinkMessage m : dataMessages(c)) {
                byte[] captured = m.toByteArray();
                assertThat(reencode(decode(OLD, m), m))
                        .as("%s at %d", c.file(), m.offset())
                        .hasSize(captured.length)
                        .isEqualTo(moveToEnd(captured, IFA_MC_USERS));
            }
        }
    }

    /** An ifaddrmsg message with the attribute of the given type moved after the others. */
    static byte[] moveToEnd(byte[] message, int type) {
        ByteBuffer bb = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int at = 16 + 8; // nlmsghdr, ifaddrmsg
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream moved = new java.io.ByteArrayOutputStream();
        kept.write(message, 0, at);
        while (at < message.length) {
            int len = Short.toUnsignedInt(bb.getShort(at));
            int aligned = (len + 3) & ~3;
            (Short.toUnsignedInt(bb.getShort(at + 2)) == type ? moved : kept).write(message, at, aligned);
            at += aligned;
        }
        assertThat(moved.size()).isEqualTo(8); // rta_len 8: a u32
        kept.writeBytes(moved.toByteArray());
        return kept.toByteArray();
    }
}
