package io.ynl4j.runtime.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc functions the runtime calls, each linked lazily on first use (one holder class per
 * function, so start-up links only what a command needs) with errno captured. Every call takes a
 * {@link Errno} state segment; the caller reads errno from it only when the call failed.
 *
 * <p>Layouts are those of Linux on 64-bit machines (LP64).
 */
public final class Libc {
    private Libc() {}

    /** {@code AF_NETLINK}. */
    public static final int AF_NETLINK = 16;
    /** {@code SOCK_RAW}. */
    public static final int SOCK_RAW = 3;
    /** {@code SOCK_CLOEXEC}. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** {@code SOL_SOCKET}. */
    public static final int SOL_SOCKET = 1;
    /** {@code SOL_NETLINK}. */
    public static final int SOL_NETLINK = 270;
    /** {@code SO_SNDBUF}. */
    public static final int SO_SNDBUF = 7;
    /** {@code SO_RCVBUF}. */
    public static final int SO_RCVBUF = 8;
    /** {@code SO_RCVBUFFORCE}. */
    public static final int SO_RCVBUFFORCE = 33;
    /** {@code MSG_PEEK}. */
    public static final int MSG_PEEK = 0x2;
    /** {@code MSG_TRUNC}. */
    public static final int MSG_TRUNC = 0x20;
    /** {@code MSG_DONTWAIT}. */
    public static final int MSG_DONTWAIT = 0x40;
    /** {@code POLLIN}. */
    public static final short POLLIN = 0x1;
    /** {@code CLONE_NEWNET}. */
    public static final int CLONE_NEWNET = 0x40000000;
    /** {@code O_RDONLY | O_CLOEXEC}. */
    public static final int O_RDONLY_CLOEXEC = 0x80000;
    /** {@code EFD_CLOEXEC | EFD_NONBLOCK}. */
    public static final int EFD_CLOEXEC_NONBLOCK = 0x80000 | 0x800;

    /** {@code struct sockaddr_nl}: family, pad, pid, groups. */
    public static final StructLayout SOCKADDR_NL = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("nl_family"),
            ValueLayout.JAVA_SHORT.withName("nl_pad"),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups"));

    /** {@code struct iovec}. */
    public static final StructLayout IOVEC =
            MemoryLayout.structLayout(ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));

    /** {@code struct msghdr}. */
    public static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));

    /** {@code struct pollfd}. */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            ValueLayout.JAVA_SHORT.withName("events"),
            ValueLayout.JAVA_SHORT.withName("revents"));

    /** Offset of {@code nl_pid} in {@code sockaddr_nl}. */
    public static final long NL_PID = 4;
    /** Offset of {@code nl_groups} in {@code sockaddr_nl}. */
    public static final long NL_GROUPS = 8;
    /** Offset of {@code msg_flags} in {@code msghdr}. */
    public static final long MSG_FLAGS = MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("msg_flags"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static MethodHandle link(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol =
                LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, ERRNO);
    }

    /**
     * A segment to receive errno from calls; allocate one per thread of use (e.g. per socket
     * exchange, under its lock).
     *
     * @param arena the arena to allocate in
     * @return the capture segment
     */
    public static MemorySegment errnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    /**
     * The errno captured by the last call made with {@code state}.
     *
     * @param state the capture segment
     * @return errno
     */
    public static int errno(MemorySegment state) {
        return (int) ERRNO_HANDLE.get(state, 0L);
    }

    private static final class Socket {
        static final MethodHandle H = link("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Bind {
        static final MethodHandle H = link("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class GetSockName {
        static final MethodHandle H = link("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class SetSockOpt {
        static final MethodHandle H =
                link("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class GetSockOpt {
        static final MethodHandle H =
                link("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class SendTo {
        static final MethodHandle H = link(
                "sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class RecvMsg {
        static final MethodHandle H = link("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class Poll {
        static final MethodHandle H = link("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    private static final class Close {
        static final MethodHandle H = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class SetNs {
        static final MethodHandle H = link("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Open {
        static final MethodHandle H = link("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class EventFd {
        static final MethodHandle H = link("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Write {
        static final MethodHandle H = link("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class Read {
        static final MethodHandle H = link("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /**
     * {@code socket(domain, type, protocol)}.
     *
     * @param state errno capture
     * @param domain the domain
     * @param type the type
     * @param protocol the protocol
     * @return the fd, or -1
     */
    public static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) Socket.H.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code bind(fd, addr, len)}.
     *
     * @param state errno capture
     * @param fd the socket
     * @param addr the address
     * @param len its length
     * @return 0, or -1
     */
    public static int bind(MemorySegment state, int fd, MemorySegment addr, int len) {
        try {
            return (int) Bind.H.invokeExact(state, fd, addr, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code getsockname(fd, addr, lenp)}.
     *
     * @param state errno capture
     * @param fd the socket
     * @param addr the address buffer
     * @param lenp in: its size; out: the address length
     * @return 0, or -1
     */
    public static int getsockname(MemorySegment state, int fd, MemorySegment addr, MemorySegment lenp) {
        try {
            return (int) GetSockName.H.invokeExact(state, fd, addr, lenp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code setsockopt(fd, level, name, value, len)}.
     *
     * @param state errno capture
     * @param fd the socket
     * @param level the level
     * @param name the option
     * @param value the value
     * @param len its length
     * @return 0, or -1
     */
    public static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) SetSockOpt.H.invokeExact(state, fd, level, name, value, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code getsockopt(fd, level, name, value, lenp)}.
     *
     * @param state errno capture
     * @param fd the socket
     * @param level the level
     * @param name the option
     * @param value the buffer
     * @param lenp in: its size; out: the value's length
     * @return 0, or -1
     */
    public static int getsockopt(
            MemorySegment state, int fd, int level, int name, MemorySegment value, MemorySegment lenp) {
        try {
            return (int) GetSockOpt.H.invokeExact(state, fd, level, name, value, lenp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code sendto(fd, buf, len, flags, addr, addrlen)}.
     *
     * @param state errno capture
     * @param fd the socket
     * @param buf the bytes
     * @param len how many
     * @param flags send flags
     * @param addr the destination
     * @param addrLen its length
     * @return bytes sent, or -1
     */
    public static long sendto(
            MemorySegment state, int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        try {
            return (long) SendTo.H.invokeExact(state, fd, buf, len, flags, addr, addrLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code recvmsg(fd, msg, flags)}.
     *
     * @param state errno capture
     * @param fd the socket
     * @param msg the {@code msghdr}
     * @param flags receive flags
     * @return bytes (the full datagram size with {@code MSG_TRUNC}), or -1
     */
    public static long recvmsg(MemorySegment state, int fd, MemorySegment msg, int flags) {
        try {
            return (long) RecvMsg.H.invokeExact(state, fd, msg, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code poll(fds, n, timeout)}.
     *
     * @param state errno capture
     * @param fds the {@code pollfd} array
     * @param n its length
     * @param timeoutMillis the timeout, -1 for none
     * @return ready count, 0 on time-out, or -1
     */
    public static int poll(MemorySegment state, MemorySegment fds, long n, int timeoutMillis) {
        try {
            return (int) Poll.H.invokeExact(state, fds, n, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code close(fd)}.
     *
     * @param state errno capture
     * @param fd the descriptor
     * @return 0, or -1
     */
    public static int close(MemorySegment state, int fd) {
        try {
            return (int) Close.H.invokeExact(state, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code setns(fd, nstype)}: moves the calling thread into a namespace.
     *
     * @param state errno capture
     * @param fd a namespace file descriptor
     * @param nstype the namespace type, e.g. {@link #CLONE_NEWNET}
     * @return 0, or -1
     */
    public static int setns(MemorySegment state, int fd, int nstype) {
        try {
            return (int) SetNs.H.invokeExact(state, fd, nstype);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code open(path, flags, mode)}.
     *
     * @param state errno capture
     * @param path a NUL-terminated path
     * @param flags open flags
     * @param mode the mode
     * @return the fd, or -1
     */
    public static int open(MemorySegment state, MemorySegment path, int flags, int mode) {
        try {
            return (int) Open.H.invokeExact(state, path, flags, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code eventfd(initval, flags)}.
     *
     * @param state errno capture
     * @param initial the initial count
     * @param flags flags
     * @return the fd, or -1
     */
    public static int eventfd(MemorySegment state, int initial, int flags) {
        try {
            return (int) EventFd.H.invokeExact(state, initial, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code write(fd, buf, len)}.
     *
     * @param state errno capture
     * @param fd the descriptor
     * @param buf the bytes
     * @param len how many
     * @return bytes written, or -1
     */
    public static long write(MemorySegment state, int fd, MemorySegment buf, long len) {
        try {
            return (long) Write.H.invokeExact(state, fd, buf, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code read(fd, buf, len)}.
     *
     * @param state errno capture
     * @param fd the descriptor
     * @param buf the buffer
     * @param len its size
     * @return bytes read, or -1
     */
    public static long read(MemorySegment state, int fd, MemorySegment buf, long len) {
        try {
            return (long) Read.H.invokeExact(state, fd, buf, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
