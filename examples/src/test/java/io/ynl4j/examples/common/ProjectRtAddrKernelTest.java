package io.ynl4j.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.examples.gen.rtaddr.GetaddrReply;
import io.ynl4j.examples.gen.rtaddr.GetaddrRequest;
import io.ynl4j.examples.gen.rtaddr.IfaFlags;
import io.ynl4j.examples.gen.rtaddr.Ifaddrmsg;
import io.ynl4j.examples.gen.rtaddr.NewaddrRequest;
import io.ynl4j.examples.gen.rtaddr.RtAddr;
import io.ynl4j.examples.gen.rtaddr.RtAddrClient;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.CreateMode;
import io.ynl4j.runtime.Netns;
import io.ynl4j.runtime.SocketOptions;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The project's {@code specs/rt-addr.yaml} lists what the kernel really reads in RTM_NEWADDR and
 * sends in RTM_GETADDR replies (the kernel's spec lists four attributes), so the generated
 * bindings set and read broadcast, the 32-bit flags, the route priority and the protocol as typed
 * values. Checked against {@code ip -j addr show} in a namespace this test creates and deletes.
 */
@Tag("kernel")
class ProjectRtAddrKernelTest {
    private static final int AF_INET = 2;
    private Netns ns;
    private int v0;

    @BeforeEach
    void namespace() {
        ns = Netns.create();
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        v0 = ns.ifindex("v0");
    }

    @AfterEach
    void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void newaddrWithBroadcastFlagsPriorityAndProtoIsWhatIpAndTheDumpSee() throws Exception {
        Bytes local = Bytes.of(InetAddress.getByName("198.51.100.7"));
        long broadcast = 0xc63364ffL; // 198.51.100.255
        try (RtAddrClient client = RtAddr.open(SocketOptions.DEFAULTS.withNamedNetworkNamespace(ns.name()))) {
            client.newaddr(
                    NewaddrRequest.builder()
                            .header(Ifaddrmsg.builder()
                                    .ifaFamily(AF_INET)
                                    .ifaPrefixlen(24)
                                    .ifaIndex(v0)
                                    .build())
                            .local(local)
                            .address(local)
                            .broadcast(broadcast)
                            // NOPREFIXROUTE is bit 9: it fits only the 32-bit IFA_FLAGS, not the header
                            .flags(IfaFlags.of(IfaFlags.NOPREFIXROUTE))
                            .rtPriority(77)
                            .proto(42) // IFAPROT_*: 0-3 are the kernel's, the rest for the tool that adds it
                            .build(),
                    CreateMode.CREATE_EXCL);

            String ip = ns.ip("-j", "addr", "show", "dev", "v0");
            assertThat(ip)
                    .contains("\"local\":\"198.51.100.7\"", "\"broadcast\":\"198.51.100.255\"")
                    .contains("\"noprefixroute\":true", "\"metric\":77");
            // no prefix route: the kernel did as IFA_FLAGS said
            assertThat(ns.ip("route", "show", "dev", "v0")).doesNotContain("198.51.100.0/24");

            List<GetaddrReply> dump = client.getaddrDumpList(
                    GetaddrRequest.of(Ifaddrmsg.builder().ifaFamily(AF_INET).build()));
            GetaddrReply mine = dump.stream()
                    .filter(r -> r.header().ifaIndex() == v0)
                    .findFirst()
                    .orElseThrow();
            assertThat(mine.local()).contains(local);
            assertThat(mine.broadcast()).hasValue(broadcast);
            assertThat(mine.flags().orElseThrow().contains(IfaFlags.NOPREFIXROUTE))
                    .isTrue();
            assertThat(mine.flags().orElseThrow().contains(IfaFlags.PERMANENT)).isTrue();
            assertThat(mine.rtPriority()).hasValue(77);
            assertThat(mine.proto()).hasValue(42); // iproute2 6.1 does not show IFA_PROTO: the echo is the check
            // everything the kernel sent has a typed place now
            assertThat(mine.unknown().isEmpty()).isTrue();
        }
    }
}
