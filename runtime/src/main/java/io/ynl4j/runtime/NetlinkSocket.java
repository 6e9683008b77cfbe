package io.ynl4j.runtime;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.internal.ffm.Errno;
import io.ynl4j.runtime.internal.ffm.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A netlink socket of one protocol, bound to a kernel-assigned port id, on the FFM API.
 *
 * <p>Exchanges ({@link #request}, {@link #dump}) are serialised: each request gets the next
 * sequence number, and replies are matched by sequence number and port id; messages from a sender
 * other than the kernel (port 0) are dropped, so are stale replies of earlier exchanges.
 * Notifications (sequence 0) that arrive during an exchange are queued for {@link #receive}. A dump
 * is a lazy stream that must be closed; closing it early drains the rest so the socket stays
 * usable.
 *
 * <p>Blocking calls pin a virtual thread's carrier (a foreign call); use platform threads for
 * long waits.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NetlinkSocket.class.getName());
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final int NETLINK_ADD_MEMBERSHIP = 1;
    private static final int NETLINK_DROP_MEMBERSHIP = 2;
    private static final int NETLINK_NO_ENOBUFS = 5;
    private static final int NETLINK_LIST_MEMBERSHIPS = 9;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int NETLINK_GET_STRICT_CHK = 12;
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final NetlinkProtocol protocol;
    private final int fd;
    private final int portId;
    private final Arena arena = Arena.ofShared();
    private final ReentrantLock lock = new ReentrantLock();
    private final MemorySegment errnoState;
    private final MemorySegment address;
    private final MemorySegment msghdr;
    private final MemorySegment iovec;
    private final MemorySegment pollfd;
    private final ArrayDeque<NetlinkMessage> notifications = new ArrayDeque<>();
    private MemorySegment sendBuffer;
    private MemorySegment receiveBuffer;
    private int sequence;
    private boolean dumpOpen;
    private volatile boolean closed;

    private NetlinkSocket(NetlinkProtocol protocol, int fd) {
        this.protocol = protocol;
        this.fd = fd;
        this.errnoState = Libc.errnoState(arena);
        this.address = arena.allocate(Libc.SOCKADDR_NL);
        this.msghdr = arena.allocate(Libc.MSGHDR);
        this.iovec = arena.allocate(Libc.IOVEC);
        this.pollfd = arena.allocate(Libc.POLLFD);
        this.sendBuffer = arena.allocate(4096, 8);
        this.receiveBuffer = arena.allocate(INITIAL_BUFFER, 8);
        this.sequence = (int) (System.nanoTime() & 0x3fffffff) | 1;
        try {
            this.portId = bindAndGetPort();
        } catch (RuntimeException e) {
            Libc.close(errnoState, fd);
            arena.close();
            throw e;
        }
    }

    /**
     * Opens a socket with the default options.
     *
     * @param protocol e.g. {@link NetlinkProtocol#ROUTE}
     * @return the socket
     * @throws NetlinkSyscallException when the kernel refuses
     */
    public static NetlinkSocket open(NetlinkProtocol protocol) {
        return open(protocol, SocketOptions.DEFAULTS);
    }

    /**
     * Opens a socket.
     *
     * @param protocol e.g. {@link NetlinkProtocol#GENERIC}
     * @param options the options
     * @return the socket
     * @throws NetlinkSyscallException when the kernel refuses
     */
    public static NetlinkSocket open(NetlinkProtocol protocol, SocketOptions options) {
        int fd = options.networkNamespace().isPresent()
                ? createInNamespace(protocol, options.networkNamespace().get())
                : create(protocol);
        NetlinkSocket socket = new NetlinkSocket(protocol, fd);
        try {
            socket.configure(options);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
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

    private void configure(SocketOptions options) {
        if (options.extendedAck()) {
            trySetFlag(NETLINK_EXT_ACK, "NETLINK_EXT_ACK");
        }
        if (options.capAck()) {
            trySetFlag(NETLINK_CAP_ACK, "NETLINK_CAP_ACK");
        }
        if (options.strictCheck()) {
            setInt(Libc.SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1, "NETLINK_GET_STRICT_CHK");
        }
        if (options.noEnobufs()) {
            setInt(Libc.SOL_NETLINK, NETLINK_NO_ENOBUFS, 1, "NETLINK_NO_ENOBUFS");
        }
        options.receiveBufferSize().ifPresent(this::setReceiveBufferSize);
    }

    private void trySetFlag(int option, String name) {
        try {
            setInt(Libc.SOL_NETLINK, option, 1, name);
        } catch (NetlinkSyscallException e) {
            // Old kernels lack these; requests still work, errors are just less detailed.
            LOG.log(System.Logger.Level.DEBUG, "cannot enable " + name + ": " + e.getMessage());
        }
    }

    /**
     * Sets an integer socket option.
     *
     * @param level e.g. {@code SOL_NETLINK} (270)
     * @param option the option number
     * @param value the value
     * @param name the option's name, for errors
     * @throws NetlinkSyscallException when the kernel refuses
     */
    public void setInt(int level, int option, int value, String name) {
        lock.lock();
        try {
            ensureOpen();
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, value);
            if (Libc.setsockopt(errnoState, fd, level, option, v, 4) != 0) {
                throw new NetlinkSyscallException("setsockopt(" + name + ")", Libc.errno(errnoState));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the receive buffer size: {@code SO_RCVBUFFORCE} when permitted (root), else
     * {@code SO_RCVBUF} (capped by {@code net.core.rmem_max}).
     *
     * @param bytes the size
     */
    public void setReceiveBufferSize(int bytes) {
        try {
            setInt(Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE");
        } catch (NetlinkSyscallException e) {
            setInt(Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    /**
     * Joins a multicast group ({@code NETLINK_ADD_MEMBERSHIP}).
     *
     * @param group the group number
     */
    public void joinGroup(int group) {
        setInt(Libc.SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP " + group);
    }

    /**
     * Leaves a multicast group ({@code NETLINK_DROP_MEMBERSHIP}).
     *
     * @param group the group number
     */
    public void leaveGroup(int group) {
        setInt(Libc.SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, group, "NETLINK_DROP_MEMBERSHIP " + group);
    }

    /**
     * The groups this socket has joined ({@code NETLINK_LIST_MEMBERSHIPS}).
     *
     * @return group numbers, ascending
     */
    public List<Integer> groups() {
        lock.lock();
        try {
            ensureOpen();
            MemorySegment bits = arena.allocate(128);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            len.set(ValueLayout.JAVA_INT, 0, 128);
            if (Libc.getsockopt(errnoState, fd, Libc.SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, bits, len) != 0) {
                throw new NetlinkSyscallException("getsockopt(NETLINK_LIST_MEMBERSHIPS)", Libc.errno(errnoState));
            }
            int n = Math.min(128, len.get(ValueLayout.JAVA_INT, 0));
            List<Integer> out = new ArrayList<>();
            for (int word = 0; word < n / 4; word++) {
                int w = bits.get(ValueLayout.JAVA_INT, word * 4L);
                for (int bit = 0; bit < 32; bit++) {
                    if ((w & (1 << bit)) != 0) {
                        out.add(word * 32 + bit + 1);
                    }
                }
            }
            return List.copyOf(out);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The protocol.
     *
     * @return the protocol
     */
    public NetlinkProtocol protocol() {
        return protocol;
    }

    /**
     * The port id the kernel assigned ({@code nl_pid}).
     *
     * @return the port id
     */
    public int portId() {
        return portId;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the netlink socket is closed");
        }
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends every message in {@code w} to the kernel, stamping each with the next sequence number
     * (the same for all) and this socket's port id.
     *
     * @param w the messages
     * @return the sequence number used
     */
    public int send(MessageWriter w) {
        return sendTo(0, 0, w);
    }

    /**
     * Sends every message in {@code w} to a port and/or groups (for user-space protocols such as
     * {@code NETLINK_USERSOCK}); stamps sequence and port id as {@link #send} does.
     *
     * @param destinationPort the destination port id (0: the kernel)
     * @param groups the destination group bit mask (groups 1…32), 0 for none
     * @param w the messages
     * @return the sequence number used
     */
    public int sendTo(int destinationPort, int groups, MessageWriter w) {
        lock.lock();
        try {
            ensureOpen();
            int seq = nextSequence();
            transmit(destinationPort, groups, w, seq);
            return seq;
        } finally {
            lock.unlock();
        }
    }

    private int nextSequence() {
        sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
        return sequence;
    }

    private void transmit(int destinationPort, int groups, MessageWriter w, int seq) {
        int size = w.size();
        if (sendBuffer.byteSize() < size) {
            sendBuffer = arena.allocate(Math.max(size, sendBuffer.byteSize() * 2), 8);
        }
        MemorySegment.copy(MemorySegment.ofArray(w.buffer()), 0, sendBuffer, 0, size);
        // Stamp sequence and port id into every message.
        long at = 0;
        while (at + Netlink.NLMSG_HDRLEN <= size) {
            int len = sendBuffer.get(U32, at);
            if (len < Netlink.NLMSG_HDRLEN) {
                break;
            }
            sendBuffer.set(U32, at + 8, seq);
            sendBuffer.set(U32, at + 12, portId);
            at += Netlink.align(len);
        }
        address.fill((byte) 0);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
        address.set(ValueLayout.JAVA_INT, Libc.NL_PID, destinationPort);
        address.set(ValueLayout.JAVA_INT, Libc.NL_GROUPS, groups);
        while (true) {
            long sent = Libc.sendto(errnoState, fd, sendBuffer, size, 0, address, (int) Libc.SOCKADDR_NL.byteSize());
            if (sent >= 0) {
                return;
            }
            int errno = Libc.errno(errnoState);
            if (errno != Errno.EINTR) {
                throw new NetlinkSyscallException("sendto", errno);
            }
        }
    }

    // ------------------------------------------------------------------ receiving

    /** One received datagram, copied to the heap, and its sender port. */
    private record Datagram(MemorySegment data, int sender) {}

    /**
     * Receives one datagram; grows the buffer when the datagram is larger (peeking its size with
     * MSG_TRUNC first, so nothing is lost). Returns empty on time-out.
     */
    private Optional<Datagram> receiveDatagram(int timeoutMillis) {
        while (true) {
            if (timeoutMillis >= 0 && !waitReadable(timeoutMillis)) {
                return Optional.empty();
            }
            long peeked = recv(Libc.MSG_PEEK | Libc.MSG_TRUNC);
            if (peeked < 0) {
                continue; // EINTR
            }
            if (peeked > receiveBuffer.byteSize()) {
                receiveBuffer = arena.allocate(Math.max(peeked, receiveBuffer.byteSize() * 2), 8);
            }
            long n = recv(0);
            if (n < 0) {
                continue;
            }
            int sender = address.get(ValueLayout.JAVA_INT, Libc.NL_PID);
            byte[] copy = new byte[(int) n];
            MemorySegment.copy(receiveBuffer, ValueLayout.JAVA_BYTE, 0, copy, 0, (int) n);
            return Optional.of(new Datagram(MemorySegment.ofArray(copy), sender));
        }
    }

    /** recvmsg into the receive buffer; -1 for EINTR; throws on other errors. */
    private long recv(int flags) {
        iovec.set(ValueLayout.ADDRESS, 0, receiveBuffer);
        iovec.set(ValueLayout.JAVA_LONG, 8, receiveBuffer.byteSize());
        msghdr.fill((byte) 0);
        msghdr.set(ValueLayout.ADDRESS, 0, address);
        msghdr.set(ValueLayout.JAVA_INT, 8, (int) Libc.SOCKADDR_NL.byteSize());
        msghdr.set(ValueLayout.ADDRESS, 16, iovec);
        msghdr.set(ValueLayout.JAVA_LONG, 24, 1L);
        long n = Libc.recvmsg(errnoState, fd, msghdr, flags);
        if (n < 0) {
            int errno = Libc.errno(errnoState);
            if (errno == Errno.EINTR) {
                return -1;
            }
            if (errno == Errno.ENOBUFS) {
                throw new NotificationsLostException(portId);
            }
            throw new NetlinkSyscallException("recvmsg", errno);
        }
        return n;
    }

    private boolean waitReadable(int timeoutMillis) {
        pollfd.set(ValueLayout.JAVA_INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int r = Libc.poll(errnoState, pollfd, 1, timeoutMillis);
        if (r < 0) {
            int errno = Libc.errno(errnoState);
            if (errno == Errno.EINTR) {
                return false;
            }
            throw new NetlinkSyscallException("poll", errno);
        }
        return r > 0;
    }

    /** Splits a datagram into messages; validates lengths. */
    private static List<NetlinkMessage> split(MemorySegment data) {
        List<NetlinkMessage> out = new ArrayList<>();
        long at = 0;
        long size = data.byteSize();
        while (size - at >= Netlink.NLMSG_HDRLEN) {
            int len = data.get(U32, at);
            if (len < Netlink.NLMSG_HDRLEN || len > size - at) {
                throw new MalformedMessageException(
                        at,
                        "",
                        "message length " + Integer.toUnsignedString(len) + " is outside the " + (size - at)
                                + " bytes left in the datagram");
            }
            out.add(new NetlinkMessage(data, at, len));
            at += Netlink.align(len);
        }
        return out;
    }

    /**
     * Waits for the next notification (a message with sequence number 0, e.g. from a joined group),
     * first from those queued during exchanges.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} does not wait
     * @return the message, or empty on time-out
     */
    public Optional<NetlinkMessage> receive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            ensureOpen();
            while (true) {
                if (!notifications.isEmpty()) {
                    return Optional.of(notifications.poll());
                }
                long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                Optional<Datagram> d = receiveDatagram((int) Math.min(Integer.MAX_VALUE, left));
                if (d.isEmpty()) {
                    if (System.nanoTime() - deadline >= 0) {
                        return Optional.empty();
                    }
                    continue;
                }
                notifications.addAll(split(d.get().data()));
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ exchanges

    /**
     * Sends a request and collects its reply messages until the kernel's ACK (the request should
     * carry {@code NLM_F_ACK}; without it, the first non-multipart reply ends the exchange).
     *
     * @param operation the operation's name for errors, e.g. {@code rt-addr newaddr}
     * @param w the request
     * @param headerBytes bytes of payload before the request's attributes (genetlink and fixed
     *     headers), for naming a bad attribute
     * @param namer names attribute paths in errors
     * @return the replies (empty for a plain ACK)
     * @throws KernelErrorException when the kernel answers with an error
     */
    public List<NetlinkMessage> request(String operation, MessageWriter w, int headerBytes, AttrNamer namer) {
        lock.lock();
        try {
            ensureOpen();
            if (dumpOpen) {
                throw new IllegalStateException("a dump on this socket is still open; close its stream first");
            }
            int seq = nextSequence();
            byte[] request = w.toByteArray();
            boolean ack = (firstFlags(request) & Netlink.NLM_F_ACK) != 0;
            transmit(0, 0, w, seq);
            List<NetlinkMessage> replies = new ArrayList<>();
            while (true) {
                for (NetlinkMessage m : receiveFor(seq)) {
                    if (m.type() == Netlink.NLMSG_ERROR) {
                        checkError(operation, m, request, headerBytes, namer);
                        return List.copyOf(replies); // ACK
                    }
                    if (m.type() == Netlink.NLMSG_DONE) {
                        checkDone(operation, m, request, headerBytes, namer);
                        if (!ack) {
                            return List.copyOf(replies);
                        }
                        continue;
                    }
                    if (m.type() == Netlink.NLMSG_NOOP) {
                        continue;
                    }
                    replies.add(m);
                    if (!ack && (m.flags() & Netlink.NLM_F_MULTI) == 0) {
                        return List.copyOf(replies);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a request with default error naming.
     *
     * @param operation the operation's name for errors
     * @param w the request
     * @return the replies
     */
    public List<NetlinkMessage> request(String operation, MessageWriter w) {
        return request(operation, w, 0, AttrNamer.NUMERIC);
    }

    /**
     * Starts a dump: sends the request (which should carry {@code NLM_F_DUMP}) and returns a lazy
     * stream of the reply messages up to {@code NLMSG_DONE}. Close the stream (try-with-resources);
     * closing early drains the rest. If the kernel flagged {@code NLM_F_DUMP_INTR}, a
     * {@link DumpInterruptedException} is thrown when the end is reached.
     *
     * @param operation the operation's name for errors
     * @param w the request
     * @param headerBytes bytes of payload before the request's attributes
     * @param namer names attribute paths in errors
     * @return the messages
     */
    public Stream<NetlinkMessage> dump(String operation, MessageWriter w, int headerBytes, AttrNamer namer) {
        int seq;
        byte[] request = w.toByteArray();
        lock.lock();
        try {
            ensureOpen();
            if (dumpOpen) {
                throw new IllegalStateException("a dump on this socket is still open; close its stream first");
            }
            seq = nextSequence();
            transmit(0, 0, w, seq);
            dumpOpen = true;
        } finally {
            lock.unlock();
        }
        DumpSpliterator it = new DumpSpliterator(operation, seq, request, headerBytes, namer);
        return StreamSupport.stream(it, false).onClose(it::close);
    }

    /**
     * Starts a dump with default error naming.
     *
     * @param operation the operation's name for errors
     * @param w the request
     * @return the messages
     */
    public Stream<NetlinkMessage> dump(String operation, MessageWriter w) {
        return dump(operation, w, 0, AttrNamer.NUMERIC);
    }

    private final class DumpSpliterator extends Spliterators.AbstractSpliterator<NetlinkMessage> {
        private final String operation;
        private final int seq;
        private final byte[] request;
        private final int headerBytes;
        private final AttrNamer namer;
        private final ArrayDeque<NetlinkMessage> pending = new ArrayDeque<>();
        private int delivered;
        private boolean interrupted;
        private boolean done;

        DumpSpliterator(String operation, int seq, byte[] request, int headerBytes, AttrNamer namer) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.operation = operation;
            this.seq = seq;
            this.request = request;
            this.headerBytes = headerBytes;
            this.namer = namer;
        }

        @Override
        public boolean tryAdvance(Consumer<? super NetlinkMessage> action) {
            while (pending.isEmpty()) {
                if (done) {
                    return false;
                }
                fill();
            }
            delivered++;
            action.accept(pending.poll());
            return true;
        }

        private void fill() {
            lock.lock();
            try {
                ensureOpen();
                for (NetlinkMessage m : receiveFor(seq)) {
                    if ((m.flags() & Netlink.NLM_F_DUMP_INTR) != 0) {
                        interrupted = true;
                    }
                    switch (m.type()) {
                        case Netlink.NLMSG_DONE -> {
                            finish();
                            checkDone(operation, m, request, headerBytes, namer);
                            if (interrupted) {
                                throw new DumpInterruptedException(operation, List.copyOf(pending));
                            }
                            return;
                        }
                        case Netlink.NLMSG_ERROR -> {
                            finish();
                            checkError(operation, m, request, headerBytes, namer);
                            return;
                        }
                        case Netlink.NLMSG_NOOP -> {}
                        default -> pending.add(m);
                    }
                }
            } catch (RuntimeException e) {
                if (!done) {
                    finish();
                }
                throw e;
            } finally {
                lock.unlock();
            }
        }

        private void finish() {
            done = true;
            dumpOpen = false;
        }

        void close() {
            if (done || closed) {
                dumpOpen = false;
                return;
            }
            // Drain the rest so the socket stays usable.
            try {
                while (!done) {
                    pending.clear();
                    fill();
                }
            } catch (NetlinkException e) {
                LOG.log(System.Logger.Level.DEBUG, "while draining a dump closed early: " + e.getMessage());
            } finally {
                pending.clear();
                dumpOpen = false;
            }
        }
    }

    /** The flags of the first message in a request. */
    private static int firstFlags(byte[] request) {
        return request.length < Netlink.NLMSG_HDRLEN
                ? 0
                : MemorySegment.ofArray(request).get(U16, 6) & 0xffff;
    }

    /** Receives datagrams until one holds messages for {@code seq}; queues notifications. */
    private List<NetlinkMessage> receiveFor(int seq) {
        while (true) {
            Datagram d = receiveDatagram(-1).orElseThrow();
            if (d.sender() != 0) {
                LOG.log(System.Logger.Level.DEBUG, "dropped a datagram from port " + d.sender() + " (not the kernel)");
                continue;
            }
            List<NetlinkMessage> mine = new ArrayList<>();
            for (NetlinkMessage m : split(d.data())) {
                if (m.sequence() == seq && (m.portId() == portId || m.portId() == 0)) {
                    mine.add(m);
                } else if (m.sequence() == 0) {
                    notifications.add(m);
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "dropped a stale message with sequence " + m.sequence());
                }
            }
            if (!mine.isEmpty()) {
                return mine;
            }
        }
    }

    private void checkDone(String operation, NetlinkMessage m, byte[] request, int headerBytes, AttrNamer namer) {
        if (m.payloadLength() >= 4) {
            int error = m.segment().get(U32, m.payloadOffset());
            if (error < 0) {
                long tlvStart = m.payloadOffset() + 4;
                throw kernelError(operation, -error, m, tlvStart, request, headerBytes, namer);
            }
        }
    }

    private void checkError(String operation, NetlinkMessage m, byte[] request, int headerBytes, AttrNamer namer) {
        if (m.payloadLength() < 4 + Netlink.NLMSG_HDRLEN) {
            throw new MalformedMessageException(
                    m.payloadOffset(),
                    "",
                    "NLMSG_ERROR payload of " + m.payloadLength() + " bytes is shorter than an nlmsgerr (20)");
        }
        int error = m.segment().get(U32, m.payloadOffset());
        long orig = m.payloadOffset() + 4;
        int origLen = m.segment().get(U32, orig);
        long tlvStart = (m.flags() & Netlink.NLM_F_CAPPED) != 0
                ? orig + Netlink.NLMSG_HDRLEN
                : orig + Netlink.align(Math.max(origLen, Netlink.NLMSG_HDRLEN));
        if (error == 0) {
            if ((m.flags() & Netlink.NLM_F_ACK_TLVS) != 0) {
                extAckMessage(m, tlvStart)
                        .ifPresent(w -> LOG.log(System.Logger.Level.WARNING, operation + ": kernel warns '" + w + "'"));
            }
            return;
        }
        throw kernelError(operation, -error, m, tlvStart, request, headerBytes, namer);
    }

    private static Optional<String> extAckMessage(NetlinkMessage m, long tlvStart) {
        long end = m.offset() + m.length();
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0 || tlvStart >= end) {
            return Optional.empty();
        }
        AttrReader r = AttrReader.of(m.segment(), tlvStart, end);
        while (r.next()) {
            if (r.type() == Netlink.NLMSGERR_ATTR_MSG) {
                return Optional.of(r.stringUnterminated());
            }
        }
        return Optional.empty();
    }

    private KernelErrorException kernelError(
            String operation,
            int errno,
            NetlinkMessage m,
            long tlvStart,
            byte[] request,
            int headerBytes,
            AttrNamer namer) {
        Optional<String> msg = Optional.empty();
        OptionalInt offset = OptionalInt.empty();
        Optional<String> missing = Optional.empty();
        Integer missType = null;
        Integer missNest = null;
        long end = m.offset() + m.length();
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) != 0 && tlvStart < end) {
            try {
                AttrReader r = AttrReader.of(m.segment(), tlvStart, end);
                while (r.next()) {
                    switch (r.type()) {
                        case Netlink.NLMSGERR_ATTR_MSG -> msg = Optional.of(r.stringUnterminated());
                        case Netlink.NLMSGERR_ATTR_OFFS -> offset = OptionalInt.of((int) r.u32());
                        case Netlink.NLMSGERR_ATTR_MISS_TYPE -> missType = (int) r.u32();
                        case Netlink.NLMSGERR_ATTR_MISS_NEST -> missNest = (int) r.u32();
                        default -> {}
                    }
                }
            } catch (MalformedMessageException e) {
                LOG.log(System.Logger.Level.DEBUG, "malformed extended ACK: " + e.getMessage());
            }
        }
        Optional<String> bad = offset.isPresent()
                ? AttrPaths.pathAt(request, headerBytes, offset.getAsInt(), namer)
                : Optional.empty();
        if (missType != null) {
            int[] nest = missNest == null
                    ? new int[0]
                    : AttrPaths.typesAt(request, headerBytes, missNest).orElse(new int[0]);
            int[] path = java.util.Arrays.copyOf(nest, nest.length + 1);
            path[nest.length] = missType;
            missing = Optional.of(namer.name(path));
        }
        return new KernelErrorException(operation, errno, m.sequence(), msg, offset, bad, missing);
    }

    /** Closes the socket and frees its buffers. Safe to call twice. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Libc.close(errnoState, fd);
            arena.close();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Decodes the text of a string payload, for diagnostics.
     *
     * @param bytes the bytes
     * @return the text
     */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
