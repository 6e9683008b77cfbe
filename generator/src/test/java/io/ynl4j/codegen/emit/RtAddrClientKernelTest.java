package io.ynl4j.codegen.emit;

import static io.ynl4j.codegen.emit.GeneratedClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.KernelErrorException;
import io.ynl4j.runtime.SocketOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated rt-addr client against the real kernel, in a network namespace the test creates and
 * deletes: the getaddr dump equals {@code ip -j addr}, newaddr and deladdr change what {@code ip}
 * sees, and the getmulticast dump lists the groups the interfaces joined.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtAddrClientKernelTest {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    GeneratedClasses gen;
    String ns;
    int ifindex;

    @BeforeAll
    void setUp(@TempDir Path dir) {
        requireKernelTestEnvironment();
        List<JavaFile> files = GeneratedSources.all(GeneratedSources.kernelFamily("rt-addr.yaml"), "gen");
        gen = GeneratedClasses.compile(files, dir);
        ns = "ynl4j-gen-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        run("ip", "netns", "add", ns);
        ip("link", "set", "lo", "up");
        ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ip("link", "set", "v0", "up");
        ip("link", "set", "v1", "up");
        ip("address", "add", "10.88.0.1/24", "dev", "v0");
        ip("address", "add", "10.88.1.1/16", "dev", "v0", "label", "v0:one");
        ip("address", "add", "10.89.0.1/24", "dev", "v1");
        ifindex = Integer.parseInt(ip("-j", "link", "show", "v0").replaceAll("(?s).*\"ifindex\":(\\d+).*", "$1"));
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
        return SocketOptions.DEFAULTS.withNetworkNamespace(Path.of("/run/netns", ns));
    }

    Object open() {
        return gen.callStatic("gen.rtaddr.RtAddr", "open", options());
    }

    Object header(int family, int prefix, long index) {
        Object b = gen.callStatic("gen.rtaddr.Ifaddrmsg", "builder");
        call(b, "ifaFamily", family);
        call(b, "ifaPrefixlen", prefix);
        call(b, "ifaIndex", index);
        return call(b, "build");
    }

    /** {@code index label local/prefix} of every IPv4 address, through the generated client. */
    Set<String> clientDump(Object client) {
        Set<String> out = new TreeSet<>();
        Object request = gen.callStatic("gen.rtaddr.GetaddrRequest", "of", header(AF_INET, 0, 0));
        try (Stream<?> replies = (Stream<?>) call(client, "getaddrDump", request)) {
            replies.forEach(r -> {
                Object h = call(r, "header");
                Bytes local = (Bytes) ((Optional<?>) call(r, "local")).orElseThrow();
                out.add(call(h, "ifaIndex") + " " + ((Optional<?>) call(r, "label")).orElseThrow() + " "
                        + local.toInetAddress().getHostAddress() + "/" + call(h, "ifaPrefixlen"));
                // IFA_FLAGS and friends are not listed for the reply: kept, not lost.
                assertThat(((io.ynl4j.runtime.UnknownAttributes) call(r, "unknown")).get(8))
                        .isPresent();
            });
        }
        return out;
    }

    static final Pattern ADDR_INFO = Pattern.compile("\\{\"family\":\"inet\",[^{}]*\\}");

    /** The same from {@code ip -j -4 addr show}. */
    Set<String> ipDump() {
        Set<String> out = new TreeSet<>();
        String json = ip("-j", "-4", "addr", "show");
        // Split per link: each starts with {"ifindex":N, and its addr_info objects follow.
        for (String link : json.split("\\{\"ifindex\":")) {
            if (link.isEmpty() || !Character.isDigit(link.charAt(0))) {
                continue;
            }
            String index = link.replaceAll("(?s)^(\\d+).*", "$1");
            Matcher m = ADDR_INFO.matcher(link);
            while (m.find()) {
                String a = m.group();
                out.add(index + " " + field(a, "label") + " " + field(a, "local") + "/" + field(a, "prefixlen"));
            }
        }
        return out;
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + json);
        }
        return m.group(1);
    }

    @Test
    void getaddrDumpEqualsIpJson() throws Exception {
        try (AutoCloseable client = (AutoCloseable) open()) {
            Set<String> dump = clientDump(client);
            assertThat(dump)
                    .contains(ifindex + " v0 10.88.0.1/24", ifindex + " v0:one 10.88.1.1/16", "1 lo 127.0.0.1/8")
                    .isEqualTo(ipDump());
        }
    }

    Object addrRequest(String type, String address, int prefix) throws Exception {
        Object b = gen.callStatic("gen.rtaddr." + type, "builder");
        call(b, "header", header(AF_INET, prefix, ifindex));
        Bytes a = Bytes.of(InetAddress.getByName(address));
        call(b, "local", a);
        call(b, "address", a);
        return call(b, "build");
    }

    @Test
    void newaddrAndDeladdrThroughTheClientChangeWhatIpSees() throws Exception {
        try (AutoCloseable client = (AutoCloseable) open()) {
            call(client, "newaddr", addrRequest("NewaddrRequest", "192.0.2.7", 24));
            assertThat(ip("-4", "-o", "addr", "show", "dev", "v0")).contains("inet 192.0.2.7/24");
            assertThat(ipDump()).contains(ifindex + " v0 192.0.2.7/24");

            // CREATE_EXCL by default: adding it again fails as 'ip addr add' does.
            Object again = addrRequest("NewaddrRequest", "192.0.2.7", 24);
            assertThatThrownBy(() -> call(client, "newaddr", again))
                    .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EEXIST");
                        assertThat(e.operation()).isEqualTo("rt-addr newaddr");
                    });

            call(client, "deladdr", addrRequest("DeladdrRequest", "192.0.2.7", 24));
            assertThat(ip("-4", "-o", "addr", "show", "dev", "v0")).doesNotContain("192.0.2.7");
            assertThat(clientDump(client)).isEqualTo(ipDump());
        }
    }

    @Test
    void getmulticastDumpListsTheJoinedGroups() throws Exception {
        try (AutoCloseable client = (AutoCloseable) open()) {
            List<String> v6 = new ArrayList<>();
            List<String> v4 = new ArrayList<>();
            for (int family : new int[] {AF_INET6, AF_INET}) {
                Object request = gen.callStatic("gen.rtaddr.GetmulticastRequest", "of", header(family, 0, 0));
                List<?> groups = (List<?>) call(client, "getmulticastDumpList", request);
                for (Object g : groups) {
                    Bytes group = (Bytes) ((Optional<?>) call(g, "multicast")).orElseThrow();
                    String text = call(call(g, "header"), "ifaIndex") + " "
                            + group.toInetAddress().getHostAddress();
                    (family == AF_INET6 ? v6 : v4).add(text);
                    assertThat(((Optional<?>) call(g, "cacheinfo"))).isPresent();
                    if (System.getProperty("os.version").startsWith("6.")) {
                        // Linux 6.x does not send IFA_MC_USERS yet (7.3 does).
                        assertThat(call(g, "mcUsers")).isEqualTo(OptionalLong.empty());
                    }
                }
            }
            assertThat(v6).contains(ifindex + " ff02:0:0:0:0:0:0:1");
            assertThat(v4).contains(ifindex + " 224.0.0.1");
        }
    }

    String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + err + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Skips (or, under CI=true, fails) without root or {@code ip}, like the runtime's kernel tests. */
    static void requireKernelTestEnvironment() {
        String why = null;
        boolean root;
        try {
            root = Files.readString(Path.of("/proc/self/status"))
                    .lines()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            root = false;
        }
        if (!root) {
            why = "real-kernel tests need root (to create network namespaces)";
        } else if (Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip")
                .noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            why = "real-kernel tests need iproute2's ip";
        }
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " (CI=true: a skipped kernel test is a failure)");
            }
            Assumptions.abort(why);
        }
    }
}
