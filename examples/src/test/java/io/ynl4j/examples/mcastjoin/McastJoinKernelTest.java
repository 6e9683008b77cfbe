package io.ynl4j.examples.mcastjoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.runtime.Netns;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code mcast-join} (which bin/demo uses) holds its groups while its standard input is open and
 * leaves them when it ends: checked with {@code ip maddr show} in a namespace of the test's own.
 */
@Tag("kernel")
class McastJoinKernelTest {
    @Test
    void holdsTheGroupsUntilStandardInputEnds() throws Exception {
        try (Netns ns = Netns.create()) {
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            ns.ip("addr", "add", "10.9.0.1/24", "dev", "v0");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(
                            java,
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            McastJoin.class.getName(),
                            "--netns",
                            ns.name(),
                            "v0",
                            "239.7.7.1",
                            "ff0e::7:1")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("joined 2 groups on v0");

                String held = ns.ip("maddr", "show", "dev", "v0");
                assertThat(held).contains("inet  239.7.7.1", "inet6 ff0e::7:1");

                p.getOutputStream().close(); // standard input ends: the example leaves its groups
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                String left = ns.ip("maddr", "show", "dev", "v0");
                assertThat(List.of(left.split("\n")))
                        .noneMatch(l -> l.contains("239.7.7.1") || l.contains("ff0e::7:1"));
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
