package io.ynl4j.examples.maddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.ynl4j.examples.common.ProcNet;
import io.ynl4j.examples.gen.rtaddr.RtAddr;
import io.ynl4j.examples.gen.rtaddr.RtAddrClient;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.testing.FakeKernel;
import io.ynl4j.runtime.testing.KernelMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code maddr} over a fake kernel that answers the RTM_GETMULTICAST dumps with the bytes real
 * kernels sent ({@code ../shared/captures}, see its README): Linux 7.3 sends IFA_MC_USERS (users
 * 2 for 239.1.1.1–2 and ff0e::1:1–2, 1 for the others), Linux 6.18 does not, so its users come
 * from {@code /proc/net/igmp} and {@code igmp6} (here the tables printed next to the captures).
 * Both must print the same {@code ip maddr show} text.
 */
class MaddrCaptureTest {
    static final int RTM_GETMULTICAST = 58;
    static final int NLM_F_MULTI = 2;

    /** {@code /proc/net/dev_mcast} of the captures' namespace (made up: the captures hold none). */
    static final String DEV_MCAST = """
            2    veth1           1     0     333300000001
            2    veth1           1     0     01005e000001
            2    veth1           1     0     3333ff000002
            3    veth0           1     0     333300000001
            3    veth0           2     1     01005e000001
            """;

    /** {@code /proc/net/igmp} and {@code igmp6} as read next to the 6.18 captures (README.md there). */
    static final String IGMP = """
            Idx	Device    : Count Querier	Group    Users Timer	Reporter
            1	lo        :     1      V3
            				010000E0     1 0:00000000		0
            2	veth1     :     1      V3
            				010000E0     1 0:00000000		0
            3	veth0     :     6      V3
            				050101EF     1 0:00000000		0
            				040101EF     1 0:00000000		0
            				030101EF     1 0:00000000		0
            				020101EF     2 0:00000000		0
            				010101EF     2 0:00000000		0
            				010000E0     1 0:00000000		0
            """;

    static final String IGMP6 = """
            1    lo              ff020000000000000000000000000001     1 0000000C 0
            1    lo              ff010000000000000000000000000001     1 00000008 0
            2    veth1           ff0200000000000000000001ff000002     1 00000004 0
            2    veth1           ff020000000000000000000000000001     1 0000000C 0
            2    veth1           ff010000000000000000000000000001     1 00000008 0
            3    veth0           ff0e0000000000000000000000010005     1 00000004 0
            3    veth0           ff0e0000000000000000000000010004     1 00000004 0
            3    veth0           ff0e0000000000000000000000010003     1 00000004 0
            3    veth0           ff0e0000000000000000000000010002     2 00000004 0
            3    veth0           ff0e0000000000000000000000010001     2 00000004 0
            3    veth0           ff0200000000000000000001ff000001     1 00000004 0
            3    veth0           ff020000000000000000000000000001     1 0000000C 0
            3    veth0           ff010000000000000000000000000001     1 00000008 0
            """;

    static final String EXPECTED = """
            1:	lo
            	inet  224.0.0.1
            	inet6 ff02::1
            	inet6 ff01::1
            2:	veth1
            	link  33:33:00:00:00:01
            	link  01:00:5e:00:00:01
            	link  33:33:ff:00:00:02
            	inet  224.0.0.1
            	inet6 ff02::1:ff00:2
            	inet6 ff02::1
            	inet6 ff01::1
            3:	veth0
            	link  33:33:00:00:00:01
            	link  01:00:5e:00:00:01 users 2 static
            	inet  239.1.1.5
            	inet  239.1.1.4
            	inet  239.1.1.3
            	inet  239.1.1.2 users 2
            	inet  239.1.1.1 users 2
            	inet  224.0.0.1
            	inet6 ff0e::1:5
            	inet6 ff0e::1:4
            	inet6 ff0e::1:3
            	inet6 ff0e::1:2 users 2
            	inet6 ff0e::1:1 users 2
            	inet6 ff02::1:ff00:1
            	inet6 ff02::1
            	inet6 ff01::1
            """;

    static final Map<Integer, String> NAMES = Map.of(1, "lo", 2, "veth1", 3, "veth0");

    /** A fake /proc/net that records which files were read. */
    static final class FakeProc implements ProcNet {
        final Map<String, String> files;
        final List<String> read = new ArrayList<>();

        FakeProc(Map<String, String> files) {
            this.files = files;
        }

        @Override
        public Optional<String> read(String name) {
            read.add(name);
            return Optional.ofNullable(files.get(name));
        }
    }

    @Test
    void linux73UsersComeFromIfaMcUsersAndProcIgmpIsNotRead() throws IOException {
        FakeProc proc = new FakeProc(Map.of("dev_mcast", DEV_MCAST));
        Maddr.Report report = collect("7.3", proc);

        assertThat(Maddr.render(report.groups(), null)).isEqualTo(EXPECTED);
        assertThat(proc.read).containsExactly("dev_mcast");
        assertThat(report.sources().get(Maddr.Kind.INET))
                .isEqualTo("8 groups from RTM_GETMULTICAST, users from IFA_MC_USERS");
        assertThat(report.sources().get(Maddr.Kind.INET6))
                .isEqualTo("13 groups from RTM_GETMULTICAST, users from IFA_MC_USERS");
    }

    @Test
    void linux618UsersComeFromProcIgmpAndIgmp6() throws IOException {
        FakeProc proc = new FakeProc(Map.of("dev_mcast", DEV_MCAST, "igmp", IGMP, "igmp6", IGMP6));
        Maddr.Report report = collect("6.18", proc);

        assertThat(Maddr.render(report.groups(), null)).isEqualTo(EXPECTED);
        assertThat(proc.read).containsExactly("dev_mcast", "igmp", "igmp6");
        assertThat(report.sources().get(Maddr.Kind.INET))
                .isEqualTo(
                        "8 groups from RTM_GETMULTICAST, users from /proc/net/igmp (the kernel sent no IFA_MC_USERS)");
        assertThat(report.sources().get(Maddr.Kind.INET6))
                .isEqualTo(
                        "13 groups from RTM_GETMULTICAST, users from /proc/net/igmp6 (the kernel sent no IFA_MC_USERS)");
    }

    @Test
    void linux73UsersWinOverProcWhenBothAreThere() throws IOException {
        // IFA_MC_USERS is the kernel's answer for the dump itself; /proc is not consulted.
        FakeProc proc = new FakeProc(Map.of("dev_mcast", DEV_MCAST, "igmp", "garbage", "igmp6", "garbage"));
        Maddr.Report report = collect("7.3", proc);
        assertThat(Maddr.render(report.groups(), "veth0")).isEqualTo(EXPECTED.substring(EXPECTED.indexOf("3:\tveth0")));
    }

    @Test
    void devFilterKeepsOneInterface() throws IOException {
        Maddr.Report report = collect("7.3", new FakeProc(Map.of()));
        assertThat(Maddr.render(report.groups(), "lo"))
                .isEqualTo("1:\tlo\n\tinet  224.0.0.1\n\tinet6 ff02::1\n\tinet6 ff01::1\n");
    }

    @Test
    void requestsAreDumpsOfRtmGetmulticastPerFamily() throws IOException {
        FakeKernel kernel = fakeKernel("7.3");
        try (RtAddrClient client = RtAddr.client(kernel.socket(NetlinkProtocol.ROUTE))) {
            Maddr.collect(client, new FakeProc(Map.of()), i -> Optional.ofNullable(NAMES.get(i)));
        }
        assertThat(kernel.requests()).hasSize(2);
        assertThat(kernel.requests()).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo(RTM_GETMULTICAST);
            assertThat(r.hasFlags(0x301)).as("NLM_F_REQUEST|NLM_F_DUMP").isTrue();
        });
        assertThat(kernel.requests().get(0).payload().get(0)).isEqualTo((byte) 2);
        assertThat(kernel.requests().get(1).payload().get(0)).isEqualTo((byte) 10);
    }

    static Maddr.Report collect(String kernelVersion, ProcNet proc) throws IOException {
        FakeKernel kernel = fakeKernel(kernelVersion);
        try (RtAddrClient client = RtAddr.client(kernel.socket(NetlinkProtocol.ROUTE))) {
            return Maddr.collect(client, proc, i -> Optional.ofNullable(NAMES.get(i)));
        }
    }

    /** A fake kernel answering each RTM_GETMULTICAST dump with the captured messages of its family. */
    static FakeKernel fakeKernel(String kernelVersion) throws IOException {
        List<KernelMessage> v4 = capture("rt-getmulticast-ipv4-linux-" + kernelVersion + ".bin");
        List<KernelMessage> v6 = capture("rt-getmulticast-ipv6-linux-" + kernelVersion + ".bin");
        FakeKernel kernel = FakeKernel.create();
        kernel.on(RTM_GETMULTICAST, (request, reply) -> {
            int family = request.payload().get(0);
            List<KernelMessage> parts = new ArrayList<>(family == 2 ? v4 : family == 10 ? v6 : List.of());
            parts.add(KernelMessage.done().plusFlags(NLM_F_MULTI));
            reply.send(parts.toArray(KernelMessage[]::new));
        });
        return kernel;
    }

    /** The data messages of a capture (its NLMSG_DONE dropped), re-stamped by the fake per request. */
    static List<KernelMessage> capture(String file) throws IOException {
        String shared = System.getProperty("ynl4j.shared", "../../shared");
        Path path = Path.of(shared, "captures", file);
        if (!Files.isRegularFile(path)) {
            String why = "the captures are not there: " + path;
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " (CI=true: a skip is a failure)");
            }
            Assumptions.abort(why);
        }
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<KernelMessage> out = new ArrayList<>();
        int at = 0;
        while (at + 16 <= bytes.length) {
            int len = b.getInt(at);
            int type = b.getShort(at + 4) & 0xffff;
            int flags = b.getShort(at + 6) & 0xffff;
            if (type == RTM_GETMULTICAST) {
                out.add(KernelMessage.of(type, flags, Arrays.copyOfRange(bytes, at + 16, at + len)));
            }
            at += (len + 3) & ~3;
        }
        return out;
    }
}
