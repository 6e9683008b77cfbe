package io.ynl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.StructReader;
import io.ynl4j.runtime.codec.StructWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * rtnetlink address messages against the real kernel, in a namespace of our own, written by hand
 * with the codec (generated code will do the same): a 1,000-address dump equals {@code ip -j addr},
 * newaddr/deladdr change what {@code ip} sees, and a bad request fails with the kernel's errno and
 * extended-ACK text.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtAddrKernelTest {
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_DELADDR = 21;
    private static final int RTM_GETADDR = 22;
    private static final int AF_INET = 2;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_LABEL = 3;
    private static final int IFADDRMSG = 8;

    private Netns ns;
    private int ifindex;

    @BeforeAll
    void setUp() {
        ns = Netns.create();
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ns.ip("link", "set", "v0", "up");
        ns.ip("link", "set", "v1", "up");
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add("address add 10.77." + (i / 250) + "." + (i % 250 + 1) + "/16 dev v0");
        }
        ns.ipBatch(batch);
        ifindex = Integer.parseInt(ns.ip("-j", "link", "show", "v0").replaceAll("(?s).*\"ifindex\":(\\d+).*", "$1"));
    }

    @AfterAll
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    private static MessageWriter addrMessage(int type, int flags, int family, int prefix, int index) {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(type, flags);
        StructWriter h = w.fixedHeader(IFADDRMSG);
        h.u8(0, family);
        h.u8(1, prefix);
        h.u32(4, index, false);
        return withEnd(w, msg);
    }

    private static MessageWriter withEnd(MessageWriter w, int token) {
        w.endMessage(token);
        return w;
    }

    private Set<String> kernelDump(NetlinkSocket s) {
        MessageWriter w = addrMessage(RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, AF_INET, 0, 0);
        Set<String> out = new TreeSet<>();
        try (Stream<NetlinkMessage> replies = s.dump("rt-addr getaddr", w)) {
            replies.forEach(m -> {
                assertThat(m.type()).isEqualTo(RTM_NEWADDR);
                StructReader h = m.fixedHeader(0, IFADDRMSG);
                int prefix = h.u8(1);
                long index = h.u32(4, false);
                String local = null;
                String label = null;
                AttrReader r = m.attributes(IFADDRMSG);
                while (r.next()) {
                    switch (r.type()) {
                        case IFA_LOCAL -> local = r.bytes().toInetAddress().getHostAddress();
                        case IFA_LABEL -> label = r.string();
                        default -> {}
                    }
                }
                out.add(index + " " + label + " " + local + "/" + prefix);
            });
        }
        return out;
    }

    private Set<String> ipDump() {
        JsonNode links = JsonMapper.builder().build().readTree(ns.ip("-j", "-4", "addr", "show"));
        Set<String> out = new TreeSet<>();
        for (JsonNode link : links) {
            for (JsonNode a : link.get("addr_info")) {
                out.add(link.get("ifindex").asInt() + " " + a.get("label").asString() + " "
                        + a.get("local").asString() + "/" + a.get("prefixlen").asInt());
            }
        }
        return out;
    }

    @Test
    void dumpOfAThousandAddressesEqualsIpJson() {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            Set<String> kernel = kernelDump(s);
            assertThat(kernel).hasSizeGreaterThanOrEqualTo(1001).isEqualTo(ipDump());
            // The socket stays usable: a second dump gives the same.
            assertThat(kernelDump(s)).isEqualTo(kernel);
        }
    }

    @Test
    void newaddrThenDeladdrChangeWhatIpSees() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            int flags = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_EXCL | Netlink.NLM_F_CREATE;
            MessageWriter add = new MessageWriter();
            int msg = add.beginMessage(RTM_NEWADDR, flags);
            StructWriter h = add.fixedHeader(IFADDRMSG);
            h.u8(0, AF_INET);
            h.u8(1, 24);
            h.u32(4, ifindex, false);
            byte[] addr = InetAddress.getByName("192.0.2.7").getAddress();
            add.bytes(IFA_LOCAL, addr);
            add.bytes(IFA_ADDRESS, addr);
            add.endMessage(msg);
            assertThat(s.request("rt-addr newaddr", add)).isEmpty();
            assertThat(ns.ip("-4", "addr", "show", "dev", "v0")).contains("192.0.2.7/24");

            // Creating it again with EXCL: the kernel says EEXIST.
            assertThatThrownBy(() -> s.request("rt-addr newaddr", add))
                    .isInstanceOf(KernelErrorException.class)
                    .hasMessageStartingWith("rt-addr newaddr failed: EEXIST (File exists)")
                    .extracting(e -> ((KernelErrorException) e).errnoName())
                    .isEqualTo("EEXIST");

            MessageWriter del = new MessageWriter();
            msg = del.beginMessage(RTM_DELADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
            h = del.fixedHeader(IFADDRMSG);
            h.u8(0, AF_INET);
            h.u8(1, 24);
            h.u32(4, ifindex, false);
            del.bytes(IFA_LOCAL, addr);
            del.endMessage(msg);
            assertThat(s.request("rt-addr deladdr", del)).isEmpty();
            assertThat(ns.ip("-4", "addr", "show", "dev", "v0")).doesNotContain("192.0.2.7");
        }
    }

    @Test
    void badRequestFailsWithErrnoExtendedAckAndAttributePath() {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            // IFA_LOCAL of 3 bytes: the policy wants 4 (IPv4); the kernel says ERANGE and names it.
            MessageWriter add = new MessageWriter();
            int msg = add.beginMessage(
                    RTM_NEWADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
            StructWriter h = add.fixedHeader(IFADDRMSG);
            h.u8(0, AF_INET);
            h.u8(1, 24);
            h.u32(4, ifindex, false);
            add.u32(IFA_LABEL + 100, 1, false); // unknown attribute type is fine for the kernel
            add.bytes(IFA_LOCAL, new byte[] {(byte) 192, 0, 2});
            add.endMessage(msg);
            assertThatThrownBy(() -> s.request("rt-addr newaddr", add, IFADDRMSG, AttrNamer.NUMERIC))
                    .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("ERANGE");
                        assertThat(e.extAckMessage()).isPresent();
                        assertThat(e.badAttribute()).contains("2");
                        assertThat(e.getMessage())
                                .startsWith(
                                        "rt-addr newaddr failed: ERANGE (Numerical result out of range): kernel says '")
                                .endsWith("(bad attribute: 2) (policy: u32, range 0..4294967295)");
                        // IPv4's policy declares IFA_LOCAL a u32: the kernel says so in the extended ACK.
                        assertThat(e.policy()).contains("u32, range 0..4294967295");
                    });
        }
    }

    @Test
    void closingADumpEarlyDrainsItAndKeepsTheSocketUsable() {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            MessageWriter w = addrMessage(RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, AF_INET, 0, 0);
            try (Stream<NetlinkMessage> replies = s.dump("rt-addr getaddr", w)) {
                assertThat(replies.limit(3).count()).isEqualTo(3);
            }
            assertThat(kernelDump(s)).isEqualTo(ipDump());
        }
    }

    @Test
    void aSecondRequestWhileADumpIsOpenIsRefused() {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            MessageWriter w = addrMessage(RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, AF_INET, 0, 0);
            try (Stream<NetlinkMessage> replies = s.dump("rt-addr getaddr", w)) {
                assertThatThrownBy(() -> s.dump("rt-addr getaddr", w)).isInstanceOf(IllegalStateException.class);
                assertThat(replies.count()).isGreaterThan(1000);
            }
        }
    }

    @Test
    void socketFlagsCanBeSetAndReadBack() {
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            assertThat(s.flag(SocketFlag.EXT_ACK)).isTrue(); // on by default
            assertThat(s.flag(SocketFlag.CAP_ACK)).isTrue();
            for (SocketFlag f : List.of(
                    SocketFlag.BROADCAST_ERROR,
                    SocketFlag.NO_ENOBUFS,
                    SocketFlag.LISTEN_ALL_NSID,
                    SocketFlag.PKTINFO,
                    SocketFlag.GET_STRICT_CHK)) {
                assertThat(s.flag(f)).as(f.cName()).isFalse();
                s.setFlag(f, true);
                assertThat(s.flag(f)).as(f.cName()).isTrue();
                s.setFlag(f, false);
                assertThat(s.flag(f)).as(f.cName()).isFalse();
            }
            // The socket still works after all that.
            assertThat(kernelDump(s)).isEqualTo(ipDump());
        }
    }

    @Test
    void aSocketCanBeOpenedInANamespaceGivenByFileDescriptor() {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            var state = io.ynl4j.runtime.internal.ffm.Libc.errnoState(arena);
            int fd = io.ynl4j.runtime.internal.ffm.Libc.open(
                    state,
                    arena.allocateFrom(ns.path().toString()),
                    io.ynl4j.runtime.internal.ffm.Libc.O_RDONLY_CLOEXEC,
                    0);
            assertThat(fd).as("open %s", ns.path()).isNotNegative();
            try (NetlinkSocket s =
                    NetlinkSocket.open(NetlinkProtocol.ROUTE, SocketOptions.DEFAULTS.withNetworkNamespaceFd(fd))) {
                // The namespace's 1,000 addresses, not the host's.
                assertThat(kernelDump(s)).isEqualTo(ipDump());
            } finally {
                io.ynl4j.runtime.internal.ffm.Libc.close(state, fd);
            }
        }
    }
}
