package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.genl.GenlResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Notifications from netlink multicast groups, on a socket of the subscription's own, so they never
 * interleave with request/reply traffic. Groups are joined by number ({@code RTNLGRP_IPV4_IFADDR}
 * is 5 on {@link NetlinkProtocol#ROUTE}; {@code NETLINK_USERSOCK} has groups 1…32) or, on
 * {@link NetlinkProtocol#GENERIC}, by family and group name, resolved through nlctrl.
 *
 * <pre>{@code
 * try (Subscription sub = Subscription.open(NetlinkProtocol.ROUTE, SocketOptions.DEFAULTS, 5)) {
 *     sub.stream().forEach(m -> System.out.println("type " + m.type()));
 * }
 * }</pre>
 *
 * <p>Messages are delivered raw, whoever sent them: the kernel, or a user-space sender (on
 * {@code NETLINK_USERSOCK} messages come from non-zero ports; see
 * {@link NetlinkSocket#multicast}). Kernel notifications carry the sequence number and port of the
 * request that caused them (0 when nothing did).
 *
 * <p><b>Closing.</b> {@link #close()} may be called from any thread; a {@link #take()} or
 * {@link #poll} waiting in another thread then returns at once with
 * {@link SubscriptionClosedException}, as does every later call; {@link #stream()} ends instead.
 * Waiting does not respond to {@link Thread#interrupt()}: close the subscription to stop a waiting
 * thread.
 *
 * <p><b>Lost notifications.</b> When the socket's receive buffer overflows, the kernel drops
 * notifications and reports {@code ENOBUFS} once; it surfaces as a
 * {@link NotificationsLostException} from {@link #take()}, {@link #poll} or the stream — or, when a
 * callback was set with {@link Builder#onNotificationsLost}, is passed to it and waiting goes on.
 * Either way the subscription keeps working: the next call delivers what arrives next. The usual
 * cure is to dump the state again. A larger buffer
 * ({@link SocketOptions#withReceiveBufferSize}) makes it rarer.
 *
 * <p><b>Threads.</b> All methods are thread-safe. Several threads may wait at once; each message
 * goes to one of them. Waiting happens in slices of a quarter second, so {@link #join} and
 * {@link #leave} from another thread wait at most that long. A waiting virtual thread pins its
 * carrier (a foreign call).
 */
public final class Subscription implements AutoCloseable {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final NetlinkSocket socket;
    private final ReentrantLock lock = new ReentrantLock(true); // fair: join() is not starved by take()
    private final ConcurrentSkipListSet<Integer> groups = new ConcurrentSkipListSet<>();
    private final GenlResolver resolver; // null: resolve on the subscription's own socket
    private final Consumer<? super NotificationsLostException> onLost; // null: throw
    private volatile boolean closed;

    private Subscription(
            NetlinkSocket socket, GenlResolver resolver, Consumer<? super NotificationsLostException> onLost) {
        this.socket = socket;
        this.resolver = resolver;
        this.onLost = onLost;
    }

    /**
     * Opens a subscription to groups given by number.
     *
     * @param protocol e.g. {@link NetlinkProtocol#ROUTE}
     * @param options the socket's options (namespace, receive buffer size, …)
     * @param groups the groups to join, e.g. 5 for {@code RTNLGRP_IPV4_IFADDR}
     * @return the subscription
     * @throws NetlinkSyscallException when the socket cannot be opened or a group not joined
     */
    public static Subscription open(NetlinkProtocol protocol, SocketOptions options, int... groups) {
        Builder b = builder(protocol).options(options);
        for (int g : groups) {
            b.group(g);
        }
        return b.open();
    }

    /**
     * A builder, for generic netlink groups by name, a callback for lost notifications, or both.
     *
     * @param protocol the protocol
     * @return the builder
     */
    public static Builder builder(NetlinkProtocol protocol) {
        return new Builder(protocol);
    }

    /** Collects what {@link #open()} needs. Not thread-safe. */
    public static final class Builder {
        private final NetlinkProtocol protocol;
        private SocketOptions options = SocketOptions.DEFAULTS;
        private final List<Integer> groups = new ArrayList<>();
        private final List<String[]> genlGroups = new ArrayList<>();
        private GenlResolver resolver;
        private Consumer<? super NotificationsLostException> onLost;

        private Builder(NetlinkProtocol protocol) {
            this.protocol = requireNonNull(protocol, "protocol");
        }

        /**
         * The socket's options (default {@link SocketOptions#DEFAULTS}).
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(SocketOptions options) {
            this.options = requireNonNull(options, "options");
            return this;
        }

        /**
         * A group to join, by number.
         *
         * @param group the group, 1 or more
         * @return this builder
         */
        public Builder group(int group) {
            groups.add(checkGroup(group));
            return this;
        }

        /**
         * A generic netlink group to join, by family and group name, e.g. {@code ethtool} and
         * {@code monitor}. Resolved when the subscription opens, before any group is joined.
         *
         * @param family the family name
         * @param group the group name
         * @return this builder
         * @throws IllegalStateException when the protocol is not {@link NetlinkProtocol#GENERIC}
         */
        public Builder genlGroup(String family, String group) {
            requireGeneric(protocol);
            genlGroups.add(new String[] {requireNonNull(family, "family"), requireNonNull(group, "group")});
            return this;
        }

        /**
         * The resolver for {@link #genlGroup} names, e.g. {@code GenlResolver.of(requestSocket)} to
         * share its cache. Without one, names are resolved on the subscription's own socket. Group
         * numbers are global, but families that do not support namespaces are visible in the
         * initial namespace only.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder resolver(GenlResolver resolver) {
            this.resolver = requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Receives {@link NotificationsLostException}s instead of having {@link #take()},
         * {@link #poll} and the stream throw them; it runs on the receiving thread, which then
         * goes on waiting.
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder onNotificationsLost(Consumer<? super NotificationsLostException> callback) {
            this.onLost = requireNonNull(callback, "callback");
            return this;
        }

        /**
         * Opens the socket, resolves generic netlink names and joins the groups.
         *
         * @return the subscription
         * @throws NetlinkSyscallException when the socket cannot be opened or a group not joined
         * @throws FamilyNotFoundException when a generic netlink family is unknown
         */
        public Subscription open() {
            NetlinkSocket socket = NetlinkSocket.open(protocol, options);
            try {
                Subscription sub = new Subscription(socket, resolver, onLost);
                // Resolve every name before joining anything: no notification can arrive in between.
                List<Integer> ids = new ArrayList<>(groups);
                for (String[] g : genlGroups) {
                    ids.add(sub.resolver().mcastGroup(g[0], g[1]));
                }
                for (int id : ids) {
                    sub.join(id);
                }
                return sub;
            } catch (RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }

    private static int checkGroup(int group) {
        if (group < 1) {
            throw new IllegalArgumentException("netlink groups are numbered from 1, got " + group);
        }
        return group;
    }

    private static void requireGeneric(NetlinkProtocol protocol) {
        if (!protocol.equals(NetlinkProtocol.GENERIC)) {
            throw new IllegalStateException("generic netlink groups need a " + NetlinkProtocol.GENERIC.name()
                    + " subscription, this one is " + protocol.name());
        }
    }

    private GenlResolver resolver() {
        return resolver != null ? resolver : GenlResolver.of(socket);
    }

    // ------------------------------------------------------------------ groups

    /**
     * Joins a group ({@code NETLINK_ADD_MEMBERSHIP}).
     *
     * @param group the group number, 1 or more
     * @throws SubscriptionClosedException when closed
     * @throws NetlinkSyscallException when the kernel refuses, e.g. {@code EINVAL} for a group the
     *     protocol does not have
     */
    public void join(int group) {
        checkGroup(group);
        locked(() -> {
            socket.joinGroup(group);
            groups.add(group);
            return null;
        });
    }

    /**
     * Leaves a group ({@code NETLINK_DROP_MEMBERSHIP}). Notifications already queued stay.
     *
     * @param group the group number
     * @throws SubscriptionClosedException when closed
     */
    public void leave(int group) {
        checkGroup(group);
        locked(() -> {
            socket.leaveGroup(group);
            groups.remove(group);
            return null;
        });
    }

    /**
     * Joins a generic netlink group by name, resolving it through nlctrl.
     *
     * @param family the family name, e.g. {@code netdev}
     * @param group the group name, e.g. {@code mgmt}
     * @return the group number joined
     * @throws IllegalStateException when this is not a {@link NetlinkProtocol#GENERIC} subscription
     * @throws FamilyNotFoundException when the family is unknown
     * @throws NetlinkException when the family has no such group
     */
    public int joinGenl(String family, String group) {
        requireGeneric(socket.protocol());
        return locked(() -> {
            int id = resolver().mcastGroup(family, group);
            socket.joinGroup(id);
            groups.add(id);
            return id;
        });
    }

    /**
     * The groups joined through this subscription.
     *
     * @return group numbers, ascending
     */
    public List<Integer> groups() {
        return List.copyOf(groups);
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            ensureOpen();
            return action.get();
        } catch (IllegalStateException e) {
            throw closedOr(e);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Waits for the next message.
     *
     * @param timeout how long to wait at most; zero or less does not wait
     * @return the message, or empty when none arrived in time
     * @throws SubscriptionClosedException when the subscription is or gets closed
     * @throws NotificationsLostException when notifications were lost and no callback is set
     */
    public Optional<NetlinkMessage> poll(Duration timeout) {
        requireNonNull(timeout, "timeout");
        long budget = timeout.isNegative()
                ? 0
                : timeout.getSeconds() >= Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2 : timeout.toNanos();
        long start = System.nanoTime();
        while (true) {
            long left = budget - (System.nanoTime() - start);
            Optional<NetlinkMessage> m = receiveSlice(Math.max(0, Math.min(left, SLICE_NANOS)));
            if (m.isPresent()) {
                return m;
            }
            if (budget - (System.nanoTime() - start) <= 0) {
                return Optional.empty();
            }
        }
    }

    /**
     * Waits until a message arrives.
     *
     * @return the message
     * @throws SubscriptionClosedException when the subscription is or gets closed
     * @throws NotificationsLostException when notifications were lost and no callback is set
     */
    public NetlinkMessage take() {
        while (true) {
            Optional<NetlinkMessage> m = receiveSlice(SLICE_NANOS);
            if (m.isPresent()) {
                return m.get();
            }
        }
    }

    /**
     * The messages as they arrive: a sequential stream that ends when the subscription is closed
     * (from another thread, or by the consumer). A {@link NotificationsLostException} without a
     * callback ends the stream with that exception; the subscription itself keeps working, so a
     * new stream can follow. Closing the stream does not close the subscription.
     *
     * @return the stream
     */
    public Stream<NetlinkMessage> stream() {
        Spliterator<NetlinkMessage> messages =
                new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                    @Override
                    public boolean tryAdvance(Consumer<? super NetlinkMessage> action) {
                        NetlinkMessage m;
                        try {
                            m = take();
                        } catch (SubscriptionClosedException e) {
                            return false;
                        }
                        action.accept(m);
                        return true;
                    }
                };
        return StreamSupport.stream(messages, false);
    }

    private Optional<NetlinkMessage> receiveSlice(long nanos) {
        NotificationsLostException lost;
        lock.lock();
        try {
            ensureOpen();
            return socket.receive(Duration.ofNanos(nanos));
        } catch (NotificationsLostException e) {
            lost = new NotificationsLostException(e.portId(), List.copyOf(groups));
        } catch (IllegalStateException e) {
            throw closedOr(e);
        } finally {
            lock.unlock();
        }
        if (onLost == null) {
            throw lost;
        }
        onLost.accept(lost); // outside the lock: the callback may use the subscription
        return Optional.empty();
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    /** The socket says it is closed: because this subscription was closed (else a bug: rethrow). */
    private RuntimeException closedOr(IllegalStateException e) {
        return closed || socket.isClosed() ? closedException() : e;
    }

    private SubscriptionClosedException closedException() {
        return new SubscriptionClosedException("the subscription " + this + " is closed");
    }

    // ------------------------------------------------------------------ the rest

    /**
     * The protocol.
     *
     * @return the protocol
     */
    public NetlinkProtocol protocol() {
        return socket.protocol();
    }

    /**
     * The port id of the subscription's socket.
     *
     * @return the port id
     */
    public int portId() {
        return socket.portId();
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket. May be called from any thread, any number of times; threads waiting in
     * {@link #take()} or {@link #poll} return at once with {@link SubscriptionClosedException}, and
     * streams end.
     */
    @Override
    public void close() {
        closed = true;
        socket.close(); // wakes a receive blocked in another thread, then releases the socket
    }

    @Override
    public String toString() {
        return "Subscription[" + socket.protocol().name() + " port " + Integer.toUnsignedString(socket.portId())
                + ", groups " + groups + "]";
    }
}
