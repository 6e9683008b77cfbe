package io.ynl4j.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.MalformedMessageException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AttrReader} over hand-written bytes (little-endian host order): every getter, and every
 * way the bytes can be malformed, with the exact message.
 */
class AttrReaderTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the hex below is little-endian host order");
    }

    private static AttrReader reader(String spacedHex) {
        return AttrReader.of(HexFormat.of().parseHex(spacedHex.replace(" ", "")));
    }

    /** A reader positioned on the first attribute. */
    private static AttrReader first(String spacedHex) {
        AttrReader r = reader(spacedHex);
        assertThat(r.next()).isTrue();
        return r;
    }

    @Test
    void readsUnsignedScalarsInHostAndNetworkOrder() {
        assertThat(first("05000100 ab000000").u8()).isEqualTo(0xab);
        assertThat(first("06000100 34120000").u16()).isEqualTo(0x1234);
        assertThat(first("06000100 12340000").u16be()).isEqualTo(0x1234);
        assertThat(first("08000100 78563412").u32()).isEqualTo(0x12345678L);
        assertThat(first("08000100 ffffffff").u32()).isEqualTo(0xffffffffL);
        assertThat(first("08000100 12345678").u32be()).isEqualTo(0x12345678L);
        assertThat(first("0c000100 08070605 04030201").u64()).isEqualTo(0x0102030405060708L);
        assertThat(first("0c000100 01020304 05060708").u64be()).isEqualTo(0x0102030405060708L);
        assertThat(first("0c000100 ffffffff ffffffff").u64()).isEqualTo(-1L);
    }

    @Test
    void readsSignedScalarsSignExtended() {
        assertThat(first("05000100 ff000000").s8()).isEqualTo(-1);
        assertThat(first("06000100 feff0000").s16()).isEqualTo(-2);
        assertThat(first("08000100 00000080").s32()).isEqualTo(Integer.MIN_VALUE);
        assertThat(first("0c000100 ffffff7f ffffffff").s64()).isEqualTo(-2147483649L);
    }

    @Test
    void uintAndSintAcceptFourOrEightBytes() {
        assertThat(first("08000100 ffffffff").uint()).isEqualTo(0xffffffffL);
        assertThat(first("0c000100 00000000 01000000").uint()).isEqualTo(0x1_0000_0000L);
        assertThat(first("08000100 ffffffff").sint()).isEqualTo(-1L);
        assertThat(first("08000100 00000080").sint()).isEqualTo(-2147483648L);
        assertThat(first("0c000100 ffffff7f ffffffff").sint()).isEqualTo(-2147483649L);
        assertThatThrownBy(() -> first("06000300 01000000").uint())
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 3): uint expects 4 or 8 bytes, got 2");
        assertThatThrownBy(() -> first("0a000300 01000000 02000000").sint())
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 3): sint expects 4 or 8 bytes, got 6");
    }

    @Test
    void readsStringsUpToTheirNul() {
        assertThat(first("09000300 65746830 00000000").string()).isEqualTo("eth0");
        assertThat(first("05000300 00000000").string()).isEmpty();
        assertThat(first("07000300 c3a90000").string()).isEqualTo("é");
        assertThat(first("0a000300 61620063 64000000").string()).isEqualTo("ab");
        assertThat(first("08000300 61626364").stringUnterminated()).isEqualTo("abcd");
        assertThat(first("09000300 61626364 00000000").stringUnterminated()).isEqualTo("abcd");
    }

    @Test
    void stringWithoutNulIsMalformed() {
        assertThatThrownBy(() -> first("08000300 61626364").string())
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 3): string of 4 bytes has no terminating NUL")
                .satisfies(e -> {
                    MalformedMessageException m = (MalformedMessageException) e;
                    assertThat(m.offset()).isEqualTo(4);
                    assertThat(m.path()).isEqualTo("3");
                });
    }

    @Test
    void readsBinaryFlagAndBitfield32() {
        AttrReader r = reader("07000600 01020300 04000500 0c000700 05000000 0f000000");
        assertThat(r.next()).isTrue();
        assertThat(r.bytes()).isEqualTo(Bytes.of(new byte[] {1, 2, 3}));
        assertThat(r.byteArray()).containsExactly(1, 2, 3);
        assertThat(r.next()).isTrue();
        assertThat(r.type()).isEqualTo(5);
        assertThat(r.length()).isZero();
        assertThat(r.next()).isTrue();
        assertThat(r.bitfield32()).isEqualTo(0xfL << 32 | 0x5L);
        assertThat(r.next()).isFalse();
    }

    @Test
    void typeMasksTheNestedAndByteOrderFlagsRawTypeKeepsThem() {
        AttrReader r = reader("04000180 08000240 01020304");
        assertThat(r.next()).isTrue();
        assertThat(r.type()).isEqualTo(1);
        assertThat(r.rawType()).isEqualTo(0x8001);
        assertThat(r.next()).isTrue();
        assertThat(r.type()).isEqualTo(2);
        assertThat(r.rawType()).isEqualTo(0x4002);
        assertThat(r.u32be()).isEqualTo(0x01020304L);
    }

    @Test
    void lastAttributeMayLackItsPaddingAndTrailingZeroPaddingIsAccepted() {
        AttrReader unpadded = reader("05000100 07");
        assertThat(unpadded.next()).isTrue();
        assertThat(unpadded.u8()).isEqualTo(7);
        assertThat(unpadded.next()).isFalse();
        AttrReader padded = reader("08000100 01000000 0000");
        assertThat(padded.next()).isTrue();
        assertThat(padded.next()).isFalse();
        assertThat(reader("").next()).isFalse();
    }

    @Test
    void lengthBelowTheHeaderIsMalformed() {
        AttrReader r = reader("08000100 01000000 03000200");
        assertThat(r.next()).isTrue();
        assertThatThrownBy(r::next)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 8: attribute length 3 is below the header size"
                        + " (expected: at least 4)");
    }

    @Test
    void lengthPastTheEndIsMalformed() {
        assertThatThrownBy(() -> reader("0c000100 01000000").next())
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage(
                        "malformed netlink data at byte 0: attribute of type 1 has length 12 but only 8 bytes remain");
    }

    @Test
    void lengthPastTheEndOfTheEnclosingNestIsMalformedWithTheNestsPath() {
        // Nest 2 (8 bytes) holds an attribute claiming 8 bytes of which only 4 are inside the nest.
        AttrReader r = first("08000280 08000300 01000000");
        AttrReader nested = r.nested();
        assertThatThrownBy(nested::next)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 2): attribute of type 3 has length 8 but only"
                        + " 4 bytes remain");
    }

    @Test
    void trailingNonZeroBytesShorterThanAHeaderAreMalformed() {
        AttrReader r = reader("08000100 01000000 0001");
        assertThat(r.next()).isTrue();
        assertThatThrownBy(r::next)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage(
                        "malformed netlink data at byte 8: 2 trailing bytes, too short for an attribute header (4)");
    }

    @Test
    void payloadTooShortForTheTypeIsMalformed() {
        assertThatThrownBy(() -> first("06000100 01000000").u32())
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 1): u32 expects 4 bytes, got 2");
        assertThatThrownBy(() -> first("04000100").u8())
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 1): u8 expects 1 bytes, got 0");
        assertThatThrownBy(() -> first("08000100 01000000").u64be())
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 1): u64 expects 8 bytes, got 4");
        assertThatThrownBy(() -> first("08000100 01000000").bitfield32())
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 1): bitfield32 expects 8 bytes, got 4");
    }

    @Test
    void payloadTooShortInsideANestNamesTheWholePath() {
        AttrReader outer = first("0c000280 06000300 01000000");
        AttrReader inner = outer.nested();
        assertThat(inner.next()).isTrue();
        assertThatThrownBy(inner::u32)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 8 (attribute 2/3): u32 expects 4 bytes, got 2");
    }

    @Test
    void pathNamesTheCurrentAttributeAndItsEnclosingNests() {
        // nest 5 { u8 1, nest 7 { flag 9 } }, then u8 6
        AttrReader r = reader("14000580 05000100 01000000 08000780 04000900 05000600 02000000");
        assertThat(r.path()).isEmpty();
        assertThat(r.next()).isTrue();
        assertThat(r.path()).isEqualTo("5");
        AttrReader five = r.nested();
        assertThat(five.path()).isEqualTo("5");
        assertThat(five.next()).isTrue();
        assertThat(five.path()).isEqualTo("5/1");
        assertThat(five.next()).isTrue();
        AttrReader seven = five.nested();
        assertThat(seven.next()).isTrue();
        assertThat(seven.path()).isEqualTo("5/7/9");
        assertThat(seven.next()).isFalse();
        assertThat(seven.path()).isEqualTo("5/7");
        assertThat(five.next()).isFalse();
        assertThat(r.next()).isTrue();
        assertThat(r.path()).isEqualTo("6");
        assertThat(r.u8()).isEqualTo(2);
    }

    @Test
    void nestingIsBoundedAt32Levels() {
        MessageWriter w = new MessageWriter();
        int[] tokens = new int[AttrReader.MAX_DEPTH + 1];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = w.beginNest(1);
        }
        for (int i = tokens.length - 1; i >= 0; i--) {
            w.endNest(tokens[i]);
        }
        AttrReader r = AttrReader.of(w.toByteArray());
        for (int depth = 0; depth < AttrReader.MAX_DEPTH; depth++) {
            assertThat(r.next()).isTrue();
            r = r.nested();
        }
        assertThat(r.next()).isTrue();
        AttrReader deepest = r;
        assertThatThrownBy(deepest::nested)
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 132 (attribute "
                        + String.join("/", Collections.nCopies(33, "1"))
                        + "): attributes nest deeper than 32 levels");
    }

    @Test
    void structAcceptsLongerPayloadsAndKeepsTheExtraBytes() {
        AttrReader r = first("10000100 01000203 07060504 aabbccdd");
        StructReader s = r.struct(8);
        assertThat(s.length()).isEqualTo(12);
        assertThat(s.u8(0)).isEqualTo(1);
        assertThat(s.u16(2, true)).isEqualTo(0x0203);
        assertThat(s.u32(4, false)).isEqualTo(0x04050607L);
        assertThat(s.extra(8)).isEqualTo(Bytes.fromHex("aabbccdd"));
        assertThat(r.struct(12).extra(12)).isEqualTo(Bytes.of());
    }

    @Test
    void structRejectsShorterPayloads() {
        assertThatThrownBy(() -> first("10000100 01000203 07060504 aabbccdd").struct(16))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 1): struct expects 16 bytes, got 12");
    }

    @Test
    void structReaderReadsMembersAtOffsets() {
        StructReader s = first("1c000900 01ff0203 07060504 0908000b 61620000 11121314 15161718")
                .struct(24);
        assertThat(s.u8(0)).isEqualTo(1);
        assertThat(s.s8(1)).isEqualTo(-1);
        assertThat(s.u16(2, true)).isEqualTo(0x0203);
        assertThat(s.s16(2, false)).isEqualTo(0x0302);
        assertThat(s.u32(4, false)).isEqualTo(0x04050607L);
        assertThat(s.s32(4, true)).isEqualTo(0x07060504);
        assertThat(s.u16(8, false)).isEqualTo(0x0809);
        assertThat(s.u8(11)).isEqualTo(0x0b);
        assertThat(s.string(12, 4)).isEqualTo("ab");
        assertThat(s.bytes(12, 3)).isEqualTo(Bytes.fromHex("616200"));
        assertThat(s.u64(16, true)).isEqualTo(0x1112131415161718L);
        assertThat(s.struct(4, 4).u32(0, false)).isEqualTo(0x04050607L);
    }

    @Test
    void gettersBeforeNextAreAProgrammingError() {
        AttrReader r = reader("08000100 01000000");
        assertThatThrownBy(r::type)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no current attribute: call next() first");
        assertThatThrownBy(r::u32).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRangeOutsideTheBufferIsMalformed() {
        MemorySegment seg = MemorySegment.ofArray(HexFormat.of().parseHex("ffffffff04000100"));
        assertThatThrownBy(() -> AttrReader.of(seg, 4, 12))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage(
                        "malformed netlink data at byte 4: attribute range [4, 12) is outside the buffer of 8 bytes");
        AttrReader inner = AttrReader.of(seg, 4, 8);
        assertThat(inner.next()).isTrue();
        assertThat(inner.length()).isZero();
    }
}
