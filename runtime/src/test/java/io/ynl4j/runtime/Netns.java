package io.ynl4j.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import io.ynl4j.runtime.internal.ffm.Libc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away network namespace for real-kernel tests, made with {@code ip netns add} and deleted
 * on close. Tests that need one call {@link #create()}: without root or {@code ip}, the test is
 * skipped with a reason — except under {@code CI=true}, where that is a failure.
 */
public final class Netns implements AutoCloseable {
    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates a namespace with {@code lo} up. */
    public static Netns create() {
        requireKernelTestEnvironment();
        String name = "ynl4j-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    /** Skips (or, under CI=true, fails) when real-kernel tests cannot run here. */
    public static void requireKernelTestEnvironment() {
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
    public String name() {
        return name;
    }

    /** The namespace file, for {@link SocketOptions#withNetworkNamespace}. */
    public Path path() {
        return Path.of("/run/netns", name);
    }

    /** Socket options that open sockets inside this namespace. */
    public SocketOptions options() {
        return SocketOptions.DEFAULTS.withNetworkNamespace(path());
    }

    /** Runs {@code ip -n NAME ARGS…}; returns standard output; fails on a non-zero exit. */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** The ifindex of a link in the namespace, from {@code ip -o link show dev DEV}. */
    public int ifindex(String dev) {
        return Integer.parseInt(ip("-o", "link", "show", "dev", dev).replaceAll("(?s)^(\\d+):.*", "$1"));
    }

    /** Runs {@code ip -n NAME -batch -} with the given lines on standard input. */
    public void ipBatch(List<String> lines) {
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

    /** Runs a command inside the namespace ({@code ip netns exec}). */
    public String exec(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /**
     * Runs {@code task} on a fresh platform thread that has first joined this namespace with
     * {@code setns(CLONE_NEWNET)} (a network namespace is per thread), and returns its result.
     * Sockets the task creates belong to this namespace and stay there after the thread ends, so
     * they can be used (and closed) from any thread. The thread ends with the task, so the
     * namespace change never leaks into other code.
     *
     * <p>Beware: in that thread {@code /proc/net} (= {@code /proc/self/net}) still shows the
     * namespace of the process's main thread; {@code /proc/thread-self/net} shows this one.
     */
    public <T> T insideOnNewThread(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netns-" + name).unstarted(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment state = Libc.errnoState(a);
                int fd = Libc.open(state, a.allocateFrom(path().toString()), Libc.O_RDONLY_CLOEXEC, 0);
                if (fd < 0) {
                    throw new NetlinkSyscallException("open(" + path() + ")", Libc.errno(state));
                }
                try {
                    if (Libc.setns(state, fd, Libc.CLONE_NEWNET) != 0) {
                        throw new NetlinkSyscallException("setns(" + path() + ")", Libc.errno(state));
                    }
                } finally {
                    Libc.close(state, fd);
                }
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        Throwable e = failure.get();
        if (e instanceof Exception ex) {
            throw ex;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
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
