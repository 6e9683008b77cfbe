package io.ynl4j.runtime;

import io.ynl4j.runtime.internal.ffm.Errno;
import io.ynl4j.runtime.internal.ffm.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kernel transport: an {@code AF_NETLINK} socket through libc calls on the FFM API. One shared
 * arena holds the buffers; receive peeks a datagram's size ({@code MSG_PEEK | MSG_TRUNC}) and grows
 * the buffer before reading it, so nothing is truncated; an eventfd (made by the first poll) wakes a
 * blocked receive. While
 * datagrams are queued (a dump) receive reads them without polling first: poll only when the
 * socket has nothing, or a wake-up is pending.
 *
 * <p>Not thread-safe except {@link #wakeUp}; {@link NetlinkSocket} serialises calls.
 */
final class FfmTransport implements NetlinkTransport {
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final int fd;
    /** The wake-up eventfd, made by the first poll (a dump never needs one); -1 until then. */
    private int wakeFd = -1;

    private final int portId;
    private final NetlinkProtocol protocol;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errnoState;
    private final MemorySegment wakeErrno;
    private final MemorySegment address;
    private final MemorySegment msghdr;
    private final MemorySegment iovec;
    private final MemorySegment pollfds;
    private final MemorySegment wakeValue;
    private final MemorySegment wakeWriteValue;
    private final MemorySegment intOption;
    private MemorySegment sendBuffer;
    private MemorySegment receiveBuffer;
    private boolean closed;
    /** Set by {@link #wakeUp} before it writes the eventfd; cleared when receive consumes it. */
    private volatile boolean wakePending;

    private FfmTransport(NetlinkProtocol protocol, int fd) {
        this.protocol = protocol;
        this.fd = fd;
        this.errnoState = Libc.errnoState(arena);
        this.wakeErrno = Libc.errnoState(arena);
        this.address = arena.allocate(Libc.SOCKADDR_NL);
        this.msghdr = arena.allocate(Libc.MSGHDR);
        this.iovec = arena.allocate(Libc.IOVEC);
        this.pollfds = arena.allocate(Libc.POLLFD.byteSize() * 2, 8);
        this.wakeValue = arena.allocate(ValueLayout.JAVA_LONG);
        this.wakeWriteValue = arena.allocate(ValueLayout.JAVA_LONG);
        this.intOption = arena.allocate(ValueLayout.JAVA_INT);
        this.sendBuffer = arena.allocate(4096, 8);
        this.receiveBuffer = arena.allocate(INITIAL_BUFFER, 8);
        try {
            this.portId = bindAndGetPort();
        } catch (RuntimeException e) {
            Libc.close(errnoState, fd);
            arena.close();
            throw e;
        }
    }

    static FfmTransport open(NetlinkProtocol protocol, Optional<Path> namespace) {
        int fd = namespace.isPresent() ? createInNamespace(protocol, namespace.get()) : create(protocol);
        return new FfmTransport(protocol, fd);
    }

    private static int create(NetlinkProtocol protocol) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(a);
            int fd = Libc.socket(state, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol.number());
            if (fd < 0) {
                throw new NetlinkSyscallException("socket(AF_NETLINK, " + protocol.name() + ")", Libc.errno(state));
            }
            return fd;
        }
    }

    /** Creates the socket on a fresh platform thread moved into the namespace (setns is per thread). */
    private static int createInNamespace(NetlinkProtocol protocol, Path namespace) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("ynl4j-netns").unstarted(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment state = Libc.errnoState(a);
                int nsFd = Libc.open(state, a.allocateFrom(namespace.toString()), Libc.O_RDONLY_CLOEXEC, 0);
                if (nsFd < 0) {
                    result.set(new NetlinkSyscallException("open(" + namespace + ")", Libc.errno(state)));
                    return;
                }
                try {
                    if (Libc.setns(state, nsFd, Libc.CLONE_NEWNET) != 0) {
                        result.set(new NetlinkSyscallException("setns(" + namespace + ")", Libc.errno(state)));
                        return;
                    }
                } finally {
                    Libc.close(state, nsFd);
                }
                result.set(create(protocol));
            } catch (RuntimeException e) {
                result.set(e);
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("interrupted while opening a socket in " + namespace, e);
        }
        Object r = result.get();
        if (r instanceof RuntimeException e) {
            throw e;
        }
        return (Integer) r;
    }

    private int bindAndGetPort() {
        address.fill((byte) 0);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
        if (Libc.bind(errnoState, fd, address, (int) Libc.SOCKADDR_NL.byteSize()) != 0) {
            throw new NetlinkSyscallException("bind", Libc.errno(errnoState));
        }
        MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
        len.set(ValueLayout.JAVA_INT, 0, (int) Libc.SOCKADDR_NL.byteSize());
        if (Libc.getsockname(errnoState, fd, address, len) != 0) {
            throw new NetlinkSyscallException("getsockname", Libc.errno(errnoState));
        }
        return address.get(ValueLayout.JAVA_INT, Libc.NL_PID);
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void send(byte[] data, int length, int destinationPort, int groups) {
        if (sendBuffer.byteSize() < length) {
            sendBuffer = arena.allocate(Math.max(length, sendBuffer.byteSize() * 2), 8);
        }
        MemorySegment.copy(data, 0, sendBuffer, ValueLayout.JAVA_BYTE, 0, length);
        address.fill((byte) 0);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
        address.set(ValueLayout.JAVA_INT, Libc.NL_PID, destinationPort);
        address.set(ValueLayout.JAVA_INT, Libc.NL_GROUPS, groups);
        while (true) {
            long sent = Libc.sendto(errnoState, fd, sendBuffer, length, 0, address, (int) Libc.SOCKADDR_NL.byteSize());
            if (sent >= 0) {
                return;
            }
            int errno = Libc.errno(errnoState);
            if (errno != Errno.EINTR) {
                throw new NetlinkSyscallException("sendto", errno);
            }
        }
    }

    @Override
    public Optional<Datagram> receive(int timeoutMillis) {
        boolean polled = false;
        while (true) {
            // First try without poll (a dump's datagrams are queued already); poll when there was
            // nothing or a wake-up is pending (poll consumes it and returns false).
            if ((polled || wakePending) && !waitReadable(timeoutMillis)) {
                return Optional.empty();
            }
            long peeked = recv(Libc.MSG_PEEK | Libc.MSG_TRUNC | Libc.MSG_DONTWAIT, 0);
            if (peeked == -2 && !polled) {
                polled = true;
                continue;
            }
            if (peeked == -2) {
                continue; // EINTR or nothing after all
            }
            if (peeked > receiveBuffer.byteSize()) {
                receiveBuffer = arena.allocate(Math.max(peeked, receiveBuffer.byteSize() * 2), 8);
            }
            long n = recv(Libc.MSG_DONTWAIT, receiveBuffer.byteSize());
            if (n == -2) {
                continue;
            }
            int sender = address.get(ValueLayout.JAVA_INT, Libc.NL_PID);
            int groups = address.get(ValueLayout.JAVA_INT, Libc.NL_GROUPS);
            byte[] copy = new byte[(int) n];
            MemorySegment.copy(receiveBuffer, ValueLayout.JAVA_BYTE, 0, copy, 0, (int) n);
            return Optional.of(new Datagram(copy, sender, groups));
        }
    }

    /**
     * recvmsg into the first {@code length} bytes of the receive buffer (0 for a peek at the size
     * alone: with MSG_TRUNC the kernel returns the datagram's full length and copies nothing); -2
     * for EINTR/EAGAIN; throws on other errors.
     */
    private long recv(int flags, long length) {
        iovec.set(ValueLayout.ADDRESS, 0, receiveBuffer);
        iovec.set(ValueLayout.JAVA_LONG, 8, length);
        msghdr.fill((byte) 0);
        msghdr.set(ValueLayout.ADDRESS, 0, address);
        msghdr.set(ValueLayout.JAVA_INT, 8, (int) Libc.SOCKADDR_NL.byteSize());
        msghdr.set(ValueLayout.ADDRESS, 16, iovec);
        msghdr.set(ValueLayout.JAVA_LONG, 24, 1L);
        long n = Libc.recvmsg(errnoState, fd, msghdr, flags);
        if (n < 0) {
            int errno = Libc.errno(errnoState);
            if (errno == Errno.EINTR || errno == Errno.EAGAIN) {
                return -2;
            }
            if (errno == Errno.ENOBUFS) {
                throw new NotificationsLostException(portId);
            }
            throw new NetlinkSyscallException("recvmsg", errno);
        }
        return n;
    }

    /**
     * Makes the wake-up eventfd when there is none yet, and consumes a wake-up that came before it
     * existed or is still pending; under the lock {@link #wakeUp} takes.
     *
     * @return true when a wake-up was pending (receive must return)
     */
    private boolean prepareWakeUp() {
        synchronized (wakeErrno) {
            if (closed) {
                throw new IllegalStateException("the socket is closed");
            }
            if (wakeFd < 0) {
                int wake = Libc.eventfd(errnoState, 0, Libc.EFD_CLOEXEC_NONBLOCK);
                if (wake < 0) {
                    throw new NetlinkSyscallException("eventfd", Libc.errno(errnoState));
                }
                wakeFd = wake;
            }
            if (wakePending) {
                wakePending = false;
                Libc.read(errnoState, wakeFd, wakeValue, 8); // non-blocking: nothing there is fine
                return true;
            }
            return false;
        }
    }

    /** Polls the socket and the wake-up eventfd; false on time-out or wake-up. */
    private boolean waitReadable(int timeoutMillis) {
        if (prepareWakeUp()) {
            return false;
        }
        pollfds.set(ValueLayout.JAVA_INT, 0, fd);
        pollfds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
        pollfds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        pollfds.set(ValueLayout.JAVA_INT, 8, wakeFd);
        pollfds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
        pollfds.set(ValueLayout.JAVA_SHORT, 14, (short) 0);
        int r = Libc.poll(errnoState, pollfds, 2, timeoutMillis);
        if (r < 0) {
            int errno = Libc.errno(errnoState);
            if (errno == Errno.EINTR) {
                return false;
            }
            throw new NetlinkSyscallException("poll", errno);
        }
        if (pollfds.get(ValueLayout.JAVA_SHORT, 14) != 0) {
            wakePending = false;
            Libc.read(errnoState, wakeFd, wakeValue, 8); // consume the wake-up
            return false;
        }
        return r > 0 && pollfds.get(ValueLayout.JAVA_SHORT, 6) != 0;
    }

    @Override
    public void setOption(int level, int option, int value, String name) {
        // One segment for every call: allocating from the socket's arena would hold the memory
        // until the socket closes (a subscription that joins and leaves groups would grow).
        intOption.set(ValueLayout.JAVA_INT, 0, value);
        if (Libc.setsockopt(errnoState, fd, level, option, intOption, 4) != 0) {
            throw new NetlinkSyscallException("setsockopt(" + name + ")", Libc.errno(errnoState));
        }
    }

    @Override
    public byte[] getOption(int level, int option, int maxLength, String name) {
        try (Arena call = Arena.ofConfined()) { // freed on return, unlike the socket's arena
            MemorySegment buf = call.allocate(maxLength, 8);
            MemorySegment len = call.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, maxLength);
            if (Libc.getsockopt(errnoState, fd, level, option, buf, len) != 0) {
                throw new NetlinkSyscallException("getsockopt(" + name + ")", Libc.errno(errnoState));
            }
            int n = Math.min(maxLength, len.get(ValueLayout.JAVA_INT, 0));
            return Arrays.copyOf(buf.toArray(ValueLayout.JAVA_BYTE), n);
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wakeErrno) {
            if (closed) {
                return;
            }
            wakePending = true;
            if (wakeFd >= 0) { // else the next poll makes it and sees wakePending first
                wakeWriteValue.set(ValueLayout.JAVA_LONG, 0, 1L);
                Libc.write(wakeErrno, wakeFd, wakeWriteValue, 8);
            }
        }
    }

    @Override
    public void close() {
        synchronized (wakeErrno) {
            if (closed) {
                return;
            }
            closed = true;
            Libc.close(errnoState, fd);
            if (wakeFd >= 0) {
                Libc.close(errnoState, wakeFd);
            }
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "netlink " + protocol.name() + " port " + Integer.toUnsignedString(portId);
    }
}
