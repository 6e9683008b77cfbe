package io.ynl4j.codegen.emit;

import static io.ynl4j.codegen.emit.GeneratedClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.KernelErrorException;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.SocketOptions;
import io.ynl4j.runtime.genl.GenlFamily;
import io.ynl4j.runtime.genl.GenlResolver;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated clients of rt-link, rt-route, netdev, nlctrl, ethtool and rt-addr against the real
 * kernel, in a network namespace the test creates and deletes; every result is compared with what
 * {@code ip} (or {@code genl}, {@code ethtool}) reports of the same namespace.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientsKernelTest {
    static final int AF_INET = 2;
    static final int RT_TABLE_MAIN = 254;
    static final int RT_TABLE_LOCAL = 255;

    GeneratedClasses gen;
    String ns;

    @BeforeAll
    void setUp(@TempDir Path dir) {
        RtAddrClientKernelTest.requireKernelTestEnvironment();
        List<JavaFile> files = new ArrayList<>();
        for (String spec : List.of(
                "rt-link.yaml", "rt-route.yaml", "rt-addr.yaml", "netdev.yaml", "nlctrl.yaml", "ethtool.yaml")) {
            files.addAll(GeneratedSources.all(GeneratedSources.kernelFamily(spec), "gen"));
        }
        gen = GeneratedClasses.compile(files, dir);
        ns = "ynl4j-clients-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        run("ip", "netns", "add", ns);
        ip("link", "set", "lo", "up");
        ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ip("link", "set", "v0", "up", "mtu", "1400");
        ip("link", "set", "v1", "up");
        ip("address", "add", "10.88.0.1/24", "dev", "v0");
        ip("address", "add", "10.89.0.1/24", "dev", "v1");
    }

    @AfterAll
    void tearDown() throws Exception {
        if (ns != null) {
            run("ip", "netns", "delete", ns);
        }
        if (gen != null) {
            gen.close();
        }
    }

    SocketOptions options() {
        return SocketOptions.DEFAULTS.withNamedNetworkNamespace(ns);
    }

    AutoCloseable open(String facade) {
        return (AutoCloseable) gen.callStatic(facade, "open", options());
    }

    // ---------------------------------------------------------------- rt-link

    Object ifinfomsg(int index) {
        Object b = gen.callStatic("gen.rtlink.Ifinfomsg", "builder");
        call(b, "ifiIndex", index);
        return call(b, "build");
    }

    List<?> getlinkDump(Object client) {
        Object request = gen.callStatic("gen.rtlink.GetlinkDumpRequest", "of", ifinfomsg(0));
        return (List<?>) call(client, "getlinkDumpList", request);
    }

    static String kindOf(Object reply) {
        return ((Optional<?>) call(reply, "linkinfo"))
                .flatMap(li -> (Optional<?>) call(li, "kind"))
                .map(Object::toString)
                .orElse("-");
    }

    /** {@code ifindex name mtu kind} of every link, through the generated client. */
    Set<String> clientLinks(Object client) {
        Set<String> out = new TreeSet<>();
        for (Object r : getlinkDump(client)) {
            out.add(call(call(r, "header"), "ifiIndex") + " "
                    + ((Optional<?>) call(r, "ifname")).orElseThrow() + " "
                    + ((OptionalLong) call(r, "mtu")).orElseThrow() + " " + kindOf(r));
        }
        return out;
    }

    /** The same from {@code ip -d -j link}. */
    Set<String> ipLinks() {
        Set<String> out = new TreeSet<>();
        for (J l : json(ip("-d", "-j", "link", "show"))) {
            J kind = l.path("linkinfo").path("info_kind");
            out.add(l.get("ifindex").asInt() + " " + l.get("ifname").asText() + " "
                    + l.get("mtu").asLong() + " " + (kind.isMissingNode() ? "-" : kind.asText()));
        }
        return out;
    }

    Map<String, Integer> ifindexes() {
        Map<String, Integer> out = new TreeMap<>();
        for (J l : json(ip("-j", "link", "show"))) {
            out.put(l.get("ifname").asText(), l.get("ifindex").asInt());
        }
        return out;
    }

    @Test
    void getlinkDumpEqualsIpJson() throws Exception {
        Map<String, Integer> index = ifindexes();
        try (AutoCloseable client = open("gen.rtlink.RtLink")) {
            assertThat(clientLinks(client))
                    .contains("1 lo 65536 -", index.get("v0") + " v0 1400 veth", index.get("v1") + " v1 1500 veth")
                    .isEqualTo(ipLinks());
        }
    }

    /** The payload of {@code IFLA_INFO_DATA} for kind veth: {@code VETH_INFO_PEER} = ifinfomsg + IFLA_IFNAME. */
    static Bytes vethPeer(String peerName) {
        byte[] name = (peerName + "\0").getBytes(StandardCharsets.US_ASCII);
        int nameAttr = 4 + name.length;
        int peerLen = 4 + 16 + align(nameAttr);
        ByteBuffer b = ByteBuffer.allocate(peerLen).order(ByteOrder.nativeOrder());
        b.putShort((short) peerLen).putShort((short) 1); // VETH_INFO_PEER
        b.put(new byte[16]); // struct ifinfomsg, all zero
        b.putShort((short) nameAttr).putShort((short) 3).put(name); // IFLA_IFNAME
        return Bytes.wrap(b.array());
    }

    static int align(int n) {
        return (n + 3) & ~3;
    }

    Object newlinkRequest(String name, Object linkinfo) {
        Object b = gen.callStatic("gen.rtlink.NewlinkRequest", "builder");
        call(b, "header", ifinfomsg(0));
        call(b, "ifname", name);
        call(b, "linkinfo", linkinfo);
        return call(b, "build");
    }

    Object linkinfo(String kind, Object data) {
        Object b = gen.callStatic("gen.rtlink.LinkinfoAttrs", "builder");
        call(b, "kind", kind);
        call(b, "data", data);
        return call(b, "build");
    }

    @Test
    void newlinkCreatesBridgeAndVethThenDellinkRemovesOne() throws Exception {
        try (AutoCloseable client = open("gen.rtlink.RtLink")) {
            // A bridge, with the typed bridge sub-message.
            Object bridgeAttrs = call(
                    call(gen.callStatic("gen.rtlink.LinkinfoBridgeAttrs", "builder"), "ageingTime", 12300L), "build");
            Object bridgeData = gen.construct("gen.rtlink.LinkinfoDataMsgBridge", bridgeAttrs);
            call(client, "newlink", newlinkRequest("ynlbr0", linkinfo("bridge", bridgeData)));

            // A veth pair: the spec has no veth format, so the payload goes through the unknown format.
            Object vethData = gen.construct("gen.rtlink.LinkinfoDataMsgUnknown", "veth", vethPeer("ynlv1"));
            call(client, "newlink", newlinkRequest("ynlv0", linkinfo("veth", vethData)));

            J br = json(ip("-d", "-j", "link", "show", "ynlbr0")).getFirst();
            assertThat(br.path("linkinfo").path("info_kind").asText()).isEqualTo("bridge");
            assertThat(br.path("linkinfo").path("info_data").path("ageing_time").asLong())
                    .isEqualTo(12300L);
            J v0 = json(ip("-d", "-j", "link", "show", "ynlv0")).getFirst();
            J v1 = json(ip("-d", "-j", "link", "show", "ynlv1")).getFirst();
            assertThat(v0.path("linkinfo").path("info_kind").asText()).isEqualTo("veth");
            assertThat(v1.path("linkinfo").path("info_kind").asText()).isEqualTo("veth");
            // Each end's peer is the other ("link" names the peer's ifindex as the kernel reports it).
            assertThat(v0.path("link").asText()).isEqualTo("ynlv1");

            // The client reads them back as ip does, the bridge data decoding to the typed record.
            Object bridge = getlinkDump(client).stream()
                    .filter(r -> ((Optional<?>) call(r, "ifname")).orElseThrow().equals("ynlbr0"))
                    .findFirst()
                    .orElseThrow();
            Object data =
                    ((Optional<?>) call(((Optional<?>) call(bridge, "linkinfo")).orElseThrow(), "data")).orElseThrow();
            assertThat(data.getClass().getName()).isEqualTo("gen.rtlink.LinkinfoDataMsgBridge");
            assertThat(call(call(data, "attributes"), "ageingTime")).isEqualTo(OptionalLong.of(12300L));
            assertThat(clientLinks(client)).isEqualTo(ipLinks());

            // Adding it again fails as 'ip link add' does.
            Object again = newlinkRequest("ynlbr0", linkinfo("bridge", bridgeData));
            try {
                call(client, "newlink", again);
                fail("newlink of an existing link succeeded");
            } catch (KernelErrorException e) {
                assertThat(e.errnoName()).isEqualTo("EEXIST");
            }

            // dellink by name removes the bridge; deleting one veth end removes both.
            Object del = call(
                    call(
                            call(gen.callStatic("gen.rtlink.DellinkRequest", "builder"), "header", ifinfomsg(0)),
                            "ifname",
                            "ynlbr0"),
                    "build");
            call(client, "dellink", del);
            int v0Index = ifindexes().get("ynlv0");
            call(client, "dellink", gen.callStatic("gen.rtlink.DellinkRequest", "of", ifinfomsg(v0Index)));
            assertThat(ifindexes())
                    .doesNotContainKeys("ynlbr0", "ynlv0", "ynlv1")
                    .containsKeys("lo", "v0", "v1");
            assertThat(clientLinks(client)).isEqualTo(ipLinks());
        }
    }

    // ---------------------------------------------------------------- rt-route

    Object rtmsg(int dstLen, int table, int protocol, int scope, int type) {
        Object b = gen.callStatic("gen.rtroute.Rtmsg", "builder");
        call(b, "rtmFamily", AF_INET);
        call(b, "rtmDstLen", dstLen);
        call(b, "rtmTable", table);
        call(b, "rtmProtocol", protocol);
        call(b, "rtmScope", scope);
        call(b, "rtmType", gen.callStatic("gen.rtroute.RtmType", "of", (long) type));
        return call(b, "build");
    }

    /** {@code table type dst/len oif gateway metric} of every IPv4 route, through the generated client. */
    Set<String> clientRoutes(Object client) {
        Set<String> out = new TreeSet<>();
        Object request = gen.callStatic("gen.rtroute.GetrouteDumpRequest", "of", rtmsg(0, 0, 0, 0, 0));
        try (Stream<?> replies = (Stream<?>) call(client, "getrouteDump", request)) {
            replies.forEach(r -> {
                Object h = call(r, "header");
                long table = ((OptionalLong) call(r, "table")).orElse((Integer) call(h, "rtmTable"));
                String dst = ((Optional<?>) call(r, "dst"))
                        .map(d -> ((Bytes) d).toInetAddress().getHostAddress())
                        .orElse("0.0.0.0");
                String gw = ((Optional<?>) call(r, "gateway"))
                        .map(d -> ((Bytes) d).toInetAddress().getHostAddress())
                        .orElse("-");
                OptionalLong metric = (OptionalLong) call(r, "priority");
                out.add(table + " " + call(h, "rtmType") + " " + dst + "/" + call(h, "rtmDstLen") + " "
                        + ((OptionalLong) call(r, "oif")).orElse(0) + " " + gw + " "
                        + (metric.isPresent() ? metric.getAsLong() : "-"));
            });
        }
        return out;
    }

    /** The same from {@code ip -j route show table all}. */
    Set<String> ipRoutes() {
        Map<String, Integer> index = ifindexes();
        Set<String> out = new TreeSet<>();
        for (J r : json(ip("-4", "-j", "route", "show", "table", "all"))) {
            String table = r.path("table").asText("main");
            table = switch (table) {
                case "main" -> Integer.toString(RT_TABLE_MAIN);
                case "local" -> Integer.toString(RT_TABLE_LOCAL);
                default -> table;
            };
            String dst = r.get("dst").asText();
            if (dst.equals("default")) {
                dst = "0.0.0.0/0";
            } else if (!dst.contains("/")) {
                dst += "/32";
            }
            out.add(table + " " + r.path("type").asText("unicast") + " " + dst + " "
                    + (r.has("dev") ? index.get(r.get("dev").asText()) : 0) + " "
                    + r.path("gateway").asText("-")
                    + " " + (r.has("metric") ? r.get("metric").asText() : "-"));
        }
        return out;
    }

    @Test
    void getrouteDumpEqualsIpJson() throws Exception {
        ip("route", "add", "198.51.100.0/24", "via", "10.88.0.2", "dev", "v0");
        ip("route", "add", "203.0.113.0/24", "dev", "v1", "table", "100", "metric", "7");
        ip("route", "add", "blackhole", "203.0.113.64/26", "table", "1000");
        try (AutoCloseable client = open("gen.rtroute.RtRoute")) {
            int v0 = ifindexes().get("v0");
            int v1 = ifindexes().get("v1");
            assertThat(clientRoutes(client))
                    .contains(
                            "254 unicast 198.51.100.0/24 " + v0 + " 10.88.0.2 -",
                            "100 unicast 203.0.113.0/24 " + v1 + " - 7",
                            "1000 blackhole 203.0.113.64/26 0 - -",
                            "254 unicast 10.88.0.0/24 " + v0 + " - -",
                            "255 local 10.88.0.1/32 " + v0 + " - -")
                    .isEqualTo(ipRoutes());
        }
    }

    @Test
    void newrouteAddsARouteIpShows() throws Exception {
        int v0 = ifindexes().get("v0");
        try (AutoCloseable client = open("gen.rtroute.RtRoute")) {
            // RTPROT_STATIC, RT_SCOPE_UNIVERSE, RTN_UNICAST, as 'ip route add' sends.
            Object b = gen.callStatic("gen.rtroute.NewrouteRequest", "builder");
            call(b, "header", rtmsg(25, RT_TABLE_MAIN, 4, 0, 1));
            call(b, "dst", Bytes.of(InetAddress.getByName("192.0.2.128")));
            call(b, "gateway", Bytes.of(InetAddress.getByName("10.88.0.254")));
            call(b, "oif", (long) v0);
            call(b, "priority", 42L);
            call(client, "newroute", call(b, "build"));

            J r = json(ip("-4", "-j", "route", "show", "192.0.2.128/25")).getFirst();
            assertThat(r.get("dst").asText()).isEqualTo("192.0.2.128/25");
            assertThat(r.get("gateway").asText()).isEqualTo("10.88.0.254");
            assertThat(r.get("dev").asText()).isEqualTo("v0");
            assertThat(r.get("protocol").asText()).isEqualTo("static");
            assertThat(r.get("metric").asLong()).isEqualTo(42L);
            assertThat(clientRoutes(client))
                    .contains("254 unicast 192.0.2.128/25 " + v0 + " 10.88.0.254 42")
                    .isEqualTo(ipRoutes());

            Object d = gen.callStatic("gen.rtroute.DelrouteRequest", "builder");
            call(d, "header", rtmsg(25, RT_TABLE_MAIN, 4, 0, 1));
            call(d, "dst", Bytes.of(InetAddress.getByName("192.0.2.128")));
            call(client, "delroute", call(d, "build"));
            assertThat(ip("-4", "-j", "route", "show", "192.0.2.128/25").trim()).isEqualTo("[]");
        }
    }

    // ---------------------------------------------------------------- netdev

    @Test
    void netdevDevGetDumpListsTheNamespacesInterfaces() throws Exception {
        try (AutoCloseable client = open("gen.netdev.Netdev")) {
            Set<Integer> fromNetdev = new TreeSet<>();
            for (Object r : (List<?>) call(client, "devGetDumpList")) {
                fromNetdev.add((int) ((OptionalLong) call(r, "ifindex")).orElseThrow());
                assertThat((Optional<?>) call(r, "xdpFeatures")).isPresent();
            }
            assertThat(fromNetdev).isEqualTo(new TreeSet<>(ifindexes().values()));

            // The do form, for one interface.
            int v0 = ifindexes().get("v0");
            Object one = call(
                    client,
                    "devGet",
                    call(call(gen.callStatic("gen.netdev.DevGetRequest", "builder"), "ifindex", (long) v0), "build"));
            assertThat(call(one, "ifindex")).isEqualTo(OptionalLong.of(v0));
        }
    }

    // ---------------------------------------------------------------- nlctrl

    static final Pattern GENL_ID = Pattern.compile("ID: 0x([0-9a-f]+)");
    static final Pattern GENL_GROUP = Pattern.compile("ID-0x([0-9a-f]+)\\s+name: (\\S+)");

    @Test
    void nlctrlGetfamilyEqualsGenlCtrlGet() throws Exception {
        Object request =
                call(call(gen.callStatic("gen.nlctrl.GetfamilyRequest", "builder"), "familyName", "netdev"), "build");
        int id;
        Map<String, Long> groups = new TreeMap<>();
        try (AutoCloseable client = open("gen.nlctrl.Nlctrl")) {
            Object reply = call(client, "getfamily", request);
            assertThat(call(reply, "familyName")).isEqualTo(Optional.of("netdev"));
            id = ((OptionalInt) call(reply, "familyId")).orElseThrow();
            for (Object g : (List<?>) call(reply, "mcastGroups")) {
                groups.put(
                        (String) ((Optional<?>) call(g, "name")).orElseThrow(),
                        ((OptionalLong) call(g, "id")).orElseThrow());
            }
        }
        assertThat(groups).containsKey("mgmt");

        if (Stream.of("/usr/sbin/genl", "/sbin/genl", "/usr/bin/genl").anyMatch(p -> Files.isExecutable(Path.of(p)))) {
            String out = run("ip", "netns", "exec", ns, "genl", "ctrl", "get", "name", "netdev");
            Matcher m = GENL_ID.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            assertThat(id).isEqualTo(Integer.parseInt(m.group(1), 16));
            Map<String, Long> genlGroups = new TreeMap<>();
            Matcher g = GENL_GROUP.matcher(out);
            while (g.find()) {
                genlGroups.put(g.group(2), Long.parseLong(g.group(1), 16));
            }
            assertThat(groups).isEqualTo(genlGroups);
        }
        // And the runtime's own resolver agrees.
        try (NetlinkSocket socket = NetlinkSocket.open(NetlinkProtocol.GENERIC, options())) {
            GenlFamily f = GenlResolver.of(socket).family("netdev");
            assertThat(f.id()).isEqualTo(id);
            assertThat(f.mcastGroup("mgmt"))
                    .isEqualTo(OptionalInt.of(groups.get("mgmt").intValue()));
        }
    }

    // ---------------------------------------------------------------- ethtool

    Object ethtoolHeader(String dev) {
        return call(call(gen.callStatic("gen.ethtool.Header", "builder"), "devName", dev), "build");
    }

    @Test
    void ethtoolLinkinfoAndRingsOfAVeth() throws Exception {
        int v0 = ifindexes().get("v0");
        try (AutoCloseable client = open("gen.ethtool.Ethtool")) {
            Object li = call(
                    client,
                    "linkinfoGet",
                    call(
                            call(
                                    gen.callStatic("gen.ethtool.LinkinfoGetRequest", "builder"),
                                    "header",
                                    ethtoolHeader("v0")),
                            "build"));
            Object header = ((Optional<?>) call(li, "header")).orElseThrow();
            assertThat(call(header, "devIndex")).isEqualTo(OptionalLong.of(v0));
            assertThat(call(header, "devName")).isEqualTo(Optional.of("v0"));
            // veth reports PORT_TP (0) and XCVR_INTERNAL (0), as 'ethtool v0' prints "Port: Twisted Pair".
            assertThat(call(li, "port")).isEqualTo(OptionalInt.of(0));

            // channels-get: veth reports its queue counts, which 'ip -d link' shows as num_*_queues.
            ip("link", "add", "q0", "numtxqueues", "4", "numrxqueues", "3", "type", "veth", "peer", "name", "q1");
            try {
                Object ch = call(
                        client,
                        "channelsGet",
                        call(
                                call(
                                        gen.callStatic("gen.ethtool.ChannelsGetRequest", "builder"),
                                        "header",
                                        ethtoolHeader("q0")),
                                "build"));
                J q0 = json(ip("-d", "-j", "link", "show", "q0")).getFirst();
                assertThat(call(ch, "txMax"))
                        .isEqualTo(OptionalLong.of(q0.get("num_tx_queues").asLong()));
                assertThat(call(ch, "rxMax"))
                        .isEqualTo(OptionalLong.of(q0.get("num_rx_queues").asLong()));
                assertThat(call(ch, "txMax")).isEqualTo(OptionalLong.of(4));
                assertThat(call(ch, "rxMax")).isEqualTo(OptionalLong.of(3));
                Optional<Path> ethtool = Stream.of("/usr/sbin/ethtool", "/sbin/ethtool", "/usr/bin/ethtool")
                        .map(Path::of)
                        .filter(Files::isExecutable)
                        .findFirst();
                if (ethtool.isPresent()) {
                    String out = run("ip", "netns", "exec", ns, ethtool.get().toString(), "-l", "q0");
                    String[] parts = out.split("Current hardware settings:");
                    assertThat(number(parts[0], "RX")).isEqualTo(call(ch, "rxMax"));
                    assertThat(number(parts[0], "TX")).isEqualTo(call(ch, "txMax"));
                    assertThat(number(parts[1], "RX")).isEqualTo(call(ch, "rxCount"));
                    assertThat(number(parts[1], "TX")).isEqualTo(call(ch, "txCount"));
                    assertThat(number(parts[1], "Combined")).isEqualTo(call(ch, "combinedCount"));
                }
            } finally {
                ip("link", "delete", "q0");
            }

            // rings-get: veth has no ringparam; the kernel's EOPNOTSUPP comes back as the typed error.
            Object rings = call(
                    call(gen.callStatic("gen.ethtool.RingsGetRequest", "builder"), "header", ethtoolHeader("v0")),
                    "build");
            try {
                call(client, "ringsGet", rings);
                fail("rings-get on a veth succeeded");
            } catch (KernelErrorException e) {
                assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP");
                assertThat(e.operation()).isEqualTo("ethtool rings-get");
            }

            // The dump form lists every interface of the namespace that answers.
            Object all = call(
                    call(
                            gen.callStatic("gen.ethtool.LinkinfoGetRequest", "builder"),
                            "header",
                            call(gen.callStatic("gen.ethtool.Header", "builder"), "build")),
                    "build");
            Set<Long> dumped = new TreeSet<>();
            for (Object r : (List<?>) call(client, "linkinfoGetDumpList", all)) {
                dumped.add(((OptionalLong) call(((Optional<?>) call(r, "header")).orElseThrow(), "devIndex"))
                        .orElseThrow());
            }
            assertThat(dumped).contains((long) v0, (long) ifindexes().get("v1"));
        }
    }

    /** A number of {@code ethtool -l}'s output ("n/a" when the driver reports 0, the attribute absent). */
    static OptionalLong number(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s+(\\S+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1).equals("n/a") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(1)));
    }

    // ---------------------------------------------------------------- notifications

    static <N> N await(AutoCloseable subscription, Predicate<Object> wanted) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            Optional<?> n = (Optional<?>) call(subscription, "poll", Duration.ofMillis(500));
            if (n.isPresent() && wanted.test(n.get())) {
                @SuppressWarnings("unchecked")
                N found = (N) n.get();
                return found;
            }
        }
        throw new AssertionError("no such notification within 10 s");
    }

    @Test
    void rtAddrSubscriptionDeliversTheTypedNotification() throws Exception {
        int group = (Integer)
                gen.type("gen.rtaddr.RtAddr").getField("RTNLGRP_IPV4_IFADDR").get(null);
        try (AutoCloseable sub =
                (AutoCloseable) gen.callStatic("gen.rtaddr.RtAddr", "subscribe", options(), new int[] {group})) {
            ip("address", "add", "10.99.0.5/20", "dev", "v1", "label", "v1:ntf");
            Object n = await(
                    sub,
                    x -> x.getClass().getName().equals("gen.rtaddr.GetaddrReply")
                            && ((Optional<?>) call(x, "local"))
                                    .map(b -> ((Bytes) b).toInetAddress().getHostAddress())
                                    .orElse("")
                                    .equals("10.99.0.5"));
            assertThat(gen.type("gen.rtaddr.RtAddrNotification").isInstance(n)).isTrue();
            assertThat(gen.type("gen.rtaddr.RtAddrNotification").isSealed()).isTrue();
            Object h = call(n, "header");
            assertThat(call(h, "ifaIndex")).isEqualTo((long) ifindexes().get("v1"));
            assertThat(call(h, "ifaPrefixlen")).isEqualTo(20);
            assertThat(call(n, "label")).isEqualTo(Optional.of("v1:ntf"));
        }
    }

    @Test
    void rtLinkSubscriptionDeliversTheTypedNotification() throws Exception {
        int group =
                (Integer) gen.type("gen.rtlink.RtLink").getField("RTNLGRP_LINK").get(null);
        try (AutoCloseable sub =
                (AutoCloseable) gen.callStatic("gen.rtlink.RtLink", "subscribe", options(), new int[] {group})) {
            ip("link", "add", "ntfbr0", "type", "bridge");
            try {
                Object n = await(
                        sub,
                        x -> x.getClass().getName().equals("gen.rtlink.GetlinkReply")
                                && "ntfbr0".equals(((Optional<?>) call(x, "ifname")).orElse(null)));
                assertThat(gen.type("gen.rtlink.RtLinkNotification").isInstance(n))
                        .isTrue();
                assertThat(call(call(n, "header"), "ifiIndex"))
                        .isEqualTo(ifindexes().get("ntfbr0"));
                assertThat(kindOf(n)).isEqualTo("bridge");
                int index = ifindexes().get("ntfbr0");
                ip("link", "delete", "ntfbr0");
                // RTM_DELLINK: the spec lists only newlink-ntf; the deletion arrives with the
                // layout of getlink's reply, wrapped so that it is not taken for a new link
                Object gone = await(
                        sub,
                        x -> x.getClass().getName().equals("gen.rtlink.DellinkNotification")
                                && call(call(call(x, "message"), "header"), "ifiIndex")
                                        .equals(index));
                assertThat(call(gone, "messageType")).isEqualTo(17);
                assertThat(ifindexes()).doesNotContainKey("ntfbr0");
            } finally {
                if (ifindexes().containsKey("ntfbr0")) {
                    ip("link", "delete", "ntfbr0");
                }
            }
        }
    }

    static String dstOf(Object routeReply) {
        return ((Optional<?>) call(routeReply, "dst"))
                        .map(d -> ((Bytes) d).toInetAddress().getHostAddress())
                        .orElse("0.0.0.0")
                + "/" + call(call(routeReply, "header"), "rtmDstLen");
    }

    @Test
    void rtRouteNewAndDeleteNotificationsAreToldApart() throws Exception {
        // rt-route's newroute-ntf and delroute-ntf share getroute's reply layout: each gets a wrapper
        int group = (Integer)
                gen.type("gen.rtroute.RtRoute").getField("RTNLGRP_IPV4_ROUTE").get(null);
        try (AutoCloseable sub =
                (AutoCloseable) gen.callStatic("gen.rtroute.RtRoute", "subscribe", options(), new int[] {group})) {
            ip("route", "add", "10.77.0.0/16", "dev", "v0", "metric", "55");
            Object added = await(
                    sub,
                    x -> x.getClass().getName().equals("gen.rtroute.NewrouteNotification")
                            && dstOf(call(x, "message")).equals("10.77.0.0/16"));
            assertThat(call(added, "messageType")).isEqualTo(24); // RTM_NEWROUTE
            assertThat(call(call(added, "message"), "priority")).isEqualTo(OptionalLong.of(55));
            assertThat(ip("-j", "route", "show", "10.77.0.0/16")).contains("\"metric\":55");

            ip("route", "del", "10.77.0.0/16", "dev", "v0");
            Object deleted = await(
                    sub,
                    x -> x.getClass().getName().equals("gen.rtroute.DelrouteNotification")
                            && dstOf(call(x, "message")).equals("10.77.0.0/16"));
            assertThat(call(deleted, "messageType")).isEqualTo(25); // RTM_DELROUTE
            assertThat(gen.type("gen.rtroute.RtRouteNotification").isInstance(deleted))
                    .isTrue();
            assertThat(ip("route", "show", "10.77.0.0/16").strip()).isEmpty();
        }
    }

    @Test
    void netdevAddAndDeleteNotificationsAreToldApart() throws Exception {
        // netdev's dev-add-ntf, dev-del-ntf and dev-change-ntf all have dev-get's reply layout
        try (AutoCloseable sub =
                (AutoCloseable) gen.callStatic("gen.netdev.Netdev", "subscribe", options(), new String[] {"mgmt"})) {
            ip("link", "add", "ntfa0", "type", "veth", "peer", "name", "ntfa1");
            long a0 = ifindexes().get("ntfa0");
            Object added = await(
                    sub,
                    x -> x.getClass().getName().equals("gen.netdev.DevAddNotification")
                            && call(call(x, "message"), "ifindex").equals(OptionalLong.of(a0)));
            assertThat(call(added, "command")).isEqualTo(2); // NETDEV_CMD_DEV_ADD_NTF

            ip("link", "delete", "ntfa0");
            Object deleted = await(
                    sub,
                    x -> x.getClass().getName().equals("gen.netdev.DevDelNotification")
                            && call(call(x, "message"), "ifindex").equals(OptionalLong.of(a0)));
            assertThat(call(deleted, "command")).isEqualTo(3); // NETDEV_CMD_DEV_DEL_NTF
            assertThat(ifindexes()).doesNotContainKeys("ntfa0", "ntfa1");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@code ip -j} output (JSON, read as YAML: a list of objects). */
    static List<J> json(String text) {
        return ((List<?>) new Yaml().load(text)).stream().map(J::new).toList();
    }

    /** A JSON value, navigated leniently as Jackson's J is. */
    record J(Object value) {
        J path(String key) {
            return new J(value instanceof Map<?, ?> m ? m.get(key) : null);
        }

        J get(String key) {
            J j = path(key);
            if (j.value == null) {
                throw new AssertionError("no " + key + " in " + value);
            }
            return j;
        }

        boolean has(String key) {
            return path(key).value != null;
        }

        boolean isMissingNode() {
            return value == null;
        }

        String asText() {
            return String.valueOf(value);
        }

        String asText(String absent) {
            return value == null ? absent : String.valueOf(value);
        }

        int asInt() {
            return Integer.parseInt(asText());
        }

        long asLong() {
            return Long.parseLong(asText());
        }
    }

    String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    static String run(String... cmd) {
        return RtAddrClientKernelTest.run(cmd);
    }
}
