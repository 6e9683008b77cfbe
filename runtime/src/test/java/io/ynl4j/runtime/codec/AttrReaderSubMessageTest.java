package io.ynl4j.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ynl4j.runtime.Bitfield32;
import io.ynl4j.runtime.MalformedMessageException;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What generated set records and sub-messages need beyond scalars: scanning a run twice, a fixed
 * header followed by attributes, integer arrays and bitfields (little-endian host).
 */
class AttrReaderSubMessageTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the hex below is little-endian host order");
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    private static AttrReader first(String spaced) {
        AttrReader r = AttrReader.of(hex(spaced));
        assertThat(r.next()).isTrue();
        return r;
    }

    @Test
    void fromStartReadsTheRunAgainWithoutMovingTheReader() {
        AttrReader r = AttrReader.of(hex("08000100 01000000 08000200 02000000"));
        assertThat(r.next()).isTrue();
        assertThat(r.next()).isTrue();

        AttrReader again = r.fromStart();
        assertThat(again.next()).isTrue();
        assertThat(again.type()).isEqualTo(1);
        assertThat(r.type()).isEqualTo(2);
        assertThat(r.next()).isFalse();
    }

    @Test
    void fromStartOfANestedRunStaysInsideIt() {
        AttrReader outer = first("14000180 08000100 01000000 08000200 02000000");
        AttrReader nested = outer.nested();
        assertThat(nested.next()).isTrue();
        assertThat(nested.next()).isTrue();

        AttrReader again = nested.fromStart();
        assertThat(again.next()).isTrue();
        assertThat(again.u32()).isEqualTo(1);
        assertThat(again.path()).isEqualTo("1/1");
        assertThat(again.next()).isTrue();
        assertThat(again.next()).isFalse();
    }

    @Test
    void aFixedHeaderThenAttributesAlignedToFour() {
        // A 6-byte header, 2 bytes of alignment padding, then one u32 attribute.
        AttrReader r = first("14000200 01020304 0506 0000 08000300 2a000000");

        StructReader header = r.payloadHeader(6);
        assertThat(header.length()).isEqualTo(6);
        assertThat(header.u16(4, false)).isEqualTo(0x0605);
        assertThat(header.extra(6).length()).isZero();
        AttrReader attrs = r.nestedAfter(6);
        assertThat(attrs.next()).isTrue();
        assertThat(attrs.type()).isEqualTo(3);
        assertThat(attrs.u32()).isEqualTo(42);
        assertThat(attrs.path()).isEqualTo("2/3");
        assertThat(attrs.next()).isFalse();
    }

    @Test
    void aHeaderWithoutAttributesGivesAnEmptyRun() {
        AttrReader r = first("08000200 01020304");

        assertThat(r.nestedAfter(4).next()).isFalse();
        assertThat(r.nestedAfter(3).next()).isFalse();
    }

    @Test
    void aPayloadShorterThanTheHeaderIsMalformed() {
        AttrReader r = first("08000200 01020304");

        assertThatThrownBy(() -> r.payloadHeader(8))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 2): fixed header expects 8 bytes, got 4");
        assertThatThrownBy(() -> r.nestedAfter(8)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void integerArraysInHostAndNetworkOrder() {
        assertThat(first("07000100 01ff02 00").intArray(1, false, false)).isEqualTo(List.of(1, 255, 2));
        assertThat(first("07000100 01ff02 00").intArray(1, true, false)).isEqualTo(List.of(1, -1, 2));
        assertThat(first("08000100 0100feff").intArray(2, true, false)).isEqualTo(List.of(1, -2));
        assertThat(first("08000100 0001fffe").intArray(2, false, true)).isEqualTo(List.of(1, 0xfffe));
        assertThat(first("0c000100 01000000 ffffffff").intArray(4, true, false)).isEqualTo(List.of(1, -1));
        assertThat(first("0c000100 01000000 ffffffff").longArray(4, false, false))
                .isEqualTo(List.of(1L, 0xffffffffL));
        assertThat(first("0c000100 00000001 ffffffff").longArray(4, true, true)).isEqualTo(List.of(1L, -1L));
        assertThat(first("0c000100 01000000 00000000").longArray(8, false, false))
                .isEqualTo(List.of(1L));
        assertThat(first("04000100").longArray(8, false, false)).isEmpty();
    }

    @Test
    void anArrayOfPartialElementsIsMalformed() {
        assertThatThrownBy(() -> first("07000100 010203 00").intArray(2, false, false))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed netlink data at byte 4 (attribute 1): array of 2-byte elements has 3 bytes"
                        + " (expected: a multiple)");
    }

    @Test
    void arraysRoundTripThroughTheWriter() {
        MessageWriter out = new MessageWriter();
        out.intArray(1, List.of(1, -1, 2), 1, false);
        out.intArray(2, List.of(1, 0xfffe), 2, true);
        out.longArray(3, List.of(1L, 0xffffffffL), 4, false);
        out.longArray(4, List.of(-1L), 8, true);

        assertThat(out.toByteArray())
                .isEqualTo(hex("07000100 01ff0200 08000200 0001fffe 0c000300 01000000 ffffffff"
                        + " 0c000400 ffffffff ffffffff"));
    }

    @Test
    void bitfield32AsAValue() {
        assertThat(first("0c000100 01000000 03000000").bitfield32Value()).isEqualTo(new Bitfield32(1, 3));
    }
}
