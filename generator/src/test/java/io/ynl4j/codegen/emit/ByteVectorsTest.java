package io.ynl4j.codegen.emit;

import static io.ynl4j.codegen.emit.GeneratedClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.runtime.Bitfield32;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.RawAttribute;
import io.ynl4j.runtime.UnknownAttributes;
import io.ynl4j.runtime.codec.MessageWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole request messages of the kernel's rt-link, tc, ethtool and devlink specs, built with the generated
 * builders and encoded with the generated encoders, against vectors written by hand from the kernel ABI
 * (uapi headers: nlmsghdr, genlmsghdr, the fixed headers, struct nlattr with 4-byte alignment, struct
 * nla_bitfield32); each vector decodes back to an equal record. Little-endian host; seq and pid are 0 (the
 * socket fills them in).
 */
class ByteVectorsTest {
    /** The genetlink family ids the vectors use, as a client would after resolving the family by name. */
    static final int ETHTOOL_ID = 0x14;

    static final int DEVLINK_ID = 0x15;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;

    @TempDir
    static Path dir;

    static GeneratedClasses gen;

    @BeforeAll
    static void compile() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vectors are little-endian");
        List<JavaFile> files = new ArrayList<>();
        for (String spec : List.of("rt-link.yaml", "tc.yaml", "ethtool.yaml", "devlink.yaml")) {
            files.addAll(GeneratedSources.all(GeneratedSources.kernelFamily(spec), "gen"));
        }
        gen = GeneratedClasses.compile(files, dir);
    }

    @AfterAll
    static void close() throws Exception {
        if (gen != null) {
            gen.close();
        }
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("(?m)#.*$", "").replaceAll("\\s+", ""));
    }

    /** The whole message: an nlmsghdr of the given type and flags, then what the record's encoder writes. */
    static byte[] encode(Object record, int type, int flags) {
        MessageWriter out = new MessageWriter();
        int token = out.beginMessage(type, flags);
        call(record, "encode", out);
        out.endMessage(token);
        return out.toByteArray();
    }

    /** A received-message view over the bytes (the FFM types are reached by reflection: tests here are release 21). */
    static NetlinkMessage message(byte[] bytes) {
        try {
            Object segment = Class.forName("java.lang.foreign.MemorySegment")
                    .getMethod("ofArray", byte[].class)
                    .invoke(null, (Object) bytes);
            return (NetlinkMessage)
                    NetlinkMessage.class.getDeclaredConstructors()[0].newInstance(segment, 0L, bytes.length);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    Object build(String type, Object... settersAndValues) {
        Object b = gen.callStatic(type, "builder");
        for (int i = 0; i < settersAndValues.length; i += 2) {
            call(b, (String) settersAndValues[i], settersAndValues[i + 1]);
        }
        return call(b, "build");
    }

    void assertVector(String type, Object record, int nlmsgType, int flags, byte[] vector) {
        assertThat(encode(record, nlmsgType, flags)).isEqualTo(vector);
        NetlinkMessage m = message(vector);
        assertThat(m.type()).isEqualTo(nlmsgType);
        assertThat(m.flags()).isEqualTo(flags);
        assertThat(gen.callStatic(type, "decode", m)).isEqualTo(record);
    }

    /**
     * {@code ip link add link <ifindex 2> name v0.5 type vlan id 5 protocol 802.1Q}. The kernel spec's newlink
     * request does not list {@code link} (IFLA_LINK), so it has no builder setter: it is given as an unknown
     * attribute, which the encoder writes after the listed ones and the decoder keeps in {@code unknown}.
     */
    @Test
    void rtLinkNewlinkCreatingAVlan() {
        Object vlan = build(
                "gen.rtlink.LinkinfoVlanAttrs",
                "id",
                5,
                "protocol",
                gen.constant("gen.rtlink.VlanProtocols", "_8021Q"));
        Object linkinfo = build(
                "gen.rtlink.LinkinfoAttrs",
                "kind",
                "vlan",
                "data",
                gen.construct("gen.rtlink.LinkinfoDataMsgVlan", vlan));
        Object header = build("gen.rtlink.Ifinfomsg", "ifiFamily", 0, "ifiIndex", 0);
        Object request = build(
                "gen.rtlink.NewlinkRequest",
                "header",
                header,
                "ifname",
                "v0.5",
                "linkinfo",
                linkinfo,
                "unknown",
                new UnknownAttributes(List.of(new RawAttribute(5, Bytes.fromHex("02000000")))));

        byte[] vector = hex("""
                58000000    # nlmsghdr: nlmsg_len 88
                1000        #   nlmsg_type RTM_NEWLINK (16)
                0506        #   nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE (0x605)
                00000000    #   nlmsg_seq 0
                00000000    #   nlmsg_pid 0
                00          # ifinfomsg: ifi_family AF_UNSPEC
                00          #   __ifi_pad
                0000        #   ifi_type 0
                00000000    #   ifi_index 0
                00000000    #   ifi_flags 0
                00000000    #   ifi_change 0
                0900 0300   # nlattr: len 9, IFLA_IFNAME (3)
                76302e3500  #   "v0.5\\0"
                000000      #   padding to 12
                2400 1280   # nlattr: len 36, IFLA_LINKINFO (18) | NLA_F_NESTED (0x8000)
                0900 0100   #   nlattr: len 9, IFLA_INFO_KIND (1)
                766c616e00  #     "vlan\\0"
                000000      #     padding to 12
                1400 0280   #   nlattr: len 20, IFLA_INFO_DATA (2) | NLA_F_NESTED, sub-message linkinfo-data-msg "vlan"
                0600 0100   #     nlattr: len 6, IFLA_VLAN_ID (1)
                0500        #       u16 5, host order
                0000        #       padding to 8
                0600 0500   #     nlattr: len 6, IFLA_VLAN_PROTOCOL (5)
                8100        #       be16 0x8100 (ETH_P_8021Q), network order
                0000        #       padding to 8
                0800 0500   # nlattr: len 8, IFLA_LINK (5)
                02000000    #   u32 2, the lower device's ifindex
                """);
        assertVector(
                "gen.rtlink.NewlinkRequest",
                request,
                16,
                NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE,
                vector);
        assertThat(messageType("gen.rtlink.NewlinkRequest")).isEqualTo(16);
    }

    /** {@code tc qdisc add dev <ifindex 2> root handle 1: bfifo limit 10000}. */
    @Test
    void tcNewqdiscBfifo() {
        Object tcmsg = build("gen.tc.Tcmsg", "family", 0, "ifindex", 2, "handle", 0x10000L, "parent", 0xffffffffL);
        Object qopt = build("gen.tc.TcFifoQopt", "limit", 10000L);
        Object request = build(
                "gen.tc.NewqdiscRequest",
                "header",
                tcmsg,
                "kind",
                "bfifo",
                "options",
                gen.construct("gen.tc.OptionsMsgBfifo", qopt));

        byte[] vector = hex("""
                38000000    # nlmsghdr: nlmsg_len 56
                2400        #   nlmsg_type RTM_NEWQDISC (36)
                0506        #   nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE (0x605)
                00000000    #   nlmsg_seq 0
                00000000    #   nlmsg_pid 0
                00          # tcmsg: tcm_family AF_UNSPEC
                000000      #   tcm__pad1, tcm__pad2
                02000000    #   tcm_ifindex 2
                00000100    #   tcm_handle 0x00010000 (1:)
                ffffffff    #   tcm_parent TC_H_ROOT
                00000000    #   tcm_info 0
                0a00 0100   # nlattr: len 10, TCA_KIND (1)
                626669666f00 #  "bfifo\\0"
                0000        #   padding to 12
                0800 0200   # nlattr: len 8, TCA_OPTIONS (2), no NLA_F_NESTED: sub-message "bfifo" is only a fixed header
                10270000    #   struct tc_fifo_qopt: limit u32 10000
                """);
        assertVector(
                "gen.tc.NewqdiscRequest", request, 36, NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE, vector);
        assertThat(messageType("gen.tc.NewqdiscRequest")).isEqualTo(36);
    }

    /** {@code ethtool -g v0} with compact bitsets and statistics asked for; ethtool's id resolved to 0x14. */
    @Test
    void ethtoolRingsGet() {
        Object flags = gen.callStatic("gen.ethtool.HeaderFlags", "of", 5L); // COMPACT_BITSETS (bit 0) | STATS (bit 2)
        Object header = build("gen.ethtool.Header", "devName", "v0", "flags", flags);
        Object request = build("gen.ethtool.RingsGetRequest", "header", header);

        byte[] vector = hex("""
                28000000    # nlmsghdr: nlmsg_len 40
                1400        #   nlmsg_type: the resolved ethtool family id (0x14)
                0500        #   nlmsg_flags NLM_F_REQUEST|NLM_F_ACK
                00000000    #   nlmsg_seq 0
                00000000    #   nlmsg_pid 0
                0f          # genlmsghdr: cmd ETHTOOL_MSG_RINGS_GET (15)
                01          #   version ETHTOOL_GENL_VERSION (1)
                0000        #   reserved
                1400 0180   # nlattr: len 20, ETHTOOL_A_RINGS_HEADER (1) | NLA_F_NESTED
                0700 0200   #   nlattr: len 7, ETHTOOL_A_HEADER_DEV_NAME (2)
                763000      #     "v0\\0"
                00          #     padding to 8
                0800 0300   #   nlattr: len 8, ETHTOOL_A_HEADER_FLAGS (3)
                05000000    #     u32 ETHTOOL_FLAG_COMPACT_BITSETS (1) | ETHTOOL_FLAG_STATS (4)
                """);
        assertVector("gen.ethtool.RingsGetRequest", request, ETHTOOL_ID, NLM_F_REQUEST | NLM_F_ACK, vector);
        assertThat(messageType("gen.ethtool.RingsGetRequest")).isEqualTo(15);
    }

    /**
     * {@code devlink dev reload netdevsim/netdevsim1 action fw_activate limit no_reset}; devlink's id resolved to
     * 0x15. The spec types reload-limits as a bitfield32 of the reload-action enum, but the bits are the kernel's
     * enum devlink_reload_limit: DEVLINK_RELOAD_LIMIT_NO_RESET is 1, so its bit is 0x2.
     */
    @Test
    void devlinkReloadWithABitfield32() {
        Object request = build(
                "gen.devlink.ReloadRequest",
                "busName",
                "netdevsim",
                "devName",
                "netdevsim1",
                "reloadAction",
                gen.constant("gen.devlink.ReloadAction", "FW_ACTIVATE"),
                "reloadLimits",
                new Bitfield32(0x2, 0x2));

        byte[] vector = hex("""
                48000000    # nlmsghdr: nlmsg_len 72
                1500        #   nlmsg_type: the resolved devlink family id (0x15)
                0500        #   nlmsg_flags NLM_F_REQUEST|NLM_F_ACK
                00000000    #   nlmsg_seq 0
                00000000    #   nlmsg_pid 0
                25          # genlmsghdr: cmd DEVLINK_CMD_RELOAD (37)
                01          #   version DEVLINK_GENL_VERSION (1)
                0000        #   reserved
                0e00 0100   # nlattr: len 14, DEVLINK_ATTR_BUS_NAME (1)
                6e657464657673696d00 # "netdevsim\\0"
                0000        #   padding to 16
                0f00 0200   # nlattr: len 15, DEVLINK_ATTR_DEV_NAME (2)
                6e657464657673696d3100 # "netdevsim1\\0"
                00          #   padding to 16
                0500 9900   # nlattr: len 5, DEVLINK_ATTR_RELOAD_ACTION (153)
                02          #   u8 DEVLINK_RELOAD_ACTION_FW_ACTIVATE (2)
                000000      #   padding to 8
                0c00 9b00   # nlattr: len 12, DEVLINK_ATTR_RELOAD_LIMITS (155), struct nla_bitfield32:
                02000000    #   value: BIT(DEVLINK_RELOAD_LIMIT_NO_RESET)
                02000000    #   selector: BIT(DEVLINK_RELOAD_LIMIT_NO_RESET)
                """);
        assertVector("gen.devlink.ReloadRequest", request, DEVLINK_ID, NLM_F_REQUEST | NLM_F_ACK, vector);
        assertThat(messageType("gen.devlink.ReloadRequest")).isEqualTo(37);
    }

    int messageType(String type) {
        try {
            return gen.type(type).getField("MESSAGE_TYPE").getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
