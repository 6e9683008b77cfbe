package io.ynl4j.runtime.testing;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.NetlinkSyscallException;
import io.ynl4j.runtime.NetlinkTransport;
import io.ynl4j.runtime.NotificationsLostException;
import io.ynl4j.runtime.SocketOptions;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.Netlink;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A scripted kernel for unit tests: a {@link NetlinkTransport} that answers each request a
 * {@link NetlinkSocket} sends with the replies a {@link Responder} scripts, records every request,
 * and emulates the netlink socket options a socket sets.
 *
 * <pre>{@code
 * FakeKernel kernel = FakeKernel.create();
 * kernel.on(RTM_GETADDR, (request, reply) -> {
 *     reply.send(KernelMessage.of(RTM_NEWADDR, NLM_F_MULTI, addr1), KernelMessage.of(RTM_NEWADDR, NLM_F_MULTI, addr2));
 *     reply.send(KernelMessage.done());
 * });
 * try (NetlinkSocket socket = NetlinkSocket.over(NetlinkProtocol.ROUTE, kernel, SocketOptions.DEFAULTS)) {
 *     …
 * }
 * assertThat(kernel.requests()).hasSize(1);
 * }</pre>
 *
 * <p><b>Answering.</b> Each message of a datagram sent to the kernel (destination port 0, no group)
 * goes to the first of: a one-shot responder queued with {@link #once}, the responder registered
 * for its type with {@link #on}, the fallback set with {@link #otherwise}. Without a fallback the
 * fake answers {@code EOPNOTSUPP} with an extended-ACK message naming the type, so an unscripted
 * request fails visibly. Responders run on the sending thread, inside {@code send}; what they send
 * is queued at once, in order. Datagrams to another port or to a group are recorded, not answered.
 *
 * <p><b>Datagrams.</b> {@link Reply#send} puts its messages in one datagram, {@link Reply#sendEach}
 * one per datagram, {@link Reply#sendPacked} a given number per datagram; {@link Reply#sendFrom}
 * sends from a user-space port, {@link Reply#sendTruncated} and {@link Reply#sendRaw} deliver cut
 * or corrupt bytes. {@link #push} and its variants queue messages outside any exchange: a
 * notification has sequence number 0 and port 0 unless set.
 *
 * <p><b>Receiving.</b> {@link #receive} blocks until something is queued, the time-out passes, or
 * {@link #wakeUp} is called. A receive without a time-out (as an exchange waits for its reply)
 * fails with {@link IllegalStateException} after the {@linkplain #idleLimit idle limit} (10 s by
 * default) instead of hanging a test whose script lacks a reply.
 *
 * <p><b>Options.</b> {@code setOption} records every option; {@code NETLINK_ADD_MEMBERSHIP} and
 * {@code NETLINK_DROP_MEMBERSHIP} maintain the joined groups, which {@code getOption} reports for
 * {@code NETLINK_LIST_MEMBERSHIPS}; {@link #failOption} makes an option fail as an old kernel
 * would. {@code NETLINK_CAP_ACK} decides whether scripted errors echo the whole request.
 *
 * <p>Thread-safe: a test thread may push while another thread waits in {@code receive}.
 */
public final class FakeKernel implements NetlinkTransport {
    /** The port id of a fake made with {@link #create()}. */
    public static final int DEFAULT_PORT_ID = 4242;

    /** How long a receive without a time-out waits by default before failing. */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofSeconds(10);

    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_ADD_MEMBERSHIP = 1;
    private static final int NETLINK_DROP_MEMBERSHIP = 2;
    private static final int NETLINK_LIST_MEMBERSHIPS = 9;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int EINVAL = 22;
    private static final int EOPNOTSUPP = 95;

    private final int portId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final Map<Integer, Responder> responders = new HashMap<>();
    private final ArrayDeque<Responder> onceResponders = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<Long, Integer> options = new HashMap<>();
    private final Map<Long, Integer> failingOptions = new HashMap<>();
    private final TreeSet<Integer> groups = new TreeSet<>();
    private Optional<Responder> fallback = Optional.empty();
    private Duration idleLimit = DEFAULT_IDLE_LIMIT;
    private boolean woken;
    private boolean closed;

    private FakeKernel(int portId) {
        this.portId = portId;
    }

    /**
     * A fake whose socket has port id {@link #DEFAULT_PORT_ID}.
     *
     * @return the fake
     */
    public static FakeKernel create() {
        return create(DEFAULT_PORT_ID);
    }

    /**
     * A fake whose socket has a given port id.
     *
     * @param portId the port id the socket gets, as the kernel would assign on bind
     * @return the fake
     */
    public static FakeKernel create(int portId) {
        return new FakeKernel(portId);
    }

    /**
     * A socket over this fake with the default options; closing the socket closes the fake.
     *
     * @param protocol the protocol the socket claims to speak
     * @return the socket
     */
    public NetlinkSocket socket(NetlinkProtocol protocol) {
        return NetlinkSocket.over(protocol, this, SocketOptions.DEFAULTS);
    }

    // ------------------------------------------------------------------ scripting

    /**
     * Answers every request of a type with {@code responder} (replacing an earlier one).
     *
     * @param requestType the request's {@code nlmsg_type}, e.g. {@code RTM_GETADDR} (22), or the
     *     family id of a generic netlink family
     * @param responder what to send back
     * @return this fake
     */
    public FakeKernel on(int requestType, Responder responder) {
        requireNonNull(responder, "responder");
        lock.lock();
        try {
            responders.put(requestType, responder);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Queues a responder for the next request of any type; queued responders answer one request
     * each, in order, before those registered with {@link #on}.
     *
     * @param responder what to send back
     * @return this fake
     */
    public FakeKernel once(Responder responder) {
        requireNonNull(responder, "responder");
        lock.lock();
        try {
            onceResponders.add(responder);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Answers requests no other responder takes (instead of {@code EOPNOTSUPP}).
     *
     * @param responder what to send back
     * @return this fake
     */
    public FakeKernel otherwise(Responder responder) {
        requireNonNull(responder, "responder");
        lock.lock();
        try {
            fallback = Optional.of(responder);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * How long a receive without a time-out waits for a datagram before it fails with
     * {@link IllegalStateException} (default {@link #DEFAULT_IDLE_LIMIT}).
     *
     * @param limit the limit; must be positive
     * @return this fake
     */
    public FakeKernel idleLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the idle limit must be positive, got " + limit);
        }
        lock.lock();
        try {
            idleLimit = limit;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Makes setting a socket option fail with an errno, e.g. {@code NETLINK_EXT_ACK} (270, 11) with
     * {@code ENOPROTOOPT} (92) as on a kernel that lacks it.
     *
     * @param level the option's level
     * @param option the option number
     * @param errno the positive errno the call fails with
     * @return this fake
     */
    public FakeKernel failOption(int level, int option, int errno) {
        lock.lock();
        try {
            failingOptions.put(key(level, option), errno);
        } finally {
            lock.unlock();
        }
        return this;
    }

    // ------------------------------------------------------------------ unsolicited messages

    /**
     * Queues one datagram from the kernel holding these messages, e.g. notifications (sequence
     * number and port id 0 unless set on the message).
     *
     * @param messages the messages
     */
    public void push(KernelMessage... messages) {
        deliver(encode(0, 0, Optional.empty(), messages), 0, 0);
    }

    /**
     * Queues one datagram the kernel multicast to a group: its source address names the group
     * ({@code 1 << (group - 1)}; 0 for groups above 32, as the kernel reports them).
     *
     * @param group the group number, 1 and up
     * @param messages the messages
     */
    public void pushMulticast(int group, KernelMessage... messages) {
        if (group < 1) {
            throw new IllegalArgumentException("groups are numbered from 1, got " + group);
        }
        deliver(encode(0, 0, Optional.empty(), messages), 0, group > 32 ? 0 : 1 << (group - 1));
    }

    /**
     * Queues one datagram from a user-space socket rather than the kernel.
     *
     * @param senderPort the sender's port id (not 0)
     * @param messages the messages
     */
    public void pushFrom(int senderPort, KernelMessage... messages) {
        deliver(encode(0, 0, Optional.empty(), messages), senderPort, 0);
    }

    /**
     * Queues a datagram of raw bytes from the kernel, e.g. a corrupt one.
     *
     * @param datagram the bytes, delivered as they are
     */
    public void pushRaw(byte[] datagram) {
        pushRaw(datagram, 0, 0);
    }

    /**
     * Queues a datagram of raw bytes.
     *
     * @param datagram the bytes, delivered as they are
     * @param senderPort the sender's port id (0: the kernel)
     * @param groupMask the source address's group mask (0: a unicast)
     */
    public void pushRaw(byte[] datagram, int senderPort, int groupMask) {
        deliver(datagram.clone(), senderPort, groupMask);
    }

    /**
     * Makes the next receive fail with {@link NotificationsLostException}, as the kernel reports
     * {@code ENOBUFS} once a socket's receive buffer overflowed.
     */
    public void pushNotificationsLost() {
        enqueue(new Delivery.Lost());
    }

    // ------------------------------------------------------------------ inspection

    /**
     * The messages received so far, in order (one per message, several per datagram possible).
     *
     * @return an immutable copy
     */
    public List<Request> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The last message received.
     *
     * @return the request
     * @throws IllegalStateException when nothing was received
     */
    public Request lastRequest() {
        lock.lock();
        try {
            if (requests.isEmpty()) {
                throw new IllegalStateException("FakeKernel has received no request");
            }
            return requests.getLast();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many datagrams are queued and not yet received (a pending {@link #pushNotificationsLost}
     * counts as one).
     *
     * @return the count
     */
    public int pendingDatagrams() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The last value set for an option.
     *
     * @param level the level, e.g. 270 ({@code SOL_NETLINK})
     * @param option the option number, e.g. 11 ({@code NETLINK_EXT_ACK})
     * @return the value, if the option was set
     */
    public OptionalInt option(int level, int option) {
        lock.lock();
        try {
            Integer v = options.get(key(level, option));
            return v == null ? OptionalInt.empty() : OptionalInt.of(v);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The groups joined through {@code NETLINK_ADD_MEMBERSHIP} and not left.
     *
     * @return group numbers, ascending
     */
    public List<Integer> groups() {
        lock.lock();
        try {
            return List.copyOf(groups);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@link #close} was called (by the socket's close).
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ NetlinkTransport

    @Override
    public int portId() {
        return portId;
    }

    /**
     * Records the datagram's messages and, when it is addressed to the kernel, runs their
     * responders (which may throw, e.g. a failed assertion: it reaches the caller).
     *
     * @throws IllegalStateException when the fake is closed
     */
    @Override
    public void send(byte[] data, int length, int destinationPort, int groupMask) {
        List<Request> received = split(Arrays.copyOf(data, length), destinationPort, groupMask);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("FakeKernel is closed");
            }
            requests.addAll(received);
        } finally {
            lock.unlock();
        }
        if (destinationPort != 0 || groupMask != 0) {
            return;
        }
        for (Request r : received) {
            responderFor(r).respond(r, new Reply(this, r));
        }
    }

    private Responder responderFor(Request r) {
        lock.lock();
        try {
            Responder once = onceResponders.poll();
            if (once != null) {
                return once;
            }
            Responder byType = responders.get(r.type());
            if (byType != null) {
                return byType;
            }
            return fallback.orElse(FakeKernel::unscripted);
        } finally {
            lock.unlock();
        }
    }

    private static void unscripted(Request request, Reply reply) {
        reply.send(KernelMessage.error(
                EOPNOTSUPP, ExtAck.message("FakeKernel has no responder for message type " + request.type())));
    }

    private static List<Request> split(byte[] data, int destinationPort, int groupMask) {
        List<Request> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        int at = 0;
        while (data.length - at >= Netlink.NLMSG_HDRLEN) {
            int len = b.getInt(at);
            if (len < Netlink.NLMSG_HDRLEN || len > data.length - at) {
                len = data.length - at; // not a valid message: keep the rest as it is
            }
            out.add(new Request(Arrays.copyOfRange(data, at, at + len), destinationPort, groupMask));
            at += Netlink.align(len);
        }
        return out;
    }

    /**
     * Waits for the next queued datagram.
     *
     * @param timeoutMillis how long to wait; 0 does not wait; -1 waits up to the
     *     {@linkplain #idleLimit idle limit}, then fails
     * @throws NotificationsLostException after {@link #pushNotificationsLost}
     * @throws IllegalStateException when a wait without time-out reaches the idle limit
     */
    @Override
    public Optional<Datagram> receive(int timeoutMillis) {
        boolean interrupted = false;
        lock.lock();
        try {
            boolean idle = timeoutMillis < 0;
            long nanos = idle ? idleLimit.toNanos() : TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                if (closed) {
                    return Optional.empty();
                }
                if (woken) {
                    woken = false;
                    return Optional.empty();
                }
                Delivery d = queue.poll();
                if (d != null) {
                    return switch (d) {
                        case Delivery.Data data -> Optional.of(data.datagram());
                        case Delivery.Lost lost -> throw new NotificationsLostException(portId);
                    };
                }
                if (nanos <= 0) {
                    if (idle) {
                        throw new IllegalStateException("FakeKernel: nothing to receive after waiting "
                                + idleLimit.toMillis() + " ms; the script lacks a reply (or raise idleLimit)");
                    }
                    return Optional.empty();
                }
                try {
                    nanos = changed.awaitNanos(nanos);
                } catch (InterruptedException e) {
                    interrupted = true; // like poll(2) in a foreign call: not interruptible
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Records the option; emulates group membership; fails when told to by {@link #failOption}.
     *
     * @throws NetlinkSyscallException for a scripted failure, or {@code EINVAL} for group 0
     */
    @Override
    public void setOption(int level, int option, int value, String name) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("FakeKernel is closed");
            }
            Integer errno = failingOptions.get(key(level, option));
            if (errno != null) {
                throw new NetlinkSyscallException("setsockopt(" + name + ")", errno);
            }
            if (level == SOL_NETLINK && (option == NETLINK_ADD_MEMBERSHIP || option == NETLINK_DROP_MEMBERSHIP)) {
                if (value < 1) {
                    throw new NetlinkSyscallException("setsockopt(" + name + ")", EINVAL);
                }
                if (option == NETLINK_ADD_MEMBERSHIP) {
                    groups.add(value);
                } else {
                    groups.remove(value);
                }
            }
            options.put(key(level, option), value);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code NETLINK_LIST_MEMBERSHIPS}: the joined groups as a bit mask of 32-bit words in host
     * order; any other option: the last value set (0 when never set), 4 bytes. Cut to
     * {@code maxLength}.
     */
    @Override
    public byte[] getOption(int level, int option, int maxLength, String name) {
        lock.lock();
        try {
            byte[] value;
            if (level == SOL_NETLINK && option == NETLINK_LIST_MEMBERSHIPS) {
                int words = groups.isEmpty() ? 1 : (groups.last() + 31) / 32;
                ByteBuffer b = ByteBuffer.allocate(words * 4).order(ByteOrder.nativeOrder());
                for (int g : groups) {
                    int word = (g - 1) / 32;
                    b.putInt(word * 4, b.getInt(word * 4) | 1 << ((g - 1) % 32));
                }
                value = b.array();
            } else {
                int v = options.getOrDefault(key(level, option), 0);
                value = ByteBuffer.allocate(4)
                        .order(ByteOrder.nativeOrder())
                        .putInt(v)
                        .array();
            }
            return Arrays.copyOf(value, Math.min(value.length, Math.max(0, maxLength)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the fake: receives return empty, sends fail; what was recorded stays readable. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FakeKernel port " + Integer.toUnsignedString(portId);
    }

    // ------------------------------------------------------------------ internals

    private static long key(int level, int option) {
        return (long) level << 32 | Integer.toUnsignedLong(option);
    }

    private boolean capAck() {
        lock.lock();
        try {
            return options.getOrDefault(key(SOL_NETLINK, NETLINK_CAP_ACK), 0) != 0;
        } finally {
            lock.unlock();
        }
    }

    private byte[] encode(int sequence, int port, Optional<Bytes> request, KernelMessage... messages) {
        boolean capAck = capAck();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (KernelMessage m : messages) {
            out.writeBytes(m.encode(sequence, port, request, capAck));
        }
        return out.toByteArray();
    }

    private void deliver(byte[] datagram, int senderPort, int groupMask) {
        enqueue(new Delivery.Data(new Datagram(datagram, senderPort, groupMask)));
    }

    private void enqueue(Delivery d) {
        lock.lock();
        try {
            queue.add(d);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What a receive returns next. */
    private sealed interface Delivery {
        record Data(Datagram datagram) implements Delivery {}

        record Lost() implements Delivery {}
    }

    // ------------------------------------------------------------------ nested types

    /**
     * Scripts the answer to one request.
     *
     * <p>Example: {@code (request, reply) -> reply.send(KernelMessage.error(17))}.
     */
    @FunctionalInterface
    public interface Responder {
        /** Answers with a plain ACK. */
        Responder ACK = (request, reply) -> reply.send(KernelMessage.ack());

        /** Sends nothing: the request goes unanswered. */
        Responder SILENT = (request, reply) -> {};

        /**
         * Answers a request.
         *
         * @param request the message received
         * @param reply where to send the answer
         */
        void respond(Request request, Reply reply);
    }

    /**
     * One message the fake received, as the socket sent it (sequence number and port id stamped).
     */
    public static final class Request {
        private final byte[] data; // never handed out
        private final int destinationPort;
        private final int groupMask;

        private Request(byte[] data, int destinationPort, int groupMask) {
            this.data = data;
            this.destinationPort = destinationPort;
            this.groupMask = groupMask;
        }

        private int u16(int at) {
            return Short.toUnsignedInt(
                    ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).getShort(at));
        }

        private int u32(int at) {
            return ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).getInt(at);
        }

        /**
         * The whole message, header included.
         *
         * @return the bytes
         */
        public Bytes bytes() {
            return Bytes.of(data);
        }

        /**
         * What follows the {@code nlmsghdr}.
         *
         * @return the payload
         */
        public Bytes payload() {
            return Bytes.wrap(Arrays.copyOfRange(data, Netlink.NLMSG_HDRLEN, data.length));
        }

        /**
         * The message type.
         *
         * @return {@code nlmsg_type}
         */
        public int type() {
            return u16(4);
        }

        /**
         * The flags.
         *
         * @return {@code nlmsg_flags}
         */
        public int flags() {
            return u16(6);
        }

        /**
         * Whether all of these flags are set.
         *
         * @param mask e.g. {@code NLM_F_REQUEST | NLM_F_ACK}
         * @return {@code true} when every bit of {@code mask} is set
         */
        public boolean hasFlags(int mask) {
            return (flags() & mask) == mask;
        }

        /**
         * The sequence number the socket stamped.
         *
         * @return {@code nlmsg_seq}
         */
        public int sequence() {
            return u32(8);
        }

        /**
         * The sender's port id as stamped in the header.
         *
         * @return {@code nlmsg_pid}
         */
        public int portId() {
            return u32(12);
        }

        /**
         * The destination port of the datagram (0: the kernel).
         *
         * @return the port id
         */
        public int destinationPort() {
            return destinationPort;
        }

        /**
         * The destination group mask of the datagram (0: none).
         *
         * @return the mask
         */
        public int groupMask() {
            return groupMask;
        }

        /**
         * A reader over the request's attributes.
         *
         * @param headerBytes the fixed headers' size before them (e.g. 8 for {@code ifaddrmsg}, 4
         *     for a genetlink header)
         * @return the reader
         */
        public AttrReader attributes(int headerBytes) {
            byte[] copy = data.clone();
            return AttrReader.of(
                    MemorySegment.ofArray(copy),
                    Math.min(copy.length, Netlink.NLMSG_HDRLEN + Netlink.align(headerBytes)),
                    copy.length);
        }

        /**
         * The offset of an attribute, from the start of the {@code nlmsghdr}: what the kernel puts
         * in {@code NLMSGERR_ATTR_OFFS} and {@code NLMSGERR_ATTR_MISS_NEST}.
         *
         * @param headerBytes the fixed headers' size before the attributes
         * @param path the attribute types from the outermost in, e.g. {@code 18, 1} for a member
         *     of nest 18 (the first attribute of each type is taken)
         * @return the offset of the attribute's header
         * @throws IllegalArgumentException when there is no such attribute
         */
        public int attributeOffset(int headerBytes, int... path) {
            if (path.length == 0) {
                throw new IllegalArgumentException("an attribute path has at least one type");
            }
            AttrReader r = attributes(headerBytes);
            for (int i = 0; i < path.length; i++) {
                boolean found = false;
                while (r.next()) {
                    if (r.type() == path[i]) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    throw new IllegalArgumentException("the request has no attribute "
                            + Arrays.toString(Arrays.copyOf(path, i + 1)) + ": " + this);
                }
                if (i == path.length - 1) {
                    return (int) r.payloadOffset() - Netlink.NLA_HDRLEN;
                }
                r = r.nested();
            }
            throw new AssertionError("unreachable");
        }

        @Override
        public String toString() {
            return "Request[type=" + type() + ", flags=0x" + Integer.toHexString(flags()) + ", seq="
                    + Integer.toUnsignedString(sequence()) + ", port=" + Integer.toUnsignedString(portId()) + ", "
                    + data.length + " bytes: " + HexFormat.of().formatHex(data) + "]";
        }
    }

    /**
     * Where a {@link Responder} sends its answer. Messages get the request's sequence number and
     * port id unless they set their own; each call delivers at once.
     */
    public static final class Reply {
        private final FakeKernel kernel;
        private final Request request;

        private Reply(FakeKernel kernel, Request request) {
            this.kernel = kernel;
            this.request = request;
        }

        /**
         * The request being answered.
         *
         * @return the request
         */
        public Request request() {
            return request;
        }

        /**
         * The bytes {@link #send} would deliver for these messages, e.g. to corrupt them.
         *
         * @param messages the messages
         * @return one datagram's bytes
         */
        public byte[] encode(KernelMessage... messages) {
            return kernel.encode(request.sequence(), request.portId(), Optional.of(request.bytes()), messages);
        }

        /**
         * Sends the messages in one datagram, as the kernel packs a dump's parts.
         *
         * @param messages the messages
         * @return this reply
         */
        public Reply send(KernelMessage... messages) {
            kernel.deliver(encode(messages), 0, 0);
            return this;
        }

        /**
         * Sends each message in a datagram of its own.
         *
         * @param messages the messages
         * @return this reply
         */
        public Reply sendEach(KernelMessage... messages) {
            for (KernelMessage m : messages) {
                send(m);
            }
            return this;
        }

        /**
         * Sends the messages {@code perDatagram} at a time (the last datagram may hold fewer).
         *
         * @param perDatagram messages per datagram, at least 1
         * @param messages the messages
         * @return this reply
         */
        public Reply sendPacked(int perDatagram, List<KernelMessage> messages) {
            if (perDatagram < 1) {
                throw new IllegalArgumentException("at least one message per datagram, got " + perDatagram);
            }
            for (int i = 0; i < messages.size(); i += perDatagram) {
                send(messages.subList(i, Math.min(messages.size(), i + perDatagram))
                        .toArray(KernelMessage[]::new));
            }
            return this;
        }

        /**
         * Sends the messages in one datagram from a user-space port instead of the kernel.
         *
         * @param senderPort the sender's port id
         * @param messages the messages
         * @return this reply
         */
        public Reply sendFrom(int senderPort, KernelMessage... messages) {
            kernel.deliver(encode(messages), senderPort, 0);
            return this;
        }

        /**
         * Sends the first {@code length} bytes of the datagram {@link #send} would send: a message
         * cut short.
         *
         * @param length how many bytes to keep
         * @param messages the messages
         * @return this reply
         */
        public Reply sendTruncated(int length, KernelMessage... messages) {
            byte[] all = encode(messages);
            if (length < 0 || length > all.length) {
                throw new IllegalArgumentException(
                        "cannot keep " + length + " bytes of a datagram of " + all.length + " bytes");
            }
            kernel.deliver(Arrays.copyOf(all, length), 0, 0);
            return this;
        }

        /**
         * Sends raw bytes from the kernel.
         *
         * @param datagram the bytes, as they are
         * @return this reply
         */
        public Reply sendRaw(byte[] datagram) {
            kernel.deliver(datagram.clone(), 0, 0);
            return this;
        }

        /**
         * Sends a plain ACK.
         *
         * @return this reply
         */
        public Reply ack() {
            return send(KernelMessage.ack());
        }
    }
}
