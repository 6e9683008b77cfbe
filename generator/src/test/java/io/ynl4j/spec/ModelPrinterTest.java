package io.ynl4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModelPrinterTest {
    private static final SourceLocation AT = SourceLocation.ofFile("demo.yaml");

    @Test
    void printsEveryMaterialisedValueInSpecOrder() {
        assertThat(ModelPrinter.print(sample())).isEqualTo("""
                family demo
                protocol genetlink-legacy
                version 2
                uapi-header linux/demo.h
                enum-model unified
                fixed-header hdr
                c-family-name DEMO_FAMILY_NAME
                c-version-name DEMO_FAMILY_VERSION
                operations.name-prefix demo-cmd-
                definitions
                  const max-name-len 16
                  const greeting "say \\"hi\\""
                  const local-thing 7 header=linux/other.h scope=kernel
                  enum color value-start=1 render-max enum-name="" name-prefix=demo-color-
                    entry 1 red
                    entry 2 green
                    entry 5 blue
                  flags opts enum-cnt-name=__DEMO_OPT_CNT
                    entry 0 fast mask=0x1
                    entry 31 high mask=0x80000000
                    entry 63 top mask=0x8000000000000000
                  struct hdr size=8 alignment=4
                    member 0 kind u8 size=1 enum=color
                    member 1 reserved pad size=3
                    member 4 id u32 size=4 byte-order=big-endian display-hint=hex
                  struct pair size=24 alignment=4
                    member 0 name string size=16
                    member 16 inner binary struct=hdr size=8
                attribute-sets
                  attribute-set main name-prefix=demo-a- attr-cnt-name=__DEMO_A_CNT attr-max-name=DEMO_A_MAX
                    attr 0 unspec unused
                    attr 1 name string max-len=16(max-name-len) unterminated-ok
                    attr 2 id u32 min=1 max=4294967295(u32-max)
                    attr 3 temp s32 min=-40 max=125
                    attr 4 opts u64 enum=opts flags-mask=opts
                    attr 5 hdr binary struct=hdr
                    attr 6 words binary sub-type=u16 byte-order=little-endian
                    attr 7 addr u32 byte-order=big-endian display-hint=ipv4
                    attr 8 state u8 enum=color enum-as-flags
                    attr 9 inner nest nested-attributes=inner multi-attr
                    attr 10 list indexed-array sub-type=nest nested-attributes=inner
                    attr 11 ntv nest-type-value nested-attributes=inner type-value=policy-id,attr-id
                    attr 12 bits bitfield32 enum=opts
                    attr 13 kind string
                    attr 14 data sub-message sub-message=demo-msg selector=kind selector-set=main
                    attr 15 pad pad
                    attr 16 on flag name-prefix=demo-x-
                  attribute-set inner enum-name="" header=linux/inner.h
                    attr 1 a u8
                    attr 2 b flag
                  attribute-set main-subset subset-of=main name-prefix=demo-a-
                    attr 2 id u32 min=1 max=4294967295(u32-max)
                    attr 1 name string
                sub-messages
                  sub-message demo-msg
                    format x attribute-set=inner
                    format y fixed-header=hdr attribute-set=inner
                    format z
                operations
                  op unspec req=0 rsp=0 fixed-header=hdr
                  op get req=1 rsp=1 attribute-set=main fixed-header=hdr flags=admin-perm dont-validate=strict,dump config-cond=CONFIG_DEMO
                    do pre=demo-pre post=demo-post
                      request: id
                      reply: id name
                    dump rsp=3
                      request:
                      reply: id
                  op ntf req=- rsp=2 attribute-set=main fixed-header=hdr mcgrp=mon
                    notify get
                  op evt req=- rsp=3 attribute-set=inner fixed-header=hdr mcgrp=mon
                    event: a b
                mcast-groups
                  mcast-group mon
                  mcast-group raw value=5 c-define-name=DEMO_RAW flags=admin-perm
                """);
    }

    @Test
    void quotesValuesThatAreNotPlainTokens() {
        assertThat(ModelPrinter.quote("ifa-f-")).isEqualTo("ifa-f-");
        assertThat(ModelPrinter.quote("linux/if_addr.h")).isEqualTo("linux/if_addr.h");
        assertThat(ModelPrinter.quote("")).isEqualTo("\"\"");
        assertThat(ModelPrinter.quote("a b")).isEqualTo("\"a b\"");
        assertThat(ModelPrinter.quote("a=b")).isEqualTo("\"a=b\"");
        assertThat(ModelPrinter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(ModelPrinter.quote("tab\there")).isEqualTo("\"tab\\there\"");
    }

    @Test
    void omitsEmptySections() {
        Family empty = new Family(
                "nothing",
                "nothing.yaml",
                "00",
                Protocol.GENETLINK,
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                "",
                MsgIdModel.UNIFIED,
                Map.of(),
                Map.of(),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                AT);
        assertThat(ModelPrinter.print(empty)).isEqualTo("""
                family nothing
                protocol genetlink
                enum-model unified
                """);
    }

    /** A small family touching every kind of element; shared with {@link ModelJsonTest}. */
    static Family sample() {
        List<Definition> definitions = List.of(
                new Definition.Const(
                        "max-name-len",
                        OptionalLong.of(16),
                        Optional.empty(),
                        "Longest name.",
                        Optional.empty(),
                        "uapi",
                        AT),
                new Definition.Const(
                        "greeting", OptionalLong.empty(), Optional.of("say \"hi\""), "", Optional.empty(), "uapi", AT),
                new Definition.Const(
                        "local-thing",
                        OptionalLong.of(7),
                        Optional.empty(),
                        "",
                        Optional.of("linux/other.h"),
                        "kernel",
                        AT),
                new Definition.Enum(
                        "color",
                        false,
                        List.of(entry("red", 1), entry("green", 2), entry("blue", 5)),
                        1,
                        true,
                        Optional.of(""),
                        Optional.of("demo-color-"),
                        Optional.empty(),
                        "Colours.",
                        Optional.empty(),
                        "uapi",
                        AT),
                new Definition.Enum(
                        "opts",
                        true,
                        List.of(entry("fast", 0), entry("high", 31), entry("top", 63)),
                        0,
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("__DEMO_OPT_CNT"),
                        "",
                        Optional.empty(),
                        "uapi",
                        AT),
                new Definition.Struct(
                        "hdr",
                        List.of(
                                member(
                                        "kind",
                                        new StructMember.MemberType.Scalar(IntKind.U8),
                                        ByteOrder.HOST,
                                        Optional.of("color"),
                                        Optional.empty(),
                                        0,
                                        1),
                                member(
                                        "reserved",
                                        new StructMember.MemberType.Pad(3),
                                        ByteOrder.HOST,
                                        Optional.empty(),
                                        Optional.empty(),
                                        1,
                                        3),
                                member(
                                        "id",
                                        new StructMember.MemberType.Scalar(IntKind.U32),
                                        ByteOrder.BIG_ENDIAN,
                                        Optional.empty(),
                                        Optional.of(DisplayHint.HEX),
                                        4,
                                        4)),
                        8,
                        4,
                        "The header.",
                        Optional.empty(),
                        "uapi",
                        AT),
                new Definition.Struct(
                        "pair",
                        List.of(
                                member(
                                        "name",
                                        new StructMember.MemberType.Str(16),
                                        ByteOrder.HOST,
                                        Optional.empty(),
                                        Optional.empty(),
                                        0,
                                        16),
                                member(
                                        "inner",
                                        new StructMember.MemberType.Nested("hdr"),
                                        ByteOrder.HOST,
                                        Optional.empty(),
                                        Optional.empty(),
                                        16,
                                        8)),
                        24,
                        4,
                        "",
                        Optional.empty(),
                        "uapi",
                        AT));

        Checks nameChecks = new Checks(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new Checks.Limit(16, "max-name-len")),
                Optional.empty(),
                Optional.empty(),
                true);
        Checks idChecks = new Checks(
                Optional.of(new Checks.Limit(1, "1")),
                Optional.of(new Checks.Limit(4294967295L, "u32-max")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
        Checks tempChecks = new Checks(
                Optional.of(new Checks.Limit(-40, "-40")),
                Optional.of(new Checks.Limit(125, "125")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
        Checks optsChecks = new Checks(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("opts"),
                false);
        AttrType.Scalar u32 = scalar(IntKind.U32, ByteOrder.HOST, Optional.empty(), false, Optional.empty());
        AttrType.Nest innerNest = new AttrType.Nest("inner");
        AttributeSet main = new AttributeSet(
                "main",
                Optional.empty(),
                Optional.of("demo-a-"),
                Optional.empty(),
                Optional.of("__DEMO_A_CNT"),
                Optional.of("DEMO_A_MAX"),
                Optional.empty(),
                "Main attributes.",
                List.of(
                        attr("unspec", 0, new AttrType.Unused()),
                        attr("name", 1, new AttrType.Str(), false, nameChecks, Optional.empty()),
                        attr("id", 2, u32, false, idChecks, Optional.empty()),
                        attr(
                                "temp",
                                3,
                                scalar(IntKind.S32, ByteOrder.HOST, Optional.empty(), false, Optional.empty()),
                                false,
                                tempChecks,
                                Optional.empty()),
                        attr(
                                "opts",
                                4,
                                scalar(IntKind.U64, ByteOrder.HOST, Optional.of("opts"), false, Optional.empty()),
                                false,
                                optsChecks,
                                Optional.empty()),
                        attr(
                                "hdr",
                                5,
                                new AttrType.Binary(
                                        Optional.of("hdr"), Optional.empty(), ByteOrder.HOST, Optional.empty())),
                        attr(
                                "words",
                                6,
                                new AttrType.Binary(
                                        Optional.empty(),
                                        Optional.of(IntKind.U16),
                                        ByteOrder.LITTLE_ENDIAN,
                                        Optional.empty())),
                        attr(
                                "addr",
                                7,
                                scalar(
                                        IntKind.U32,
                                        ByteOrder.BIG_ENDIAN,
                                        Optional.empty(),
                                        false,
                                        Optional.of(DisplayHint.IPV4))),
                        attr(
                                "state",
                                8,
                                scalar(IntKind.U8, ByteOrder.HOST, Optional.of("color"), true, Optional.empty())),
                        attr("inner", 9, innerNest, true, Checks.NONE, Optional.empty()),
                        attr("list", 10, new AttrType.IndexedArray("nest", innerNest)),
                        attr("ntv", 11, new AttrType.NestTypeValue("inner", List.of("policy-id", "attr-id"))),
                        attr("bits", 12, new AttrType.Bitfield32(Optional.of("opts"), false)),
                        attr("kind", 13, new AttrType.Str()),
                        attr("data", 14, new AttrType.SubMessage("demo-msg", "kind", "main")),
                        attr("pad", 15, new AttrType.Pad()),
                        attr("on", 16, new AttrType.Flag(), false, Checks.NONE, Optional.of("demo-x-"))),
                AT);
        AttributeSet inner = new AttributeSet(
                "inner",
                Optional.empty(),
                Optional.empty(),
                Optional.of(""),
                Optional.empty(),
                Optional.empty(),
                Optional.of("linux/inner.h"),
                "",
                List.of(
                        attr("a", 1, scalar(IntKind.U8, ByteOrder.HOST, Optional.empty(), false, Optional.empty())),
                        attr("b", 2, new AttrType.Flag())),
                AT);
        AttributeSet subset = new AttributeSet(
                "main-subset",
                Optional.of("main"),
                Optional.of("demo-a-"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "",
                List.of(attr("id", 2, u32, false, idChecks, Optional.empty()), attr("name", 1, new AttrType.Str())),
                AT);

        SubMessage subMessage = new SubMessage(
                "demo-msg",
                List.of(
                        new SubMessage.Format("x", Optional.empty(), Optional.of("inner"), AT),
                        new SubMessage.Format("y", Optional.of("hdr"), Optional.of("inner"), AT),
                        new SubMessage.Format("z", Optional.empty(), Optional.empty(), AT)),
                AT);

        Operation unspec = new Operation(
                "unspec",
                "",
                OptionalInt.of(0),
                OptionalInt.of(0),
                Optional.empty(),
                Optional.of("hdr"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty(),
                AT);
        Operation get = new Operation(
                "get",
                "Get things.",
                OptionalInt.of(1),
                OptionalInt.of(1),
                Optional.of("main"),
                Optional.of("hdr"),
                Optional.of(new Operation.Mode(
                        OptionalInt.of(1),
                        OptionalInt.of(1),
                        Optional.of(message("id")),
                        Optional.of(message("id", "name")),
                        Optional.of("demo-pre"),
                        Optional.of("demo-post"),
                        AT)),
                Optional.of(new Operation.Mode(
                        OptionalInt.of(1),
                        OptionalInt.of(3),
                        Optional.of(message()),
                        Optional.of(message("id")),
                        Optional.empty(),
                        Optional.empty(),
                        AT)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of("admin-perm"),
                List.of("strict", "dump"),
                Optional.of("CONFIG_DEMO"),
                AT);
        Operation ntf = new Operation(
                "ntf",
                "",
                OptionalInt.empty(),
                OptionalInt.of(2),
                Optional.of("main"),
                Optional.of("hdr"),
                Optional.empty(),
                Optional.empty(),
                Optional.of("get"),
                Optional.empty(),
                Optional.of("mon"),
                List.of(),
                List.of(),
                Optional.empty(),
                AT);
        Operation evt = new Operation(
                "evt",
                "",
                OptionalInt.empty(),
                OptionalInt.of(3),
                Optional.of("inner"),
                Optional.of("hdr"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(message("a", "b")),
                Optional.of("mon"),
                List.of(),
                List.of(),
                Optional.empty(),
                AT);

        return new Family(
                "demo",
                "demo.yaml",
                "0123456789abcdef",
                Protocol.GENETLINK_LEGACY,
                OptionalInt.empty(),
                OptionalInt.of(2),
                Optional.of("linux/demo.h"),
                "A demo family.",
                MsgIdModel.UNIFIED,
                Map.of("c-version-name", "DEMO_FAMILY_VERSION", "c-family-name", "DEMO_FAMILY_NAME"),
                Map.of("name-prefix", "demo-cmd-"),
                Optional.of("hdr"),
                definitions,
                List.of(main, inner, subset),
                List.of(subMessage),
                List.of(unspec, get, ntf, evt),
                List.of(
                        new McastGroup("mon", OptionalInt.empty(), Optional.empty(), List.of(), AT),
                        new McastGroup("raw", OptionalInt.of(5), Optional.of("DEMO_RAW"), List.of("admin-perm"), AT)),
                AT);
    }

    private static EnumEntry entry(String name, long value) {
        return new EnumEntry(name, value, "", AT);
    }

    private static StructMember member(
            String name,
            StructMember.MemberType type,
            ByteOrder order,
            Optional<String> enumName,
            Optional<DisplayHint> hint,
            int offset,
            int size) {
        return new StructMember(name, type, order, enumName, false, hint, offset, size, "", AT);
    }

    private static AttrType.Scalar scalar(
            IntKind kind, ByteOrder order, Optional<String> enumName, boolean asFlags, Optional<DisplayHint> hint) {
        return new AttrType.Scalar(kind, order, enumName, asFlags, hint);
    }

    private static Attribute attr(String name, int value, AttrType type) {
        return attr(name, value, type, false, Checks.NONE, Optional.empty());
    }

    private static Attribute attr(
            String name, int value, AttrType type, boolean multi, Checks checks, Optional<String> namePrefix) {
        return new Attribute(name, value, type, multi, checks, namePrefix, List.of(), "doc of " + name, AT);
    }

    private static Operation.Message message(String... attributes) {
        return new Operation.Message(List.of(attributes), AT);
    }
}
