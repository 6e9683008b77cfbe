package io.ynl4j.examples.common;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside a named network namespace ({@code ip netns add NAME}, a file in {@code
 * /run/netns}) on a platform thread that joined it with {@code setns(2)}, and names interfaces of
 * the current thread's namespace. Netlink sockets could be opened in a namespace by the runtime
 * alone ({@code SocketOptions.withNamedNetworkNamespace}); the examples also read {@code /proc/thread-self/net/*}
 * and call {@code if_indextoname(3)}, which see the namespace of the calling thread.
 */
@SuppressWarnings("restricted") // the examples run with --enable-native-access=ALL-UNNAMED
public final class Netns {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 02000000;
    private static final int IF_NAMESIZE = 16;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_HANDLE = Linker.Option.captureStateLayout()
            .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN =
            downcall("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS =
            downcall("setns", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE =
            downcall("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle IF_INDEXTONAME = downcall(
            "if_indextoname", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private Netns() {}

    private static MethodHandle downcall(String name, FunctionDescriptor fd) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, fd, ERRNO);
    }

    /** The file of a named namespace, {@code /run/netns/NAME}. */
    public static Path path(String name) {
        return Path.of("/run/netns", name);
    }

    /**
     * Runs {@code task} in the named namespace (on a new platform thread), or on the calling thread
     * when {@code name} is null; returns its result or rethrows its exception.
     *
     * @throws IllegalArgumentException when there is no such namespace
     */
    public static <T> T run(String name, Callable<T> task) throws Exception {
        if (name == null) {
            return task.call();
        }
        Path file = path(name);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--netns " + name + ": no such network namespace (" + file + ")");
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netns-" + name).unstarted(() -> {
            try {
                enter(file);
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

    /** Moves the calling thread into the namespace of {@code file} (for good). */
    public static void enter(Path file) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int fd = (int) OPEN.invokeExact(state, a.allocateFrom(file.toString()), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IllegalStateException("open(" + file + "): errno " + errno(state));
            }
            try {
                int rc = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
                if (rc != 0) {
                    throw new IllegalStateException("setns(" + file + "): errno " + errno(state)
                            + (errno(state) == 1 ? " (EPERM: needs root or CAP_SYS_ADMIN)" : ""));
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(state, fd);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name of interface {@code ifindex} in the calling thread's namespace, if it exists. */
    public static Optional<String> interfaceName(int ifindex) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            MemorySegment buf = a.allocate(IF_NAMESIZE);
            MemorySegment r = (MemorySegment) IF_INDEXTONAME.invokeExact(state, ifindex, buf);
            return r.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(buf.getString(0));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO_HANDLE.get(state, 0L);
    }
}
