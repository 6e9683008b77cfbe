package io.ynl4j.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ynl4j.runtime.Bytes;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact encodings of {@link MessageWriter} and {@link StructWriter}, written out in hex (host
 * order is little-endian on the machines these expectations are for).
 */
class MessageWriterTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the hex below is little-endian host order");
    }

    private static String hex(MessageWriter w) {
        return HexFormat.of().formatHex(w.toByteArray());
    }

    /** Hex with spaces for readability. */
    private static String h(String spaced) {
        return spaced.replace(" ", "");
    }

    @Test
    void u8IsPaddedToFourBytesWithZerosEvenInAReusedBuffer() {
        MessageWriter w = new MessageWriter(16);
        byte[] ones = new byte[16];
        Arrays.fill(ones, (byte) 0xff);
        w.bytes(9, ones);
        w.reset();
        w.u8(1, 0xab);
        assertThat(hex(w)).isEqualTo(h("05000100 ab000000"));
        assertThat(w.size()).isEqualTo(8);
    }

    @Test
    void u16InHostAndNetworkOrder() {
        MessageWriter w = new MessageWriter();
        w.u16(2, 0x1234, false);
        w.u16(2, 0x1234, true);
        assertThat(hex(w)).isEqualTo(h("06000200 34120000 06000200 12340000"));
    }

    @Test
    void u32InHostAndNetworkOrder() {
        MessageWriter w = new MessageWriter();
        w.u32(3, 0x12345678L, false);
        w.u32(3, 0x12345678L, true);
        w.u32(3, 0xffffffffL, false);
        assertThat(hex(w)).isEqualTo(h("08000300 78563412 08000300 12345678 08000300 ffffffff"));
    }

    @Test
    void u64InHostAndNetworkOrderAndAfterAnOddAttribute() {
        MessageWriter w = new MessageWriter();
        w.u64(4, 0x0102030405060708L, false);
        w.u64(4, 0x0102030405060708L, true);
        w.u8(1, 1);
        w.u64(5, -2, false); // payload at offset 36: 4-byte aligned only, as netlink allows
        assertThat(hex(w))
                .isEqualTo(h("0c000400 08070605 04030201 0c000400 01020304 05060708 05000100 01000000"
                        + " 0c000500 feffffff ffffffff"));
    }

    @Test
    void uintTakesFourBytesUpTo2pow32Minus1AndEightFrom2pow32() {
        MessageWriter w = new MessageWriter();
        w.uint(1, 0L);
        w.uint(1, 0xffffffffL);
        w.uint(1, 0x1_0000_0000L);
        w.uint(1, -1L); // 2^64-1 in bits
        assertThat(hex(w))
                .isEqualTo(h("08000100 00000000 08000100 ffffffff 0c000100 00000000 01000000"
                        + " 0c000100 ffffffff ffffffff"));
    }

    @Test
    void sintTakesFourBytesFromMinus2pow31To2pow31Minus1AndEightOutside() {
        MessageWriter w = new MessageWriter();
        w.sint(1, -2147483648L);
        w.sint(1, -2147483649L);
        w.sint(1, 2147483647L);
        w.sint(1, 2147483648L);
        w.sint(1, -1L);
        assertThat(hex(w))
                .isEqualTo(h("08000100 00000080 0c000100 ffffff7f ffffffff 08000100 ffffff7f"
                        + " 0c000100 00000080 00000000 08000100 ffffffff"));
    }

    @Test
    void stringsCarryTheirNulAndArePadded() {
        MessageWriter w = new MessageWriter();
        w.string(3, "eth0");
        w.string(3, "");
        w.string(3, "é");
        w.string(3, "abc");
        assertThat(hex(w))
                .isEqualTo(h("09000300 65746830 00000000 05000300 00000000 07000300 c3a90000" + " 08000300 61626300"));
    }

    @Test
    void flagBinaryAndBitfield32() {
        MessageWriter w = new MessageWriter();
        w.flag(5);
        w.bytes(6, new byte[] {1, 2, 3});
        w.bytes(6, Bytes.fromHex("0a000001"));
        w.bytes(6, new byte[0]);
        w.bitfield32(7, 0x5, 0xf);
        assertThat(hex(w))
                .isEqualTo(h("04000500 07000600 01020300 08000600 0a000001 04000600 0c000700 05000000 0f000000"));
    }

    @Test
    void binaryFromBytesLargerThanTheBufferGrowsItAndCopiesEveryByte() {
        byte[] big = new byte[50_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        MessageWriter w = new MessageWriter();
        w.u8(1, 3);
        w.bytes(2, Bytes.wrap(big.clone()));
        byte[] out = w.toByteArray();
        assertThat(out).hasSize(8 + 4 + 50_004); // u8 attribute, header, payload padded to 4
        assertThat(java.util.Arrays.copyOfRange(out, 12, 12 + big.length)).isEqualTo(big);
        assertThat(java.util.Arrays.copyOfRange(out, 12 + big.length, out.length))
                .containsOnly(0);
    }

    @Test
    void nestSetsNlaFNestedAndPatchesItsLengthIncludingThePaddingOfItsLastMember() {
        MessageWriter w = new MessageWriter();
        int nest = w.beginNest(1);
        w.u32(2, 7, false);
        w.u8(3, 9);
        w.endNest(nest);
        assertThat(hex(w)).isEqualTo(h("14000180 08000200 07000000 05000300 09000000"));
    }

    @Test
    void nestsInsideNestsAndEmptyNestsAndNestsWithoutTheFlag() {
        MessageWriter w = new MessageWriter();
        int outer = w.beginNest(1);
        int inner = w.beginNest(2);
        w.flag(3);
        w.endNest(inner);
        w.u16(4, 1, false);
        w.endNest(outer);
        int empty = w.beginNest(5);
        w.endNest(empty);
        int legacy = w.beginNest(6, false);
        w.u8(1, 2);
        w.endNest(legacy);
        assertThat(hex(w))
                .isEqualTo(h("14000180 08000280 04000300 06000400 01000000 04000580 0c000600 05000100 02000000"));
    }

    @Test
    void nestAfterRawBytesOfOddLengthCoversThePadding() {
        MessageWriter w = new MessageWriter();
        int nest = w.beginNest(1);
        w.raw(new byte[] {5, 0, 2, 0, 0x11}); // an attribute kept as received, without its padding
        w.endNest(nest);
        assertThat(hex(w)).isEqualTo(h("0c000180 05000200 11000000"));
    }

    @Test
    void messageWithFixedHeaderAndAttributesGetsItsLengthPatched() {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(20, 0x605);
        StructWriter ifa = w.fixedHeader(8);
        ifa.u8(0, 2);
        ifa.u8(1, 24);
        ifa.u32(4, 7, false);
        w.bytes(2, new byte[] {(byte) 192, (byte) 168, 0, 1});
        w.endMessage(msg);
        assertThat(hex(w)).isEqualTo(h("20000000 14000506 00000000 00000000 02180000 07000000 08000200 c0a80001"));
    }

    @Test
    void attributesAfterAFixedHeaderOfOddSizeStartAligned() {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(22, 0x301);
        w.fixedHeader(1).u8(0, 2); // rtgenmsg
        w.u32(1, 5, false);
        w.endMessage(msg);
        assertThat(hex(w)).isEqualTo(h("1c000000 16000103 00000000 00000000 02000000 08000100 05000000"));
    }

    @Test
    void genetlinkHeaderAndTwoMessagesInOneBuffer() {
        MessageWriter w = new MessageWriter();
        int first = w.beginMessage(0x10, 0x5);
        w.genlHeader(3, 1);
        w.string(2, "netdev");
        w.endMessage(first);
        int second = w.beginMessage(0x10, 0x5);
        w.genlHeader(3, 1);
        w.endMessage(second);
        assertThat(hex(w))
                .isEqualTo(h("20000000 10000500 00000000 00000000 03010000 0b000200 6e657464 65760000"
                        + " 14000000 10000500 00000000 00000000 03010000"));
    }

    @Test
    void structMembersLandAtTheirOffsetsInTheirByteOrder() {
        MessageWriter w = new MessageWriter();
        StructWriter s = w.struct(9, 24);
        s.u8(0, 1);
        s.u16(2, 0x0203, true);
        s.u32(4, 0x04050607L, false);
        s.u16(8, 0x0809, false);
        s.u8(11, 0x0b);
        s.string(12, 4, "ab");
        s.u64(16, 0x1112131415161718L, true);
        assertThat(hex(w)).isEqualTo(h("1c000900 01000203 07060504 0908000b 61620000 11121314 15161718"));
    }

    @Test
    void nestedStructAndByteArrayMembersAreZeroPadded() {
        MessageWriter w = new MessageWriter();
        StructWriter s = w.struct(1, 10);
        s.bytes(0, 6, Bytes.fromHex("020000"));
        s.struct(6, 4).u16(2, 0xabcd, true);
        assertThat(hex(w)).isEqualTo(h("0e000100 02000000 00000000 abcd0000"));
    }

    @Test
    void structMembersOutsideTheStructAreRefused() {
        StructWriter s = new MessageWriter().struct(1, 12);
        assertThatThrownBy(() -> s.u32(10, 1, false))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("member at offset 10 (4 bytes) is outside the struct of 12 bytes");
        assertThatThrownBy(() -> s.string(8, 4, "abcd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("string of 4 bytes does not fit a member of 4 bytes with its NUL");
        assertThatThrownBy(() -> s.bytes(8, 2, Bytes.fromHex("010203")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value of 3 bytes does not fit a member of 2");
    }

    @Test
    void payloadsBeyondNlaLenAreRefused() {
        MessageWriter w = new MessageWriter();
        w.bytes(1, new byte[65531]);
        assertThat(w.size()).isEqualTo(65536);
        assertThatThrownBy(() -> w.bytes(1, new byte[65532]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute 1 payload of 65532 bytes exceeds the 65531-byte limit of nla_len");
        MessageWriter n = new MessageWriter();
        int nest = n.beginNest(2);
        n.bytes(1, new byte[65528]);
        assertThatThrownBy(() -> n.endNest(nest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nest of 65536 bytes exceeds the 65535-byte limit of nla_len");
    }

    @Test
    void u8ThatMakesTheBufferGrowLandsInTheNewBuffer() {
        for (int capacity = 16; capacity <= 24; capacity++) {
            MessageWriter w = new MessageWriter(capacity);
            w.u32(1, 0x11111111L, false);
            w.u32(2, 0x22222222L, false);
            w.u8(3, 0xab); // needs bytes 16..23: grows the buffer
            assertThat(hex(w))
                    .as("capacity %d", capacity)
                    .isEqualTo(h("08000100 11111111 08000200 22222222 05000300 ab000000"));
        }
    }

    @Test
    void theBufferGrowsAndKeepsEverything() {
        MessageWriter w = new MessageWriter(16);
        for (int i = 0; i < 1000; i++) {
            w.u32(i, i, false);
        }
        AttrReader r = AttrReader.of(w.toByteArray());
        for (int i = 0; i < 1000; i++) {
            assertThat(r.next()).isTrue();
            assertThat(r.type()).isEqualTo(i);
            assertThat(r.u32()).isEqualTo(i);
        }
        assertThat(r.next()).isFalse();
    }
}
