package io.ynl4j.runtime.codec;

import io.ynl4j.runtime.Bytes;
import java.nio.charset.StandardCharsets;

/** Writes the members of a fixed-layout struct reserved (zeroed) in a {@link MessageWriter}. */
public final class StructWriter {
    private final MessageWriter out;
    private final int base;
    private final int size;

    StructWriter(MessageWriter out, int base, int size) {
        this.out = out;
        this.base = base;
        this.size = size;
    }

    private int at(long offset, int width) {
        if (offset < 0 || offset + width > size) {
            throw new IndexOutOfBoundsException("member at offset " + offset + " (" + width
                    + " bytes) is outside the struct of " + size + " bytes");
        }
        return base + (int) offset;
    }

    /**
     * u8 or s8 at {@code offset}.
     *
     * @param offset the member's offset
     * @param v the value (low 8 bits)
     */
    public void u8(long offset, int v) {
        out.putByte(at(offset, 1), v);
    }

    /**
     * u16 or s16 at {@code offset}.
     *
     * @param offset the member's offset
     * @param v the value (low 16 bits)
     * @param bigEndian the member's byte order
     */
    public void u16(long offset, int v, boolean bigEndian) {
        out.put16At(at(offset, 2), v, bigEndian);
    }

    /**
     * u32 or s32 at {@code offset}.
     *
     * @param offset the member's offset
     * @param v the value (low 32 bits)
     * @param bigEndian the member's byte order
     */
    public void u32(long offset, long v, boolean bigEndian) {
        out.put32At(at(offset, 4), (int) v, bigEndian);
    }

    /**
     * u64 or s64 at {@code offset}.
     *
     * @param offset the member's offset
     * @param v the bits
     * @param bigEndian the member's byte order
     */
    public void u64(long offset, long v, boolean bigEndian) {
        out.put64At(at(offset, 8), v, bigEndian);
    }

    /**
     * A fixed-size byte array member; shorter values are zero-padded, longer ones rejected.
     *
     * @param offset the member's offset
     * @param len the member's length
     * @param v the bytes
     */
    public void bytes(long offset, int len, Bytes v) {
        if (v.length() > len) {
            throw new IllegalArgumentException("value of " + v.length() + " bytes does not fit a member of " + len);
        }
        out.putBytesAt(at(offset, len), v.toByteArray(), len);
    }

    /**
     * A fixed-size character array member, NUL-padded; must leave room for a NUL.
     *
     * @param offset the member's offset
     * @param len the member's length
     * @param v the text
     */
    public void string(long offset, int len, String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        if (b.length >= len) {
            throw new IllegalArgumentException(
                    "string of " + b.length + " bytes does not fit a member of " + len + " bytes with its NUL");
        }
        out.putBytesAt(at(offset, len), b, len);
    }

    /**
     * A writer over a nested struct member.
     *
     * @param offset the member's offset
     * @param nestedSize its size
     * @return the writer
     */
    public StructWriter struct(long offset, int nestedSize) {
        return new StructWriter(out, at(offset, nestedSize), nestedSize);
    }
}
