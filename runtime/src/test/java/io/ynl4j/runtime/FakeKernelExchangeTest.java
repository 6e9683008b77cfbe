package io.ynl4j.runtime;

import static io.ynl4j.runtime.codec.Netlink.NLM_F_ACK;
import static io.ynl4j.runtime.codec.Netlink.NLM_F_CREATE;
import static io.ynl4j.runtime.codec.Netlink.NLM_F_DUMP;
import static io.ynl4j.runtime.codec.Netlink.NLM_F_DUMP_INTR;
import static io.ynl4j.runtime.codec.Netlink.NLM_F_EXCL;
import static io.ynl4j.runtime.codec.Netlink.NLM_F_MULTI;
import static io.ynl4j.runtime.codec.Netlink.NLM_F_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.StructWriter;
import io.ynl4j.runtime.testing.ExtAck;
import io.ynl4j.runtime.testing.FakeKernel;
import io.ynl4j.runtime.testing.KernelMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exchanges of a {@link NetlinkSocket} with a scripted {@link FakeKernel}: dumps over several
 * datagrams, errors in {@code NLMSG_DONE} and {@code NLMSG_ERROR} with extended ACKs rendered as
 * attribute paths, interrupted dumps, stray and broken datagrams, notifications during a request.
 */
class FakeKernelExchangeTest {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_GETADDR = 22;
    private static final int IFADDRMSG = 8;
    private static final int IFINFOMSG = 16;
    private static final int IFA_LABEL = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int EINVAL = 22;
    private static final int EEXIST = 17;
    private static final int EOPNOTSUPP = 95;

    /** Names rt-link paths as generated code would. */
    private static final AttrNamer LINK_NAMES = types -> {
        Map<String, String> names = Map.of(
                "4", "link-attrs.mtu",
                "18", "link-attrs.linkinfo",
                "18/1", "link-attrs.linkinfo.kind",
                "18/2", "link-attrs.linkinfo.data",
                "18/2/1", "link-attrs.linkinfo.data.peer");
        return names.getOrDefault(AttrNamer.NUMERIC.name(types), "?" + AttrNamer.NUMERIC.name(types));
    };

    private final FakeKernel kernel = FakeKernel.create().idleLimit(Duration.ofSeconds(5));
    private NetlinkSocket socket;

    @BeforeEach
    void open() {
        socket = NetlinkSocket.over(NetlinkProtocol.ROUTE, kernel, SocketOptions.DEFAULTS);
    }

    @AfterEach
    void close() {
        socket.close();
    }

    // ------------------------------------------------------------------ helpers

    private static MessageWriter getaddrDump() {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP);
        w.fixedHeader(IFADDRMSG).u8(0, 2);
        w.endMessage(msg);
        return w;
    }

    private static MessageWriter newaddr(int flags) {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(RTM_NEWADDR, flags);
        StructWriter h = w.fixedHeader(IFADDRMSG);
        h.u8(0, 2);
        h.u8(1, 24);
        h.u32(4, 1, false);
        w.string(IFA_LABEL, "v0");
        w.endMessage(msg);
        return w;
    }

    /**
     * rt-link newlink: ifinfomsg (16 bytes), then at 32 IFLA_MTU (8 bytes), at 40 the IFLA_LINKINFO
     * nest with IFLA_INFO_KIND "veth" at 44 (12 bytes) and the IFLA_INFO_DATA nest at 56, holding
     * attribute 1 at 60.
     */
    private static MessageWriter newlink() {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
        w.fixedHeader(IFINFOMSG);
        w.u32(IFLA_MTU, 1500, false);
        int linkinfo = w.beginNest(IFLA_LINKINFO);
        w.string(IFLA_INFO_KIND, "veth");
        int data = w.beginNest(IFLA_INFO_DATA);
        w.u32(1, 7, false);
        w.endNest(data);
        w.endNest(linkinfo);
        w.endMessage(msg);
        return w;
    }

    /** An RTM_NEWADDR reply whose ifaddrmsg index is {@code index} and label {@code v<index>}. */
    private static KernelMessage address(int index, int flags) {
        return KernelMessage.of(RTM_NEWADDR, flags, w -> {
            StructWriter h = w.fixedHeader(IFADDRMSG);
            h.u8(0, 2);
            h.u32(4, index, false);
            w.string(IFA_LABEL, "v" + index);
        });
    }

    private static int index(NetlinkMessage m) {
        return (int) m.fixedHeader(0, IFADDRMSG).u32(4, false);
    }

    private static String label(NetlinkMessage m) {
        AttrReader r = m.attributes(IFADDRMSG);
        while (r.next()) {
            if (r.type() == IFA_LABEL) {
                return r.string();
            }
        }
        throw new AssertionError("no label");
    }

    private static List<Integer> indexes(Stream<NetlinkMessage> replies) {
        return replies.map(FakeKernelExchangeTest::index).toList();
    }

    private static List<KernelMessage> parts(int count, int flags) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> address(i, flags)).toList();
    }

    // ------------------------------------------------------------------ dumps

    @Test
    void multiPartDumpSpreadOverSeveralDatagramsArrivesWholeAndInOrder() {
        kernel.on(RTM_GETADDR, (request, reply) -> {
            List<KernelMessage> all = new ArrayList<>(parts(7, NLM_F_MULTI));
            all.add(KernelMessage.done());
            reply.sendPacked(3, all); // [1 2 3] [4 5 6] [7 DONE]
        });
        List<NetlinkMessage> replies;
        try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
            replies = dump.toList();
        }
        FakeKernel.Request request = kernel.lastRequest();
        assertThat(kernel.requests()).hasSize(1);
        assertThat(request.type()).isEqualTo(RTM_GETADDR);
        assertThat(request.flags()).isEqualTo(NLM_F_REQUEST | NLM_F_DUMP);
        assertThat(request.portId()).isEqualTo(FakeKernel.DEFAULT_PORT_ID);
        assertThat(request.sequence()).isNotZero();
        assertThat(replies).extracting(FakeKernelExchangeTest::index).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(replies)
                .extracting(FakeKernelExchangeTest::label)
                .containsExactly("v1", "v2", "v3", "v4", "v5", "v6", "v7");
        assertThat(replies).allSatisfy(m -> {
            assertThat(m.sequence()).isEqualTo(request.sequence());
            assertThat(m.portId()).isEqualTo(FakeKernel.DEFAULT_PORT_ID);
            assertThat(m.flags()).isEqualTo(NLM_F_MULTI);
        });
        assertThat(kernel.pendingDatagrams()).isZero();
    }

    @Test
    void doneCarryingAnErrorFailsTheDumpWithErrnoNameAndExtendedAckMessage() {
        kernel.on(
                RTM_GETADDR,
                (request, reply) -> reply.send(
                        address(1, NLM_F_MULTI),
                        KernelMessage.done(EINVAL, ExtAck.message("dump filter not supported"))));
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
                        dump.forEach(m -> seen.add(index(m)));
                    }
                })
                .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                    assertThat(e)
                            .hasMessage("rt-addr getaddr failed: EINVAL (Invalid argument): kernel says"
                                    + " 'dump filter not supported'");
                    assertThat(e.errno()).isEqualTo(EINVAL);
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.operation()).isEqualTo("rt-addr getaddr");
                    assertThat(e.sequence()).isEqualTo(kernel.lastRequest().sequence());
                    assertThat(e.extAckMessage()).contains("dump filter not supported");
                    assertThat(e.badAttribute()).isEmpty();
                    assertThat(e.missingAttribute()).isEmpty();
                });
        assertThat(seen).containsExactly(1);
        // The dump is over: the socket takes the next request.
        kernel.on(RTM_NEWADDR, FakeKernel.Responder.ACK);
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isEmpty();
    }

    @Test
    void doneCarryingAnErrorWithoutExtendedAckNamesTheErrno() {
        kernel.on(RTM_GETADDR, (request, reply) -> reply.send(KernelMessage.done(EOPNOTSUPP, ExtAck.NONE)));
        assertThatThrownBy(() -> {
                    try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
                        dump.count();
                    }
                })
                .isInstanceOf(KernelErrorException.class)
                .hasMessage("rt-addr getaddr failed: EOPNOTSUPP (Operation not supported)");
    }

    @Test
    void dumpInterruptedDeliversEveryReplyThenThrows() {
        kernel.on(
                RTM_GETADDR,
                (request, reply) -> reply.sendEach(
                        address(1, NLM_F_MULTI),
                        address(2, NLM_F_MULTI | NLM_F_DUMP_INTR),
                        address(3, NLM_F_MULTI | NLM_F_DUMP_INTR),
                        address(4, NLM_F_MULTI | NLM_F_DUMP_INTR),
                        KernelMessage.done().plusFlags(NLM_F_DUMP_INTR)));
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
                        dump.forEach(m -> seen.add(index(m)));
                    }
                })
                .isInstanceOf(DumpInterruptedException.class)
                .hasMessage("rt-addr getaddr dump was interrupted by a change (NLM_F_DUMP_INTR); the 4 replies"
                        + " delivered may be inconsistent; dump again");
        assertThat(seen).containsExactly(1, 2, 3, 4);
        // Dumping again works.
        kernel.on(RTM_GETADDR, (request, reply) -> reply.send(address(9, NLM_F_MULTI), KernelMessage.done()));
        try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
            assertThat(indexes(dump)).containsExactly(9);
        }
    }

    @Test
    void dumpInterruptedFlaggedOnlyOnDoneStillThrows() {
        kernel.on(
                RTM_GETADDR,
                (request, reply) ->
                        reply.send(address(1, NLM_F_MULTI), KernelMessage.done().plusFlags(NLM_F_DUMP_INTR)));
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
                        dump.forEach(m -> seen.add(index(m)));
                    }
                })
                .isInstanceOf(DumpInterruptedException.class)
                .hasMessageContaining("the 1 replies delivered");
        assertThat(seen).containsExactly(1);
    }

    @Test
    void closingADumpEarlyDrainsItAndTheNextRequestWorks() {
        kernel.on(RTM_GETADDR, (request, reply) -> {
            reply.sendEach(parts(10, NLM_F_MULTI).toArray(KernelMessage[]::new));
            reply.send(KernelMessage.done());
        });
        try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
            assertThat(indexes(dump.limit(2))).containsExactly(1, 2);
        }
        assertThat(kernel.pendingDatagrams()).isZero();
        kernel.on(RTM_NEWADDR, FakeKernel.Responder.ACK);
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isEmpty();
        assertThat(kernel.requests()).extracting(FakeKernel.Request::type).containsExactly(RTM_GETADDR, RTM_NEWADDR);
    }

    @Test
    void aSecondRequestWhileADumpIsOpenIsRefused() {
        kernel.on(RTM_GETADDR, (request, reply) -> reply.send(address(1, NLM_F_MULTI), KernelMessage.done()));
        kernel.on(RTM_NEWADDR, FakeKernel.Responder.ACK);
        try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
            assertThatThrownBy(() -> socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a dump on this socket is still open; close its stream first");
            assertThatThrownBy(() -> socket.dump("rt-addr getaddr", getaddrDump()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a dump on this socket is still open; close its stream first");
            assertThat(indexes(dump)).containsExactly(1);
        }
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isEmpty();
        assertThat(kernel.requests()).extracting(FakeKernel.Request::type).containsExactly(RTM_GETADDR, RTM_NEWADDR);
    }

    // ------------------------------------------------------------------ errors and extended ACKs

    @Test
    void extendedAckOffsetOfANestedAttributeBecomesANumericPath() {
        kernel.on(RTM_NEWLINK, (request, reply) -> {
            assertThat(request.attributeOffset(IFINFOMSG, IFLA_LINKINFO, IFLA_INFO_KIND))
                    .isEqualTo(44);
            reply.send(KernelMessage.error(
                    EINVAL, ExtAck.message("Unknown link kind").withOffset(44)));
        });
        assertThatThrownBy(() -> socket.request("rt-link newlink", newlink(), IFINFOMSG, AttrNamer.NUMERIC))
                .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                    assertThat(e)
                            .hasMessage("rt-link newlink failed: EINVAL (Invalid argument): kernel says 'Unknown link"
                                    + " kind' (bad attribute: 18/1)");
                    assertThat(e.badAttributeOffset()).isEqualTo(OptionalInt.of(44));
                    assertThat(e.badAttribute()).contains("18/1");
                });
    }

    @Test
    void extendedAckOffsetTwoNestsDeepIsNamedByACustomNamer() {
        kernel.on(
                RTM_NEWLINK,
                (request, reply) -> reply.send(
                        KernelMessage.error(EINVAL, ExtAck.message("Bad peer").withOffset(60))));
        assertThatThrownBy(() -> socket.request("rt-link newlink", newlink(), IFINFOMSG, LINK_NAMES))
                .isInstanceOf(KernelErrorException.class)
                .hasMessage("rt-link newlink failed: EINVAL (Invalid argument): kernel says 'Bad peer' (bad attribute:"
                        + " link-attrs.linkinfo.data.peer)");
    }

    @Test
    void extendedAckAfterAnUncappedEchoOfTheWholeRequestIsFound() {
        kernel.on(
                RTM_NEWLINK,
                (request, reply) -> reply.send(KernelMessage.error(
                                EINVAL, ExtAck.message("Unknown link kind").withOffset(44))
                        .capped(false)));
        assertThatThrownBy(() -> socket.request("rt-link newlink", newlink(), IFINFOMSG, LINK_NAMES))
                .isInstanceOf(KernelErrorException.class)
                .hasMessage("rt-link newlink failed: EINVAL (Invalid argument): kernel says 'Unknown link kind' (bad"
                        + " attribute: link-attrs.linkinfo.kind)");
    }

    @Test
    void extendedAckOffsetThatIsNoAttributeIsReportedAsAByteOffset() {
        kernel.on(RTM_NEWLINK, (request, reply) -> reply.send(KernelMessage.error(EINVAL, ExtAck.NONE.withOffset(20))));
        assertThatThrownBy(() -> socket.request("rt-link newlink", newlink(), IFINFOMSG, LINK_NAMES))
                .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                    assertThat(e)
                            .hasMessage("rt-link newlink failed: EINVAL (Invalid argument) (bad attribute at byte 20)");
                    assertThat(e.badAttribute()).isEmpty();
                    assertThat(e.badAttributeOffset()).isEqualTo(OptionalInt.of(20));
                    assertThat(e.extAckMessage()).isEmpty();
                });
    }

    @Test
    void missingAttributeAtTheTopLevelIsNamed() {
        kernel.on(
                RTM_NEWLINK,
                (request, reply) -> reply.send(KernelMessage.error(EINVAL, ExtAck.NONE.withMissingType(IFLA_MTU))));
        assertThatThrownBy(() -> socket.request("rt-link newlink", newlink(), IFINFOMSG, AttrNamer.NUMERIC))
                .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                    assertThat(e)
                            .hasMessage("rt-link newlink failed: EINVAL (Invalid argument) (missing attribute: 4)");
                    assertThat(e.missingAttribute()).contains("4");
                });
    }

    @Test
    void missingAttributeInsideANestIsNamedWithTheNestsPath() {
        kernel.on(
                RTM_NEWLINK,
                (request, reply) -> reply.send(KernelMessage.error(
                        EINVAL,
                        ExtAck.message("Missing peer")
                                .withMissingNest(request.attributeOffset(IFINFOMSG, IFLA_LINKINFO, IFLA_INFO_DATA))
                                .withMissingType(1))));
        assertThatThrownBy(() -> socket.request("rt-link newlink", newlink(), IFINFOMSG, AttrNamer.NUMERIC))
                .isInstanceOfSatisfying(
                        KernelErrorException.class,
                        e -> assertThat(e.missingAttribute()).contains("18/2/1"));
        assertThatThrownBy(() -> socket.request("rt-link newlink", newlink(), IFINFOMSG, LINK_NAMES))
                .isInstanceOf(KernelErrorException.class)
                .hasMessage("rt-link newlink failed: EINVAL (Invalid argument): kernel says 'Missing peer' (missing"
                        + " attribute: link-attrs.linkinfo.data.peer)");
    }

    @Test
    void plainErrorWithoutExtendedAck() {
        kernel.on(RTM_NEWADDR, (request, reply) -> reply.send(KernelMessage.error(EEXIST)));
        assertThatThrownBy(() -> socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isInstanceOf(KernelErrorException.class)
                .hasMessage("rt-addr newaddr failed: EEXIST (File exists)");
    }

    @Test
    void ackWithAWarningSucceeds() {
        kernel.on(
                RTM_NEWADDR,
                (request, reply) ->
                        reply.send(address(5, 0), KernelMessage.ack(ExtAck.message("prefix route not added"))));
        List<NetlinkMessage> replies = socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK));
        assertThat(replies).extracting(FakeKernelExchangeTest::index).containsExactly(5);
    }

    @Test
    void ackWithAGarbledWarningStillSucceeds() {
        kernel.on(RTM_NEWADDR, (request, reply) -> {
            byte[] ack = reply.encode(KernelMessage.ack(ExtAck.message("fine")));
            ack[16 + 4 + 16] = (byte) 0xff; // the TLV's nla_len: 255 bytes in a message of 44
            reply.sendRaw(ack);
        });
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isEmpty();
    }

    @Test
    void unscriptedRequestIsRefusedWithEopnotsupp() {
        assertThatThrownBy(() -> socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isInstanceOf(KernelErrorException.class)
                .hasMessage("rt-addr newaddr failed: EOPNOTSUPP (Operation not supported): kernel says 'FakeKernel has"
                        + " no responder for message type 20'");
    }

    // ------------------------------------------------------------------ requests without ACK

    @Test
    void requestWithoutAckEndsAtTheFirstNonMultiReply() {
        kernel.on(RTM_GETADDR, (request, reply) -> {
            reply.send(address(1, 0));
            reply.send(address(2, 0)); // not part of the answer: left queued
        });
        MessageWriter get = new MessageWriter();
        int msg = get.beginMessage(RTM_GETADDR, NLM_F_REQUEST);
        get.fixedHeader(IFADDRMSG);
        get.endMessage(msg);
        assertThat(socket.request("rt-addr getaddr", get))
                .extracting(FakeKernelExchangeTest::index)
                .containsExactly(1);
        assertThat(kernel.pendingDatagrams()).isEqualTo(1);
    }

    @Test
    void requestWithoutAckCollectsMultiPartRepliesUpToDone() {
        kernel.on(
                RTM_GETADDR,
                (request, reply) -> reply.send(address(1, NLM_F_MULTI), address(2, NLM_F_MULTI), KernelMessage.done()));
        MessageWriter get = new MessageWriter();
        int msg = get.beginMessage(RTM_GETADDR, NLM_F_REQUEST);
        get.fixedHeader(IFADDRMSG);
        get.endMessage(msg);
        assertThat(socket.request("rt-addr getaddr", get))
                .extracting(FakeKernelExchangeTest::index)
                .containsExactly(1, 2);
    }

    // ------------------------------------------------------------------ stray and broken datagrams

    @Test
    void repliesWithAWrongSequenceNumberOrPortAreDroppedAndTheExchangeCompletes() {
        kernel.on(RTM_NEWADDR, (request, reply) -> {
            reply.send(address(91, 0).withSequence(request.sequence() + 1));
            reply.send(
                    address(92, 0).withSequence(request.sequence() - 1),
                    address(93, 0).withPortId(4343));
            reply.send(address(1, 0), KernelMessage.ack());
        });
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .extracting(FakeKernelExchangeTest::index)
                .containsExactly(1);
        assertThat(socket.receive(Duration.ZERO)).isEmpty();
    }

    @Test
    void aDatagramFromAForeignSenderIsNoReply() {
        kernel.on(RTM_NEWADDR, (request, reply) -> {
            reply.sendFrom(31337, address(66, 0), KernelMessage.error(EINVAL)); // right sequence, wrong sender
            reply.send(address(1, 0), KernelMessage.ack());
        });
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .extracting(FakeKernelExchangeTest::index)
                .containsExactly(1);
    }

    @Test
    void aTruncatedDatagramIsMalformed() {
        kernel.on(RTM_NEWADDR, (request, reply) -> reply.sendTruncated(20, address(1, 0), KernelMessage.ack()));
        assertThatThrownBy(() -> socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 0: message length 32 is outside the 20 bytes left in the"
                        + " datagram");
        // The socket survives: the next exchange works.
        kernel.on(RTM_NEWADDR, FakeKernel.Responder.ACK);
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isEmpty();
    }

    @Test
    void aDatagramCutInsideTheSecondHeaderIsMalformed() {
        // 32 bytes of reply, then 8 of DONE's 20: too short for a header, and not padding.
        kernel.on(
                RTM_GETADDR,
                (request, reply) -> reply.sendTruncated(40, address(1, NLM_F_MULTI), KernelMessage.done()));
        assertThatThrownBy(() -> {
                    try (Stream<NetlinkMessage> dump = socket.dump("rt-addr getaddr", getaddrDump())) {
                        dump.count();
                    }
                })
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 32: 8 trailing bytes, too short for a message header (16)");
    }

    @Test
    void aReplyWhosePayloadDoesNotDecodeIsMalformedWithItsPath() {
        kernel.on(
                RTM_NEWADDR,
                (request, reply) -> reply.send(
                        KernelMessage.of(RTM_NEWADDR, 0, Bytes.fromHex("02000000 01000000 0a000300 7630")),
                        KernelMessage.ack()));
        NetlinkMessage m = socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK))
                .getFirst();
        AttrReader r = m.attributes(IFADDRMSG);
        assertThatThrownBy(r::next)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 24: attribute of type 3 has length 10 but only 6 bytes"
                        + " remain");
    }

    // ------------------------------------------------------------------ notifications

    @Test
    void aNotificationArrivingDuringARequestIsQueuedForReceive() {
        kernel.on(RTM_NEWADDR, (request, reply) -> {
            kernel.push(address(42, 0)); // sequence 0: a notification
            reply.send(address(1, 0), KernelMessage.ack());
        });
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .extracting(FakeKernelExchangeTest::index)
                .containsExactly(1);
        Optional<NetlinkMessage> notification = socket.receive(Duration.ZERO);
        assertThat(notification).isPresent();
        assertThat(notification.get().sequence()).isZero();
        assertThat(notification.get().type()).isEqualTo(RTM_NEWADDR);
        assertThat(index(notification.get())).isEqualTo(42);
        assertThat(socket.receive(Duration.ofMillis(20))).isEmpty();
    }

    @Test
    void aMulticastStampedWithTheRequestsSequenceIsANotificationNotAReply() {
        // The kernel copies the causing request's sequence and port into its notifications.
        kernel.on(RTM_NEWADDR, (request, reply) -> {
            kernel.pushMulticast(
                    5, address(42, 0).withSequence(request.sequence()).withPortId(request.portId()));
            reply.send(KernelMessage.ack());
        });
        assertThat(socket.request("rt-addr newaddr", newaddr(NLM_F_REQUEST | NLM_F_ACK)))
                .isEmpty();
        assertThat(socket.receive(Duration.ZERO))
                .map(FakeKernelExchangeTest::index)
                .contains(42);
    }

    // ------------------------------------------------------------------ eager dumps, retry, policy

    @Test
    void dumpListCarriesTheRepliesOfAnInterruptedDump() {
        kernel.on(
                RTM_GETADDR,
                (request, reply) -> reply.send(
                        address(1, NLM_F_MULTI), address(2, NLM_F_MULTI | NLM_F_DUMP_INTR), KernelMessage.done()));
        assertThatThrownBy(() -> socket.dumpList("rt-addr getaddr", getaddrDump(), IFADDRMSG, AttrNamer.NUMERIC))
                .isInstanceOfSatisfying(
                        DumpInterruptedException.class,
                        e -> assertThat(e.received())
                                .hasSize(2)
                                .extracting(m -> index((NetlinkMessage) m))
                                .containsExactly(1, 2));
    }

    @Test
    void dumpListRetryingRepeatsAnInterruptedDumpUntilItIsConsistent() {
        kernel.once((request, reply) -> reply.send(address(1, NLM_F_MULTI | NLM_F_DUMP_INTR), KernelMessage.done()))
                .once((request, reply) -> reply.send(address(1, NLM_F_MULTI | NLM_F_DUMP_INTR), KernelMessage.done()))
                .once((request, reply) ->
                        reply.send(address(1, NLM_F_MULTI), address(2, NLM_F_MULTI), KernelMessage.done()));
        List<NetlinkMessage> replies =
                socket.dumpListRetrying("rt-addr getaddr", getaddrDump(), IFADDRMSG, AttrNamer.NUMERIC, 3);
        assertThat(replies).extracting(FakeKernelExchangeTest::index).containsExactly(1, 2);
        assertThat(kernel.requests()).hasSize(3);
    }

    @Test
    void dumpListRetryingGivesUpAfterItsAttempts() {
        kernel.on(
                RTM_GETADDR,
                (request, reply) -> reply.send(address(7, NLM_F_MULTI | NLM_F_DUMP_INTR), KernelMessage.done()));
        assertThatThrownBy(() ->
                        socket.dumpListRetrying("rt-addr getaddr", getaddrDump(), IFADDRMSG, AttrNamer.NUMERIC, 2))
                .isInstanceOf(DumpInterruptedException.class);
        assertThat(kernel.requests()).hasSize(2);
    }

    @Test
    void anErrorNamesThePolicyTheKernelSent() {
        // NLMSGERR_ATTR_POLICY: a nest of NL_POLICY_TYPE_ATTR_TYPE (u32 3 = u16) and the unsigned range 1..4094.
        MessageWriter policy = new MessageWriter();
        policy.u32(1, 3, false);
        policy.u64(4, 1, false);
        policy.u64(5, 4094, false);
        kernel.on(
                RTM_NEWADDR,
                (request, reply) -> reply.send(KernelMessage.error(
                        EINVAL,
                        ExtAck.message("VLAN id out of range")
                                .withAttribute(4 | 0x8000, Bytes.wrap(policy.toByteArray())))));
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK);
        w.fixedHeader(IFADDRMSG);
        w.endMessage(msg);
        assertThatThrownBy(() -> socket.request("rt-addr newaddr", w))
                .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                    assertThat(e.policy()).contains("u16, range 1..4094");
                    assertThat(e.getMessage())
                            .isEqualTo("rt-addr newaddr failed: EINVAL (Invalid argument): kernel says 'VLAN id out of"
                                    + " range' (policy: u16, range 1..4094)");
                });
    }
}
