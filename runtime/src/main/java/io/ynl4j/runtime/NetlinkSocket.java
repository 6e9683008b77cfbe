package io.ynl4j.runtime;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.internal.ffm.Errno;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A netlink socket of one protocol, bound to a kernel-assigned port id, on the FFM API.
 *
 * <p>Exchanges ({@link #request}, {@link #dump}) are serialised: each request gets the next
 * sequence number, and replies are matched by sequence number and port id; stale replies of earlier
 * exchanges are dropped. Everything else that arrives during an exchange is queued for
 * {@link #receive}: multicasts (whatever their sequence number: the kernel stamps a notification
 * with the sequence number and port of the request that caused it), kernel messages with sequence
 * 0, and datagrams from user-space senders. A dump is a lazy stream that must be closed; closing it
 * early drains the rest so the socket stays usable.
 *
 * <p>To wait for notifications, prefer a {@link Subscription}: it has a socket of its own, so
 * notifications never interleave with request/reply traffic.
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
    private static final int SOL_SOCKET = 1;
    private static final int SOL_NETLINK = 270;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVBUFFORCE = 33;

    private final NetlinkProtocol protocol;
    private final NetlinkTransport transport;
    private final int portId;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<NetlinkMessage> notifications = new ArrayDeque<>();
    private final ConcurrentHashMap<Class<?>, Object> attachments = new ConcurrentHashMap<>();
    private byte[] sendCopy = new byte[4096];
    private int sequence;
    private boolean dumpOpen;
    private volatile boolean closed;

    private NetlinkSocket(NetlinkProtocol protocol, NetlinkTransport transport) {
        this.protocol = protocol;
        this.transport = transport;
        this.portId = transport.portId();
        this.sequence = (int) (System.nanoTime() & 0x3fffffff) | 1;
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
        NetlinkSocket socket = new NetlinkSocket(protocol, FfmTransport.open(protocol, options.networkNamespace()));
        try {
            socket.configure(options);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /**
     * A socket over another transport, e.g. a scripted fake kernel in tests. Options are applied
     * through the transport.
     *
     * @param protocol the protocol the transport speaks
     * @param transport the transport; the socket closes it
     * @param options the options
     * @return the socket
     */
    public static NetlinkSocket over(NetlinkProtocol protocol, NetlinkTransport transport, SocketOptions options) {
        NetlinkSocket socket = new NetlinkSocket(protocol, transport);
        socket.configure(options);
        return socket;
    }

    private void configure(SocketOptions options) {
        if (options.extendedAck()) {
            trySetFlag(NETLINK_EXT_ACK, "NETLINK_EXT_ACK");
        }
        if (options.capAck()) {
            trySetFlag(NETLINK_CAP_ACK, "NETLINK_CAP_ACK");
        }
        if (options.strictCheck()) {
            setInt(SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1, "NETLINK_GET_STRICT_CHK");
        }
        if (options.noEnobufs()) {
            setInt(SOL_NETLINK, NETLINK_NO_ENOBUFS, 1, "NETLINK_NO_ENOBUFS");
        }
        options.receiveBufferSize().ifPresent(this::setReceiveBufferSize);
    }

    private void trySetFlag(int option, String name) {
        try {
            setInt(SOL_NETLINK, option, 1, name);
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
            transport.setOption(level, option, value, name);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Turns a {@code SOL_NETLINK} flag on or off.
     *
     * @param flag the option
     * @param on the new state
     * @throws NetlinkSyscallException when the kernel refuses
     */
    public void setFlag(SocketFlag flag, boolean on) {
        setInt(SOL_NETLINK, flag.option(), on ? 1 : 0, flag.cName());
    }

    /**
     * Reads a {@code SOL_NETLINK} flag.
     *
     * @param flag the option
     * @return whether it is on
     */
    public boolean flag(SocketFlag flag) {
        byte[] v;
        lock.lock();
        try {
            ensureOpen();
            v = transport.getOption(SOL_NETLINK, flag.option(), 4, flag.cName());
        } finally {
            lock.unlock();
        }
        return v.length >= 4 && MemorySegment.ofArray(v).get(U32, 0) != 0;
    }

    /**
     * Sets the receive buffer size: {@code SO_RCVBUFFORCE} when permitted (root), else
     * {@code SO_RCVBUF} (capped by {@code net.core.rmem_max}).
     *
     * @param bytes the size
     */
    public void setReceiveBufferSize(int bytes) {
        try {
            setInt(SOL_SOCKET, SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE");
        } catch (NetlinkSyscallException e) {
            setInt(SOL_SOCKET, SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    /**
     * Joins a multicast group ({@code NETLINK_ADD_MEMBERSHIP}).
     *
     * @param group the group number
     */
    public void joinGroup(int group) {
        setInt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "NETLINK_ADD_MEMBERSHIP " + group);
    }

    /**
     * Leaves a multicast group ({@code NETLINK_DROP_MEMBERSHIP}).
     *
     * @param group the group number
     */
    public void leaveGroup(int group) {
        setInt(SOL_NETLINK, NETLINK_DROP_MEMBERSHIP, group, "NETLINK_DROP_MEMBERSHIP " + group);
    }

    /**
     * The groups this socket has joined ({@code NETLINK_LIST_MEMBERSHIPS}).
     *
     * @return group numbers, ascending
     */
    public List<Integer> groups() {
        byte[] bits;
        lock.lock();
        try {
            ensureOpen();
            bits = transport.getOption(SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, 128, "NETLINK_LIST_MEMBERSHIPS");
        } finally {
            lock.unlock();
        }
        List<Integer> out = new ArrayList<>();
        MemorySegment seg = MemorySegment.ofArray(bits);
        for (int word = 0; word < bits.length / 4; word++) {
            int w = seg.get(U32, word * 4L);
            for (int bit = 0; bit < 32; bit++) {
                if ((w & (1 << bit)) != 0) {
                    out.add(word * 32 + bit + 1);
                }
            }
        }
        return List.copyOf(out);
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

    /**
     * Whether {@link #close} has been called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * State that a layer built on this socket keeps once per socket, e.g. the generic netlink
     * family cache of {@link io.ynl4j.runtime.genl.GenlResolver#of}: the value stored under
     * {@code type}, made by {@code create} on first use. Meant for the runtime's own layers and
     * generated code. Thread-safe; {@code create} runs at most once per type and must not call
     * this method.
     *
     * @param <T> the value's type
     * @param type the key, and the value's class
     * @param create makes the value from this socket
     * @return the socket's value
     */
    public <T> T attachment(Class<T> type, Function<? super NetlinkSocket, ? extends T> create) {
        return type.cast(attachments.computeIfAbsent(type, k -> create.apply(this)));
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
     * Sends every message in {@code w} to a port and/or a group (for user-space protocols such as
     * {@code NETLINK_USERSOCK}); stamps sequence and port id as {@link #send} does.
     *
     * <p>With a group set, the kernel first delivers the datagram to the group's members (except
     * the sender itself and the socket whose port is {@code destinationPort}) and then unicasts it
     * to {@code destinationPort}. On a protocol without a kernel socket (user-space protocols) the
     * unicast to port 0 then fails with {@code ECONNREFUSED} although the multicast was delivered:
     * that case counts as success here. Sending to a group with one's own port as destination
     * works too, but puts a copy of every message in the sender's own receive queue (and blocks
     * the sender once that queue is full); {@link #multicast} avoids both.
     *
     * @param destinationPort the destination port id (0: the kernel)
     * @param groups the destination group bit mask (groups 1…32), 0 for none; the kernel uses the
     *     lowest bit set only (one group per datagram)
     * @param w the messages
     * @return the sequence number used
     * @throws NetlinkSyscallException when {@code sendto} fails, e.g. {@code ECONNREFUSED} when
     *     no socket has port {@code destinationPort}, {@code EPERM} without the right to send
     */
    public int sendTo(int destinationPort, int groups, MessageWriter w) {
        lock.lock();
        try {
            ensureOpen();
            int seq = nextSequence();
            try {
                transmit(destinationPort, groups, w, seq);
            } catch (NetlinkSyscallException e) {
                if (!(destinationPort == 0 && groups != 0 && e.errno() == Errno.ECONNREFUSED)) {
                    throw e;
                }
                // Delivered to the group; only the unicast to the (absent) kernel socket failed.
            }
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Multicasts every message in {@code w} to one group, as user-space senders on
     * {@code NETLINK_USERSOCK} (or a protocol of one's own) do: every other socket that joined the
     * group receives it; this one does not, even if it joined (the kernel never loops a multicast
     * back to its sender). Sent with destination port 0; the {@code ECONNREFUSED} the kernel
     * reports after delivering to the group (there is no kernel socket on such protocols) is not
     * an error (see {@link #sendTo}). On a protocol the kernel serves (route, generic, …) the
     * kernel receives the message as well, as if sent with {@link #send}. Sending to a group needs
     * root or {@code CAP_NET_ADMIN} unless the protocol allows others ({@code NETLINK_USERSOCK}
     * does).
     *
     * @param group the group, 1…32 ({@code sendto} addresses groups by a 32-bit mask)
     * @param w the messages
     * @return the sequence number used
     * @throws IllegalArgumentException when the group is outside 1…32
     */
    public int multicast(int group, MessageWriter w) {
        if (group < 1 || group > 32) {
            throw new IllegalArgumentException("sendto addresses groups 1..32 only (a 32-bit mask), got " + group);
        }
        return sendTo(0, 1 << (group - 1), w);
    }

    private int nextSequence() {
        sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
        return sequence;
    }

    private void transmit(int destinationPort, int groups, MessageWriter w, int seq) {
        int size = w.size();
        if (sendCopy.length < size) {
            sendCopy = new byte[Math.max(size, sendCopy.length * 2)];
        }
        System.arraycopy(w.buffer(), 0, sendCopy, 0, size);
        // Stamp sequence and port id into every message.
        MemorySegment seg = MemorySegment.ofArray(sendCopy);
        long at = 0;
        while (at + Netlink.NLMSG_HDRLEN <= size) {
            int len = seg.get(U32, at);
            if (len < Netlink.NLMSG_HDRLEN) {
                break;
            }
            seg.set(U32, at + 8, seq);
            seg.set(U32, at + 12, portId);
            at += Netlink.align(len);
        }
        transport.send(sendCopy, size, destinationPort, groups);
    }

    /** Sends {@code data} (whole messages) stamping the i-th message with {@code seqs[i]}. */
    private void transmitEach(byte[] data, int[] seqs) {
        MemorySegment seg = MemorySegment.ofArray(data);
        long at = 0;
        for (int i = 0; i < seqs.length; i++) {
            int len = seg.get(U32, at);
            seg.set(U32, at + 8, seqs[i]);
            seg.set(U32, at + 12, portId);
            at += Netlink.align(len);
        }
        transport.send(data, data.length, 0, 0);
    }

    // ------------------------------------------------------------------ receiving

    private Optional<NetlinkTransport.Datagram> receiveDatagram(int timeoutMillis) {
        Optional<NetlinkTransport.Datagram> d = transport.receive(timeoutMillis);
        if (closed) {
            throw new IllegalStateException("the netlink socket was closed");
        }
        return d;
    }

    /** Splits a datagram into messages; validates lengths. */
    private static List<NetlinkMessage> split(MemorySegment data) {
        // sized for small messages (an address is 60-80 bytes), so a dump datagram rarely regrows it
        List<NetlinkMessage> out = new ArrayList<>((int) Math.min(data.byteSize() / 48 + 1, 4096));
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
        // Fewer bytes than a header may follow only as zero padding; anything else is a cut message.
        for (long i = at; i < size; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) != 0) {
                throw new MalformedMessageException(
                        at,
                        "",
                        (size - at) + " trailing bytes, too short for a message header (" + Netlink.NLMSG_HDRLEN + ")");
            }
        }
        return out;
    }

    /**
     * Waits for the next message that is not part of an exchange — a notification from a joined
     * group, or a message another socket sent to this one (user-space senders are not filtered
     * out) — first from those queued during exchanges.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} (or less) does not wait
     * @return the message, or empty on time-out
     * @throws NotificationsLostException when the kernel dropped messages for this socket
     *     ({@code ENOBUFS}); the socket keeps working
     * @throws IllegalStateException when the socket is closed, also by another thread while this
     *     call waits
     */
    public Optional<NetlinkMessage> receive(Duration timeout) {
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        lock.lock();
        try {
            ensureOpen();
            while (true) {
                if (!notifications.isEmpty()) {
                    return Optional.of(notifications.poll());
                }
                long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                Optional<NetlinkTransport.Datagram> d = receiveDatagram((int) Math.min(Integer.MAX_VALUE, left));
                if (d.isEmpty()) {
                    if (System.nanoTime() - deadline >= 0) {
                        return Optional.empty();
                    }
                    continue;
                }
                notifications.addAll(split(MemorySegment.ofArray(d.get().data())));
            }
        } finally {
            lock.unlock();
        }
    }

    /** The duration in nanoseconds, 0 when negative, capped at about 146 years. */
    private static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        return timeout.getSeconds() >= Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2 : timeout.toNanos();
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
     * One message of a {@link #requestBatch batch}: how errors about it are named.
     *
     * @param operation the operation's name for errors, e.g. {@code rt-addr newaddr}
     * @param headerBytes bytes of payload before the message's attributes
     * @param namer names attribute paths in errors
     */
    public record Batched(String operation, int headerBytes, AttrNamer namer) {
        /** Checks the components. */
        public Batched {
            java.util.Objects.requireNonNull(operation, "operation");
            java.util.Objects.requireNonNull(namer, "namer");
        }
    }

    /**
     * Sends several requests in one datagram (as the kernel's ynl does with {@code --multi}, and as
     * batches such as nftables' must be sent), each with a sequence number of its own, and collects
     * the replies of each: until its ACK, or its {@code NLMSG_DONE} for a dump. Every message should
     * carry {@code NLM_F_ACK} or {@code NLM_F_DUMP}. A dump's replies are collected in full here (no
     * stream), with {@code NLM_F_DUMP_INTR} ignored.
     *
     * @param messages one entry per message in {@code w}, in order
     * @param w the messages
     * @return the replies of each message, in order (empty for a plain ACK)
     * @throws KernelErrorException for the first message the kernel answers with an error; the
     *     replies of the messages after it are then dropped when they arrive
     * @throws IllegalArgumentException when {@code messages} does not match the messages in {@code w}
     */
    public List<List<NetlinkMessage>> requestBatch(List<Batched> messages, MessageWriter w) {
        byte[] all = w.toByteArray();
        List<byte[]> requests = new ArrayList<>();
        MemorySegment seg = MemorySegment.ofArray(all);
        for (long at = 0; at + Netlink.NLMSG_HDRLEN <= all.length; ) {
            int len = seg.get(U32, at);
            if (len < Netlink.NLMSG_HDRLEN || at + len > all.length) {
                throw new IllegalArgumentException("malformed message at byte " + at + " of the batch");
            }
            requests.add(java.util.Arrays.copyOfRange(all, (int) at, (int) at + len));
            at += Netlink.align(len);
        }
        if (requests.size() != messages.size()) {
            throw new IllegalArgumentException(
                    "the batch holds " + requests.size() + " messages but " + messages.size() + " were described");
        }
        lock.lock();
        try {
            ensureOpen();
            if (dumpOpen) {
                throw new IllegalStateException("a dump on this socket is still open; close its stream first");
            }
            int n = requests.size();
            int[] seqs = new int[n];
            for (int i = 0; i < n; i++) {
                seqs[i] = nextSequence();
            }
            transmitEach(all, seqs);
            List<List<NetlinkMessage>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                replies.add(new ArrayList<>());
            }
            int open = n;
            boolean[] finished = new boolean[n];
            while (open > 0) {
                for (NetlinkMessage m : receiveForAny(seqs)) {
                    int i = indexOf(seqs, m.sequence());
                    if (finished[i]) {
                        continue;
                    }
                    Batched b = messages.get(i);
                    if (m.type() == Netlink.NLMSG_ERROR || m.type() == Netlink.NLMSG_DONE) {
                        if (m.type() == Netlink.NLMSG_ERROR) {
                            checkError(b.operation(), m, requests.get(i), b.headerBytes(), b.namer());
                        } else {
                            checkDone(b.operation(), m, requests.get(i), b.headerBytes(), b.namer());
                        }
                        finished[i] = true;
                        open--;
                    } else if (m.type() != Netlink.NLMSG_NOOP) {
                        replies.get(i).add(m);
                    }
                }
            }
            List<List<NetlinkMessage>> out = new ArrayList<>();
            for (List<NetlinkMessage> r : replies) {
                out.add(List.copyOf(r));
            }
            return List.copyOf(out);
        } finally {
            lock.unlock();
        }
    }

    private static int indexOf(int[] seqs, int seq) {
        for (int i = 0; i < seqs.length; i++) {
            if (seqs[i] == seq) {
                return i;
            }
        }
        return -1;
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

    /**
     * Runs a dump to its end and returns every reply. If the kernel flagged
     * {@code NLM_F_DUMP_INTR}, the {@link DumpInterruptedException} carries the (possibly
     * inconsistent) replies.
     *
     * @param operation the operation's name for errors
     * @param w the request
     * @param headerBytes bytes of payload before the request's attributes
     * @param namer names attribute paths in errors
     * @return the replies
     */
    public List<NetlinkMessage> dumpList(String operation, MessageWriter w, int headerBytes, AttrNamer namer) {
        List<NetlinkMessage> out = new ArrayList<>();
        try (Stream<NetlinkMessage> replies = dump(operation, w, headerBytes, namer)) {
            replies.forEach(out::add);
        } catch (DumpInterruptedException e) {
            throw new DumpInterruptedException(operation, out.size(), out);
        }
        return List.copyOf(out);
    }

    /**
     * Runs a dump, repeating it while the kernel reports it interrupted by a concurrent change
     * ({@code NLM_F_DUMP_INTR}), at most {@code attempts} times in all.
     *
     * @param operation the operation's name for errors
     * @param w the request (sent again as is for each attempt)
     * @param headerBytes bytes of payload before the request's attributes
     * @param namer names attribute paths in errors
     * @param attempts how many dumps to try, at least 1
     * @return the replies of the first consistent dump
     * @throws DumpInterruptedException when every attempt was interrupted (with the last replies)
     */
    public List<NetlinkMessage> dumpListRetrying(
            String operation, MessageWriter w, int headerBytes, AttrNamer namer, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        for (int i = 1; ; i++) {
            try {
                return dumpList(operation, w, headerBytes, namer);
            } catch (DumpInterruptedException e) {
                if (i >= attempts) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, operation + " dump interrupted; attempt " + (i + 1));
            }
        }
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
        private RuntimeException failure; // from NLMSG_DONE or NLMSG_ERROR, thrown after the replies before it

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
                    if (failure != null) {
                        RuntimeException f = failure;
                        failure = null; // thrown once
                        interrupted = false;
                        throw f;
                    }
                    if (interrupted) {
                        interrupted = false; // thrown once
                        throw new DumpInterruptedException(operation, delivered, List.of());
                    }
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
                        case Netlink.NLMSG_DONE, Netlink.NLMSG_ERROR -> {
                            finish();
                            try {
                                if (m.type() == Netlink.NLMSG_DONE) {
                                    checkDone(operation, m, request, headerBytes, namer);
                                } else {
                                    checkError(operation, m, request, headerBytes, namer);
                                }
                            } catch (KernelErrorException | MalformedMessageException e) {
                                // Like an interruption, reported after the replies that came before it
                                // (the kernel may pack them into the same datagram as the error).
                                failure = e;
                            }
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
        return receiveForAny(new int[] {seq});
    }

    /** Receives datagrams until one holds messages for one of {@code seqs}; queues notifications. */
    private List<NetlinkMessage> receiveForAny(int[] seqs) {
        while (true) {
            Optional<NetlinkTransport.Datagram> received = receiveDatagram(-1);
            if (received.isEmpty()) {
                continue;
            }
            NetlinkTransport.Datagram d = received.get();
            if (d.groups() != 0 || d.senderPort() != 0) {
                // A multicast (even one stamped with this request's sequence number: the kernel
                // copies the causing request's sequence and port into its notifications) or a
                // message from user space: never a reply. Keep it for receive().
                try {
                    notifications.addAll(split(MemorySegment.ofArray(d.data())));
                } catch (MalformedMessageException e) {
                    // Not this exchange's problem.
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "dropped a malformed datagram from port " + Integer.toUnsignedString(d.senderPort()) + ": "
                                    + e.getMessage());
                }
                continue;
            }
            List<NetlinkMessage> mine = new ArrayList<>();
            for (NetlinkMessage m : split(MemorySegment.ofArray(d.data()))) {
                if (indexOf(seqs, m.sequence()) >= 0 && (m.portId() == portId || m.portId() == 0)) {
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
                try {
                    extAckMessage(m, tlvStart)
                            .ifPresent(w ->
                                    LOG.log(System.Logger.Level.WARNING, operation + ": kernel warns '" + w + "'"));
                } catch (MalformedMessageException e) {
                    // The request succeeded; a garbled warning must not turn that into a failure.
                    LOG.log(System.Logger.Level.DEBUG, "malformed extended ACK on success: " + e.getMessage());
                }
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
        Optional<String> policy = Optional.empty();
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
                        case Netlink.NLMSGERR_ATTR_POLICY ->
                            policy =
                                    Optional.of(ExtAckPolicy.render(r.nested())).filter(text -> !text.isEmpty());
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
        return new KernelErrorException(operation, errno, m.sequence(), msg, offset, bad, missing, policy);
    }

    /** Closes the socket and frees its buffers. Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        transport.wakeUp(); // a receive blocked in another thread returns
        lock.lock();
        try {
            transport.close();
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
