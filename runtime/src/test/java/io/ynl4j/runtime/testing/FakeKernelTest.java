package io.ynl4j.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.KernelErrorException;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.NetlinkSyscallException;
import io.ynl4j.runtime.NetlinkTransport;
import io.ynl4j.runtime.NotificationsLostException;
import io.ynl4j.runtime.SocketOptions;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The fake itself: recording, responders, datagram shapes, options, blocking and waking. */
class FakeKernelTest {
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_GET_STRICT_CHK = 12;
    private static final int ENOPROTOOPT = 92;

    private static MessageWriter message(int type, int flags, int attr) {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(type, flags);
        w.u32(1, attr, false);
        w.endMessage(msg);
        return w;
    }

    @Test
    void theSocketSetsExtendedAndCappedAckWhichTheFakeRecords() {
        FakeKernel kernel = FakeKernel.create(77);
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.GENERIC)) {
            assertThat(socket.portId()).isEqualTo(77);
            assertThat(kernel.option(SOL_NETLINK, NETLINK_EXT_ACK)).isEqualTo(OptionalInt.of(1));
            assertThat(kernel.option(SOL_NETLINK, NETLINK_CAP_ACK)).isEqualTo(OptionalInt.of(1));
            assertThat(kernel.option(SOL_NETLINK, NETLINK_GET_STRICT_CHK)).isEmpty();
        }
        assertThat(kernel.isClosed()).isTrue();
    }

    @Test
    void groupMembershipIsEmulated() {
        FakeKernel kernel = FakeKernel.create();
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            socket.joinGroup(5);
            socket.joinGroup(1);
            socket.joinGroup(40);
            socket.leaveGroup(1);
            assertThat(socket.groups()).containsExactly(5, 40);
            assertThat(kernel.groups()).containsExactly(5, 40);
            assertThatThrownBy(() -> socket.joinGroup(0))
                    .isInstanceOf(NetlinkSyscallException.class)
                    .hasMessage("setsockopt(NETLINK_ADD_MEMBERSHIP 0) failed: EINVAL (Invalid argument)");
        }
    }

    @Test
    void listMembershipsIsAHostOrderBitMaskCutToTheBuffer() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        FakeKernel kernel = FakeKernel.create();
        kernel.setOption(SOL_NETLINK, 1, 1, "join 1");
        kernel.setOption(SOL_NETLINK, 1, 33, "join 33");
        assertThat(HexFormat.of().formatHex(kernel.getOption(SOL_NETLINK, 9, 128, "list")))
                .isEqualTo("0100000001000000");
        assertThat(kernel.getOption(SOL_NETLINK, 9, 4, "list")).hasSize(4);
        assertThat(HexFormat.of().formatHex(FakeKernel.create().getOption(SOL_NETLINK, 9, 128, "list")))
                .isEqualTo("00000000");
    }

    @Test
    void aScriptedOptionFailureReachesTheCaller() {
        FakeKernel kernel = FakeKernel.create().failOption(SOL_NETLINK, NETLINK_GET_STRICT_CHK, ENOPROTOOPT);
        assertThatThrownBy(() ->
                        NetlinkSocket.over(NetlinkProtocol.ROUTE, kernel, SocketOptions.DEFAULTS.withStrictCheck(true)))
                .isInstanceOf(NetlinkSyscallException.class)
                .hasMessage("setsockopt(NETLINK_GET_STRICT_CHK) failed: ENOPROTOOPT (Protocol not available)");
        // Extended ACK is optional: an old kernel without it still gives a working socket.
        FakeKernel old = FakeKernel.create().failOption(SOL_NETLINK, NETLINK_EXT_ACK, ENOPROTOOPT);
        try (NetlinkSocket socket = old.socket(NetlinkProtocol.ROUTE)) {
            assertThat(old.option(SOL_NETLINK, NETLINK_EXT_ACK)).isEmpty();
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void oneShotRespondersGoFirstInOrderThenTypeRespondersThenTheFallback() {
        FakeKernel kernel = FakeKernel.create()
                .on(30, (request, reply) -> reply.send(KernelMessage.error(1)))
                .otherwise((request, reply) -> reply.send(KernelMessage.error(2)))
                .once((request, reply) -> reply.send(KernelMessage.error(3)))
                .once((request, reply) -> reply.send(KernelMessage.error(4)));
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.USERSOCK)) {
            List<Integer> errnos = List.of(30, 30, 30, 31).stream()
                    .map(type -> {
                        try {
                            socket.request("x", message(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 0));
                            return 0;
                        } catch (KernelErrorException e) {
                            return e.errno();
                        }
                    })
                    .toList();
            assertThat(errnos).containsExactly(3, 4, 1, 2);
        }
    }

    @Test
    void everyMessageOfABatchIsRecordedAndAnswered() {
        FakeKernel kernel = FakeKernel.create().on(30, FakeKernel.Responder.ACK);
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.USERSOCK)) {
            MessageWriter w = message(30, Netlink.NLM_F_REQUEST, 1);
            int second = w.beginMessage(30, Netlink.NLM_F_REQUEST);
            w.u32(1, 2, false);
            w.endMessage(second);
            int seq = socket.send(w);
            assertThat(kernel.requests()).hasSize(2).allSatisfy(r -> {
                assertThat(r.sequence()).isEqualTo(seq);
                assertThat(r.portId()).isEqualTo(FakeKernel.DEFAULT_PORT_ID);
                assertThat(r.destinationPort()).isZero();
            });
            assertThat(kernel.requests().get(1).attributes(0)).satisfies(r -> {
                assertThat(r.next()).isTrue();
                assertThat(r.u32()).isEqualTo(2);
            });
            assertThat(kernel.pendingDatagrams()).isEqualTo(2);
        }
    }

    @Test
    void messagesToAnotherPortOrAGroupAreRecordedNotAnswered() {
        FakeKernel kernel = FakeKernel.create().on(30, FakeKernel.Responder.ACK);
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.USERSOCK)) {
            socket.sendTo(555, 0, message(30, Netlink.NLM_F_REQUEST, 1));
            socket.multicast(3, message(30, Netlink.NLM_F_REQUEST, 2));
            assertThat(kernel.requests())
                    .extracting(FakeKernel.Request::destinationPort, FakeKernel.Request::groupMask)
                    .containsExactly(tuple(555, 0), tuple(0, 4));
            assertThat(kernel.pendingDatagrams()).isZero();
        }
    }

    @Test
    void errorsEchoTheRequestCappedOrWholeAsTheSocketAsked() {
        AtomicReference<byte[]> capped = new AtomicReference<>();
        AtomicReference<byte[]> whole = new AtomicReference<>();
        AtomicReference<byte[]> ack = new AtomicReference<>();
        FakeKernel kernel = FakeKernel.create().on(30, (request, reply) -> {
            capped.set(reply.encode(KernelMessage.error(22)));
            whole.set(reply.encode(KernelMessage.error(22).capped(false)));
            ack.set(reply.encode(KernelMessage.ack()));
            reply.ack();
        });
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.USERSOCK)) {
            socket.request("x", message(30, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 7));
        }
        byte[] request = kernel.lastRequest().bytes().toByteArray();
        assertThat(request).hasSize(24);
        NetlinkMessage c = new NetlinkMessage(MemorySegment.ofArray(capped.get()), 0, 36);
        assertThat(capped.get()).hasSize(36);
        assertThat(c.flags()).isEqualTo(Netlink.NLM_F_CAPPED);
        assertThat(c.sequence()).isEqualTo(kernel.lastRequest().sequence());
        assertThat(whole.get()).hasSize(16 + 4 + 24);
        assertThat(new NetlinkMessage(MemorySegment.ofArray(whole.get()), 0, 44).flags())
                .isZero();
        assertThat(Arrays.copyOfRange(whole.get(), 20, 44)).isEqualTo(request);
        assertThat(new NetlinkMessage(MemorySegment.ofArray(ack.get()), 0, 36).flags())
                .isEqualTo(Netlink.NLM_F_CAPPED);

        // Without NETLINK_CAP_ACK an error echoes the whole request; an ACK stays capped.
        AtomicReference<byte[]> uncapped = new AtomicReference<>();
        FakeKernel old = FakeKernel.create().on(30, (request2, reply) -> {
            uncapped.set(reply.encode(KernelMessage.error(22)));
            reply.ack();
        });
        SocketOptions noCap = new SocketOptions(true, false, false, false, OptionalInt.empty(), Optional.empty());
        try (NetlinkSocket socket = NetlinkSocket.over(NetlinkProtocol.USERSOCK, old, noCap)) {
            socket.request("x", message(30, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 7));
        }
        assertThat(uncapped.get()).hasSize(44);
    }

    @Test
    void extAckAttributesAreWrittenAsTheKernelWritesThem() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        ExtAck ack = ExtAck.message("bad")
                .withOffset(44)
                .withMissingType(3)
                .withMissingNest(40)
                .withCookie(Bytes.fromHex("abcd"));
        assertThat(ack.toBytes().toHex())
                .isEqualTo("0800010062616400" + "080002002c000000" + "0800050003000000" + "0800060028000000"
                        + "06000300abcd0000");
        assertThat(ExtAck.NONE.isEmpty()).isTrue();
        assertThat(ack)
                .isEqualTo(ExtAck.message("bad")
                        .withOffset(44)
                        .withMissingType(3)
                        .withMissingNest(40)
                        .withCookie(Bytes.fromHex("abcd")));
    }

    @Test
    void doneWithAnErrorCarriesMinusErrnoAndItsTlvs() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        FakeKernel kernel = FakeKernel.create();
        kernel.push(KernelMessage.done(22, ExtAck.message("no")).withSequence(9).withPortId(8));
        byte[] d = kernel.receive(0).orElseThrow().data();
        // len 28, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, seq 9, port 8, -22, "no"
        assertThat(HexFormat.of().formatHex(d))
                .isEqualTo("1c000000" + "03000202" + "09000000" + "08000000" + "eaffffff" + "07000100" + "6e6f0000");
    }

    @Test
    void receiveWaitsForAPushFromAnotherThread() throws Exception {
        FakeKernel kernel = FakeKernel.create();
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            CompletableFuture<Void> pusher = CompletableFuture.runAsync(() -> {
                sleep(50);
                kernel.push(KernelMessage.of(20, 0, new byte[8]));
            });
            Optional<NetlinkMessage> m = socket.receive(Duration.ofSeconds(10));
            assertThat(m).map(NetlinkMessage::type).contains(20);
            pusher.get(10, TimeUnit.SECONDS);
            assertThat(socket.receive(Duration.ofMillis(30))).isEmpty();
        }
    }

    @Test
    void closingTheSocketWakesAReceiveBlockedInAnotherThread() throws Exception {
        FakeKernel kernel = FakeKernel.create();
        NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE);
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                socket.receive(Duration.ofSeconds(30));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        sleep(50);
        long start = System.nanoTime();
        socket.close();
        Throwable t = waiter.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(t).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wakeUpMakesOneReceiveReturnEmpty() {
        FakeKernel kernel = FakeKernel.create();
        kernel.wakeUp();
        assertThat(kernel.receive(5_000)).isEmpty();
        kernel.push(KernelMessage.noop());
        assertThat(kernel.receive(5_000)).isPresent();
    }

    @Test
    void anExchangeWhoseScriptLacksAReplyFailsAtTheIdleLimit() {
        FakeKernel kernel =
                FakeKernel.create().idleLimit(Duration.ofMillis(100)).on(30, FakeKernel.Responder.SILENT);
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.USERSOCK)) {
            assertThatThrownBy(() -> socket.request("x", message(30, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("FakeKernel: nothing to receive after waiting 100 ms; the script lacks a reply (or"
                            + " raise idleLimit)");
        }
    }

    @Test
    void lostNotificationsSurfaceOnReceive() {
        FakeKernel kernel = FakeKernel.create();
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            kernel.pushNotificationsLost();
            kernel.push(KernelMessage.of(20, 0, new byte[0]));
            assertThatThrownBy(() -> socket.receive(Duration.ofSeconds(1)))
                    .isInstanceOf(NotificationsLostException.class);
            assertThat(socket.receive(Duration.ofSeconds(1))).isPresent();
        }
    }

    @Test
    void aClosedFakeRefusesToSend() {
        NetlinkTransport kernel = FakeKernel.create();
        kernel.close();
        assertThatThrownBy(() -> kernel.send(new byte[16], 16, 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FakeKernel is closed");
        assertThat(kernel.receive(-1)).isEmpty();
    }

    @Test
    void attributeOffsetNamesAMissingAttribute() {
        FakeKernel kernel = FakeKernel.create();
        kernel.send(message(30, 0, 1).toByteArray(), 24, 0, 0);
        assertThat(kernel.lastRequest().attributeOffset(0, 1)).isEqualTo(16);
        assertThatThrownBy(() -> kernel.lastRequest().attributeOffset(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the request has no attribute [2]: Request[type=30");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
