package io.ynl4j.runtime.genl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ynl4j.runtime.FamilyNotFoundException;
import io.ynl4j.runtime.NetlinkException;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.Netns;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * nlctrl resolution against the real kernel, from a generic netlink socket inside a namespace of
 * our own; where iproute2's {@code genl} is installed, its view of a family is the reference.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenlKernelTest {
    private Netns ns;
    private NetlinkSocket socket;

    @BeforeAll
    void createNamespace() {
        ns = Netns.create();
    }

    @AfterAll
    void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    @BeforeEach
    void openSocket() {
        socket = NetlinkSocket.open(NetlinkProtocol.GENERIC, ns.options());
    }

    @AfterEach
    void closeSocket() {
        socket.close();
    }

    @Test
    void resolvesNlctrlItself() {
        GenlFamily nlctrl = GenlResolver.of(socket).family("nlctrl");
        assertThat(nlctrl.name()).isEqualTo("nlctrl");
        assertThat(nlctrl.id()).isEqualTo(Nlctrl.GENL_ID_CTRL);
        assertThat(nlctrl.version()).isEqualTo(Nlctrl.VERSION);
        assertThat(nlctrl.supports(Nlctrl.CTRL_CMD_GETFAMILY)).isTrue();
        assertThat(nlctrl.ops().get(Nlctrl.CTRL_CMD_GETFAMILY) & Nlctrl.GENL_CMD_CAP_DUMP)
                .isEqualTo(Nlctrl.GENL_CMD_CAP_DUMP);
        assertThat(nlctrl.mcastGroups()).containsKey("notify");
    }

    @Test
    void resolvesNetdevWithItsMgmtGroup() {
        GenlFamily netdev = GenlResolver.of(socket).family("netdev");
        assertThat(netdev.id()).isPositive().isNotEqualTo(Nlctrl.GENL_ID_CTRL);
        assertThat(netdev.version()).isPositive();
        assertThat(netdev.ops()).isNotEmpty();
        assertThat(netdev.mcastGroup("mgmt")).isPresent();
        assertThat(netdev.mcastGroups().values())
                .allSatisfy(id -> assertThat(id).isPositive());
        assertMatchesGenlTool(netdev);
    }

    @Test
    void resolvesEthtoolWithItsMonitorGroup() {
        GenlResolver resolver = GenlResolver.of(socket);
        GenlFamily ethtool = resolver.family("ethtool");
        assertThat(ethtool.id()).isPositive();
        assertThat(ethtool.version()).isPositive();
        assertThat(ethtool.ops()).isNotEmpty();
        assertThat(ethtool.maxattr()).isNotNegative();
        assertThat(resolver.mcastGroup("ethtool", "monitor"))
                .isEqualTo(ethtool.mcastGroups().get("monitor"));
        assertMatchesGenlTool(ethtool);
    }

    @Test
    void resolutionIsCachedPerSocket() {
        GenlResolver resolver = GenlResolver.of(socket);
        assertThat(GenlResolver.of(socket)).isSameAs(resolver);
        assertThat(resolver.cached("netdev")).isEmpty();
        GenlFamily first = resolver.family("netdev");
        assertThat(resolver.cached("netdev")).containsSame(first);
        assertThat(resolver.family("netdev")).isSameAs(first);
        assertThat(resolver.familyId("netdev")).isEqualTo(first.id());

        resolver.forget("netdev");
        GenlFamily again = resolver.family("netdev");
        assertThat(again).isNotSameAs(first).isEqualTo(first);

        try (NetlinkSocket other = NetlinkSocket.open(NetlinkProtocol.GENERIC, ns.options())) {
            assertThat(GenlResolver.of(other)).isNotSameAs(resolver);
            assertThat(GenlResolver.of(other).cached("netdev")).isEmpty();
        }
    }

    @Test
    void anUnknownFamilyIsFamilyNotFoundNamingIt() {
        GenlResolver resolver = GenlResolver.of(socket);
        assertThatThrownBy(() -> resolver.family("ynl4j-nosuch"))
                .isInstanceOfSatisfying(
                        FamilyNotFoundException.class,
                        e -> assertThat(e.family()).isEqualTo("ynl4j-nosuch"))
                .hasMessageContaining("'ynl4j-nosuch'");
        assertThat(resolver.find("ynl4j-nosuch")).isEmpty();
        // Longer than GENL_NAMSIZ allows: cannot exist, not asked.
        assertThatThrownBy(() -> resolver.family("a-family-name-longer-than-fifteen-bytes"))
                .isInstanceOf(FamilyNotFoundException.class);
        assertThatThrownBy(() -> resolver.mcastGroup("netdev", "no-such-group"))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("'netdev' has no multicast group 'no-such-group'")
                .hasMessageContaining("mgmt");
        // The socket stays usable.
        assertThat(resolver.family("nlctrl").id()).isEqualTo(Nlctrl.GENL_ID_CTRL);
    }

    @Test
    void aFamilyDumpContainsTheFamiliesAndAgreesWithResolution() {
        GenlResolver resolver = GenlResolver.of(socket);
        List<GenlFamily> all = resolver.dumpFamilies();
        Map<String, GenlFamily> byName =
                all.stream().collect(Collectors.toMap(GenlFamily::name, f -> f, (a, b) -> a, LinkedHashMap::new));
        assertThat(byName).hasSameSizeAs(all).containsKeys("nlctrl", "netdev", "ethtool");
        assertThat(all.stream().map(GenlFamily::id).collect(Collectors.toSet())).hasSameSizeAs(all);

        // The dump filled the cache; a fresh socket's resolution agrees with it.
        assertThat(resolver.cached("ethtool")).contains(byName.get("ethtool"));
        try (NetlinkSocket other = NetlinkSocket.open(NetlinkProtocol.GENERIC, ns.options())) {
            for (String name : List.of("nlctrl", "netdev", "ethtool")) {
                assertThat(GenlResolver.of(other).family(name)).isEqualTo(byName.get(name));
            }
        }
        // And the socket still serves requests after the dump.
        assertThat(resolver.find("ynl4j-nosuch")).isEmpty();
    }

    @Test
    void aResolverNeedsAGenericSocket() {
        try (NetlinkSocket route = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            assertThatThrownBy(() -> GenlResolver.of(route))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("generic");
        }
    }

    /** Compares with {@code genl ctrl get name NAME} run in the namespace, when genl exists. */
    private void assertMatchesGenlTool(GenlFamily f) {
        String out;
        try {
            out = ns.exec("genl", "ctrl", "get", "name", f.name());
        } catch (RuntimeException e) {
            return; // no genl here; the other assertions stand
        }
        Matcher head = Pattern.compile(
                        "ID: 0x([0-9a-f]+)\\s+Version: 0x([0-9a-f]+)\\s+header size: (\\d+)\\s+max attribs: (\\d+)")
                .matcher(out);
        assertThat(head.find()).as(out).isTrue();
        assertThat(f.id()).isEqualTo(Integer.parseInt(head.group(1), 16));
        assertThat(f.version()).isEqualTo(Integer.parseInt(head.group(2), 16));
        assertThat(f.hdrsize()).isEqualTo(Integer.parseInt(head.group(3)));
        assertThat(f.maxattr()).isEqualTo(Integer.parseInt(head.group(4)));
        int groupsAt = out.indexOf("multicast groups:");
        String commands = groupsAt < 0 ? out : out.substring(0, groupsAt);
        Set<Integer> ops = new LinkedHashSet<>();
        Matcher op = Pattern.compile("#\\d+:\\s+ID-0x([0-9a-f]+)").matcher(commands);
        while (op.find()) {
            ops.add(Integer.parseInt(op.group(1), 16));
        }
        assertThat(f.ops().keySet()).containsExactlyElementsOf(ops);
        Map<String, Integer> groups = new LinkedHashMap<>();
        if (groupsAt >= 0) {
            Matcher g = Pattern.compile("ID-0x([0-9a-f]+)\\s+name: (\\S+)").matcher(out.substring(groupsAt));
            while (g.find()) {
                groups.put(g.group(2), Integer.parseInt(g.group(1), 16));
            }
        }
        assertThat(f.mcastGroups()).containsExactlyEntriesOf(groups);
    }
}
