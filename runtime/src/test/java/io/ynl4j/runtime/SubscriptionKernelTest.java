package io.ynl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.StructReader;
import io.ynl4j.runtime.codec.StructWriter;
import io.ynl4j.runtime.genl.GenlFamily;
import io.ynl4j.runtime.genl.GenlResolver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Subscriptions against the real kernel, in a namespace of our own: rtnetlink address
 * notifications caused by {@code ip}, closing from another thread, lost notifications
 * ({@code ENOBUFS}) and a generic netlink group joined by name.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionKernelTest {
    private static final int RTNLGRP_IPV4_IFADDR = 5;
    private static final int RTM_NEWADDR = 20;
    private static final int AF_INET = 2;
    private static final int IFA_LOCAL = 2;
    private static final int IFADDRMSG = 8;
    private static final int LO = 1;
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private Netns ns;

    @BeforeAll
    void createNamespace() {
        ns = Netns.create();
    }

    @AfterAll
    void deleteNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    /** An RTM_NEWADDR notification, decoded. */
    private record NewAddr(int family, int prefix, long index, String local) {}

    private static NewAddr decodeNewAddr(NetlinkMessage m) {
        assertThat(m.type()).as("message type").isEqualTo(RTM_NEWADDR);
        StructReader h = m.fixedHeader(0, IFADDRMSG);
        String local = null;
        AttrReader r = m.attributes(IFADDRMSG);
        while (r.next()) {
            if (r.type() == IFA_LOCAL) {
                local = r.bytes().toInetAddress().getHostAddress();
            }
        }
        return new NewAddr(h.u8(0), h.u8(1), h.u32(4, false), local);
    }

    /** Polls until the RTM_NEWADDR for {@code address} arrives; fails after {@link #PATIENCE}. */
    private static NewAddr awaitNewAddr(Subscription sub, String address) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<NetlinkMessage> m = sub.poll(Duration.ofMillis(200));
            if (m.isPresent() && m.get().type() == RTM_NEWADDR) {
                NewAddr a = decodeNewAddr(m.get());
                if (address.equals(a.local())) {
                    return a;
                }
            }
        }
        return fail("no RTM_NEWADDR for " + address + " within " + PATIENCE);
    }

    @Test
    void receivesNewaddrWhenIpAddsAnAddress() {
        try (Subscription sub = Subscription.open(NetlinkProtocol.ROUTE, ns.options(), RTNLGRP_IPV4_IFADDR)) {
            assertThat(sub.groups()).containsExactly(RTNLGRP_IPV4_IFADDR);
            ns.ip("addr", "add", "192.0.2.10/24", "dev", "lo");

            NetlinkMessage m = sub.poll(PATIENCE).orElseThrow();
            NewAddr a = decodeNewAddr(m);
            assertThat(a).isEqualTo(new NewAddr(AF_INET, 24, LO, "192.0.2.10"));
            // Caused by ip's request: the notification carries ip's port id, not 0.
            assertThat(m.portId()).isNotZero().isNotEqualTo(sub.portId());
            // Nothing else on this group.
            assertThat(sub.poll(Duration.ofMillis(100))).isEmpty();
        }
    }

    @Test
    void closeFromAnotherThreadWakesABlockedTake() throws Exception {
        Subscription sub = Subscription.open(NetlinkProtocol.ROUTE, ns.options(), RTNLGRP_IPV4_IFADDR);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().name("take").start(() -> {
            try {
                NetlinkMessage m = sub.take();
                outcome.complete(new AssertionError("take() returned a message of type " + m.type()));
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        Thread.sleep(400); // let it block
        assertThat(outcome).isNotDone();

        long start = System.nanoTime();
        sub.close();
        Throwable thrown = outcome.get(1, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(thrown).isInstanceOf(SubscriptionClosedException.class);
        assertThat(millis).isLessThan(1000);
        waiter.join(1000);
        assertThat(waiter.isAlive()).isFalse();
        // Later calls say so too; a second close is harmless; a stream of a closed one is empty.
        assertThat(sub.isClosed()).isTrue();
        assertThatThrownBy(sub::take).isInstanceOf(SubscriptionClosedException.class);
        assertThatThrownBy(() -> sub.poll(Duration.ZERO)).isInstanceOf(SubscriptionClosedException.class);
        assertThatThrownBy(() -> sub.join(6)).isInstanceOf(SubscriptionClosedException.class);
        sub.close();
        assertThat(sub.stream().count()).isZero();
    }

    @Test
    void closeFromAnotherThreadEndsAStream() throws Exception {
        Subscription sub = Subscription.open(NetlinkProtocol.ROUTE, ns.options(), RTNLGRP_IPV4_IFADDR);
        CompletableFuture<List<String>> seen = CompletableFuture.supplyAsync(
                () -> sub.stream().map(m -> decodeNewAddr(m).local()).toList(),
                r -> Thread.ofPlatform().name("stream").start(r));
        ns.ip("addr", "add", "192.0.2.20/32", "dev", "lo");
        ns.ip("addr", "add", "192.0.2.21/32", "dev", "lo");
        Thread.sleep(300);
        sub.close();
        assertThat(seen.get(1, TimeUnit.SECONDS)).containsExactly("192.0.2.20", "192.0.2.21");
    }

    private static List<String> addBatch(String prefix, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("address add " + prefix + "." + (i / 250) + "." + (i % 250 + 1) + "/32 dev lo");
        }
        return lines;
    }

    @Test
    void enobufsSurfacesAsNotificationsLostAndTheSubscriptionKeepsWorking() {
        // The smallest buffer the kernel allows (it doubles the value and enforces a minimum).
        SocketOptions tiny = ns.options().withReceiveBufferSize(1024);
        try (Subscription sub = Subscription.open(NetlinkProtocol.ROUTE, tiny, RTNLGRP_IPV4_IFADDR)) {
            ns.ipBatch(addBatch("10.55", 500));

            int received = 0;
            List<NotificationsLostException> lost = new ArrayList<>();
            while (true) {
                try {
                    Optional<NetlinkMessage> m = sub.poll(Duration.ofMillis(300));
                    if (m.isEmpty()) {
                        break;
                    }
                    decodeNewAddr(m.get());
                    received++;
                } catch (NotificationsLostException e) {
                    lost.add(e);
                }
            }
            System.out.printf(
                    "SubscriptionKernelTest: with a tiny buffer, %d of 500 notifications arrived, ENOBUFS %d time(s)%n",
                    received, lost.size());
            assertThat(lost).isNotEmpty();
            assertThat(lost.get(0).groups()).containsExactly(RTNLGRP_IPV4_IFADDR);
            assertThat(lost.get(0).portId()).isEqualTo(sub.portId());
            assertThat(lost.get(0)).hasMessageContaining("ENOBUFS");
            assertThat(received).isLessThan(500);

            // Still subscribed: the next change arrives.
            ns.ip("addr", "add", "10.56.0.1/32", "dev", "lo");
            assertThat(awaitNewAddr(sub, "10.56.0.1").index()).isEqualTo(LO);
        }
    }

    @Test
    void aLostNotificationsCallbackKeepsTakeGoing() {
        AtomicInteger lost = new AtomicInteger();
        try (Subscription sub = Subscription.builder(NetlinkProtocol.ROUTE)
                .options(ns.options().withReceiveBufferSize(1024))
                .group(RTNLGRP_IPV4_IFADDR)
                .onNotificationsLost(e -> lost.incrementAndGet())
                .open()) {
            ns.ipBatch(addBatch("10.57", 500));
            // Drains what fitted in the buffer without throwing; the callback sees the loss.
            int received = 0;
            while (sub.poll(Duration.ofMillis(300)).isPresent()) {
                received++;
            }
            assertThat(lost.get()).isPositive();
            assertThat(received).isLessThan(500);
            // (A change made before the buffer was drained would have been dropped as well.)
            ns.ip("addr", "add", "10.58.0.1/32", "dev", "lo");
            assertThat(awaitNewAddr(sub, "10.58.0.1").local()).isEqualTo("10.58.0.1");
        }
    }

    @Test
    void joinsAGenericNetlinkGroupByName() {
        try (NetlinkSocket genl = NetlinkSocket.open(NetlinkProtocol.GENERIC, ns.options());
                Subscription sub = Subscription.builder(NetlinkProtocol.GENERIC)
                        .options(ns.options())
                        .genlGroup("netdev", "mgmt")
                        .open()) {
            GenlFamily netdev = GenlResolver.of(genl).family("netdev");
            assertThat(sub.groups()).containsExactly(netdev.mcastGroup("mgmt").getAsInt());

            // Registering a device notifies netdev's mgmt group (NETDEV_CMD_DEV_ADD_NTF).
            ns.ip("link", "add", "nv0", "type", "veth", "peer", "name", "nv1");
            int ifindex =
                    Integer.parseInt(ns.ip("-j", "link", "show", "nv0").replaceAll("(?s).*\"ifindex\":(\\d+).*", "$1"));
            List<Long> added = new ArrayList<>();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!added.contains((long) ifindex) && System.nanoTime() < deadline) {
                Optional<NetlinkMessage> m = sub.poll(Duration.ofMillis(200));
                if (m.isEmpty()) {
                    continue;
                }
                assertThat(m.get().type()).isEqualTo(netdev.id());
                if (m.get().genlCommand() == NETDEV_CMD_DEV_ADD_NTF) {
                    AttrReader r = m.get().attributes(Netlink.GENL_HDRLEN);
                    while (r.next()) {
                        if (r.type() == NETDEV_A_DEV_IFINDEX) {
                            added.add(r.u32());
                        }
                    }
                }
            }
            assertThat(added).contains((long) ifindex);

            // And a subscription of another protocol cannot join by name.
            try (Subscription route = Subscription.open(NetlinkProtocol.ROUTE, ns.options())) {
                assertThatThrownBy(() -> route.joinGenl("netdev", "mgmt")).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void notificationsCausedByASocketsOwnRequestAreNotTakenForReplies() throws Exception {
        // A socket that does requests and has joined a group: the kernel stamps the notification
        // its own newaddr causes with the request's sequence number and port, exactly like a reply.
        try (NetlinkSocket s = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            s.joinGroup(RTNLGRP_IPV4_IFADDR);
            MessageWriter add = new MessageWriter();
            int msg = add.beginMessage(
                    RTM_NEWADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
            StructWriter h = add.fixedHeader(IFADDRMSG);
            h.u8(0, AF_INET);
            h.u8(1, 32);
            h.u32(4, LO, false);
            add.bytes(IFA_LOCAL, InetAddress.getByName("192.0.2.30").getAddress());
            add.endMessage(msg);

            assertThat(s.request("rt-addr newaddr", add))
                    .as("replies to an ACKed newaddr")
                    .isEmpty();
            NetlinkMessage n = s.receive(PATIENCE).orElseThrow();
            assertThat(decodeNewAddr(n).local()).isEqualTo("192.0.2.30");
            assertThat(n.portId()).isEqualTo(s.portId());
            assertThat(n.sequence()).isNotZero();
        }
    }

    private static final int NETDEV_CMD_DEV_ADD_NTF = 2;
    private static final int NETDEV_A_DEV_IFINDEX = 1;
}
