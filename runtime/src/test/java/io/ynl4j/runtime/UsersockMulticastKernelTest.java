package io.ynl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Multicast between user-space sockets on {@code NETLINK_USERSOCK}, inside a namespace of our own
 * (netlink multicasts stay within a namespace): one sender, several listeners, each listener gets
 * every message — the kernel-module example of netlink's multicast, played entirely in user space.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersockMulticastKernelTest {
    private static final int CHAT_MESSAGE = Netlink.NLMSG_MIN_TYPE;
    private static final int ATTR_INDEX = 1;
    private static final int ATTR_TEXT = 2;
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

    private record Chat(long index, String text) {}

    /** A chat message; a text longer than an attribute can hold goes into several, in order. */
    private static MessageWriter chat(int index, String text) {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(CHAT_MESSAGE, 0);
        w.u32(ATTR_INDEX, index, false);
        int chunk = 60_000;
        for (int at = 0; at == 0 || at < text.length(); at += chunk) {
            w.string(ATTR_TEXT, text.substring(at, Math.min(text.length(), at + chunk)));
        }
        w.endMessage(msg);
        return w;
    }

    private static Chat decode(NetlinkMessage m) {
        assertThat(m.type()).isEqualTo(CHAT_MESSAGE);
        long index = -1;
        StringBuilder text = null;
        AttrReader r = m.attributes(0);
        while (r.next()) {
            switch (r.type()) {
                case ATTR_INDEX -> index = r.u32();
                case ATTR_TEXT -> text = (text == null ? new StringBuilder() : text).append(r.string());
                default -> {}
            }
        }
        return new Chat(index, text == null ? null : text.toString());
    }

    private static String text(int i) {
        return "Greeting " + i + " from user space! " + "x".repeat(i % 37);
    }

    @Test
    void twoListenersBothReceiveEveryMulticastMessage() {
        try (NetlinkSocket sender = NetlinkSocket.open(NetlinkProtocol.USERSOCK, ns.options());
                Subscription first = Subscription.open(NetlinkProtocol.USERSOCK, ns.options(), 1);
                Subscription second = Subscription.open(NetlinkProtocol.USERSOCK, ns.options(), 1)) {
            List<Chat> sent = new ArrayList<>();
            List<Integer> sequences = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(new Chat(i, text(i)));
                sequences.add(sender.multicast(1, chat(i, text(i))));
            }
            for (Subscription listener : List.of(first, second)) {
                List<Chat> got = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    NetlinkMessage m = listener.poll(PATIENCE).orElseThrow();
                    // The header says who sent it: the sender's port, and the sequence it stamped.
                    assertThat(m.portId()).isEqualTo(sender.portId());
                    assertThat(m.sequence()).isEqualTo(sequences.get(i));
                    got.add(decode(m));
                }
                assertThat(got).containsExactlyElementsOf(sent);
                assertThat(listener.poll(Duration.ofMillis(50))).isEmpty();
            }
            // Sent with destination port 0: no copy comes back to the sender.
            assertThat(sender.receive(Duration.ofMillis(50))).isEmpty();
        }
    }

    @Test
    void aListenerOfAnotherGroupHearsNothing() {
        try (NetlinkSocket sender = NetlinkSocket.open(NetlinkProtocol.USERSOCK, ns.options());
                Subscription group1 = Subscription.open(NetlinkProtocol.USERSOCK, ns.options(), 1);
                Subscription group2 = Subscription.open(NetlinkProtocol.USERSOCK, ns.options(), 2)) {
            sender.multicast(2, chat(2, "to group 2"));
            sender.multicast(32, chat(32, "to group 32"));
            assertThat(decode(group2.poll(PATIENCE).orElseThrow())).isEqualTo(new Chat(2, "to group 2"));
            assertThat(group1.poll(Duration.ofMillis(100))).isEmpty();
            assertThat(group2.poll(Duration.ofMillis(50))).isEmpty();
            assertThatThrownBy(() -> sender.multicast(33, chat(33, "no such mask bit")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSenderNeverHearsItsOwnMulticastEvenAsAMember() {
        try (Subscription other = Subscription.open(NetlinkProtocol.USERSOCK, ns.options(), 3);
                NetlinkSocket sender = NetlinkSocket.open(NetlinkProtocol.USERSOCK, ns.options())) {
            sender.joinGroup(3);
            sender.multicast(3, chat(1, "echo?"));
            assertThat(decode(other.poll(PATIENCE).orElseThrow())).isEqualTo(new Chat(1, "echo?"));
            // netlink_broadcast() excludes the sending socket.
            assertThat(sender.receive(Duration.ofMillis(100))).isEmpty();
            // It does hear the other members.
            try (NetlinkSocket peer = NetlinkSocket.open(NetlinkProtocol.USERSOCK, ns.options())) {
                peer.multicast(3, chat(2, "from a peer"));
                assertThat(decode(sender.receive(PATIENCE).orElseThrow())).isEqualTo(new Chat(2, "from a peer"));
                assertThat(decode(other.poll(PATIENCE).orElseThrow())).isEqualTo(new Chat(2, "from a peer"));
            }
        }
    }

    @Test
    void kernelBehaviourOfSendtoWithAGroup() {
        try (NetlinkSocket sender = NetlinkSocket.open(NetlinkProtocol.USERSOCK, ns.options());
                Subscription listener = Subscription.open(NetlinkProtocol.USERSOCK, ns.options(), 4)) {
            // Destination port 0 plus a group: delivered, and the kernel's ECONNREFUSED for the
            // unicast to the (absent) kernel socket is swallowed.
            sender.sendTo(0, 1 << 3, chat(1, "port 0"));
            assertThat(decode(listener.poll(PATIENCE).orElseThrow())).isEqualTo(new Chat(1, "port 0"));

            // Destination: the sender's own port. Delivered to the group too, and the kernel also
            // unicasts a copy to the sender itself (which a plain multicast never loops back).
            sender.sendTo(sender.portId(), 1 << 3, chat(2, "own port"));
            assertThat(decode(listener.poll(PATIENCE).orElseThrow())).isEqualTo(new Chat(2, "own port"));
            assertThat(decode(sender.receive(PATIENCE).orElseThrow())).isEqualTo(new Chat(2, "own port"));

            // No group, port 0: nobody to deliver to, so ECONNREFUSED is an error.
            assertThatThrownBy(() -> sender.sendTo(0, 0, chat(3, "to nobody")))
                    .isInstanceOfSatisfying(
                            NetlinkSyscallException.class,
                            e -> assertThat(e.errnoName()).isEqualTo("ECONNREFUSED"));
        }
    }

    @Test
    void aSubscriptionReceivesUnicastsFromUserSpaceToo() {
        try (NetlinkSocket sender = NetlinkSocket.open(NetlinkProtocol.USERSOCK, ns.options());
                Subscription listener = Subscription.open(NetlinkProtocol.USERSOCK, ns.options())) {
            sender.sendTo(listener.portId(), 0, chat(7, "direct"));
            NetlinkMessage m = listener.poll(PATIENCE).orElseThrow();
            assertThat(m.portId()).isEqualTo(sender.portId());
            assertThat(decode(m)).isEqualTo(new Chat(7, "direct"));
        }
    }

    @Test
    void datagramsLargerThanTheReceiveBufferArriveWhole() {
        // The transport starts with a 64 KiB buffer and sizes each datagram with a peek that copies
        // nothing (MSG_PEEK | MSG_TRUNC, zero-length iovec): 200 KB and 100 KB messages (a sender's
        // default send buffer allows about 208 KiB) must come whole,
        // in order, with the small ones around them.
        try (NetlinkSocket sender = NetlinkSocket.open(NetlinkProtocol.USERSOCK, ns.options());
                NetlinkSocket receiver = NetlinkSocket.open(
                        NetlinkProtocol.USERSOCK, ns.options().withReceiveBufferSize(4 << 20))) {
            List<Chat> sent = List.of(
                    new Chat(1, "small before"),
                    new Chat(2, "b".repeat(200_000)),
                    new Chat(3, "small between"),
                    new Chat(4, "m".repeat(100_000)),
                    new Chat(5, "small after"));
            for (Chat c : sent) {
                sender.sendTo(receiver.portId(), 0, chat((int) c.index(), c.text()));
            }
            List<Chat> got = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                got.add(decode(receiver.receive(PATIENCE).orElseThrow()));
            }
            assertThat(got).containsExactlyElementsOf(sent);
            assertThat(receiver.receive(Duration.ofMillis(50))).isEmpty();
        }
    }
}
