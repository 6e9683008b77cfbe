package io.ynl4j.cli;

import static io.ynl4j.cli.WireCommandsTest.SHARED;
import static io.ynl4j.cli.WireCommandsTest.map;
import static io.ynl4j.cli.WireCommandsTest.ynl4j;
import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.cli.WireCommandsTest.Run;
import io.ynl4j.cli.json.Json;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.Netns;
import io.ynl4j.runtime.genl.GenlResolver;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ynl4j call} with generic netlink families that the Linux 7.3 kernel of the VM suite has and
 * the 6.18 kernel of the build machines lacks ({@code genl ctrl list} there shows none of fou,
 * openvswitch's ovs_datapath/ovs_vport, wireguard or team: they are not in its configuration), each
 * driven from the kernel's own spec in {@code ../shared/kernel-specs} and checked against what
 * {@code ip} (or, for wireguard's public key, X25519 computed here) says the kernel really did.
 *
 * <p>Tagged {@code kernel-vm}: only {@code vm/run-tests.sh} runs these (it loads the modules at boot);
 * on a kernel without the families they would fail, not skip.
 */
@Tag("kernel-vm")
class NewerKernelCallTest {
    private static final HexFormat HEX = HexFormat.of();
    private Netns ns;

    @BeforeEach
    void namespace() {
        ns = Netns.create();
    }

    @AfterEach
    void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    private static String spec(String family) {
        Path spec = SHARED.resolve("kernel-specs/specs/" + family + ".yaml");
        assertThat(spec).as("the kernel's %s spec", family).isRegularFile();
        return spec.toString();
    }

    private Run call(String family, String... args) {
        List<String> all = new ArrayList<>(List.of("call", "--netns", ns.name(), "--spec", spec(family)));
        all.addAll(List.of(args));
        return ynl4j(all.toArray(String[]::new));
    }

    private static Run ok(Run run) {
        assertThat(run.exit()).as("%s", run).isZero();
        return run;
    }

    private static List<Map<String, Object>> jsonList(Run run) {
        Object parsed = Json.parse(run.out());
        List<Map<String, Object>> out = new ArrayList<>();
        if (parsed instanceof List<?> l) {
            l.forEach(o -> out.add(map(o)));
        } else if (parsed != null) {
            out.add(map(parsed));
        }
        return out;
    }

    private static void assertKernelError(Run run, String errno, String... details) {
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCodes.KERNEL);
        assertThat(run.err()).startsWith("ynl4j: ").contains(errno);
        for (String d : details) {
            assertThat(run.err()).contains(d);
        }
    }

    /**
     * The elements of an indexed array as the kernel's ynl prints them: each a one-entry object from
     * the attribute's index (WireGuard sends every peer with index 0) to its value.
     */
    private static List<Map<String, Object>> indexed(Object array) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object element : (List<?>) array) {
            Map<String, Object> e = map(element);
            assertThat(e).hasSize(1);
            assertThat(e.keySet().iterator().next()).containsOnlyDigits();
            out.add(map(e.values().iterator().next()));
        }
        return out;
    }

    /** Binary shown with display-hint hex: bytes as two hex digits each, separated by spaces (as ynl). */
    private static String spacedHex(byte[] bytes) {
        return HEX.withDelimiter(" ").formatHex(bytes);
    }

    /** The family's operations as the kernel's nlctrl lists them (getfamily do). */
    private Set<Long> kernelOps(String name) {
        Run run = ok(
                call("nlctrl", "--do", "getfamily", "--json", "{\"family-name\": \"" + name + "\"}", "--output-json"));
        Set<Long> ops = new TreeSet<>();
        for (Map<String, Object> op : indexed(map(Json.parse(run.out())).get("ops"))) {
            ops.add((Long) op.get("id"));
        }
        return ops;
    }

    // ------------------------------------------------------------------ new operations of old families

    @Test
    void netdevQueueCreateAndEthtoolMseGetAreKnownToTheKernel() {
        // on 6.18 netdev has ops up to 15 (bind-tx) and ethtool up to 50: these are new in 7.x
        assertThat(kernelOps("netdev")).as("netdev queue-create").contains(16L);
        assertThat(kernelOps("ethtool")).as("ethtool mse-get").contains(51L);
        ns.ip("link", "add", "va", "type", "veth", "peer", "name", "vb");
        long va = ifindex("va");

        // the kernel checks the request against the op's policy: required attributes first...
        assertKernelError(
                call("netdev", "--do", "queue-create", "--json", "{\"ifindex\": " + va + "}"),
                "EINVAL",
                "(missing attribute: queue.type)");
        // ...then asks the driver: veth cannot lease a queue of another device (netkit can)
        assertKernelError(
                call(
                        "netdev",
                        "--do",
                        "queue-create",
                        "--json",
                        "{\"ifindex\": " + va + ", \"type\": \"rx\", \"lease\": {\"ifindex\": " + ifindex("vb")
                                + ", \"queue\": {\"id\": 0, \"type\": \"rx\"}}}"),
                "EINVAL",
                "kernel says 'Device does not support queue creation'");
        // veth has no PHY: the do fails, while the dump (an unknown command on 6.18) walks every
        // device and returns none
        assertKernelError(
                call("ethtool", "--do", "mse-get", "--json", "{\"header\": {\"dev-index\": " + va + "}}"),
                "EOPNOTSUPP");
        Run dump = ok(call("ethtool", "--dump", "mse-get", "--output-json"));
        assertThat(Json.parse(dump.out())).isEqualTo(List.of());
    }

    // ------------------------------------------------------------------ fou

    @Test
    void fouAddGetDelAgreeWithIpFouShow() {
        assertThat(kernelOps("fou")).as("fou add/del/get").containsAll(List.of(1L, 2L, 3L));

        // type 1 is FOU_ENCAP_DIRECT (the kernel refuses a missing type), 2 is GUE
        ok(call("fou", "--do", "add", "--json", "{\"port\": 5555, \"af\": 2, \"type\": 1, \"ipproto\": 4}"));
        ok(call("fou", "--do", "add", "--json", "{\"port\": 6666, \"af\": 2, \"type\": 2}"));
        assertThat(ns.ip("fou", "show").lines().map(String::strip).sorted())
                .containsExactly("port 5555 ipproto 4", "port 6666 gue");

        List<Map<String, Object>> dump = jsonList(ok(call("fou", "--dump", "get", "--output-json")));
        Set<String> seen = new TreeSet<>();
        for (Map<String, Object> f : dump) {
            seen.add(f.get("port") + "/" + f.get("af") + "/" + f.get("type") + "/" + f.get("ipproto"));
        }
        assertThat(seen).containsExactly("5555/2/1/4", "6666/2/2/0");

        Map<String, Object> one = jsonList(
                        ok(call("fou", "--do", "get", "--json", "{\"port\": 5555, \"af\": 2}", "--output-json")))
                .getFirst();
        assertThat(one).containsEntry("port", 5555L).containsEntry("ipproto", 4L);

        // the port's UDP socket is bound already
        assertKernelError(
                call("fou", "--do", "add", "--json", "{\"port\": 5555, \"af\": 2, \"type\": 1, \"ipproto\": 4}"),
                "EADDRINUSE");
        // the spec's checks: ipproto min 1, enforced by the kernel's policy with the attribute named
        assertKernelError(
                call("fou", "--do", "add", "--json", "{\"port\": 7777, \"af\": 2, \"type\": 1, \"ipproto\": 0}"),
                "ERANGE",
                "integer out of range",
                "bad attribute: fou.ipproto",
                "policy: u8, range 1..255");

        ok(call("fou", "--do", "del", "--json", "{\"port\": 5555, \"af\": 2}"));
        assertThat(ns.ip("fou", "show").strip()).isEqualTo("port 6666 gue");
        assertKernelError(call("fou", "--do", "get", "--json", "{\"port\": 5555, \"af\": 2}"), "ESRCH");
    }

    // ------------------------------------------------------------------ openvswitch

    private long ifindex(String dev) {
        List<?> links = (List<?>) Json.parse(ns.ip("-j", "link", "show", "dev", dev));
        return (Long) map(links.getFirst()).get("ifindex");
    }

    private Set<String> links() {
        Set<String> names = new TreeSet<>();
        for (Object l : (List<?>) Json.parse(ns.ip("-j", "link", "show"))) {
            names.add((String) map(l).get("ifname"));
        }
        return names;
    }

    @Test
    void openvswitchDatapathAndVportsAreCreatedListedAndDeleted() {
        ok(call(
                "ovs_datapath",
                "--do",
                "new",
                "--json",
                "{\"dp-ifindex\": 0, \"name\": \"ynldp\", \"upcall-pid\": 0}"));
        assertThat(links()).contains("ynldp");
        long dp = ifindex("ynldp");

        List<Map<String, Object>> dps = jsonList(ok(call("ovs_datapath", "--dump", "get", "--output-json")));
        assertThat(dps).hasSize(1);
        assertThat(dps.getFirst()).containsEntry("name", "ynldp").containsEntry("dp-ifindex", dp);
        assertThat(map(dps.getFirst().get("stats"))).containsKeys("n-hit", "n-missed", "n-lost", "n-flows");
        assertThat(map(dps.getFirst().get("stats"))).containsEntry("n-flows", 0L);

        ok(call(
                "ovs_vport",
                "--do",
                "new",
                "--json",
                "{\"dp-ifindex\": " + dp + ", \"name\": \"ynlp0\", \"type\": \"internal\", \"upcall-pid\": [0]}"));
        assertThat(links()).contains("ynlp0");
        long p0 = ifindex("ynlp0");

        List<Map<String, Object>> ports = jsonList(
                ok(call("ovs_vport", "--dump", "get", "--json", "{\"dp-ifindex\": " + dp + "}", "--output-json")));
        Set<String> seen = new TreeSet<>();
        for (Map<String, Object> p : ports) {
            assertThat(p).containsEntry("dp-ifindex", dp);
            seen.add(p.get("port-no") + " " + p.get("name") + " " + p.get("type") + " " + p.get("ifindex"));
        }
        assertThat(seen).containsExactly("0 ynldp internal " + dp, "1 ynlp0 internal " + p0);

        Map<String, Object> byName = jsonList(ok(call(
                        "ovs_vport",
                        "--do",
                        "get",
                        "--json",
                        "{\"dp-ifindex\": 0, \"name\": \"ynlp0\"}",
                        "--output-json")))
                .getFirst();
        assertThat(byName).containsEntry("port-no", 1L).containsEntry("ifindex", p0);

        assertKernelError(
                call(
                        "ovs_vport",
                        "--do",
                        "new",
                        "--json",
                        "{\"dp-ifindex\": " + dp
                                + ", \"name\": \"ynlp0\", \"type\": \"internal\", \"upcall-pid\": [0]}"),
                "EEXIST");

        ok(call("ovs_vport", "--do", "del", "--json", "{\"dp-ifindex\": 0, \"name\": \"ynlp0\"}"));
        assertThat(links()).doesNotContain("ynlp0").contains("ynldp");
        ok(call("ovs_datapath", "--do", "del", "--json", "{\"dp-ifindex\": 0, \"name\": \"ynldp\"}"));
        assertThat(links()).doesNotContain("ynldp");
        assertThat(jsonList(ok(call("ovs_datapath", "--dump", "get", "--output-json"))))
                .isEmpty();
        assertKernelError(
                call("ovs_datapath", "--do", "get", "--json", "{\"dp-ifindex\": 0, \"name\": \"ynldp\"}"), "ENODEV");
    }

    // ------------------------------------------------------------------ wireguard

    /** X25519(k, 9): the public key of private key {@code k} (both little-endian, as WireGuard has them). */
    private static byte[] x25519PublicKey(byte[] privateKey) throws GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance("XDH");
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey)));
        ka.doPhase(kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9))), true);
        return ka.generateSecret();
    }

    private static byte[] clampedRandomKey(SecureRandom random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        return k;
    }

    @Test
    void wireguardSetDeviceThenGetDeviceReturnsKeysPeersAndAllowedIps() throws Exception {
        ns.ip("link", "add", "wg0", "type", "wireguard");
        long wg0 = ifindex("wg0");
        SecureRandom random = new SecureRandom();
        byte[] priv = clampedRandomKey(random);
        byte[] peer1 = x25519PublicKey(clampedRandomKey(random));
        byte[] peer2 = x25519PublicKey(clampedRandomKey(random));

        String set = "{\"ifname\": \"wg0\", \"private-key\": \"" + HEX.formatHex(priv) + "\", \"listen-port\": 51820,"
                + " \"fwmark\": 7, \"peers\": ["
                + "{\"public-key\": \"" + HEX.formatHex(peer1) + "\", \"persistent-keepalive-interval\": 25,"
                + " \"allowedips\": [{\"family\": 2, \"ipaddr\": \"10.7.0.0\", \"cidr-mask\": 24},"
                + " {\"family\": 10, \"ipaddr\": \"fd00:7::\", \"cidr-mask\": 64}]},"
                + "{\"public-key\": \"" + HEX.formatHex(peer2) + "\","
                + " \"allowedips\": [{\"family\": 2, \"ipaddr\": \"10.8.1.2\", \"cidr-mask\": 32}]}]}";
        ok(call("wireguard", "--do", "set-device", "--json", set));

        List<Map<String, Object>> dump = jsonList(
                ok(call("wireguard", "--dump", "get-device", "--json", "{\"ifindex\": " + wg0 + "}", "--output-json")));
        // a device with few peers fits one message; peers are merged over messages otherwise
        List<Map<String, Object>> peers = new ArrayList<>();
        for (Map<String, Object> m : dump) {
            peers.addAll(indexed(m.getOrDefault("peers", List.of())));
        }
        Map<String, Object> dev = dump.getFirst();
        assertThat(dev)
                .containsEntry("ifindex", wg0)
                .containsEntry("ifname", "wg0")
                .containsEntry("listen-port", 51820L)
                .containsEntry("fwmark", 7L)
                .containsEntry("private-key", spacedHex(priv))
                .containsEntry("public-key", spacedHex(x25519PublicKey(priv)));

        Set<String> seen = new TreeSet<>();
        for (Map<String, Object> peer : peers) {
            StringBuilder row = new StringBuilder((String) peer.get("public-key"));
            row.append(" keepalive=").append(peer.get("persistent-keepalive-interval"));
            Set<String> allowed = new TreeSet<>();
            for (Map<String, Object> ip : indexed(peer.get("allowedips"))) {
                allowed.add(ip.get("family") + ":" + ip.get("ipaddr") + "/" + ip.get("cidr-mask"));
            }
            seen.add(row.append(' ').append(allowed).toString());
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        spacedHex(peer1) + " keepalive=25 [10:fd00:7::/64, 2:10.7.0.0/24]",
                        spacedHex(peer2) + " keepalive=0 [2:10.8.1.2/32]");

        // the kernel's policy (exact-len: wg-key-len) refuses a short key and names the attribute
        assertKernelError(
                call("wireguard", "--do", "set-device", "--json", "{\"ifname\": \"wg0\", \"private-key\": \"0102\"}"),
                "ERANGE",
                "binary attribute size out of range",
                "bad attribute: wgdevice.private-key",
                "policy: binary, length 32..32");
        assertKernelError(
                call("wireguard", "--do", "set-device", "--json", "{\"ifname\": \"nosuchwg\", \"listen-port\": 1}"),
                "ENODEV");
        // once up, the device listens on UDP 51820 inside the namespace
        ns.ip("link", "set", "wg0", "up");
        assertThat(ns.exec("cat", "/proc/net/udp")).contains(":CA6C ");
    }

    // ------------------------------------------------------------------ team

    /** A repeated attribute the spec does not call multi-attr: one object, or a list when repeated (as ynl). */
    private static List<Map<String, Object>> repeated(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(o -> out.add(map(o)));
        } else if (value != null) {
            out.add(map(value));
        }
        return out;
    }

    private Map<String, Map<String, Object>> teamOptions(long team) {
        Run run =
                ok(call("team", "--do", "options-get", "--json", "{\"team-ifindex\": " + team + "}", "--output-json"));
        Map<String, Object> reply = map(Json.parse(run.out()));
        assertThat(reply).containsEntry("team-ifindex", team);
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        for (Map<String, Object> o : repeated(map(reply.get("list-option")).get("option"))) {
            byName.put(o.get("name") + (o.containsKey("port-ifindex") ? "@" + o.get("port-ifindex") : ""), o);
        }
        return byName;
    }

    @Test
    void teamOptionsGetSetAndPortListAgreeWithIp() {
        ns.ip("link", "add", "team0", "type", "team");
        ns.ip("link", "add", "tp0", "type", "veth", "peer", "name", "tq0");
        ns.ip("link", "add", "tp1", "type", "veth", "peer", "name", "tq1");
        ns.ip("link", "set", "tp0", "master", "team0");
        ns.ip("link", "set", "tp1", "master", "team0");
        long team0 = ifindex("team0");
        long tp0 = ifindex("tp0");
        long tp1 = ifindex("tp1");

        Map<String, Map<String, Object>> options = teamOptions(team0);
        // team options: NLA_U32 is type 3, NLA_STRING 5, NLA_FLAG 6, NLA_S32 14; data as hex
        assertThat(options.get("mode")).containsEntry("type", 5L);
        assertThat(options.get("mcast_rejoin_count")).containsEntry("type", 3L).containsEntry("data", "00000000");
        assertThat(options).containsKeys("enabled@" + tp0, "enabled@" + tp1, "priority@" + tp0, "queue_id@" + tp1);

        // team answers options-set with ESRCH when nobody listens to its "change_event" group (the
        // error of the notification it sends, after the options were set; teamd always listens): the
        // team spec declares no multicast group, so a socket joins it by the name nlctrl gives
        try (NetlinkSocket listener = NetlinkSocket.open(NetlinkProtocol.GENERIC, ns.options())) {
            GenlResolver resolver = GenlResolver.of(listener);
            listener.joinGroup(resolver.mcastGroup("team", "change_event"));
            ok(call(
                    "team",
                    "--do",
                    "options-set",
                    "--json",
                    "{\"team-ifindex\": " + team0
                            + ", \"list-option\": {\"option\": [{\"name\": \"mcast_rejoin_count\","
                            + " \"type\": 3, \"data\": \"05000000\"}, {\"name\": \"priority\", \"port-ifindex\": " + tp1
                            + ", \"type\": 14, \"data\": \"f6ffffff\"}]}}"));
            Optional<NetlinkMessage> event = listener.receive(Duration.ofSeconds(10));
            assertThat(event).as("team's change event").isPresent();
            assertThat(event.get().type()).isEqualTo(resolver.familyId("team"));
            assertThat(event.get().genlCommand()).as("TEAM_CMD_OPTIONS_GET").isEqualTo(2);
        }
        options = teamOptions(team0);
        assertThat(options.get("mcast_rejoin_count")).containsEntry("data", "05000000");
        assertThat(options.get("priority@" + tp1)).containsEntry("data", "f6ffffff"); // -10
        assertThat(options.get("priority@" + tp0)).containsEntry("data", "00000000");

        Run ports = ok(
                call("team", "--do", "port-list-get", "--json", "{\"team-ifindex\": " + team0 + "}", "--output-json"));
        Set<Long> listed = new TreeSet<>();
        for (Map<String, Object> p :
                repeated(map(map(Json.parse(ports.out())).get("list-port")).get("port"))) {
            listed.add((Long) p.get("ifindex"));
        }
        Set<Long> enslaved = new TreeSet<>();
        for (Object l : (List<?>) Json.parse(ns.ip("-j", "link", "show", "master", "team0"))) {
            enslaved.add((Long) map(l).get("ifindex"));
        }
        assertThat(listed).isEqualTo(enslaved).containsExactlyInAnyOrder(tp0, tp1);

        // an option the driver does not have
        assertKernelError(
                call(
                        "team",
                        "--do",
                        "options-set",
                        "--json",
                        "{\"team-ifindex\": " + team0 + ", \"list-option\": {\"option\": {\"name\": \"no_such_option\","
                                + " \"type\": 3, \"data\": \"01000000\"}}}"),
                "ENOENT");
    }
}
