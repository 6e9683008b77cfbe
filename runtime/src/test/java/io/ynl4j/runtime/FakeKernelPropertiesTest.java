package io.ynl4j.runtime;

import static io.ynl4j.runtime.codec.RandomAttributes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.PropertyRunner;
import io.ynl4j.runtime.codec.RandomAttributes;
import io.ynl4j.runtime.codec.RandomAttributes.Attr;
import io.ynl4j.runtime.codec.RandomAttributes.Nest;
import io.ynl4j.runtime.testing.ExtAck;
import io.ynl4j.runtime.testing.FakeKernel;
import io.ynl4j.runtime.testing.KernelMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties of a {@link NetlinkSocket} fed by a {@link FakeKernel}: broken datagrams only ever
 * raise {@link MalformedMessageException}, and any extended ACK — valid, mutated or random — ends
 * an exchange as the error code says, with the offending attribute named whenever it is valid.
 */
class FakeKernelPropertiesTest {
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_GETADDR = 22;
    private static final int HEADER = 8;

    @Test
    void mutatedDatagramsOnlyEverRaiseMalformedMessageException() {
        FakeKernel kernel = FakeKernel.create();
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            PropertyRunner.check("mutated datagrams raise only MalformedMessageException", 10_000, r -> {
                List<Integer> headers = new ArrayList<>();
                int headerBytes = r.nextInt(9);
                byte[] valid = datagram(r, headerBytes, headers);
                byte[] mutated = RandomAttributes.mutate(r, valid, headers);
                kernel.pushRaw(mutated, r.nextInt(4) == 0 ? 1 + r.nextInt(1000) : 0, r.nextInt(4) == 0 ? 4 : 0);
                try {
                    readEverything(socket, r.nextBoolean() ? headerBytes : r.nextInt(9));
                } catch (RuntimeException e) {
                    throw new AssertionError("datagram " + hex(mutated) + " raised " + e, e);
                }
                assertThat(kernel.pendingDatagrams()).isZero();
            });
        }
    }

    /** 1–3 messages with a fixed header and attributes; collects where length fields start. */
    private static byte[] datagram(SplittableRandom r, int headerBytes, List<Integer> headers) {
        MessageWriter w = new MessageWriter();
        int messages = 1 + r.nextInt(3);
        for (int i = 0; i < messages; i++) {
            int start = w.size();
            headers.add(start); // nlmsg_len (its low 16 bits)
            int msg = w.beginMessage(
                    r.nextInt(8) == 0 ? 1 + r.nextInt(4) : r.nextInt(Netlink.NLMSG_MIN_TYPE, 0x10000),
                    r.nextInt(0x10000));
            w.fixedHeader(headerBytes).bytes(0, headerBytes, Bytes.wrap(RandomAttributes.bytes(r, headerBytes)));
            byte[] attrs = RandomAttributes.encode(RandomAttributes.attrs(r, r.nextInt(3)));
            int attrsAt = Netlink.align(w.size()); // raw() pads first
            w.raw(attrs);
            for (int offset : RandomAttributes.headerOffsets(attrs)) {
                headers.add(attrsAt + offset);
            }
            w.endMessage(msg);
        }
        return w.toByteArray();
    }

    /** Receives until nothing is left, reading every message every way. */
    private static void readEverything(NetlinkSocket socket, int headerBytes) {
        while (true) {
            Optional<NetlinkMessage> received;
            try {
                received = socket.receive(Duration.ZERO);
            } catch (MalformedMessageException expected) {
                continue; // the datagram is consumed
            }
            if (received.isEmpty()) {
                return;
            }
            NetlinkMessage m = received.get();
            assertThat(m.length()).isEqualTo(m.toByteArray().length).isGreaterThanOrEqualTo(Netlink.NLMSG_HDRLEN);
            assertThat(m.payloadLength()).isGreaterThanOrEqualTo(0);
            Object ignored = m.type() + m.flags() + m.sequence() + m.portId();
            attempt(m::genlCommand);
            attempt(() -> m.fixedHeader(0, headerBytes).bytes(0, headerBytes));
            attempt(() -> RandomAttributes.walk(m.attributes(headerBytes)));
        }
    }

    private interface Read {
        Object read();
    }

    private static void attempt(Read read) {
        try {
            read.read();
        } catch (MalformedMessageException expected) {
            // fine
        }
    }

    // ------------------------------------------------------------------ extended ACKs

    /** What a try sent and expects. */
    private record Expectation(int errno, Optional<String> message, Optional<String> bad, Optional<String> missing) {}

    @Test
    void anyExtendedAckEndsTheExchangeAsItsErrorCodeSays() {
        FakeKernel kernel = FakeKernel.create();
        int[] named = new int[2]; // bad attributes, missing attributes checked by name
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            PropertyRunner.check("extended ACKs end exchanges as their error code says", 10_000, r -> {
                List<Attr> tree = RandomAttributes.attrs(r, r.nextInt(3), 1);
                boolean dump = r.nextInt(4) == 0;
                int errno = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(133);
                int mode = r.nextInt(3); // 0: valid, 1: mutated TLVs, 2: random TLVs
                Expectation[] expected = new Expectation[1];
                kernel.once((request, reply) -> {
                    expected[0] = answer(r, tree, request, reply, dump, errno, mode);
                });
                MessageWriter w = new MessageWriter();
                int msg = w.beginMessage(
                        dump ? RTM_GETADDR : RTM_NEWADDR,
                        Netlink.NLM_F_REQUEST | (dump ? Netlink.NLM_F_DUMP : Netlink.NLM_F_ACK));
                w.fixedHeader(HEADER).u8(0, 2);
                RandomAttributes.encode(w, tree);
                w.endMessage(msg);
                try {
                    if (dump) {
                        try (Stream<NetlinkMessage> replies =
                                socket.dump("rt-addr getaddr", w, HEADER, AttrNamer.NUMERIC)) {
                            assertThat(replies.count()).isEqualTo(1);
                        }
                    } else {
                        assertThat(socket.request("rt-addr newaddr", w, HEADER, AttrNamer.NUMERIC))
                                .isEmpty();
                    }
                    if (expected[0].errno() != 0) {
                        throw new AssertionError("succeeded although errno is " + expected[0].errno());
                    }
                } catch (KernelErrorException e) {
                    Expectation x = expected[0];
                    assertThat(e.errno()).isEqualTo(x.errno());
                    assertThat(e.sequence()).isEqualTo(kernel.lastRequest().sequence());
                    if (mode == 0) {
                        assertThat(e.extAckMessage()).isEqualTo(x.message());
                        assertThat(e.badAttribute()).isEqualTo(x.bad());
                        assertThat(e.missingAttribute()).isEqualTo(x.missing());
                        named[0] += x.bad().isPresent() ? 1 : 0;
                        named[1] += x.missing().filter(p -> p.contains("/")).isPresent() ? 1 : 0;
                    }
                }
                assertThat(kernel.pendingDatagrams()).isZero();
            });
        }
        // A guard on the generator: many tries must have checked paths, nested ones included.
        assertThat(named[0]).isGreaterThan(500);
        assertThat(named[1]).isGreaterThan(100);
    }

    private static Expectation answer(
            SplittableRandom r,
            List<Attr> tree,
            FakeKernel.Request request,
            FakeKernel.Reply reply,
            boolean dump,
            int errno,
            int mode) {
        ExtAck ack = ExtAck.NONE;
        Optional<String> text = Optional.empty();
        Optional<String> bad = Optional.empty();
        Optional<String> missing = Optional.empty();
        if (r.nextInt(4) != 0) {
            text = Optional.of(IntStream.range(0, r.nextInt(30))
                    .mapToObj(i -> String.valueOf((char) r.nextInt(0x20, 0x7f)))
                    .collect(Collectors.joining()));
            ack = ack.withMessage(text.get());
        }
        if (errno != 0 && r.nextBoolean()) {
            int[] path = randomPath(r, tree, false);
            ack = ack.withOffset(request.attributeOffset(HEADER, path));
            bad = Optional.of(AttrNamer.NUMERIC.name(path));
        }
        if (errno != 0 && r.nextInt(3) == 0) {
            int type = 1 + r.nextInt(10);
            int[] nest = randomPath(r, tree, true);
            if (nest.length > 0) {
                ack = ack.withMissingNest(request.attributeOffset(HEADER, nest));
            }
            ack = ack.withMissingType(type);
            int[] full = Arrays.copyOf(nest, nest.length + 1);
            full[nest.length] = type;
            missing = Optional.of(AttrNamer.NUMERIC.name(full));
        }
        if (r.nextInt(5) == 0) {
            ack = ack.withCookie(Bytes.wrap(RandomAttributes.bytes(r, r.nextInt(20))));
        }
        KernelMessage end = dump
                ? KernelMessage.done(errno, ack)
                : (errno == 0 ? KernelMessage.ack(ack) : KernelMessage.error(errno, ack)).capped(r.nextBoolean());
        KernelMessage part = KernelMessage.of(RTM_NEWADDR, Netlink.NLM_F_MULTI, new byte[HEADER]);
        byte[] bytes = reply.encode(end);
        if (mode != 0) {
            bytes = withTlvs(r, bytes, ack, mode);
        }
        if (dump) {
            reply.send(part);
        }
        reply.sendRaw(bytes);
        return new Expectation(errno, text, bad, missing);
    }

    /** Replaces the TLVs at the end of an encoded DONE or ERROR with mutated or random ones. */
    private static byte[] withTlvs(SplittableRandom r, byte[] message, ExtAck ack, int mode) {
        byte[] valid = ack.toBytes().toByteArray();
        int head = message.length - valid.length;
        byte[] tlvs = mode == 1
                ? RandomAttributes.mutate(
                        r, valid, valid.length == 0 ? List.of() : RandomAttributes.headerOffsets(valid))
                : RandomAttributes.bytes(r, r.nextInt(64));
        ByteBuffer out = ByteBuffer.allocate(Netlink.align(head + tlvs.length)).order(ByteOrder.nativeOrder());
        out.put(message, 0, head).put(tlvs);
        out.putInt(0, head + tlvs.length);
        int flags = Short.toUnsignedInt(out.getShort(6));
        flags = r.nextInt(8) == 0 ? flags & ~Netlink.NLM_F_ACK_TLVS : flags | Netlink.NLM_F_ACK_TLVS;
        out.putShort(6, (short) flags);
        return out.array();
    }

    /** Types leading to a random attribute of the tree (to a nest, or empty, when {@code nests}). */
    private static int[] randomPath(SplittableRandom r, List<Attr> tree, boolean nests) {
        List<Integer> path = new ArrayList<>();
        List<Attr> level = tree;
        while (true) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < level.size(); i++) {
                if (!nests || level.get(i) instanceof Nest) {
                    candidates.add(i);
                }
            }
            if (candidates.isEmpty() || (nests && r.nextInt(3) == 0)) {
                break;
            }
            int i = candidates.get(r.nextInt(candidates.size()));
            path.add(i + 1);
            if (!(level.get(i) instanceof Nest n) || n.members().isEmpty() || r.nextBoolean()) {
                break;
            }
            level = n.members();
        }
        return path.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void theRequestsAttributesAreReadable() {
        // A guard for the property above: offsets come from the recorded request.
        FakeKernel kernel = FakeKernel.create();
        kernel.on(RTM_NEWADDR, FakeKernel.Responder.ACK);
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            MessageWriter w = new MessageWriter();
            int msg = w.beginMessage(RTM_NEWADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
            w.fixedHeader(HEADER);
            w.u8(1, 1);
            int nest = w.beginNest(2);
            w.u8(1, 2);
            w.endNest(nest);
            w.endMessage(msg);
            socket.request("x", w);
        }
        AttrReader r = kernel.lastRequest().attributes(HEADER);
        assertThat(r.next()).isTrue();
        assertThat(r.u8()).isEqualTo(1);
        assertThat(kernel.lastRequest().attributeOffset(HEADER, 1)).isEqualTo(24);
        assertThat(kernel.lastRequest().attributeOffset(HEADER, 2)).isEqualTo(32);
        assertThat(kernel.lastRequest().attributeOffset(HEADER, 2, 1)).isEqualTo(36);
    }
}
