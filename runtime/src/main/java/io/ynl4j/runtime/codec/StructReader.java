package io.ynl4j.runtime.codec;

import io.ynl4j.runtime.Bytes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the members of a fixed-layout C struct (a fixed header, or a struct payload) at given
 * offsets. The struct may be longer than the members read: {@link #extra} returns what follows.
 */
public final class StructReader {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    // Constants (building a layout per read made each big-endian read ~100x slower and allocate),
    // in native order only: other orders are a byte swap of a native read.
    private static final boolean NATIVE_BIG = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private final MemorySegment segment;
    private final long base;
    private final int length;

    /**
     * A reader over {@code length} bytes at {@code base}.
     *
     * @param segment the buffer
     * @param base the struct's offset
     * @param length the bytes available
     */
    public StructReader(MemorySegment segment, long base, int length) {
        this.segment = segment;
        this.base = base;
        this.length = length;
    }

    /**
     * The bytes available (at least the struct's size).
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * u8 at {@code offset}.
     *
     * @param offset the member's offset
     * @return the value
     */
    public int u8(long offset) {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, base + offset));
    }

    /**
     * s8 at {@code offset}.
     *
     * @param offset the member's offset
     * @return the value
     */
    public int s8(long offset) {
        return segment.get(ValueLayout.JAVA_BYTE, base + offset);
    }

    /**
     * u16 at {@code offset}.
     *
     * @param offset the member's offset
     * @param bigEndian the member's byte order
     * @return the value
     */
    public int u16(long offset, boolean bigEndian) {
        return s16(offset, bigEndian) & 0xffff;
    }

    /**
     * s16 at {@code offset}.
     *
     * @param offset the member's offset
     * @param bigEndian the member's byte order
     * @return the value
     */
    public int s16(long offset, boolean bigEndian) {
        // One constant layout per read (a layout chosen at run time makes the access a slow,
        // non-constant var handle call when the flag does not fold); big-endian by a byte swap.
        short v = segment.get(U16, base + offset);
        return bigEndian == NATIVE_BIG ? v : Short.reverseBytes(v);
    }

    /**
     * u32 at {@code offset}.
     *
     * @param offset the member's offset
     * @param bigEndian the member's byte order
     * @return the value
     */
    public long u32(long offset, boolean bigEndian) {
        return Integer.toUnsignedLong(s32(offset, bigEndian));
    }

    /**
     * s32 at {@code offset}.
     *
     * @param offset the member's offset
     * @param bigEndian the member's byte order
     * @return the value
     */
    public int s32(long offset, boolean bigEndian) {
        int v = segment.get(U32, base + offset);
        return bigEndian == NATIVE_BIG ? v : Integer.reverseBytes(v);
    }

    /**
     * 64 bits at {@code offset}.
     *
     * @param offset the member's offset
     * @param bigEndian the member's byte order
     * @return the bits
     */
    public long u64(long offset, boolean bigEndian) {
        long v = segment.get(U64, base + offset);
        return bigEndian == NATIVE_BIG ? v : Long.reverseBytes(v);
    }

    /**
     * A fixed-size byte array member.
     *
     * @param offset the member's offset
     * @param len its length
     * @return a copy
     */
    public Bytes bytes(long offset, int len) {
        byte[] b = new byte[len];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, base + offset, b, 0, len);
        return Bytes.wrap(b);
    }

    /**
     * A fixed-size character array member, up to its first NUL.
     *
     * @param offset the member's offset
     * @param len its length
     * @return the text
     */
    public String string(long offset, int len) {
        int n = 0;
        while (n < len && segment.get(ValueLayout.JAVA_BYTE, base + offset + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, base + offset, b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * A reader over a nested struct member.
     *
     * @param offset the member's offset
     * @param size its size
     * @return the reader
     */
    public StructReader struct(long offset, int size) {
        return new StructReader(segment, base + offset, size);
    }

    /**
     * The bytes after the struct's known size (kernels may send longer structs than a spec says).
     *
     * @param size the struct's known size
     * @return the extra bytes, possibly empty
     */
    public Bytes extra(int size) {
        return size >= length ? Bytes.of() : bytes(size, length - size);
    }
}
