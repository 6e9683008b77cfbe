package io.ynl4j.codegen.emit;

import static io.ynl4j.codegen.emit.GeneratedClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.runtime.Bitfield32;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.RawAttribute;
import io.ynl4j.runtime.UnknownAttributes;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated attribute-set records and sub-messages decode hand-built attribute bytes (vectors from
 * the kernel ABI, little-endian host) and encode them back byte for byte. The generated classes are
 * compiled and loaded, and used by reflection.
 */
class AttrSetRoundTripTest {
    @TempDir
    static Path dir;

    static GeneratedClasses gen;

    @BeforeAll
    static void compile() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vectors are little-endian");
        List<JavaFile> files = new ArrayList<>();
        for (String spec : List.of("rt-addr.yaml", "rt-link.yaml", "tc.yaml", "nlctrl.yaml", "ethtool.yaml")) {
            files.addAll(GeneratedSources.of(GeneratedSources.kernelFamily(spec), "gen"));
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
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    Object decode(String type, byte[] bytes) {
        return gen.callStatic(type, "decode", AttrReader.of(bytes));
    }

    static byte[] encode(Object record) {
        MessageWriter out = new MessageWriter();
        call(record, "encode", out);
        return out.toByteArray();
    }

    @Test
    void addrAttrsRoundTripKeepingAnUnknownAttribute() {
        byte[] wire = hex("""
                08000100 c0000201
                07000300 76300000
                14000600 100e0000 201c0000 64000000 c8000000
                08000c00 02000000
                06006300 abcd0000
                """); // address 192.0.2.1, label "v0", cacheinfo 3600/7200/100/200, mc-users 2, type 99
        Object attrs = decode("gen.rtaddr.AddrAttrs", wire);

        assertThat(call(attrs, "address")).isEqualTo(Optional.of(Bytes.fromHex("c0000201")));
        assertThat(call(attrs, "label")).isEqualTo(Optional.of("v0"));
        assertThat(call(attrs, "mcUsers")).isEqualTo(OptionalLong.of(2));
        Object cacheinfo = ((Optional<?>) call(attrs, "cacheinfo")).orElseThrow();
        assertThat(call(cacheinfo, "ifaPrefered")).isEqualTo(3600L);
        assertThat(call(cacheinfo, "tstamp")).isEqualTo(200L);
        assertThat(call(attrs, "local")).isEqualTo(Optional.empty());
        assertThat(call(attrs, "unknown"))
                .isEqualTo(new UnknownAttributes(List.of(new RawAttribute(99, Bytes.fromHex("abcd")))));
        assertThat(encode(attrs)).isEqualTo(wire);
    }

    static final String VLAN =
            """
            09000100 766c616e 00000000
            14000280
              06000100 64000000
              06000500 81000000
            """; // kind "vlan"; data (nested): IFLA_VLAN_ID 100, IFLA_VLAN_PROTOCOL 0x8100 big-endian

    @Test
    void linkinfoWithVlanSubMessageRoundTrips() {
        Object info = decode("gen.rtlink.LinkinfoAttrs", hex(VLAN));

        assertThat(call(info, "kind")).isEqualTo(Optional.of("vlan"));
        Object data = ((Optional<?>) call(info, "data")).orElseThrow();
        assertThat(data.getClass().getName()).isEqualTo("gen.rtlink.LinkinfoDataMsgVlan");
        assertThat(call(data, "selectorValue")).isEqualTo("vlan");
        Object vlan = call(data, "attributes");
        assertThat(call(vlan, "id")).isEqualTo(OptionalInt.of(100));
        Object protocol = ((Optional<?>) call(vlan, "protocol")).orElseThrow();
        assertThat(call(protocol, "raw")).isEqualTo(0x8100L);
        assertThat(call(protocol, "known")).isEqualTo(Optional.of(gen.constant("gen.rtlink.VlanProtocols", "_8021Q")));
        assertThat(call(info, "unknown")).isEqualTo(UnknownAttributes.NONE);
        assertThat(encode(info)).isEqualTo(hex(VLAN));
    }

    @Test
    void vlanLinkinfoBuiltFromScratchEncodesToTheVector() {
        Object vlanAttrs = gen.callStatic("gen.rtlink.LinkinfoVlanAttrs", "builder");
        call(vlanAttrs, "id", 100);
        call(vlanAttrs, "protocol", gen.constant("gen.rtlink.VlanProtocols", "_8021Q"));
        Object data = gen.construct("gen.rtlink.LinkinfoDataMsgVlan", call(vlanAttrs, "build"));
        Object info = gen.callStatic("gen.rtlink.LinkinfoAttrs", "builder");
        call(info, "kind", "vlan");
        call(info, "data", data);

        assertThat(encode(call(info, "build"))).isEqualTo(hex(VLAN));
    }

    @Test
    void kernelStyleDataWithoutNestedFlagDecodesTheSame() {
        // The kernel starts IFLA_INFO_DATA with nla_nest_start_noflag: no NLA_F_NESTED.
        Object info = decode("gen.rtlink.LinkinfoAttrs", hex(VLAN.replace("14000280", "14000200")));

        assertThat(info).isEqualTo(decode("gen.rtlink.LinkinfoAttrs", hex(VLAN)));
    }

    @Test
    void unlistedKindKeepsItsDataAndEncodesItAgain() {
        byte[] wire = hex("""
                0a000100 64756d6d 79000000
                0c000200 08000100 2a000000
                """); // kind "dummy" (no format in the spec), data with one u32 attribute
        Object info = decode("gen.rtlink.LinkinfoAttrs", wire);

        Object data = ((Optional<?>) call(info, "data")).orElseThrow();
        assertThat(data.getClass().getName()).isEqualTo("gen.rtlink.LinkinfoDataMsgUnknown");
        assertThat(call(data, "selector")).isEqualTo("dummy");
        assertThat(call(data, "payload")).isEqualTo(Bytes.fromHex("080001002a000000"));
        assertThat(encode(info)).isEqualTo(wire);
    }

    static final String CODEL_STATS =
            """
            2c000780
              28000400
                ea050000 01000000 02000000 03000000 fcffffff 05000000 06000000 00000000 07000000
            """; // stats2 (nested): app, struct tc_codel_xstats (maxpacket 1514, …, drop_next -4, …)
    static final String KIND_CODEL = "0a000100 636f6465 6c000000";

    @Test
    void tcStatsAppTakesItsFormatFromTheEnclosingKind() {
        byte[] wire = hex(KIND_CODEL + CODEL_STATS);
        Object attrs = decode("gen.tc.Attrs", wire);

        Object stats2 = ((Optional<?>) call(attrs, "stats2")).orElseThrow();
        Object app = ((Optional<?>) call(stats2, "app")).orElseThrow();
        assertThat(app.getClass().getName()).isEqualTo("gen.tc.TcaStatsAppMsgCodel");
        Object header = call(app, "header");
        assertThat(call(header, "maxpacket")).isEqualTo(1514L);
        assertThat(call(header, "dropNext")).isEqualTo(-4);
        assertThat(call(header, "ceMark")).isEqualTo(7L);
        assertThat(encode(attrs)).isEqualTo(wire);
    }

    @Test
    void selectorAfterTheSubMessageIsFoundToo() {
        Object kindLast = decode("gen.tc.Attrs", hex(CODEL_STATS + KIND_CODEL));

        assertThat(kindLast).isEqualTo(decode("gen.tc.Attrs", hex(KIND_CODEL + CODEL_STATS)));
    }

    @Test
    void withoutASelectorTheSubMessageIsKeptAsUnknown() {
        byte[] app = hex(CODEL_STATS.substring(CODEL_STATS.indexOf("28000400")));
        Object stats = decode("gen.tc.TcaStatsAttrs", app);

        assertThat(call(stats, "app")).isEqualTo(Optional.empty());
        assertThat(((UnknownAttributes) call(stats, "unknown")).attributes())
                .extracting(RawAttribute::type)
                .containsExactly(4);
        assertThat(encode(stats)).isEqualTo(app);
    }

    @Test
    void nlctrlPolicyNestTypeValueRoundTrips() {
        byte[] wire = hex("""
                06000100 10000000
                20000880
                  1c000080
                    18000180
                      08000100 04000000
                      0c000500 ffffffff 00000000
                18000980
                  14000380
                    08000100 00000000
                    08000200 01000000
                """); // family-id 16; policy 0 / attr 1: type u32, max-value-u 2^32-1; op 3: do 0, dump 1
        Object ctrl = decode("gen.nlctrl.CtrlAttrs", wire);

        List<?> policy = (List<?>) call(ctrl, "policy");
        assertThat(policy).hasSize(1);
        Object entry = policy.get(0);
        assertThat(entry.getClass().getName()).isEqualTo("gen.nlctrl.CtrlAttrs$Policy");
        assertThat(call(entry, "policyId")).isEqualTo(0L);
        assertThat(call(entry, "attrId")).isEqualTo(1L);
        Object attr = call(entry, "value");
        assertThat(call(((Optional<?>) call(attr, "type")).orElseThrow(), "toString"))
                .isEqualTo("u32");
        assertThat(call(attr, "maxValueU")).isEqualTo(OptionalLong.of(0xffffffffL));
        List<?> opPolicy = (List<?>) call(ctrl, "opPolicy");
        assertThat(opPolicy).hasSize(1);
        assertThat(call(opPolicy.get(0), "opId")).isEqualTo(3L);
        assertThat(call(call(opPolicy.get(0), "value"), "dump")).isEqualTo(OptionalLong.of(1));
        assertThat(encode(ctrl)).isEqualTo(wire);
    }

    static final String OPS =
            """
            2c000680
              14000180
                08000100 03000000
                08000200 0e000000
              14000280
                08000100 0a000000
                08000200 01000000
            """; // ops: [1] id 3, flags cmd-cap-do|cmd-cap-dump|cmd-cap-haspol; [2] id 10, flags admin-perm

    @Test
    void indexedArrayOfNestsRoundTripsFromIndexOne() {
        Object ctrl = decode("gen.nlctrl.CtrlAttrs", hex(OPS));

        List<?> ops = (List<?>) call(ctrl, "ops");
        assertThat(ops).hasSize(2);
        assertThat(call(ops.get(0), "id")).isEqualTo(OptionalLong.of(3));
        Object flags = ((Optional<?>) call(ops.get(0), "flags")).orElseThrow();
        assertThat(call(flags, "toString")).isEqualTo("cmd-cap-do|cmd-cap-dump|cmd-cap-haspol");
        assertThat(call(ops.get(1), "id")).isEqualTo(OptionalLong.of(10));
        assertThat(encode(ctrl)).isEqualTo(hex(OPS));
    }

    @Test
    void indexedArrayDecodesAnyIndexAndEncodesFromOne() {
        // nlctrl numbers from 1 without NLA_F_NESTED; any index and either flag decodes the same.
        String other = OPS.replace("2c000680", "2c000600")
                .replace("14000180", "14000000")
                .replace("14000280", "14000700");
        Object ctrl = decode("gen.nlctrl.CtrlAttrs", hex(other));

        assertThat(ctrl).isEqualTo(decode("gen.nlctrl.CtrlAttrs", hex(OPS)));
        assertThat(encode(ctrl)).isEqualTo(hex(OPS));
    }

    @Test
    void indexedArrayOfScalarsRoundTrips() {
        byte[] wire = hex("""
                14000880
                  08000100 c0000201
                  08000200 c6336407
                """); // arp-ip-target: 192.0.2.1, 198.51.100.7 (u32 big-endian)
        Object bond = decode("gen.rtlink.LinkinfoBondAttrs", wire);

        assertThat(call(bond, "arpIpTarget")).isEqualTo(List.of(0xc0000201L, 0xc6336407L));
        assertThat(encode(bond)).isEqualTo(wire);
        // The kernel's bond_fill_info numbers targets from 0.
        byte[] fromZero = hex("14000800 08000000 c0000201 08000100 c6336407");
        assertThat(decode("gen.rtlink.LinkinfoBondAttrs", fromZero)).isEqualTo(bond);
    }

    @Test
    void scalarWithTypeValueIsAListOfEntries() {
        byte[] wire =
                hex("""
                08000200 01000000
                10000480 0c000200 05000000 00000000
                10000480 0c000700 ffffffff ffffffff
                """); // ethtool stats-grp: id 1; stat [2] = 5; stat [7] = 2^64-1 (one nest per stat, as the kernel
        // sends)
        Object grp = decode("gen.ethtool.StatsGrp", wire);

        List<?> stats = (List<?>) call(grp, "stat");
        assertThat(stats).hasSize(2);
        assertThat(call(stats.get(0), "id")).isEqualTo(2L);
        assertThat(call(stats.get(0), "value")).isEqualTo(5L);
        assertThat(call(stats.get(1), "id")).isEqualTo(7L);
        assertThat(call(stats.get(1), "value")).isEqualTo(-1L);
        assertThat(encode(grp)).isEqualTo(wire);
    }

    @Test
    void arraysBitfieldsAndMultiAttrStructsRoundTrip() {
        byte[] vclocks = hex("0c000300 01000000 ffffffff"); // phc-vclocks index: s32 [1, -1]
        Object phc = decode("gen.ethtool.PhcVclocks", vclocks);
        assertThat(call(phc, "index")).isEqualTo(Optional.of(List.of(1, -1)));
        assertThat(encode(phc)).isEqualTo(vclocks);

        byte[] dumpFlags = hex("0c000f00 01000000 01000000"); // tc dump-flags: bitfield32 value 1, selector 1
        Object attrs = decode("gen.tc.Attrs", dumpFlags);
        assertThat(call(attrs, "dumpFlags")).isEqualTo(Optional.of(new Bitfield32(1, 1)));
        assertThat(encode(attrs)).isEqualTo(dumpFlags);

        byte[] qos = hex("0c000100 01000000 02000000 0c000100 03000000 04000000"); // two mappings (multi-attr)
        Object mappings = decode("gen.rtlink.IflaVlanQos", qos);
        List<?> list = (List<?>) call(mappings, "mapping");
        assertThat(list).hasSize(2);
        assertThat(call(list.get(1), "from")).isEqualTo(3L);
        assertThat(encode(mappings)).isEqualTo(qos);
    }
}
