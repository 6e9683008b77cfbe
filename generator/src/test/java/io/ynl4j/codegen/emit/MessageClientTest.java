package io.ynl4j.codegen.emit;

import static io.ynl4j.codegen.emit.GeneratedClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.KernelErrorException;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.RawAttribute;
import io.ynl4j.runtime.UnknownAttributes;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.testing.ExtAck;
import io.ynl4j.runtime.testing.FakeKernel;
import io.ynl4j.runtime.testing.KernelMessage;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated messages, clients and notification types of rt-addr and netdev, compiled and
 * loaded, against a {@link FakeKernel}: requests are byte-exact vectors derived by hand from the
 * kernel ABI ({@code nlmsghdr}, {@code genlmsghdr}, fixed header, attributes), dumps decode into
 * typed records, errors name the attribute from the generated tables.
 */
class MessageClientTest {
    /** The family id the fake nlctrl gives netdev. */
    static final int NETDEV_ID = 0x1e;

    @TempDir
    static Path dir;

    static GeneratedClasses gen;

    @BeforeAll
    static void compile() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vectors are little-endian");
        List<JavaFile> files = new ArrayList<>();
        for (String spec : List.of("rt-addr.yaml", "netdev.yaml")) {
            files.addAll(GeneratedSources.all(GeneratedSources.kernelFamily(spec), "gen"));
        }
        gen = GeneratedClasses.compile(files, dir);
    }

    @AfterAll
    static void close() throws Exception {
        if (gen != null) {
            gen.close();
        }
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    /** Little-endian hex of a 32-bit value, as the kernel lays out {@code nlmsg_seq} and {@code nlmsg_pid}. */
    static String le32(int v) {
        return HexFormat.of().formatHex(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    static Bytes ip(String text) throws Exception {
        return Bytes.of(InetAddress.getByName(text));
    }

    Object ifaddrmsg(int family, int prefix, long index) {
        Object b = gen.callStatic("gen.rtaddr.Ifaddrmsg", "builder");
        call(b, "ifaFamily", family);
        call(b, "ifaPrefixlen", prefix);
        call(b, "ifaIndex", index);
        return call(b, "build");
    }

    Object newaddr() throws Exception {
        Object b = gen.callStatic("gen.rtaddr.NewaddrRequest", "builder");
        call(b, "header", ifaddrmsg(2, 24, 7));
        call(b, "local", ip("192.0.2.7"));
        call(b, "address", ip("192.0.2.7"));
        call(b, "label", "v0");
        return call(b, "build");
    }

    @Test
    void newaddrRequestIsTheKernelAbiVector() throws Exception {
        FakeKernel kernel = FakeKernel.create();
        kernel.on(20, FakeKernel.Responder.ACK);
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            Object client = gen.callStatic("gen.rtaddr.RtAddr", "client", socket);
            call(client, "newaddr", newaddr());
        }
        FakeKernel.Request sent = kernel.lastRequest();

        // nlmsghdr: len 48, RTM_NEWADDR (20), NLM_F_REQUEST|ACK|EXCL|CREATE (0x605); ifaddrmsg: AF_INET, /24,
        // flags 0, scope 0, index 7; then IFA_ADDRESS, IFA_LABEL "v0", IFA_LOCAL in newaddr's order.
        assertThat(sent.bytes().toByteArray())
                .isEqualTo(hex("30000000 1400 0506" + le32(sent.sequence()) + le32(sent.portId()) + """
                        02180000 07000000
                        08000100 c0000207
                        07000300 76300000
                        08000200 c0000207
                        """));
    }

    @Test
    void newaddrWithReplaceModeSetsReplaceFlags() throws Exception {
        FakeKernel kernel = FakeKernel.create();
        kernel.on(20, FakeKernel.Responder.ACK);
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            Object client = gen.callStatic("gen.rtaddr.RtAddr", "client", socket);
            call(client, "newaddr", newaddr(), io.ynl4j.runtime.CreateMode.REPLACE);
        }
        assertThat(kernel.lastRequest().flags()).isEqualTo(0x505);
    }

    /** A fake nlctrl that knows netdev, and nothing else scripted. */
    static FakeKernel genlKernel() {
        FakeKernel kernel = FakeKernel.create();
        kernel.on(0x10, (request, reply) -> {
            reply.send(KernelMessage.of(0x10, 0, w -> {
                w.genlHeader(1, 2); // CTRL_CMD_NEWFAMILY
                w.u16(1, NETDEV_ID, false); // CTRL_ATTR_FAMILY_ID
                w.string(2, "netdev"); // CTRL_ATTR_FAMILY_NAME
            }));
            if (request.hasFlags(Netlink.NLM_F_ACK)) {
                reply.send(KernelMessage.ack());
            }
        });
        return kernel;
    }

    @Test
    void devGetRequestIsTheKernelAbiVectorAndItsReplyDecodes() {
        FakeKernel kernel = genlKernel();
        kernel.on(
                NETDEV_ID,
                (request, reply) -> reply.send(KernelMessage.of(NETDEV_ID, 0, w -> {
                            w.genlHeader(1, 1);
                            w.u32(1, 7, false); // ifindex
                            w.u64(3, 0x7, false); // xdp-features: basic, redirect, ndo-xmit
                            w.u32(99, 1, false); // something newer
                        }))
                        .send(KernelMessage.ack()));
        Object reply;
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.GENERIC)) {
            Object client = gen.callStatic("gen.netdev.Netdev", "client", socket);
            Object b = gen.callStatic("gen.netdev.DevGetRequest", "builder");
            call(b, "ifindex", 7L);
            reply = call(client, "devGet", call(b, "build"));
        }
        FakeKernel.Request sent = kernel.lastRequest();

        // nlmsghdr: len 28, the resolved family id, NLM_F_REQUEST|ACK; genlmsghdr: NETDEV_CMD_DEV_GET (1),
        // version 1; NETDEV_A_DEV_IFINDEX (1) = 7.
        assertThat(sent.bytes().toByteArray())
                .isEqualTo(hex("1c000000 1e00 0500" + le32(sent.sequence()) + le32(sent.portId())
                        + "01010000 08000100 07000000"));
        assertThat(reply.getClass().getName()).isEqualTo("gen.netdev.DevGetReply");
        assertThat(call(reply, "ifindex")).isEqualTo(OptionalLong.of(7));
        assertThat(call(((Optional<?>) call(reply, "xdpFeatures")).orElseThrow(), "raw"))
                .isEqualTo(7L);
        assertThat(call(reply, "unknown"))
                .isEqualTo(new UnknownAttributes(List.of(new RawAttribute(99, Bytes.fromHex("01000000")))));
    }

    @Test
    void napiSetWritesUintInFourBytesBelowTwoToTheThirtyTwoAndEightAbove() {
        FakeKernel kernel = genlKernel();
        kernel.on(NETDEV_ID, FakeKernel.Responder.ACK);
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.GENERIC)) {
            Object client = gen.callStatic("gen.netdev.Netdev", "client", socket);
            Object b = gen.callStatic("gen.netdev.NapiSetRequest", "builder");
            call(b, "id", 5L);
            call(b, "groFlushTimeout", 20_000L);
            call(b, "irqSuspendTimeout", 5_000_000_000L);
            call(client, "napiSet", call(b, "build"));
        }
        FakeKernel.Request sent = kernel.lastRequest();

        // genlmsghdr: NETDEV_CMD_NAPI_SET (14), version 1; NETDEV_A_NAPI_ID (2) u32 5;
        // GRO_FLUSH_TIMEOUT (6) uint 20000 in 4 bytes; IRQ_SUSPEND_TIMEOUT (7) uint 5e9 in 8 bytes.
        assertThat(sent.bytes().toByteArray())
                .isEqualTo(hex("30000000 1e00 0500" + le32(sent.sequence()) + le32(sent.portId()) + """
                        0e010000
                        08000200 05000000
                        08000600 204e0000
                        0c000700 00f2052a 01000000
                        """));
    }

    static KernelMessage newaddrMessage(int flags, int index, String local, String label) {
        return KernelMessage.of(20, flags, w -> {
            var h = w.fixedHeader(8);
            h.u8(0, 2);
            h.u8(1, 24);
            h.u32(4, index, false);
            try {
                w.bytes(2, InetAddress.getByName(local).getAddress()); // IFA_LOCAL
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
            w.string(3, label); // IFA_LABEL
            w.u32(8, 0x80, false); // IFA_FLAGS: not listed for getaddr's reply, so kept as unknown
        });
    }

    @Test
    void getaddrDumpDecodesEachReplyIntoATypedRecordKeepingUnlistedAttributes() throws Exception {
        FakeKernel kernel = FakeKernel.create();
        kernel.on(
                22,
                (request, reply) -> reply.send(
                                newaddrMessage(Netlink.NLM_F_MULTI, 7, "192.0.2.7", "v0"),
                                newaddrMessage(Netlink.NLM_F_MULTI, 8, "198.51.100.1", "v1"))
                        .send(KernelMessage.done()));
        List<?> replies;
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            Object client = gen.callStatic("gen.rtaddr.RtAddr", "client", socket);
            Object request = gen.callStatic("gen.rtaddr.GetaddrRequest", "of", ifaddrmsg(2, 0, 0));
            try (Stream<?> dump = (Stream<?>) call(client, "getaddrDump", request)) {
                replies = dump.toList();
            }
        }

        assertThat(kernel.lastRequest().type()).isEqualTo(22);
        assertThat(kernel.lastRequest().flags()).isEqualTo(Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        assertThat(replies).hasSize(2);
        Object first = replies.get(0);
        assertThat(first.getClass().getName()).isEqualTo("gen.rtaddr.GetaddrReply");
        assertThat(call(call(first, "header"), "ifaIndex")).isEqualTo(7L);
        assertThat(call(first, "local")).isEqualTo(Optional.of(ip("192.0.2.7")));
        assertThat(call(first, "label")).isEqualTo(Optional.of("v0"));
        assertThat(call(first, "address")).isEqualTo(Optional.empty());
        assertThat(call(first, "unknown"))
                .isEqualTo(new UnknownAttributes(List.of(new RawAttribute(8, Bytes.fromHex("80000000")))));
        assertThat(call(replies.get(1), "label")).isEqualTo(Optional.of("v1"));
    }

    @Test
    void kernelErrorNamesTheAttributeFromTheGeneratedTables() throws Exception {
        FakeKernel kernel = FakeKernel.create();
        kernel.on(
                20,
                (request, reply) -> reply.send(KernelMessage.error(
                        22, ExtAck.message("Invalid prefix length").withOffset(request.attributeOffset(8, 2)))));
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            Object client = gen.callStatic("gen.rtaddr.RtAddr", "client", socket);
            Object request = newaddr();
            assertThatThrownBy(() -> call(client, "newaddr", request))
                    .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                        assertThat(e.operation()).isEqualTo("rt-addr newaddr");
                        assertThat(e.errnoName()).isEqualTo("EINVAL");
                        assertThat(e.badAttribute()).contains("addr-attrs.local");
                        assertThat(e.extAckMessage()).contains("Invalid prefix length");
                    });
        }
    }

    @Test
    void notificationsDecodeByMessageType() {
        FakeKernel kernel = FakeKernel.create();
        kernel.push(
                KernelMessage.of(20, 0, hex("02180000 07000000 07000300 76300000")),
                KernelMessage.of(21, 0, hex("02180000 07000000")));
        Object n;
        Object u;
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            NetlinkMessage newaddr = socket.receive(Duration.ofSeconds(1)).orElseThrow();
            NetlinkMessage deladdr = socket.receive(Duration.ofSeconds(1)).orElseThrow();
            n = gen.callStatic("gen.rtaddr.RtAddrNotification", "decode", newaddr);
            u = gen.callStatic("gen.rtaddr.RtAddrNotification", "decode", deladdr);
        }

        assertThat(n.getClass().getName()).isEqualTo("gen.rtaddr.GetaddrReply");
        assertThat(call(n, "label")).isEqualTo(Optional.of("v0"));
        // RTM_DELADDR has RTM_NEWADDR's layout: typed, wrapped to keep the message type.
        assertThat(u.getClass().getName()).isEqualTo("gen.rtaddr.DeladdrNotification");
        assertThat(call(u, "messageType")).isEqualTo(21);
        Object deleted = call(u, "message");
        assertThat(deleted.getClass().getName()).isEqualTo("gen.rtaddr.GetaddrReply");
        assertThat(call(deleted, "label")).isEqualTo(Optional.empty());
    }
}
