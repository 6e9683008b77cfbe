package io.ynl4j.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace a real-kernel test creates ({@code ip netns add}) and deletes on close; the
 * test never touches the host's interfaces. Skips without root or iproute2, except under {@code
 * CI=true}, where a skip is a failure.
 */
public final class TestNetns implements AutoCloseable {
    private final String name;

    private TestNetns(String name) {
        this.name = name;
    }

    /** Creates a namespace with {@code lo} up. */
    public static TestNetns create() {
        requireKernelTestEnvironment();
        String name = "ynl4j-ex-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        run("ip", "netns", "add", name);
        TestNetns ns = new TestNetns(name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** Skips (or fails under CI=true) unless root with iproute2. */
    public static void requireKernelTestEnvironment() {
        String why = null;
        if (!isUid0()) {
            why = "real-kernel tests need root (to create network namespaces)";
        } else if (!Files.isExecutable(Path.of("/usr/sbin/ip"))
                && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            why = "real-kernel tests need iproute2's ip";
        }
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " (CI=true: a skipped kernel test is a failure)");
            }
            Assumptions.abort(why);
        }
    }

    private static boolean isUid0() {
        try {
            return Files.readString(Path.of("/proc/self/status"))
                    .lines()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The namespace's name. */
    public String name() {
        return name;
    }

    /** {@code ip -n NAME ARGS...}; its standard output. */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** {@code ip netns exec NAME ARGS...}; its standard output. */
    public String exec(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** The ifindex of a link in the namespace. */
    public int ifindex(String dev) {
        return Integer.parseInt(ip("-j", "link", "show", dev).replaceAll("(?s).*\"ifindex\":(\\d+).*", "$1"));
    }

    /** Runs a command; fails on a non-zero exit. */
    public static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
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

    @Override
    public void close() {
        run("ip", "netns", "delete", name);
    }
}
