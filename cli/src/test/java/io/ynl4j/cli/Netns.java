package io.ynl4j.cli;

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
 * A throw-away network namespace for the CLI's real-kernel tests, made with {@code ip netns add}
 * and deleted on close (a copy of the runtime tests' helper without its FFM parts: the CLI reaches
 * the namespace through {@code --netns NAME}). Without root or {@code ip}, the test is skipped with
 * a reason, except under {@code CI=true}, where that is a failure.
 */
final class Netns implements AutoCloseable {
    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates a namespace with {@code lo} up. */
    static Netns create() {
        requireKernelTestEnvironment();
        String name = "ynl4j-cli-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    /** Skips (or, under CI=true, fails) when real-kernel tests cannot run here. */
    static void requireKernelTestEnvironment() {
        String why = null;
        if (!"root".equals(System.getProperty("user.name")) && !isUid0()) {
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

    /** The namespace's name under {@code /run/netns}. */
    String name() {
        return name;
    }

    /** Runs {@code ip -n NAME ARGS…}; returns standard output; fails on a non-zero exit. */
    String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** Runs {@code ip -n NAME -batch -} with the given lines on standard input. */
    void ipBatch(List<String> lines) {
        try {
            Process p = new ProcessBuilder("ip", "-n", name, "-batch", "-")
                    .redirectErrorStream(true)
                    .start();
            try (var in = p.getOutputStream()) {
                in.write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ip -batch failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code ip netns exec NAME ARGS…} (a command inside the namespace). */
    String exec(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
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

    @Override
    public void close() {
        run("ip", "netns", "delete", name);
    }
}
