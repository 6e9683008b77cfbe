package io.ynl4j.cli;

import static io.ynl4j.cli.WireCommandsTest.RT_ADDR;
import static io.ynl4j.cli.WireCommandsTest.SHARED;
import static io.ynl4j.cli.WireCommandsTest.map;
import static io.ynl4j.cli.WireCommandsTest.ynl4j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ynl4j.cli.WireCommandsTest.Run;
import io.ynl4j.cli.json.Json;
import io.ynl4j.runtime.Netns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ynl4j call} against the real kernel, in a network namespace each test creates and deletes
 * (a veth pair {@code va}/{@code vb}; {@code vb} stays down, so no DAD or carrier changes flags while
 * a test compares). Everything but the subscription test runs in-process through the ToolProvider;
 * the two subscribers are separate {@code java … io.ynl4j.cli.Main} processes on the test class path.
 */
@Tag("kernel")
class CallKernelTest {
    private Netns ns;
    private long va;

    @BeforeEach
    void namespace() {
        ns = Netns.create();
        ns.ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
        ns.ip("link", "set", "va", "up");
        va = ifindex("va");
    }

    @AfterEach
    void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    private long ifindex(String dev) {
        List<?> links = (List<?>) Json.parse(ns.ip("-j", "link", "show", "dev", dev));
        return (Long) map(links.get(0)).get("ifindex");
    }

    private Run call(String... args) {
        List<String> all = new ArrayList<>(List.of("call", "--netns", ns.name(), "--spec", RT_ADDR));
        all.addAll(List.of(args));
        return ynl4j(all.toArray(String[]::new));
    }

    /** The addresses {@code ip -j addr show} prints, in a form both sides can be put into. */
    private List<Map<String, Object>> ipAddresses() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object link : (List<?>) Json.parse(ns.ip("-j", "addr", "show"))) {
            Map<String, Object> l = map(link);
            for (Object info : (List<?>) l.getOrDefault("addr_info", List.of())) {
                Map<String, Object> a = map(info);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", l.get("ifindex"));
                row.put("family", a.get("family"));
                row.put("local", a.get("local"));
                row.put("peer", a.get("address"));
                row.put("prefixlen", a.get("prefixlen"));
                row.put("broadcast", a.get("broadcast"));
                row.put("scope", a.get("scope"));
                row.put("label", a.get("label"));
                Set<String> flags = new TreeSet<>();
                for (Map.Entry<String, Object> e : a.entrySet()) {
                    if (Boolean.TRUE.equals(e.getValue())) {
                        flags.add(e.getKey());
                    }
                }
                row.put("flags", flags);
                row.put("valid", a.get("valid_life_time"));
                row.put("preferred", a.get("preferred_life_time"));
                out.add(row);
            }
        }
        return out;
    }

    /** iproute2's names of the IFA_F_* flags (print_ifa_flags in ip/ipaddress.c). */
    private static String ipFlagName(String specName, boolean inet6) {
        return switch (specName) {
            case "secondary" -> inet6 ? "temporary" : "secondary";
            case "homeaddress" -> "home";
            case "managetempaddr" -> "mngtmpaddr";
            case "mcautojoin" -> "autojoin";
            default -> specName;
        };
    }

    /** iproute2's names of the scopes (rtnl_rtscope_n2a). */
    private static Object scopeName(long scope) {
        return switch ((int) scope) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> String.valueOf(scope);
        };
    }

    /** The dump of {@code call --output-json} in the same form as {@link #ipAddresses}. */
    private static List<Map<String, Object>> callAddresses(Object dump) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<?>) dump) {
            Map<String, Object> m = map(o);
            boolean inet6 = m.get("ifa-family").equals(10L);
            assertThat(m.get("ifa-family")).isIn(2L, 10L);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", m.get("ifa-index"));
            row.put("family", inet6 ? "inet6" : "inet");
            Object local = m.containsKey("local") ? m.get("local") : m.get("address");
            row.put("local", local);
            row.put("peer", m.containsKey("local") && !local.equals(m.get("address")) ? m.get("address") : null);
            row.put("prefixlen", m.get("ifa-prefixlen"));
            row.put("broadcast", m.get("broadcast"));
            row.put("scope", scopeName((Long) m.get("ifa-scope")));
            row.put("label", m.get("label"));
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) m.getOrDefault("flags", m.get("ifa-flags"));
            Set<String> flags = new TreeSet<>();
            for (String n : names) {
                if (!n.equals("permanent")) {
                    flags.add(ipFlagName(n, inet6));
                }
            }
            if (!names.contains("permanent")) {
                flags.add("dynamic");
            }
            row.put("flags", flags);
            Map<String, Object> cacheinfo = map(m.get("cacheinfo"));
            row.put("valid", cacheinfo.get("ifa-valid"));
            row.put("preferred", cacheinfo.get("ifa-prefered"));
            out.add(row);
        }
        return out;
    }

    /**
     * Sorted, lifetimes only as forever or finite: finite ones count down between the two dumps
     * (seconds apart on a slow machine); {@link #assertLifetimesClose} compares their values.
     */
    private static List<String> canonical(List<Map<String, Object>> rows) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> c = new LinkedHashMap<>(r);
            for (String k : List.of("valid", "preferred")) {
                long v = (Long) c.get(k);
                c.put(k, v == 0xffffffffL ? "forever" : "finite");
            }
            out.add(c.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The finite lifetimes of the same address in both dumps differ by at most 10 s. */
    private static void assertLifetimesClose(List<Map<String, Object>> ours, List<Map<String, Object>> ip) {
        Map<String, Map<String, Object>> byAddress = new LinkedHashMap<>();
        for (Map<String, Object> r : ip) {
            byAddress.put(r.get("index") + "/" + r.get("local") + "/" + r.get("prefixlen"), r);
        }
        for (Map<String, Object> r : ours) {
            Map<String, Object> theirs =
                    byAddress.get(r.get("index") + "/" + r.get("local") + "/" + r.get("prefixlen"));
            assertThat(theirs).as("ip -j has %s", r).isNotNull();
            for (String k : List.of("valid", "preferred")) {
                long a = (Long) r.get(k);
                long b = (Long) theirs.get(k);
                assertThat(Math.abs(a - b))
                        .as("%s of %s: %d vs ip's %d", k, r.get("local"), a, b)
                        .isLessThanOrEqualTo(10);
            }
        }
    }

    @Test
    void dumpGetaddrEqualsIpJson() {
        List<String> batch = new ArrayList<>();
        // 600 addresses: a dump of several datagrams
        for (int i = 0; i < 600; i++) {
            String label = i % 20 == 0 ? " label va:" + i : "";
            batch.add("addr add 10.20." + (i / 100) + "." + (i % 100 + 1) + "/" + (i < 100 ? 24 : 25) + " dev va"
                    + label);
        }
        for (int i = 0; i < 20; i++) {
            batch.add("addr add fd00:20::" + Integer.toHexString(i + 1) + "/64 dev va" + (i % 2 == 0 ? " nodad" : ""));
        }
        batch.add("addr add 10.21.0.1 peer 10.21.0.2/32 dev va");
        batch.add("addr add 10.22.0.1/24 brd + dev va label va:b noprefixroute");
        batch.add("addr add 10.23.0.1/24 dev va valid_lft 1000 preferred_lft 500");
        batch.add("addr add 10.24.0.1/16 dev va scope link");
        batch.add("addr add fd00:25::1/64 dev va nodad mngtmpaddr valid_lft 900 preferred_lft 0");
        batch.add("addr add 10.26.0.1/8 dev vb scope host");
        ns.ipBatch(batch);

        Run run = call("--dump", "getaddr", "--output-json");
        List<Map<String, Object>> ip = ipAddresses();

        assertThat(run.exit()).as("%s", run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).hasSize(1);
        List<Map<String, Object>> ours = callAddresses(Json.parse(run.out()));
        assertThat(ours).hasSize(ip.size()).hasSizeGreaterThan(600 + 20 + 6);
        // compact and indented output hold the same JSON
        Run indented = call("--dump", "getaddr");
        assertThat(indented.exit()).as("%s", indented.err()).isZero();
        assertThat(Json.parse(indented.out())).isEqualTo(Json.parse(run.out()));
        assertThat(canonical(ours)).containsExactlyElementsOf(canonical(ip));
        assertLifetimesClose(ours, ip);
        assertThat(ours)
                .filteredOn(r -> "10.23.0.1".equals(r.get("local")))
                .singleElement()
                .satisfies(r -> assertThat((Long) r.get("valid")).isBetween(900L, 1000L));
        // the comparison saw what was set up
        assertThat(canonical(ours))
                .anySatisfy(r -> assertThat(r).contains("peer=10.21.0.2", "local=10.21.0.1", "prefixlen=32"))
                .anySatisfy(r -> assertThat(r).contains("broadcast=10.22.0.255", "label=va:b", "noprefixroute"))
                .anySatisfy(r -> assertThat(r).contains("local=10.23.0.1", "dynamic", "valid=finite"))
                .anySatisfy(r -> assertThat(r).contains("local=10.24.0.1", "scope=link"))
                .anySatisfy(r -> assertThat(r).contains("local=fd00:25::1", "mngtmpaddr", "deprecated", "nodad"))
                .anySatisfy(r -> assertThat(r).contains("local=fd00:20::2", "tentative"))
                .anySatisfy(r -> assertThat(r).contains("local=10.20.0.2", "secondary"));
    }

    @Test
    void dumpWithAFamilyFilter() {
        ns.ip("addr", "add", "10.27.0.1/24", "dev", "va");
        ns.ip("addr", "add", "fd00:27::1/64", "dev", "va", "nodad");

        Run run = call("--dump", "getaddr", "--json", "{\"ifa-family\": 10}", "--output-json");

        assertThat(run.exit()).as("%s", run.err()).isZero();
        List<?> dump = (List<?>) Json.parse(run.out());
        assertThat(dump).isNotEmpty().allSatisfy(m -> assertThat(map(m)).containsEntry("ifa-family", 10L));
        assertThat(dump).anySatisfy(m -> assertThat(map(m)).containsEntry("address", "fd00:27::1"));
    }

    private String addressJson(String address, int prefixlen) {
        return "{\"ifa-family\": " + (address.contains(":") ? 10 : 2) + ", \"ifa-prefixlen\": " + prefixlen
                + ", \"ifa-index\": " + va + ", \"local\": \"" + address + "\", \"address\": \"" + address + "\"}";
    }

    private List<Map<String, Object>> ipAddressesOf(String address) {
        return ipAddresses().stream()
                .filter(a -> address.equals(a.get("local")))
                .toList();
    }

    @Test
    void doNewaddrThenDeladdr() {
        String json = "{\"ifa-family\": 2, \"ifa-prefixlen\": 24, \"ifa-index\": " + va
                + ", \"local\": \"10.30.0.1\", \"address\": \"10.30.0.1\", \"label\": \"va:new\","
                + " \"cacheinfo\": {\"ifa-prefered\": 300, \"ifa-valid\": 600, \"cstamp\": 0, \"tstamp\": 0}}";
        Run add = call("--do", "newaddr", "--create", "--excl", "--json", json);

        assertThat(add.exit()).as("%s", add.err()).isZero();
        assertThat(add.err()).isEmpty();
        assertThat(add.out()).isEqualTo("null\n"); // acknowledged, no reply: ynl prints None as null
        List<Map<String, Object>> added = ipAddressesOf("10.30.0.1");
        assertThat(added).singleElement().satisfies(a -> {
            assertThat(a)
                    .containsEntry("index", va)
                    .containsEntry("prefixlen", 24L)
                    .containsEntry("label", "va:new")
                    .containsEntry("family", "inet");
            assertThat((Long) a.get("valid")).isBetween(590L, 600L);
            assertThat((Long) a.get("preferred")).isBetween(290L, 300L);
        });

        String v6 = "{\"ifa-family\": 10, \"ifa-prefixlen\": 64, \"ifa-index\": " + va
                + ", \"address\": \"fd00:30::1\", \"flags\": [\"nodad\", \"noprefixroute\"]}";
        Run add6 = call("--do", "newaddr", "--create", "--excl", "--json", v6);
        assertThat(add6.exit()).as("%s", add6.err()).isZero();
        assertThat(ipAddressesOf("fd00:30::1"))
                .singleElement()
                .satisfies(a -> assertThat(a)
                        .containsEntry("prefixlen", 64L)
                        .containsEntry("flags", new TreeSet<>(List.of("nodad", "noprefixroute"))));

        Run del = call(
                "--do",
                "deladdr",
                "--json",
                "{\"ifa-family\": 2, \"ifa-prefixlen\": 24, \"ifa-index\": " + va + ", \"local\": \"10.30.0.1\"}");
        Run del6 = call(
                "--do",
                "deladdr",
                "--json",
                "{\"ifa-family\": 10, \"ifa-prefixlen\": 64, \"ifa-index\": " + va + ", \"address\": \"fd00:30::1\"}");

        assertThat(del.exit()).as("%s", del.err()).isZero();
        assertThat(del.out()).isEqualTo("null\n");
        assertThat(del6.exit()).as("%s", del6.err()).isZero();
        assertThat(ipAddressesOf("10.30.0.1")).isEmpty();
        assertThat(ipAddressesOf("fd00:30::1")).isEmpty();
    }

    @Test
    void replaceChangesAnExistingAddress() {
        ns.ip("addr", "add", "10.31.0.1/24", "dev", "va", "valid_lft", "1000", "preferred_lft", "1000");
        String json = "{\"ifa-family\": 2, \"ifa-prefixlen\": 24, \"ifa-index\": " + va
                + ", \"local\": \"10.31.0.1\", \"cacheinfo\": {\"ifa-prefered\": 4294967295,"
                + " \"ifa-valid\": 4294967295, \"cstamp\": 0, \"tstamp\": 0}}";

        Run run = call("--do", "newaddr", "--replace", "--json", json);

        assertThat(run.exit()).as("%s", run.err()).isZero();
        assertThat(ipAddressesOf("10.31.0.1"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("valid", 0xffffffffL));
    }

    /** Kernel errors: exit 4, the errno's name and the kernel's extended-ACK text, nothing on stdout. */
    private static void assertKernelError(Run run, String errno, String extack) {
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCodes.KERNEL);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("ynl4j: ").contains(errno, extack);
    }

    @Test
    void failingRequestsExitFourWithErrnoAndExtendedAck() {
        ns.ip("addr", "add", "10.32.0.1/24", "dev", "va");

        assertKernelError(
                call("--do", "newaddr", "--create", "--excl", "--json", addressJson("10.32.0.1", 24)),
                "EEXIST",
                "Address already assigned");
        assertKernelError(
                call("--do", "newaddr", "--create", "--excl", "--json", addressJson("10.32.0.2", 33)),
                "EINVAL",
                "Invalid prefix length");
        assertKernelError(
                call("--do", "deladdr", "--json", addressJson("10.32.0.9", 24)), "EADDRNOTAVAIL", "Address not found");
        String noDevice = "{\"ifa-family\": 2, \"ifa-prefixlen\": 24, \"ifa-index\": 99999, \"local\": \"10.32.0.3\"}";
        Run enodev = call("--do", "newaddr", "--create", "--json", noDevice);
        assertKernelError(enodev, "ENODEV", "Device not found");
        assertThat(enodev.err()).startsWith("ynl4j: rt-addr newaddr failed: ENODEV");
        assertThat(ipAddressesOf("10.32.0.2")).isEmpty();
    }

    @Test
    void multiSendsTwoNewaddrInOneDatagram() {
        Run run = call(
                "--create",
                "--excl",
                "--multi",
                "newaddr",
                addressJson("10.33.0.1", 24),
                "--multi",
                "newaddr",
                addressJson("fd00:33::1", 64),
                "--output-json");

        assertThat(run.exit()).as("%s", run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(Json.parse(run.out())).isEqualTo(java.util.Arrays.asList(null, null));
        assertThat(ipAddressesOf("10.33.0.1"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("prefixlen", 24L));
        assertThat(ipAddressesOf("fd00:33::1"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("prefixlen", 64L));
    }

    @Test
    void multiWithAFailingSecondRequestReportsItsError() {
        ns.ip("addr", "add", "10.34.0.2/24", "dev", "va");

        Run run = call(
                "--create",
                "--excl",
                "--multi",
                "newaddr",
                addressJson("10.34.0.1", 24),
                "--multi",
                "newaddr",
                addressJson("10.34.0.2", 24));

        assertKernelError(run, "EEXIST", "Address already assigned");
        assertThat(ipAddressesOf("10.34.0.1"))
                .as("the first request was carried out")
                .hasSize(1);
    }

    private static String nlctrlSpec() {
        Path spec = SHARED.resolve("kernel-specs/specs/nlctrl.yaml");
        assumeTrue(Files.isRegularFile(spec), "the kernel's nlctrl spec is at " + spec);
        return spec.toString();
    }

    @Test
    void genetlinkGetfamilyAgreesWithGenlAndTheDump() {
        String spec = nlctrlSpec();
        Run one = ynl4j(
                "call",
                "--netns",
                ns.name(),
                "--spec",
                spec,
                "--do",
                "getfamily",
                "--json",
                "{\"family-name\": \"nlctrl\"}",
                "--output-json");
        Run all = ynl4j("call", "--netns", ns.name(), "--spec", spec, "--dump", "getfamily", "--output-json");

        assertThat(one.exit()).as("%s", one.err()).isZero();
        assertThat(all.exit()).as("%s", all.err()).isZero();
        Map<String, Object> nlctrl = map(Json.parse(one.out()));
        assertThat(nlctrl)
                .containsEntry("family-name", "nlctrl")
                .containsEntry("family-id", 16L)
                .containsKeys("version", "maxattr", "ops");
        List<?> families = (List<?>) Json.parse(all.out());
        assertThat(families)
                .anySatisfy(f -> assertThat(map(f))
                        .containsEntry("family-name", "nlctrl")
                        .containsEntry("family-id", 16L)
                        .containsEntry("version", nlctrl.get("version"))
                        .containsEntry("maxattr", nlctrl.get("maxattr")));

        // one more family, compared with iproute2's genl where it is installed
        String name = families.stream()
                .map(f -> (String) map(f).get("family-name"))
                .filter(n -> !n.equals("nlctrl"))
                .findFirst()
                .orElseThrow();
        Run other = ynl4j(
                "call",
                "--netns",
                ns.name(),
                "--spec",
                spec,
                "--do",
                "getfamily",
                "--json",
                "{\"family-name\": \"" + name + "\"}",
                "--output-json");
        assertThat(other.exit()).as("%s", other.err()).isZero();
        Map<String, Object> fam = map(Json.parse(other.out()));
        assertThat(families)
                .anySatisfy(f -> assertThat(map(f))
                        .containsEntry("family-name", name)
                        .containsEntry("family-id", fam.get("family-id")));
        if (Files.isExecutable(Path.of("/usr/sbin/genl")) || Files.isExecutable(Path.of("/sbin/genl"))) {
            String genl = ns.exec("genl", "ctrl", "get", "name", name);
            Matcher m = Pattern.compile(
                            "ID: 0x([0-9a-f]+)\\s+Version: 0x([0-9a-f]+)\\s+header size: (\\d+)\\s+max attribs: (\\d+)")
                    .matcher(genl);
            assertThat(m.find()).as(genl).isTrue();
            assertThat(fam)
                    .containsEntry("family-id", Long.parseLong(m.group(1), 16))
                    .containsEntry("version", Long.parseLong(m.group(2), 16))
                    .containsEntry("hdrsize", Long.parseLong(m.group(3)))
                    .containsEntry("maxattr", Long.parseLong(m.group(4)));
            List<String> groups = new ArrayList<>();
            for (Object g : (List<?>) fam.getOrDefault("mcast-groups", List.of())) {
                for (Object v : map(g).values()) {
                    groups.add("ID-0x" + Long.toHexString((Long) map(v).get("id")) + "  name: " + map(v).get("name"));
                }
            }
            assertThat(genl).contains(groups);
        }
    }

    private Run getfamily(String name) {
        return ynl4j(
                "call",
                "--netns",
                ns.name(),
                "--spec",
                nlctrlSpec(),
                "--do",
                "getfamily",
                "--json",
                "{\"family-name\": \"" + name + "\"}");
    }

    @Test
    void genetlinkErrorsNameTheErrnoThePolicyAndTheAttributePath() {
        Run unknown = getfamily("ynl4jnofam");
        assertKernelError(unknown, "ENOENT", "");
        assertThat(unknown.err()).isEqualTo("ynl4j: nlctrl getfamily failed: ENOENT (No such file or directory)\n");

        // GENL_NAMSIZ is 16: the kernel's policy refuses a longer name and says which attribute
        Run tooLong = getfamily("ynl4j-no-such-family");
        assertKernelError(tooLong, "EINVAL", "Attribute failed policy validation");
        assertThat(tooLong.err()).contains("bad attribute: ctrl-attrs.family-name", "nul-string");
    }

    /** A subscriber: {@code java -cp <test class path> io.ynl4j.cli.Main call … --subscribe …}. */
    /** {@code YNL4J_TEST_TIME_SCALE}, at least 1 (1 when unset). */
    static double timeScale() {
        String v = System.getenv("YNL4J_TEST_TIME_SCALE");
        try {
            return v == null ? 1 : Math.max(1, Double.parseDouble(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("YNL4J_TEST_TIME_SCALE must be a number, not '" + v + "'", e);
        }
    }

    private static final class Subscriber implements AutoCloseable {
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final StringBuilder err = new StringBuilder();
        final Thread reader;
        final Thread errReader;

        Subscriber(String netns, double seconds) throws IOException {
            String java = ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
            List<String> cmd = List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.ynl4j.cli.Main",
                    "call",
                    "--netns",
                    netns,
                    "--spec",
                    RT_ADDR,
                    "--subscribe",
                    "rtnlgrp-ipv4-ifaddr",
                    "--duration",
                    String.valueOf(seconds),
                    "--output-json");
            process = new ProcessBuilder(cmd)
                    .directory(WireCommandsTest.ROOT.toFile())
                    .start();
            process.getOutputStream().close();
            reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            errReader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    String text = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (err) {
                        err.append(text);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        /** The addresses of the newaddr notifications printed so far. */
        Set<String> addresses() {
            Set<String> out = new TreeSet<>();
            synchronized (lines) {
                for (String l : lines) {
                    Map<String, Object> n = map(Json.parse(l));
                    if (n.get("msg") instanceof Map<?, ?> msg && msg.get("address") instanceof String a) {
                        out.add(a);
                    }
                }
            }
            return out;
        }

        String err() {
            synchronized (err) {
                return err.toString();
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void twoSubscribersInSeparateProcessesBothPrintAnAddressAddedMeanwhile() throws Exception {
        // YNL4J_TEST_TIME_SCALE stretches the time the two JVMs get to start and join (the Linux
        // 7.3 VM suite, under software emulation, sets it).
        double seconds = 12 * timeScale();
        try (Subscriber a = new Subscriber(ns.name(), seconds);
                Subscriber b = new Subscriber(ns.name(), seconds)) {
            // The subscribers print nothing when they have joined: add addresses until both have
            // printed the same one (bounded; the first few may come before they joined).
            String seen = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) seconds - 3);
            for (int i = 1; seen == null && System.nanoTime() < deadline; i++) {
                if (!a.process.isAlive() || !b.process.isAlive()) {
                    fail("a subscriber ended early: " + a.err() + b.err());
                }
                String address = "10.40." + (i / 250) + "." + (i % 250 + 1);
                ns.ip("addr", "add", address + "/32", "dev", "va");
                for (int w = 0; w < 10 && seen == null; w++) {
                    Thread.sleep(50);
                    Set<String> both = new TreeSet<>(a.addresses());
                    both.retainAll(b.addresses());
                    if (both.contains(address)) {
                        seen = address;
                    }
                }
            }
            assertThat(seen)
                    .as("an address both subscribers printed; stderr: %s %s", a.err(), b.err())
                    .isNotNull();

            // A last one once both are known to listen: both print it.
            ns.ip("addr", "add", "10.41.0.1/32", "dev", "va");
            ns.ip("addr", "del", "10.41.0.1/32", "dev", "va");

            for (Subscriber s : List.of(a, b)) {
                assertThat(s.process.waitFor((long) seconds + 20, TimeUnit.SECONDS))
                        .isTrue();
                s.reader.join(5_000);
                s.errReader.join(5_000);
                assertThat(s.process.exitValue()).as(s.err()).isZero();
                assertThat(s.err()).doesNotContain("ynl4j:", "Exception", "\tat ");
                List<Map<String, Object>> notes =
                        s.lines.stream().map(l -> map(Json.parse(l))).toList();
                assertThat(notes).allSatisfy(n -> {
                    assertThat(n).containsOnlyKeys("name", "msg");
                    assertThat(n.get("name")).isIn("getaddr", "newaddr", "deladdr");
                    assertThat(map(n.get("msg"))).containsEntry("ifa-index", va);
                });
                assertThat(notes)
                        .anySatisfy(n -> assertThat(map(n.get("msg")))
                                .containsEntry("address", "10.41.0.1")
                                .containsEntry("local", "10.41.0.1")
                                .containsEntry("ifa-prefixlen", 32L));
                assertThat(notes)
                        .as("the deletion too")
                        .anySatisfy(n -> assertThat(n).containsEntry("name", "deladdr"));
            }
        }
    }
}
