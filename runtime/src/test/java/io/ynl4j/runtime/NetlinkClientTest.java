package io.ynl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.testing.ExtAck;
import io.ynl4j.runtime.testing.FakeKernel;
import io.ynl4j.runtime.testing.KernelMessage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generic client layer against a {@link FakeKernel}: headers, flags, family ids, decoding, errors. */
class NetlinkClientTest {
    static final FamilyDescriptor RT_ADDR = FamilyDescriptor.raw("rt-addr", NetlinkProtocol.ROUTE, 8);
    static final FamilyDescriptor NETDEV = FamilyDescriptor.genetlink("netdev", 1, 0);
    static final AttrNameTable NAMES = AttrNameTable.builder()
            .set("addr-attrs", "1 address,2 local,3 label")
            .set("link-attrs", "3 ifname,18 linkinfo>linkinfo-attrs")
            .set("linkinfo-attrs", "1 kind,2 data")
            .build();
    static final OperationDescriptor GETADDR = new OperationDescriptor(
            RT_ADDR,
            "getaddr",
            Optional.empty(),
            Optional.of(OperationDescriptor.Mode.ofDump(22, OptionalInt.of(20))),
            8,
            NAMES.namer("addr-attrs"));
    static final OperationDescriptor NEWADDR = new OperationDescriptor(
            RT_ADDR,
            "newaddr",
            Optional.of(new OperationDescriptor.Mode(20, OptionalInt.empty(), CreateMode.CREATE_EXCL.requestFlags())),
            Optional.empty(),
            8,
            NAMES.namer("addr-attrs"));
    static final OperationDescriptor DEV_GET = new OperationDescriptor(
            NETDEV,
            "dev-get",
            Optional.of(OperationDescriptor.Mode.ofDo(1, OptionalInt.of(1))),
            Optional.empty(),
            4,
            AttrNamer.NUMERIC);

    @Test
    void createModesHaveTheKernelFlags() {
        assertThat(CreateMode.CREATE_EXCL.requestFlags()).isEqualTo(0x605);
        assertThat(CreateMode.REPLACE.requestFlags()).isEqualTo(0x505);
        assertThat(CreateMode.APPEND.requestFlags()).isEqualTo(0xc05);
        assertThat(CreateMode.NONE.requestFlags()).isEqualTo(0x005);
    }

    @Test
    void attrNameTableFollowsNests() {
        assertThat(NAMES.name("addr-attrs", new int[] {2})).isEqualTo("addr-attrs.local");
        assertThat(NAMES.name("link-attrs", new int[] {18, 1})).isEqualTo("link-attrs.linkinfo.kind");
        assertThat(NAMES.name("link-attrs", new int[] {99, 1})).isEqualTo("link-attrs.99.1");
    }

    @Test
    void dumpDecodesEachReplyAndClosesCleanly() {
        FakeKernel kernel = FakeKernel.create();
        kernel.on(
                22,
                (request, reply) -> reply.send(
                                KernelMessage.of(
                                        20,
                                        Netlink.NLM_F_MULTI,
                                        w -> w.fixedHeader(8).u32(4, 7, false)),
                                KernelMessage.of(
                                        20,
                                        Netlink.NLM_F_MULTI,
                                        w -> w.fixedHeader(8).u32(4, 8, false)))
                        .send(KernelMessage.done()));
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            NetlinkClient client = NetlinkClient.of(socket, RT_ADDR);
            try (Stream<Long> indexes = client.dump(
                    GETADDR,
                    w -> w.fixedHeader(8).u8(0, 2),
                    m -> m.fixedHeader(0, 8).u32(4, false))) {
                assertThat(indexes.toList()).containsExactly(7L, 8L);
            }
            client.close(); // not the owner: the socket stays open
            assertThat(socket.isClosed()).isFalse();
        }
        assertThat(kernel.lastRequest().flags()).isEqualTo(Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        assertThat(kernel.lastRequest().payload()).isEqualTo(Bytes.fromHex("0200000000000000"));
    }

    @Test
    void errorsNameTheOperationAndTheAttribute() {
        FakeKernel kernel = FakeKernel.create();
        kernel.on(
                20,
                (request, reply) -> reply.send(
                        KernelMessage.error(17, ExtAck.message("exists").withOffset(request.attributeOffset(8, 2)))));
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.ROUTE)) {
            NetlinkClient client = NetlinkClient.of(socket, RT_ADDR);
            assertThatThrownBy(() ->
                            client.executeAck(NEWADDR, NEWADDR.requireDo().flags(), w -> {
                                w.fixedHeader(8);
                                w.bytes(2, new byte[] {10, 0, 0, 1});
                            }))
                    .isInstanceOfSatisfying(KernelErrorException.class, e -> {
                        assertThat(e.operation()).isEqualTo("rt-addr newaddr");
                        assertThat(e.errnoName()).isEqualTo("EEXIST");
                        assertThat(e.badAttribute()).contains("addr-attrs.local");
                    });
        }
        assertThat(kernel.lastRequest().flags()).isEqualTo(0x605);
    }

    @Test
    void genericFamilyIdIsResolvedOnceAndUsedAsMessageType() {
        FakeKernel kernel = FakeKernel.create();
        kernel.on(0x10, (request, reply) -> {
            reply.send(KernelMessage.of(0x10, 0, w -> {
                w.genlHeader(1, 2);
                w.u16(1, 0x21, false);
                w.string(2, "netdev");
            }));
            if (request.hasFlags(Netlink.NLM_F_ACK)) {
                reply.send(KernelMessage.ack());
            }
        });
        kernel.on(
                0x21,
                (request, reply) -> reply.send(KernelMessage.of(0x21, 0, w -> {
                            w.genlHeader(1, 1);
                            w.u32(1, 7, false);
                        }))
                        .send(KernelMessage.ack()));
        try (NetlinkSocket socket = kernel.socket(NetlinkProtocol.GENERIC)) {
            NetlinkClient client = NetlinkClient.of(socket, NETDEV);
            for (int i = 0; i < 2; i++) {
                long ifindex = client.executeOne(DEV_GET, DEV_GET.requireDo().flags(), w -> w.genlHeader(1, 1), m -> {
                    var r = m.attributes(4);
                    r.next();
                    return r.u32();
                });
                assertThat(ifindex).isEqualTo(7L);
            }
            assertThat(client.familyId()).isEqualTo(0x21);
        }
        List<Integer> types =
                kernel.requests().stream().map(FakeKernel.Request::type).toList();
        assertThat(types).containsExactly(0x10, 0x21, 0x21);
    }

    @Test
    void aSocketOfAnotherProtocolIsRefused() {
        try (NetlinkSocket socket = FakeKernel.create().socket(NetlinkProtocol.ROUTE)) {
            assertThatThrownBy(() -> NetlinkClient.of(socket, NETDEV))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("generic");
        }
    }
}
