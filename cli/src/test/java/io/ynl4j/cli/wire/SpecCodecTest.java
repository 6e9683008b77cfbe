package io.ynl4j.cli.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ynl4j.cli.json.Json;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Operation;
import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecLoader;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SpecCodec} on a small spec with every attribute kind: the bytes each JSON value encodes to (little-endian
 * hosts: the vectors are written for them), the JSON those bytes decode to, and the messages of JSON the spec does not
 * allow.
 */
class SpecCodecTest {
    static final String SPEC = """
            # SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
            name: codec
            protocol: netlink-raw
            protonum: 0
            doc: Every attribute kind.
            definitions:
              - name: color
                type: enum
                entries: [ red, green, blue ]
              - name: perm
                type: flags
                entries: [ read, write, exec ]
              - name: hdr
                type: struct
                members:
                  - name: family
                    type: u8
                  - name: pad
                    type: pad
                    len: 3
                  - name: index
                    type: s32
                  - name: mode
                    type: u16
                    enum: color
                  - name: opts
                    type: u16
                    enum: perm
              - name: pair
                type: struct
                members:
                  - name: a
                    type: u16
                  - name: b
                    type: u16
                    byte-order: big-endian
                  - name: mac
                    type: binary
                    len: 6
                    display-hint: mac
                  - name: name
                    type: string
                    len: 6
            attribute-sets:
              - name: main
                attributes:
                  - { name: u8v, type: u8, value: 1 }
                  - { name: u16v, type: u16 }
                  - { name: u32v, type: u32 }
                  - { name: u64v, type: u64 }
                  - { name: s8v, type: s8 }
                  - { name: s16v, type: s16 }
                  - { name: s32v, type: s32 }
                  - { name: s64v, type: s64 }
                  - { name: uintv, type: uint }
                  - { name: sintv, type: sint }
                  - { name: be16, type: u16, byte-order: big-endian }
                  - { name: name, type: string }
                  - { name: up, type: flag }
                  - { name: blob, type: binary }
                  - { name: addr4, type: u32, byte-order: big-endian, display-hint: ipv4 }
                  - { name: addr6, type: binary, display-hint: ipv6 }
                  - { name: addr, type: binary, display-hint: ipv4-or-v6 }
                  - { name: mac, type: binary, display-hint: mac }
                  - { name: id, type: binary, display-hint: uuid }
                  - { name: mask, type: u32, display-hint: hex }
                  - { name: color, type: u32, enum: color }
                  - { name: perm, type: u32, enum: perm }
                  - { name: colors, type: u32, enum: color, enum-as-flags: true }
                  - { name: pair, type: binary, struct: pair }
                  - { name: words, type: binary, sub-type: u32 }
                  - { name: tag, type: u32, multi-attr: true }
                  - { name: items, type: indexed-array, sub-type: nest, nested-attributes: item }
                  - { name: nums, type: indexed-array, sub-type: u32 }
                  - { name: table, type: nest-type-value, nested-attributes: item, type-value: [ key ] }
                  - { name: counters, type: u32, type-value: [ id ] }
                  - { name: bits, type: bitfield32, enum: perm }
                  - { name: kind, type: string }
                  - { name: inner, type: nest, nested-attributes: outer }
                  - { name: data, type: sub-message, sub-message: data, selector: kind }
                  - { name: pad, type: pad }
                  - { name: old, type: unused, value: 40 }
              - name: item
                attributes:
                  - { name: x, type: u32, value: 1 }
                  - { name: label, type: string }
              - name: outer
                attributes:
                  - { name: data, type: sub-message, sub-message: data, selector: kind, value: 1 }
              - name: body
                attributes:
                  - { name: y, type: u16, value: 1 }
            sub-messages:
              - name: data
                formats:
                  - value: tun
                    attribute-set: body
                  - value: hdr
                    fixed-header: pair
                  - value: both
                    fixed-header: pair
                    attribute-set: body
            operations:
              fixed-header: hdr
              list:
                - name: get
                  doc: Get.
                  attribute-set: main
                  value: 16
                  do:
                    request:
                      attributes: [ u8v ]
            """;

    static final HexFormat HEX = HexFormat.of();
    /** nlmsghdr and the fixed header hdr: what precedes the attributes. */
    static final int HEADERS = 16 + 12;

    static SpecCodec codec;
    static Operation get;

    @BeforeAll
    static void load() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vectors are little-endian");
        LoadResult result = SpecLoader.create().withAutoSchema(false).load("codec.yaml", SPEC.getBytes(UTF_8));
        Family family = result.family().orElseThrow(() -> new AssertionError(result.render()));
        codec = new SpecCodec(family);
        get = family.operation("get").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    /** The whole message for a JSON request. */
    static byte[] encodeMessage(String json) {
        MessageWriter out = new MessageWriter();
        codec.encodeRequest(out, get, false, json(json), 0x5, 0);
        return out.toByteArray();
    }

    /** The attributes (hex) a JSON request encodes to. */
    static String encode(String json) {
        byte[] b = encodeMessage(json);
        return HEX.formatHex(b, HEADERS, b.length);
    }

    /** The JSON (without the fixed header's members) that attributes (hex) decode to. */
    static Map<String, Object> decode(String attrsHex) {
        Map<String, Object> all = decodeMessage(attrsHex);
        for (String member : List.of("family", "index", "mode", "opts")) {
            all.remove(member);
        }
        return all;
    }

    /** The JSON of a message with a zero fixed header and the attributes (hex). */
    static Map<String, Object> decodeMessage(String attrsHex) {
        byte[] attrs = HEX.parseHex(attrsHex.replaceAll("\\s+", ""));
        byte[] m = new byte[HEADERS + attrs.length];
        m[0] = (byte) m.length;
        m[4] = 16;
        System.arraycopy(attrs, 0, m, HEADERS, attrs.length);
        return codec.decode(new NetlinkMessage(MemorySegment.ofArray(m), 0, m.length), get);
    }

    /** JSON encodes to the attributes, which decode to the same JSON. */
    static void both(String json, String attrsHex) {
        String expected = attrsHex.replaceAll("\\s+", "");
        assertThat(encode(json)).as("encoding %s", json).isEqualTo(expected);
        assertThat(decode(expected)).as("decoding %s", expected).isEqualTo(json(json));
    }

    static void fails(String json, String message) {
        assertThatThrownBy(() -> encode(json))
                .isInstanceOf(CodecException.class)
                .hasMessage(message);
    }

    // Scalars.

    @Test
    void integersOfEveryWidthAndSign() {
        both("{\"u8v\": 255}", "05000100 ff000000");
        both("{\"u16v\": 65535}", "06000200 ffff0000");
        both("{\"u32v\": 4294967295}", "08000300 ffffffff");
        both("{\"u64v\": 18446744073709551615}", "0c000400 ffffffffffffffff");
        both("{\"s8v\": -128}", "05000500 80000000");
        both("{\"s16v\": -2}", "06000600 feff0000");
        both("{\"s32v\": -2147483648}", "08000700 00000080");
        both("{\"s64v\": -9223372036854775808}", "0c000800 0000000000000080");
        both("{\"be16\": 258}", "06000b00 01020000");
    }

    @Test
    void variableWidthIntegersTakeFourBytesWhenTheyFit() {
        both("{\"uintv\": 4294967295}", "08000900 ffffffff");
        both("{\"uintv\": 4294967296}", "0c000900 0000000001000000");
        both("{\"sintv\": -1}", "08000a00 ffffffff");
        both("{\"sintv\": -2147483649}", "0c000a00 ffffff7fffffffff");
    }

    @Test
    void integersAlsoComeAsNumericStrings() {
        assertThat(encode("{\"u32v\": \"0x10\"}")).isEqualTo("08000300 10000000".replace(" ", ""));
        assertThat(encode("{\"s8v\": \"-3\"}")).isEqualTo("05000500 fd000000".replace(" ", ""));
    }

    @Test
    void outOfRangeIntegersAreRefusedWithTheRange() {
        fails("{\"u8v\": 256}", "u8v: 256 is out of range for u8 (0 to 255)");
        fails("{\"u8v\": -1}", "u8v: -1 is out of range for u8 (0 to 255)");
        fails("{\"s8v\": -129}", "s8v: -129 is out of range for s8 (-128 to 127)");
        fails("{\"u16v\": 65536}", "u16v: 65536 is out of range for u16 (0 to 65535)");
        fails("{\"s32v\": 2147483648}", "s32v: 2147483648 is out of range for s32 (-2147483648 to 2147483647)");
        fails(
                "{\"u64v\": 18446744073709551616}",
                "u64v: 18446744073709551616 is out of range for u64 (0 to 18446744073709551615)");
        fails("{\"uintv\": -1}", "uintv: -1 is out of range for uint (0 to 18446744073709551615)");
        fails("{\"u32v\": 1.5}", "u32v: expected an integer, got 1.5");
        fails("{\"u32v\": \"ten\"}", "u32v: expected an integer, got \"ten\"");
        fails("{\"u32v\": {\"a\": 1}}", "u32v: expected an integer, got an object");
        fails("{\"u32v\": [[1]]}", "u32v[0]: a list is for flags; expected an integer");
    }

    // Enums and flags.

    @Test
    void enumValuesByNameOrNumber() {
        both("{\"color\": \"blue\"}", "08001500 02000000");
        assertThat(encode("{\"color\": 1}")).isEqualTo(encode("{\"color\": \"green\"}"));
        both("{\"color\": 7}", "08001500 07000000"); // no entry: the number
        fails("{\"color\": \"pink\"}", "color: \"pink\" is not an entry of color (it has: red, green, blue)");
    }

    @Test
    void flagsAsListsOfNamesWithNumbersForUnknownBits() {
        both("{\"perm\": [\"read\", \"exec\"]}", "08001600 05000000");
        assertThat(decode("08001600 06000000")).isEqualTo(json("{\"perm\": [\"write\", \"exec\"]}"));
        assertThat(encode("{\"perm\": 6}")).isEqualTo(encode("{\"perm\": [\"write\", \"exec\"]}"));
        assertThat(encode("{\"perm\": \"write\"}")).isEqualTo(encode("{\"perm\": [\"write\"]}"));
        both("{\"perm\": [\"read\", 16]}", "08001600 11000000");
        both("{\"perm\": []}", "08001600 00000000");
    }

    @Test
    void anEnumAsFlagsTakesOneBitPerEntry() {
        both("{\"colors\": [\"red\", \"blue\"]}", "08001700 05000000");
    }

    @Test
    void fixedHeaderMembersAreAtTheTopLevelByName() {
        byte[] m = encodeMessage(
                "{\"family\": 10, \"index\": -1, \"mode\": \"green\", \"opts\": [\"write\"], \"u8v\": 1}");
        assertThat(HEX.formatHex(m, 16, m.length)).isEqualTo("0a000000ffffffff0100020005000100" + "01000000");
        Map<String, Object> back = codec.decode(new NetlinkMessage(MemorySegment.ofArray(m), 0, m.length), get);
        assertThat(back)
                .isEqualTo(json(
                        "{\"family\": 10, \"index\": -1, \"mode\": \"green\", \"opts\": [\"write\"], \"u8v\": 1}"));
        fails(
                "{\"indx\": 1}",
                "indx: no such attribute in main nor member of the fixed header hdr (did you mean 'index'?)");
    }

    // Strings, flags, binary, display hints.

    @Test
    void stringsFlagsAndBinary() {
        both("{\"name\": \"eth0\"}", "09000c00 65746830 00000000");
        both("{\"up\": true}", "04000d00");
        assertThat(encode("{\"up\": false}")).isEmpty();
        both("{\"blob\": \"0102ff\"}", "07000e00 0102ff00");
        both("{\"blob\": \"\"}", "04000e00");
        fails("{\"blob\": \"0g\"}", "blob: expected hex digits, got \"0g\"");
    }

    @Test
    void addressesAsTextBothWays() {
        both("{\"addr4\": \"192.0.2.1\"}", "08000f00 c0000201");
        both("{\"addr\": \"10.0.0.1\"}", "08001100 0a000001");
        both("{\"addr6\": \"2001:db8::1\"}", "14001000 20010db8000000000000000000000001");
        assertThat(encode("{\"addr6\": \"2001:0db8:0:0:0:0:0:1\"}")).isEqualTo(encode("{\"addr6\": \"2001:db8::1\"}"));
        fails("{\"addr6\": \"10.0.0.1\"}", "addr6: expected an IPv6 address, got \"10.0.0.1\"");
        fails("{\"addr4\": \"2001:db8::1\"}", "addr4: expected an IPv4 address, got \"2001:db8::1\"");
        // inet_aton's short forms and leading zeros are not addresses (ynl and ip refuse them too)
        fails("{\"addr4\": \"1.2.3\"}", "addr4: expected an IP address, got \"1.2.3\"");
        fails("{\"addr4\": \"10.0.0.01\"}", "addr4: expected an IP address, got \"10.0.0.01\"");
        fails("{\"addr4\": \"256.0.0.1\"}", "addr4: expected an IP address, got \"256.0.0.1\"");
    }

    @Test
    void ipv6AddressesCompressTheLongestRunOfZeroGroupsAsInetNtop() {
        assertThat(Hints.address(HEX.parseHex("20010db8000000010000000000000001")))
                .isEqualTo("2001:db8:0:1::1");
        assertThat(Hints.address(HEX.parseHex("20010db8000000000001000000000001")))
                .isEqualTo("2001:db8::1:0:0:1"); // a tie: the first run
        assertThat(Hints.address(HEX.parseHex("20010db8000000010001000100010001")))
                .isEqualTo("2001:db8:0:1:1:1:1:1"); // one zero group stays
        assertThat(Hints.address(new byte[16])).isEqualTo("::");
        assertThat(Hints.address(HEX.parseHex("00000000000000000000ffffc0000201")))
                .isEqualTo("::ffff:192.0.2.1");
        assertThat(Hints.address(HEX.parseHex("fe800000000000000000000000000000")))
                .isEqualTo("fe80::");
        both("{\"addr6\": \"::ffff:192.0.2.1\"}", "14001000 00000000000000000000ffffc0000201");
    }

    @Test
    void bytesThatAreNoAddressStayHexAndEncodeBack() {
        both("{\"addr6\": \"010203\"}", "07001000 01020300");
        both("{\"addr\": \"83\"}", "05001100 83000000"); // not the address 0.0.0.83
        both("{\"addr\": \"\"}", "04001100");
        both("{\"id\": \"0102\"}", "06001300 01020000");
    }

    @Test
    void macUuidAndHexHints() {
        both("{\"mac\": \"00:11:22:aa:bb:cc\"}", "0a001200 001122aabbcc0000");
        assertThat(encode("{\"mac\": \"001122aabbcc\"}")).isEqualTo(encode("{\"mac\": \"00:11:22:aa:bb:cc\"}"));
        both("{\"id\": \"00112233-4455-6677-8899-aabbccddeeff\"}", "14001300 00112233445566778899aabbccddeeff");
        both("{\"mask\": \"0xff00\"}", "08001400 00ff0000");
        assertThat(encode("{\"mask\": 65280}")).isEqualTo(encode("{\"mask\": \"0xff00\"}"));
    }

    // Structs and arrays.

    @Test
    void structBinariesAsObjects() {
        both(
                "{\"pair\": {\"a\": 1, \"b\": 2, \"mac\": \"00:11:22:33:44:55\", \"name\": \"ab\"}}",
                "14001800 0100 0002 001122334455 616200000000");
        assertThat(encode("{\"pair\": {\"b\": 2}}")).isEqualTo("14001800" + "0000" + "0002" + "00".repeat(12));
        fails("{\"pair\": {\"c\": 2}}", "pair.c: struct pair has no such member (it has: a, b, mac, name)");
        fails(
                "{\"pair\": {\"name\": \"toolong\"}}",
                "pair.name: string of 7 bytes does not fit a member of 6 bytes with its NUL");
    }

    @Test
    void bytesBeyondAStructAreKeptAsTrailing() {
        both(
                "{\"pair\": {\"a\": 1, \"b\": 0, \"mac\": \"00:00:00:00:00:00\", \"name\": \"\", \"_trailing\": \"abcd\"}}",
                "16001800 0100 0000 000000000000 000000000000 abcd 0000");
        assertThat(decode("08001800 01020304")).isEqualTo(json("{\"pair\": \"01020304\"}")); // too short: hex
        assertThat(encode("{\"pair\": \"01020304\"}")).isEqualTo("0800180001020304");
    }

    @Test
    void binaryArraysOfScalarsAsLists() {
        both("{\"words\": [1, 4294967295]}", "0c001900 01000000 ffffffff");
        fails("{\"words\": [4294967296]}", "words[0]: 4294967296 is out of range for u32 (0 to 4294967295)");
    }

    @Test
    void multiAttrAsLists() {
        both("{\"tag\": [1, 2]}", "08001a00 01000000 08001a00 02000000");
        both("{\"tag\": [3]}", "08001a00 03000000");
        assertThat(encode("{\"tag\": 3}")).isEqualTo(encode("{\"tag\": [3]}"));
    }

    @Test
    void indexedArraysAsListsOfTheirElements() {
        both("{\"nums\": [7, 8]}", "14001c80 08000100 07000000 08000200 08000000");
        both(
                "{\"items\": [{\"1\": {\"x\": 1}}, {\"2\": {\"label\": \"a\"}}]}",
                "1c001b80 0c000180 08000100 01000000 0c000280 06000200 61000000");
        // Without the index wrapper, the elements are numbered from 1.
        assertThat(encode("{\"items\": [{\"x\": 1}, {\"label\": \"a\"}]}"))
                .isEqualTo(encode("{\"items\": [{\"1\": {\"x\": 1}}, {\"2\": {\"label\": \"a\"}}]}"));
        fails("{\"nums\": 7}", "nums: an indexed-array is a list, got an integer");
    }

    @Test
    void typeValueEntriesCarryTheirKeys() {
        both(
                "{\"table\": [{\"key\": 5, \"x\": 1}, {\"key\": 9, \"label\": \"a\"}]}",
                "10001d80 0c000580 08000100 01000000 10001d80 0c000980 06000200 61000000");
        both("{\"counters\": [{\"id\": 3, \"value\": 42}]}", "0c001e80 08000300 2a000000");
        fails("{\"counters\": [{\"value\": 42}]}", "counters[0]: missing \"id\" (the keys of counters are id)");
        fails(
                "{\"counters\": [{\"id\": 20000, \"value\": 42}]}",
                "counters[0].id: 20000 is not an attribute type (0 to 16383)");
    }

    @Test
    void bitfield32AsValueAndSelector() {
        both("{\"bits\": {\"value\": [\"read\"], \"selector\": [\"read\", \"write\"]}}", "0c001f00 01000000 03000000");
        // The selector defaults to the value.
        assertThat(encode("{\"bits\": {\"value\": [\"exec\"]}}")).isEqualTo("0c001f000400000004000000");
        fails("{\"bits\": {\"value\": 1, \"mask\": 1}}", "bits.mask: a bitfield32 has \"value\" and \"selector\" only");
    }

    // Sub-messages.

    @Test
    void subMessagesTakeTheirFormatFromTheSelectorNextToThem() {
        both("{\"kind\": \"tun\", \"data\": {\"y\": 3}}", "08002000 74756e00 0c002280 06000100 03000000");
        both(
                "{\"kind\": \"hdr\", \"data\": {\"a\": 1, \"b\": 2, \"mac\": \"00:00:00:00:00:01\", \"name\": \"x\"}}",
                "08002000 68647200 14002280 0100 0002 000000000001 780000000000");
        both(
                "{\"kind\": \"both\", \"data\": {\"a\": 1, \"b\": 0, \"mac\": \"00:00:00:00:00:00\", \"name\": \"\","
                        + " \"y\": 5}}",
                "09002000 626f7468 00000000 1c002280 0100 0000 000000000000 000000000000 06000100 05000000");
    }

    @Test
    void aSubMessageFindsItsSelectorInAnEnclosingObject() {
        both(
                "{\"kind\": \"tun\", \"inner\": {\"data\": {\"y\": 4}}}",
                "08002000 74756e00 10002180 0c000180 06000100 04000000");
    }

    @Test
    void aSubMessageWithoutAKnownFormatIsHexBothWays() {
        both("{\"kind\": \"zzz\", \"data\": \"0102\"}", "08002000 7a7a7a00 06002200 01020000");
        both("{\"data\": \"0102\"}", "06002200 01020000");
        fails(
                "{\"kind\": \"zzz\", \"data\": {\"y\": 1}}",
                "data: sub-message data has no format for kind \"zzz\" (it has: tun, hdr, both)");
        fails(
                "{\"data\": {\"y\": 1}}",
                "data: sub-message data needs \"kind\" next to it or in an enclosing object to choose its format");
    }

    // What the spec does not describe.

    @Test
    void unknownAttributesDecodeAsHexAndEncodeBackUnderTheirType() {
        both("{\"UnknownAttr(99)\": \"0102\"}", "06006300 01020000");
        both("{\"UnknownAttr(99)\": [\"01\", \"02\"]}", "05006300 01000000 05006300 02000000");
        both("{\"inner\": {\"UnknownAttr(7)\": \"\"}}", "08002180 04000700");
        fails(
                "{\"UnknownAttr(99)\": 1}",
                "UnknownAttr(99): an unknown attribute is its payload as hex digits, got an integer");
        fails(
                "{\"UnknownAttr(99999)\": \"01\"}",
                "UnknownAttr(99999): no such attribute in main nor member of the"
                        + " fixed header hdr (it has: u8v, u16v, u32v, u64v, s8v, s16v, s32v, s64v, uintv, sintv, be16, name,"
                        + " up, blob, addr4, addr6, addr, mac, id, mask, color, perm, colors, pair, words, tag, items, nums,"
                        + " table, counters, bits, kind, inner, data, family, index, mode, opts)");
    }

    @Test
    void aRepeatedNonMultiAttributeDecodesAsAListAndEncodesBackRepeated() {
        both("{\"u32v\": [1, 2]}", "08000300 01000000 08000300 02000000");
        both("{\"name\": [\"a\", \"b\"]}", "06000c00 61000000 06000c00 62000000");
        both("{\"perm\": [[\"read\"], [\"write\"]]}", "08001600 01000000 08001600 02000000");
        both("{\"nums\": [[1], [2]]}", "0c001c80 08000100 01000000 0c001c80 08000100 02000000");
        both("{\"pair\": [\"01\", \"02\"]}", "05001800 01000000 05001800 02000000");
    }

    @Test
    void padAttributesAreSkippedAndUnusedOnesAreUnknown() {
        assertThat(decode("08002300 00000000 05000100 01000000")).isEqualTo(json("{\"u8v\": 1}"));
        both("{\"UnknownAttr(40)\": \"07\"}", "05002800 07000000");
        fails("{\"pad\": \"00\"}", "pad: attribute pad is padding"); // not the fixed header's pad member
        fails("{\"old\": 1}", "old: attribute old is unused");
    }

    @Test
    void decodedJsonEncodesToTheSameMessage() {
        String attrs = "05000100 ff000000 0c000400 ffffffffffffffff 08000f00 c0000201 14001000"
                + " 20010db8000000000000000000000001 08001600 11000000 06006300 01020000";
        Map<String, Object> json = new LinkedHashMap<>(decodeMessage(attrs));
        assertThat(encode(Json.write(json))).isEqualTo(attrs.replace(" ", ""));
    }
}
