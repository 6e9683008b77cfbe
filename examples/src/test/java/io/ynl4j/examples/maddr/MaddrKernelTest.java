package io.ynl4j.examples.maddr;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.examples.common.Netns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code maddr} against the real kernel, in a namespace this test creates and deletes: a veth pair
 * {@code v0}/{@code v1}; socket A joins 20 IPv4 groups (239.1.1.1–20) and 20 IPv6 groups
 * (ff0e::1:1–20) on {@code v0}, socket B the first 10 of each. The output must equal {@code ip -n
 * NS maddr show} (with and without {@code dev v0}), list every group with users 2 (joined by both)
 * or 1, and {@code --verbose} must name the source of the user counts: IFA_MC_USERS on Linux 7.3+,
 * {@code /proc/net/igmp} and {@code igmp6} before.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaddrKernelTest {
    static final int GROUPS_A = 20;
    static final int GROUPS_B = 10;

    io.ynl4j.runtime.Netns ns;
    final List<DatagramChannel> sockets = new ArrayList<>();

    @BeforeAll
    void setUp() throws Exception {
        ns = io.ynl4j.runtime.Netns.create();
        try {
            // The default of 20 memberships per socket is just enough; leave room anyway.
            ns.exec("sysctl", "-qw", "net.ipv4.igmp_max_memberships=64");
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            // Java joins IPv4 groups through an interface's IPv4 address.
            ns.ip("address", "add", "192.0.2.1/24", "dev", "v0");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            awaitLinkLocal("v0");
            awaitLinkLocal("v1");
            Netns.run(ns.name(), () -> {
                NetworkInterface nif = NetworkInterface.getByName("v0");
                assertThat(nif).as("v0 seen from inside the namespace").isNotNull();
                DatagramChannel a = open();
                DatagramChannel b = open();
                for (int i = 1; i <= GROUPS_A; i++) {
                    a.join(v4(i), nif);
                    a.join(v6(i), nif);
                }
                for (int i = 1; i <= GROUPS_B; i++) {
                    b.join(v4(i), nif);
                    b.join(v6(i), nif);
                }
                return null;
            });
        } catch (Throwable t) {
            tearDown();
            throw t;
        }
    }

    DatagramChannel open() throws java.io.IOException {
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET6); // dual stack
        sockets.add(c);
        return c;
    }

    @AfterAll
    void tearDown() throws Exception {
        for (DatagramChannel c : sockets) {
            c.close();
        }
        sockets.clear();
        if (ns != null) {
            ns.close();
            ns = null;
        }
    }

    static InetAddress v4(int i) throws java.net.UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) 239, 1, 1, (byte) i});
    }

    static InetAddress v6(int i) throws java.net.UnknownHostException {
        byte[] a = new byte[16];
        a[0] = (byte) 0xff;
        a[1] = 0x0e;
        a[13] = 1;
        a[15] = (byte) i; // ff0e::1:i
        return InetAddress.getByAddress(a);
    }

    void awaitLinkLocal(String dev) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ns.ip("-6", "address", "show", "dev", dev, "scope", "link").contains("fe80")
                || ns.ip("-6", "address", "show", "dev", dev, "scope", "link").contains("tentative")) {
            assertThat(System.nanoTime()).as(dev + " got no link-local address").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    record Result(int code, String out, String err) {}

    static Result maddr(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Maddr.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Our output and ip's, read a few times until two reads agree (addrconf may still be busy). */
    String[] outputs(String... extra) throws InterruptedException {
        List<String> ours = new ArrayList<>(List.of("--netns", ns.name()));
        ours.addAll(List.of(extra));
        List<String> theirs = new ArrayList<>(List.of("maddr", "show"));
        theirs.addAll(List.of(extra));
        String[] last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            Result r = maddr(ours.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
            last = new String[] {r.out(), ns.ip(theirs.toArray(String[]::new))};
            if (last[0].equals(last[1])) {
                return last;
            }
            Thread.sleep(300);
        }
        return last;
    }

    @Test
    void outputEqualsIpMaddrShow() throws Exception {
        String[] both = outputs();
        assertThat(both[0]).isEqualTo(both[1]);
        System.out.println("MaddrKernelTest: maddr --netns NS equals ip -n NS maddr show:\n" + both[0]);
    }

    @Test
    void devFilterEqualsIpMaddrShowDev() throws Exception {
        String[] both = outputs("dev", "v0");
        assertThat(both[0]).isEqualTo(both[1]);
        assertThat(both[0]).startsWith(ns.ifindex("v0") + ":\tv0\n");
    }

    @Test
    void everyJoinedGroupHasItsUserCount() throws Exception {
        Result r = maddr("--netns", ns.name(), "dev", "v0");
        Map<String, Integer> users = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\t(inet6?) +(\\S+)( users (\\d+))?").matcher(r.out());
        while (m.find()) {
            users.put(m.group(2), m.group(4) == null ? 1 : Integer.parseInt(m.group(4)));
        }
        for (int i = 1; i <= GROUPS_A; i++) {
            int expected = i <= GROUPS_B ? 2 : 1;
            assertThat(users).containsEntry("239.1.1." + i, expected);
            assertThat(users).containsEntry("ff0e::1:" + Integer.toHexString(i), expected);
        }
    }

    @Test
    void verboseNamesTheSourceOfTheUserCounts() {
        Result r = maddr("--netns", ns.name(), "--verbose");
        assertThat(r.code()).isZero();
        String[] v = System.getProperty("os.version").split("[.-]");
        boolean before73 = Integer.parseInt(v[0]) < 7 || (Integer.parseInt(v[0]) == 7 && Integer.parseInt(v[1]) < 3);
        if (before73) {
            assertThat(r.err())
                    .contains("maddr: inet: ")
                    .contains("users from /proc/net/igmp (the kernel sent no IFA_MC_USERS)")
                    .contains("users from /proc/net/igmp6 (the kernel sent no IFA_MC_USERS)");
        } else {
            assertThat(r.err()).contains("users from IFA_MC_USERS");
        }
        assertThat(r.err()).contains("maddr: link: groups and users from /proc/net/dev_mcast");
        System.out.println("MaddrKernelTest: --verbose on " + System.getProperty("os.version") + ":\n" + r.err());
    }

    @Test
    void unknownDeviceIsReportedAsIpDoes() {
        Result r = maddr("--netns", ns.name(), "dev", "nosuchdev");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Device \"nosuchdev\" does not exist.\n");
    }

    @Test
    void unknownNamespaceIsAnError() {
        Result r = maddr("--netns", "ynl4j-no-such-namespace");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--netns ynl4j-no-such-namespace: no such network namespace");
    }
}
