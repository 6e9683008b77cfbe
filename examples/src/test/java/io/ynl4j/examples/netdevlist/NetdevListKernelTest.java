package io.ynl4j.examples.netdevlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.runtime.Netns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code netdev-list} in a namespace holding {@code lo} and a veth pair: the netdev family's
 * {@code dev-get} dump (family id resolved through nlctrl by the generated client) must list
 * exactly the ifindexes and names {@code ip -j link show} lists, in both output forms.
 */
@Tag("kernel")
class NetdevListKernelTest {
    record Result(int code, String out, String err) {}

    static Result netdevList(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetdevList.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<String> pairs(String json) {
        // One object per device: {"ifindex":N, ... "ifname":"NAME", ...} (ip puts "link" between).
        List<String> result = new ArrayList<>();
        Pattern name = Pattern.compile("\"ifname\":\"([^\"]+)\"");
        Pattern index = Pattern.compile("^(\\d+),");
        for (String part : json.split("\\{\"ifindex\":")) {
            Matcher i = index.matcher(part);
            Matcher n = name.matcher(part);
            if (i.find() && n.find()) {
                result.add(i.group(1) + " " + n.group(1));
            }
        }
        return result;
    }

    @Test
    void listsTheDevicesIpLinkShows() {
        try (Netns ns = Netns.create()) {
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            List<String> fromIp = pairs(ns.ip("-j", "link", "show"));
            assertThat(fromIp).hasSize(3);

            Result json = netdevList("--netns", ns.name(), "--json");
            assertThat(json.code()).as(json.err()).isZero();
            assertThat(pairs(json.out())).containsExactlyInAnyOrderElementsOf(fromIp);

            Result text = netdevList("--netns", ns.name());
            assertThat(text.code()).as(text.err()).isZero();
            List<String> fromText = text.out()
                    .lines()
                    .map(l -> l.replaceAll("^(\\d+): (\\S+) .*", "$1 $2"))
                    .toList();
            assertThat(fromText).containsExactlyInAnyOrderElementsOf(fromIp);
            assertThat(text.out()).contains(ns.ifindex("v0") + ": v0  xdp-features ");
            System.out.println("NetdevListKernelTest: netdev-list --netns NS:\n" + text.out() + json.out());
        }
    }
}
