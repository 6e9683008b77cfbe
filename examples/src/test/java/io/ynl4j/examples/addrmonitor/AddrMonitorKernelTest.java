package io.ynl4j.examples.addrmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.examples.ExampleProcess;
import io.ynl4j.runtime.Netns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two {@code addr-monitor} processes subscribed to the same rtnetlink groups in a namespace (the
 * seeds' several listeners on one group): both must print the same four lines for an IPv4 and an
 * IPv6 address added to a veth and removed again, in that order, and exit after {@code --count 4}.
 * The links stay down, so addrconf adds no link-local addresses of its own meanwhile.
 */
@Tag("kernel")
class AddrMonitorKernelTest {
    @Test
    void twoMonitorsBothSeeEveryChange() throws Exception {
        try (Netns ns = Netns.create()) {
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            try (ExampleProcess a = monitor(ns);
                    ExampleProcess b = monitor(ns)) {
                a.awaitErr(l -> l.startsWith("addr-monitor: listening"), 30);
                b.awaitErr(l -> l.startsWith("addr-monitor: listening"), 30);
                ns.ip("address", "add", "10.0.0.1/24", "dev", "v0");
                ns.ip("address", "add", "2001:db8::1/64", "dev", "v0", "nodad");
                ns.ip("address", "del", "10.0.0.1/24", "dev", "v0");
                ns.ip("address", "del", "2001:db8::1/64", "dev", "v0");
                List<String> expected = List.of(
                        "+ 10.0.0.1/24 dev v0",
                        "+ 2001:db8::1/64 dev v0",
                        "- 10.0.0.1/24 dev v0",
                        "- 2001:db8::1/64 dev v0");
                assertThat(a.await(30)).as("exit code; stderr %s", a.err()).isZero();
                assertThat(b.await(30)).as("exit code; stderr %s", b.err()).isZero();
                assertThat(a.out()).isEqualTo(expected);
                assertThat(b.out()).isEqualTo(expected);
                System.out.println("AddrMonitorKernelTest: both monitors printed:\n" + String.join("\n", a.out()));
            }
        }
    }

    static ExampleProcess monitor(Netns ns) throws Exception {
        return ExampleProcess.start(AddrMonitor.class, "--netns", ns.name(), "--count", "4");
    }

    @Test
    void countMustBeANumber() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AddrMonitor.run(
                new String[] {"--count", "x"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("addr-monitor: --count needs a number\n");
    }
}
