package io.ynl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.StructReader;
import io.ynl4j.runtime.codec.StructWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code RTM_GETMULTICAST} dumps against the real kernel, in a namespace of our own, written by hand
 * with the codec. Two UDP sockets, created inside the namespace, hold IPv4 and IPv6 memberships on
 * {@code v0}: socket A joins 239.1.1.1–20 and ff0e::1:1–ff0e::1:14, socket B the first 10 of each,
 * so the first 10 groups of each family have 2 users and the rest 1. The test then checks that
 *
 * <ul>
 *   <li>every joined group is in the dump, on v0's ifindex only;
 *   <li>the dump's set of (ifindex, group) equals {@code /proc/net/igmp} / {@code /proc/net/igmp6}
 *       read inside the namespace (so the kernel's own groups — 224.0.0.1, ff02::1, ff01::1, the
 *       solicited-node groups — are there too);
 *   <li>{@code /proc} says 2 users for the first 10 groups and 1 for the others;
 *   <li>{@code IFA_MC_USERS} (type 12, Linux 7.3 and later), per family, is either in every reply
 *       and equal to {@code /proc}'s users, or in none (older kernels such as 6.18);
 *   <li>{@code ip -j maddr show dev v0} (which reads {@code /proc}) agrees on v0's groups and users.
 * </ul>
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GetMulticastKernelTest {
    private static final int RTM_GETMULTICAST = 58;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int IFADDRMSG = 8;
    private static final int IFA_CACHEINFO = 6;
    private static final int IFA_MULTICAST = 7;
    private static final int IFA_MC_USERS = 12;
    private static final int IFA_F_PERMANENT = 0x80;
    private static final long INFINITY_LIFE_TIME = 0xffffffffL;
    private static final int GROUPS_A = 20;
    private static final int GROUPS_B = 10;

    private Netns ns;
    private int v0;
    private Map<Integer, String> names;
    private final List<DatagramChannel> sockets = new ArrayList<>();

    /** One membership: interface index and group, the group written canonically. */
    private record Key(int ifindex, String group) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return ifindex != o.ifindex ? Integer.compare(ifindex, o.ifindex) : group.compareTo(o.group);
        }

        @Override
        public String toString() {
            return ifindex + " " + group;
        }
    }

    /** One decoded RTM_GETMULTICAST reply; {@code users} is null when IFA_MC_USERS is absent. */
    private record Reply(
            Key key, int prefixlen, int flags, Long users, long prefered, long valid, List<Integer> types) {}

    @BeforeAll
    void setUp() throws Exception {
        ns = Netns.create();
        try {
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            // Java joins an IPv4 group through one of the interface's IPv4 addresses (and its
            // NetworkInterface lookup only finds, inside a setns thread, interfaces with one).
            ns.ip("address", "add", "192.0.2.1/24", "dev", "v0");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            // Each socket may hold net.ipv4.igmp_max_memberships IPv4 groups (default 20; A holds
            // 20). IPv6 has no such count (net.ipv6.mld_max_msf limits source filters): each
            // membership is charged to the socket's option memory, net.core.optmem_max.
            ns.exec("sysctl", "-q", "-w", "net.ipv4.igmp_max_memberships=100");
            System.out.println("[GetMulticastKernelTest] kernel " + System.getProperty("os.version")
                    + "; in the namespace net.ipv4.igmp_max_memberships="
                    + ns.exec("sysctl", "-n", "net.ipv4.igmp_max_memberships").strip()
                    + ", net.core.optmem_max="
                    + ns.exec("sysctl", "-n", "net.core.optmem_max").strip());
            names = interfaceNames();
            v0 = names.entrySet().stream()
                    .filter(e -> e.getValue().equals("v0"))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            awaitLinkLocal("v0");
            awaitLinkLocal("v1");
            ns.insideOnNewThread(() -> {
                NetworkInterface nif = NetworkInterface.getByName("v0");
                assertThat(nif).as("v0 seen from inside the namespace").isNotNull();
                assertThat(nif.getIndex()).isEqualTo(v0);
                // Dual-stack sockets: each joins both families' groups.
                DatagramChannel a = open();
                DatagramChannel b = open();
                for (int i = 1; i <= GROUPS_A; i++) {
                    a.join(v4Group(i), nif);
                    a.join(v6Group(i), nif);
                }
                for (int i = 1; i <= GROUPS_B; i++) {
                    b.join(v4Group(i), nif);
                    b.join(v6Group(i), nif);
                }
                return null;
            });
        } catch (Throwable t) {
            tearDown();
            throw t;
        }
    }

    private DatagramChannel open() throws IOException {
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET6);
        sockets.add(c);
        return c;
    }

    @AfterAll
    void tearDown() throws IOException {
        try {
            for (DatagramChannel c : sockets) {
                c.close();
            }
            sockets.clear();
        } finally {
            if (ns != null) {
                ns.close();
                ns = null;
            }
        }
    }

    private static InetAddress v4Group(int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) 239, 1, 1, (byte) i});
    }

    private static InetAddress v6Group(int i) throws UnknownHostException {
        byte[] a = new byte[16];
        a[0] = (byte) 0xff;
        a[1] = 0x0e;
        a[13] = 1;
        a[15] = (byte) i; // ff0e::1:1 .. ff0e::1:14 (hex)
        return InetAddress.getByAddress(a);
    }

    private static InetAddress group(int family, int i) throws UnknownHostException {
        return family == AF_INET ? v4Group(i) : v6Group(i);
    }

    private Map<Integer, String> interfaceNames() {
        JsonNode links = JsonMapper.builder().build().readTree(ns.ip("-j", "link", "show"));
        Map<Integer, String> out = new TreeMap<>();
        for (JsonNode l : links) {
            out.put(l.get("ifindex").asInt(), l.get("ifname").asString());
        }
        return out;
    }

    /** Waits for the IPv6 link-local address, so addrconf's solicited-node group is joined. */
    private void awaitLinkLocal(String dev) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ns.ip("-6", "address", "show", "dev", dev, "scope", "link").contains("fe80")) {
            assertThat(System.nanoTime()).as(dev + " got no link-local address").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    // ---- formatting ----

    /** Dotted IPv4, or IPv6 with the longest run (of 2 or more) of zero groups written as ::. */
    static String text(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static Key key(int ifindex, InetAddress group) {
        return new Key(ifindex, text(group.getAddress()));
    }

    // ---- the dump ----

    private List<Reply> dump(int family) {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(RTM_GETMULTICAST, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        StructWriter h = w.fixedHeader(IFADDRMSG);
        h.u8(0, family);
        w.endMessage(msg);
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options());
                Stream<NetlinkMessage> replies = s.dump("rt-addr getmulticast", w)) {
            return replies.map(m -> decode(family, m)).toList();
        }
    }

    private static Reply decode(int family, NetlinkMessage m) {
        assertThat(m.type()).as("reply type").isEqualTo(RTM_GETMULTICAST);
        assertThat(m.flags() & Netlink.NLM_F_MULTI).as("NLM_F_MULTI").isNotZero();
        StructReader h = m.fixedHeader(0, IFADDRMSG);
        assertThat(h.u8(0)).as("ifa_family").isEqualTo(family);
        int prefixlen = h.u8(1);
        int flags = h.u8(2);
        int ifindex = (int) h.u32(4, false);
        byte[] group = null;
        Long users = null;
        long prefered = -1;
        long valid = -1;
        List<Integer> types = new ArrayList<>();
        AttrReader r = m.attributes(IFADDRMSG);
        while (r.next()) {
            types.add(r.type());
            switch (r.type()) {
                case IFA_MULTICAST -> group = r.byteArray();
                case IFA_MC_USERS -> {
                    assertThat(r.length()).as("IFA_MC_USERS payload").isEqualTo(4);
                    users = r.u32();
                }
                case IFA_CACHEINFO -> {
                    StructReader ci = r.struct(16);
                    prefered = ci.u32(0, false);
                    valid = ci.u32(4, false);
                }
                default -> {}
            }
        }
        assertThat(group).as("IFA_MULTICAST in " + types).isNotNull();
        assertThat(group).hasSize(family == AF_INET ? 4 : 16);
        return new Reply(new Key(ifindex, text(group)), prefixlen, flags, users, prefered, valid, List.copyOf(types));
    }

    // ---- /proc and ip ----

    private static final Pattern IGMP_DEVICE = Pattern.compile("^(\\d+)\\s+(\\S+?)\\s*:\\s*(\\d+)\\s+(\\S+)\\s*$");

    /**
     * {@code /proc/net/igmp}: a header line, then per device "IDX\tNAME: COUNT QUERIER" followed by
     * its groups, one per tab-indented line "GROUP USERS TIMER REPORTER". GROUP is the __be32 printed
     * with %08X, i.e. in host byte order (010000E0 is 224.0.0.1 on little-endian).
     */
    Map<Key, Integer> procIgmp() {
        List<String> lines = ns.exec("cat", "/proc/net/igmp").lines().toList();
        assertThat(lines.getFirst()).startsWith("Idx").contains("Group").contains("Users");
        Map<Key, Integer> out = new LinkedHashMap<>();
        int ifindex = -1;
        int expected = 0;
        int seen = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("\t")) {
                String[] f = line.strip().split("\\s+");
                assertThat(ifindex).as("group line before any device: " + line).isPositive();
                byte[] a = ByteBuffer.allocate(4)
                        .order(ByteOrder.nativeOrder())
                        .putInt((int) Long.parseLong(f[0], 16))
                        .array();
                assertThat(out.put(new Key(ifindex, text(a)), Integer.parseInt(f[1])))
                        .as("duplicate in /proc/net/igmp: " + line)
                        .isNull();
                seen++;
            } else {
                assertThat(seen)
                        .as("groups listed vs Count of device " + ifindex)
                        .isEqualTo(expected);
                Matcher mt = IGMP_DEVICE.matcher(line);
                assertThat(mt.matches()).as("device line: " + line).isTrue();
                ifindex = Integer.parseInt(mt.group(1));
                assertThat(mt.group(2)).isEqualTo(names.get(ifindex));
                expected = Integer.parseInt(mt.group(3));
                seen = 0;
            }
        }
        assertThat(seen).as("groups listed vs Count of device " + ifindex).isEqualTo(expected);
        return out;
    }

    /** {@code /proc/net/igmp6}: "IDX DEVICE ADDRESS(32 hex) USERS FLAGS TIMER" per line. */
    Map<Key, Integer> procIgmp6() {
        Map<Key, Integer> out = new LinkedHashMap<>();
        for (String line : ns.exec("cat", "/proc/net/igmp6").lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            assertThat(f).as(line).hasSize(6);
            int ifindex = Integer.parseInt(f[0]);
            assertThat(f[1]).isEqualTo(names.get(ifindex));
            assertThat(f[2]).hasSize(32);
            assertThat(out.put(new Key(ifindex, text(HexFormat.of().parseHex(f[2]))), Integer.parseInt(f[3])))
                    .as("duplicate in /proc/net/igmp6: " + line)
                    .isNull();
        }
        return out;
    }

    private Map<Key, Integer> proc(int family) {
        return family == AF_INET ? procIgmp() : procIgmp6();
    }

    /** v0's groups of a family, with users, from {@code ip -j maddr show dev v0}; users default 1. */
    private Map<Key, Integer> ipMaddr(int family) throws UnknownHostException {
        JsonNode links = JsonMapper.builder().build().readTree(ns.ip("-j", "maddr", "show", "dev", "v0"));
        Map<Key, Integer> out = new TreeMap<>();
        for (JsonNode l : links) {
            assertThat(l.get("ifindex").asInt()).isEqualTo(v0);
            for (JsonNode a : l.get("maddr")) {
                JsonNode fam = a.get("family");
                if (fam == null || !fam.asString().equals(family == AF_INET ? "inet" : "inet6")) {
                    continue; // link-layer entries
                }
                // The address is a literal, so no name lookup happens.
                InetAddress g = InetAddress.getByName(a.get("address").asString());
                JsonNode users = a.get("users");
                out.put(key(v0, g), users == null ? 1 : users.asInt());
            }
        }
        return out;
    }

    /** True when the running kernel ({@code os.version}, e.g. "7.3-amd64", "6.18.44-…") is major.minor or later. */
    static boolean kernelAtLeast(int major, int minor) {
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(System.getProperty("os.version"));
        if (!m.find()) {
            return false;
        }
        int maj = Integer.parseInt(m.group(1));
        return maj > major || (maj == major && Integer.parseInt(m.group(2)) >= minor);
    }

    // ---- the checks ----

    @Test
    void ipv4DumpMatchesProcNetIgmp() throws Exception {
        check(AF_INET);
    }

    @Test
    void ipv6DumpMatchesProcNetIgmp6() throws Exception {
        check(AF_INET6);
    }

    private void check(int family) throws Exception {
        String fam = family == AF_INET ? "AF_INET" : "AF_INET6";
        String procName = family == AF_INET ? "/proc/net/igmp" : "/proc/net/igmp6";

        // A snapshot: /proc before and after the dump agree, so nothing changed in between.
        List<Reply> replies = null;
        Map<Key, Integer> proc = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Map<Key, Integer> before = proc(family);
            replies = dump(family);
            proc = proc(family);
            if (before.equals(proc)) {
                break;
            }
            Thread.sleep(200);
        }

        Map<Key, Reply> dumped = new TreeMap<>();
        for (Reply r : replies) {
            assertThat(dumped.put(r.key(), r))
                    .as("duplicate reply for " + r.key())
                    .isNull();
            assertThat(r.prefixlen()).as("prefixlen of " + r.key()).isEqualTo(family == AF_INET ? 32 : 128);
            assertThat(r.flags() & IFA_F_PERMANENT)
                    .as("IFA_F_PERMANENT on " + r.key())
                    .isNotZero();
            assertThat(r.types()).as("attributes of " + r.key()).contains(IFA_MULTICAST, IFA_CACHEINFO);
            assertThat(r.prefered()).as("ifa_prefered of " + r.key()).isEqualTo(INFINITY_LIFE_TIME);
            assertThat(r.valid()).as("ifa_valid of " + r.key()).isEqualTo(INFINITY_LIFE_TIME);
        }

        // Every joined group, on v0 only, and /proc's users: 2 for the first 10, 1 for the rest.
        for (int i = 1; i <= GROUPS_A; i++) {
            Key k = key(v0, group(family, i));
            int expectedUsers = i <= GROUPS_B ? 2 : 1;
            assertThat(dumped).as(fam + " dump").containsKey(k);
            assertThat(proc).as(procName).containsEntry(k, expectedUsers);
            String g = k.group();
            assertThat(dumped.keySet().stream().filter(o -> o.group().equals(g)))
                    .as(g + " only on v0")
                    .containsExactly(k);
        }

        // The dump lists exactly what /proc lists.
        assertThat(new TreeSet<>(dumped.keySet()))
                .as(fam + " dump vs " + procName)
                .isEqualTo(new TreeSet<>(proc.keySet()));

        // IFA_MC_USERS: in every reply of the family, equal to /proc's users, or in none.
        long withUsers = replies.stream().filter(r -> r.users() != null).count();
        assertThat(withUsers)
                .as(fam + " replies carrying IFA_MC_USERS (all or none)")
                .isIn(0L, (long) replies.size());
        if (kernelAtLeast(7, 3)) {
            assertThat(withUsers)
                    .as(fam + " replies carrying IFA_MC_USERS on kernel " + System.getProperty("os.version")
                            + " (Linux 7.3 and later send it in every reply)")
                    .isEqualTo(replies.size());
        }
        String usersNote;
        if (withUsers > 0) {
            for (Reply r : replies) {
                assertThat(r.users())
                        .as("IFA_MC_USERS of " + r.key())
                        .isEqualTo(proc.get(r.key()).longValue());
            }
            usersNote = "IFA_MC_USERS present in all " + withUsers + " replies and equal to " + procName + "'s users";
        } else {
            usersNote = "IFA_MC_USERS absent in all " + replies.size() + " replies (kernel "
                    + System.getProperty("os.version") + " does not send it; Linux 7.3 does):"
                    + " users checked against " + procName + " only";
        }

        // ip maddr (which reads /proc) agrees for v0.
        Map<Key, Integer> ip = ipMaddr(family);
        Map<Key, Integer> procV0 = proc.entrySet().stream()
                .filter(e -> e.getKey().ifindex() == v0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
        String ipNote;
        if (ip.isEmpty()) {
            ipNote = "ip maddr listed no " + fam + " groups for v0: not compared";
        } else {
            assertThat(ip).as("ip -j maddr show dev v0 vs " + procName).isEqualTo(procV0);
            ipNote = "ip -j maddr show dev v0 agrees (" + ip.size() + " groups, users)";
        }

        StringBuilder out = new StringBuilder();
        out.append("[GetMulticastKernelTest] RTM_GETMULTICAST ")
                .append(fam)
                .append(": ")
                .append(replies.size())
                .append(" replies, kernel ")
                .append(System.getProperty("os.version"))
                .append('\n');
        for (Reply r : replies) {
            Key k = r.key();
            boolean ours = k.ifindex() == v0 && isOurs(family, k.group());
            out.append(String.format(
                    "  %-3d %-4s %-22s IFA_MC_USERS %-6s %s users %d%s%n",
                    k.ifindex(),
                    names.get(k.ifindex()),
                    k.group(),
                    r.users() == null ? "absent" : r.users().toString(),
                    procName,
                    proc.get(k),
                    ours ? "" : "   (joined by the kernel)"));
        }
        out.append("  ").append(usersNote).append('\n');
        out.append("  ").append(ipNote);
        System.out.println(out);
    }

    private static boolean isOurs(int family, String group) throws UnknownHostException {
        for (int i = 1; i <= GROUPS_A; i++) {
            if (Objects.equals(text(group(family, i).getAddress()), group)) {
                return true;
            }
        }
        return false;
    }
}
