package io.ynl4j.runtime.codec;

import io.ynl4j.runtime.Bitfield32;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.MalformedMessageException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over a run of netlink attributes: {@link #next()} moves to the next attribute, the
 * getters read its payload. Every length is checked against the enclosing bounds; a violation
 * throws {@link MalformedMessageException} with the byte offset and attribute path. Moving and
 * reading scalars allocate nothing. Payloads are only 4-byte aligned, so reads are unaligned.
 *
 * <p>Not thread-safe; a reader and the nested readers made from it share one buffer.
 */
public final class AttrReader {
    /** How deep nests may go before the data is considered malformed. */
    public static final int MAX_DEPTH = 32;

    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final MemorySegment segment;
    private final long start;
    private final long end;
    private final int depth;
    private final AttrReader parent;
    private long next;
    private long payload = -1;
    private int length;
    private int rawType;

    private AttrReader(MemorySegment segment, long start, long end, int depth, AttrReader parent) {
        this.segment = segment;
        this.start = start;
        this.next = start;
        this.end = end;
        this.depth = depth;
        this.parent = parent;
    }

    /**
     * A reader over {@code segment[start, end)}.
     *
     * @param segment the buffer
     * @param start the offset of the first attribute
     * @param end the offset just past the last
     * @return the reader
     */
    public static AttrReader of(MemorySegment segment, long start, long end) {
        if (start < 0 || end > segment.byteSize() || start > end) {
            throw new MalformedMessageException(
                    start,
                    "",
                    "attribute range [" + start + ", " + end + ") is outside the buffer of " + segment.byteSize()
                            + " bytes");
        }
        return new AttrReader(segment, start, end, 0, null);
    }

    /**
     * A reader over a whole array.
     *
     * @param bytes the attributes
     * @return the reader
     */
    public static AttrReader of(byte[] bytes) {
        return of(MemorySegment.ofArray(bytes), 0, bytes.length);
    }

    /**
     * Moves to the next attribute.
     *
     * @return {@code false} when there are no more
     * @throws MalformedMessageException when a header or length is out of bounds
     */
    public boolean next() {
        long at = next;
        if (end - at < Netlink.NLA_HDRLEN) {
            // The end of the run (inline: a call here, taken at the end of every run, would make
            // the reader escape). Trailing bytes shorter than an attribute header: the kernel's
            // nla_parse ignores them only if they are alignment padding.
            if (at != end && !zeros(at)) {
                throw malformed(at, (end - at) + " trailing bytes, too short for an attribute header (4)");
            }
            payload = -1;
            next = end;
            return false;
        }
        // The header (nla_len, nla_type) as one read, split: one bounds check instead of two.
        int header = segment.get(U32, at);
        int len = BIG_ENDIAN ? header >>> 16 : header & 0xffff;
        int type = BIG_ENDIAN ? header & 0xffff : header >>> 16;
        if (len < Netlink.NLA_HDRLEN || len > end - at) {
            throw badLength(at, len, type);
        }
        rawType = type;
        length = len - Netlink.NLA_HDRLEN;
        payload = at + Netlink.NLA_HDRLEN;
        next = Math.min(end, at + ((len + 3) & ~3));
        return true;
    }

    private boolean zeros(long from) {
        for (long i = from; i < end; i++) {
            if (segment.get(ValueLayout.JAVA_BYTE, i) != 0) {
                return false;
            }
        }
        return true;
    }

    private MalformedMessageException badLength(long at, int len, int type) {
        if (len < Netlink.NLA_HDRLEN) {
            return malformed(at, "attribute length " + len + " is below the header size (expected: at least 4)");
        }
        return malformed(
                at,
                "attribute of type " + (type & Netlink.NLA_TYPE_MASK) + " has length " + len + " but only " + (end - at)
                        + " bytes remain");
    }

    private void requireCurrent() {
        if (payload < 0) {
            throw noCurrent();
        }
    }

    private static IllegalStateException noCurrent() {
        return new IllegalStateException("no current attribute: call next() first");
    }

    /**
     * The current attribute's type, without the nested and byte-order flags.
     *
     * @return the type
     */
    public int type() {
        requireCurrent();
        return rawType & Netlink.NLA_TYPE_MASK;
    }

    /**
     * The current attribute's type field as received, flags included.
     *
     * @return the raw type
     */
    public int rawType() {
        requireCurrent();
        return rawType;
    }

    /**
     * The current attribute's payload length.
     *
     * @return bytes
     */
    public int length() {
        requireCurrent();
        return length;
    }

    /**
     * The current payload's offset in the underlying buffer.
     *
     * @return the offset
     */
    public long payloadOffset() {
        requireCurrent();
        return payload;
    }

    /**
     * The underlying buffer.
     *
     * @return the segment
     */
    public MemorySegment segment() {
        return segment;
    }

    private void need(int size, String what) {
        requireCurrent();
        if (length < size) {
            throw tooShort(size, what);
        }
    }

    private MalformedMessageException tooShort(int size, String what) {
        return malformedHere(payload, what + " expects " + size + " bytes, got " + length);
    }

    /**
     * The payload as u8.
     *
     * @return 0…255
     */
    public int u8() {
        need(1, "u8");
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, payload));
    }

    /**
     * The payload as u16 in host order.
     *
     * @return 0…65535
     */
    public int u16() {
        need(2, "u16");
        return Short.toUnsignedInt(segment.get(U16, payload));
    }

    /**
     * The payload as big-endian u16.
     *
     * @return 0…65535
     */
    public int u16be() {
        need(2, "u16");
        return Short.toUnsignedInt(segment.get(U16_BE, payload));
    }

    /**
     * The payload as u32 in host order.
     *
     * @return 0…2^32-1
     */
    public long u32() {
        need(4, "u32");
        return Integer.toUnsignedLong(segment.get(U32, payload));
    }

    /**
     * The payload as big-endian u32.
     *
     * @return 0…2^32-1
     */
    public long u32be() {
        need(4, "u32");
        return Integer.toUnsignedLong(segment.get(U32_BE, payload));
    }

    /**
     * The payload as u64 in host order (the bits; print with {@link Long#toUnsignedString}).
     *
     * @return the bits
     */
    public long u64() {
        need(8, "u64");
        return segment.get(U64, payload);
    }

    /**
     * The payload as big-endian u64.
     *
     * @return the bits
     */
    public long u64be() {
        need(8, "u64");
        return segment.get(U64_BE, payload);
    }

    /**
     * The payload as s8.
     *
     * @return the value
     */
    public int s8() {
        need(1, "s8");
        return segment.get(ValueLayout.JAVA_BYTE, payload);
    }

    /**
     * The payload as s16 in host order.
     *
     * @return the value
     */
    public int s16() {
        need(2, "s16");
        return segment.get(U16, payload);
    }

    /**
     * The payload as s32 in host order.
     *
     * @return the value
     */
    public int s32() {
        need(4, "s32");
        return segment.get(U32, payload);
    }

    /**
     * The payload as s64 in host order.
     *
     * @return the value
     */
    public long s64() {
        need(8, "s64");
        return segment.get(U64, payload);
    }

    /**
     * The payload as {@code uint}: 4 or 8 bytes in host order.
     *
     * @return the value (bits for values of 2^63 and above)
     */
    public long uint() {
        requireCurrent();
        return switch (length) {
            case 4 -> Integer.toUnsignedLong(segment.get(U32, payload));
            case 8 -> segment.get(U64, payload);
            default -> throw malformedHere(payload, "uint expects 4 or 8 bytes, got " + length);
        };
    }

    /**
     * The payload as {@code sint}: 4 or 8 bytes in host order, sign-extended.
     *
     * @return the value
     */
    public long sint() {
        requireCurrent();
        return switch (length) {
            case 4 -> segment.get(U32, payload);
            case 8 -> segment.get(U64, payload);
            default -> throw malformedHere(payload, "sint expects 4 or 8 bytes, got " + length);
        };
    }

    /**
     * The payload as a NUL-terminated UTF-8 string (the NUL is required).
     *
     * @return the text before the first NUL
     */
    public String string() {
        requireCurrent();
        int n = indexOfNul();
        if (n < 0) {
            throw malformedHere(payload, "string of " + length + " bytes has no terminating NUL");
        }
        return decode(n);
    }

    /**
     * The payload as a string that may lack its NUL ({@code unterminated-ok}).
     *
     * @return the text before the first NUL, or the whole payload
     */
    public String stringUnterminated() {
        requireCurrent();
        int n = indexOfNul();
        return decode(n < 0 ? length : n);
    }

    private int indexOfNul() {
        for (int i = 0; i < length; i++) {
            if (segment.get(ValueLayout.JAVA_BYTE, payload + i) == 0) {
                return i;
            }
        }
        return -1;
    }

    private String decode(int n) {
        byte[] b = new byte[n];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, payload, b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * A copy of the payload.
     *
     * @return the bytes
     */
    public Bytes bytes() {
        requireCurrent();
        return Bytes.wrap(byteArray());
    }

    /**
     * A copy of the payload as an array.
     *
     * @return a new array
     */
    public byte[] byteArray() {
        requireCurrent();
        byte[] b = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, payload, b, 0, length);
        return b;
    }

    /**
     * A {@code bitfield32}: value in the low 32 bits of the result, selector in the high 32.
     *
     * @return {@code selector << 32 | value}
     */
    public long bitfield32() {
        need(8, "bitfield32");
        long value = Integer.toUnsignedLong(segment.get(U32, payload));
        long selector = Integer.toUnsignedLong(segment.get(U32, payload + 4));
        return selector << 32 | value;
    }

    /**
     * A struct payload of at least {@code size} bytes; longer payloads are accepted (kernels grow
     * structs), shorter ones are malformed.
     *
     * @param size the struct's size
     * @return a reader over the payload
     */
    public StructReader struct(int size) {
        need(size, "struct");
        return new StructReader(segment, payload, length);
    }

    /**
     * A reader over the current attribute's payload as nested attributes.
     *
     * @return the nested reader
     * @throws MalformedMessageException when nesting exceeds {@link #MAX_DEPTH}
     */
    public AttrReader nested() {
        requireCurrent();
        if (depth + 1 > MAX_DEPTH) {
            throw malformedHere(payload, "attributes nest deeper than " + MAX_DEPTH + " levels");
        }
        return new AttrReader(segment, payload, payload + length, depth + 1, this);
    }

    /**
     * A new reader over the same run of attributes, from its first one; this reader's position is
     * unchanged. Generated decoders use it to find selector attributes before decoding a run.
     *
     * @return the new reader
     */
    public AttrReader fromStart() {
        return new AttrReader(segment, start, end, depth, parent);
    }

    /**
     * A reader over exactly the first {@code size} bytes of the payload: the fixed header of a
     * sub-message that has attributes after it (tc's {@code netem} options).
     *
     * @param size the header's size
     * @return a reader over the header alone
     * @throws MalformedMessageException when the payload is shorter
     */
    public StructReader payloadHeader(int size) {
        need(size, "fixed header");
        return new StructReader(segment, payload, size);
    }

    /**
     * A reader over the attributes that follow a fixed header in the payload, from the header's
     * size rounded up to 4 bytes ({@code NLA_ALIGN}), as the kernel parses them.
     *
     * @param headerSize the header's size
     * @return the nested reader
     * @throws MalformedMessageException when the payload is shorter than the header or nesting
     *     exceeds {@link #MAX_DEPTH}
     */
    public AttrReader nestedAfter(int headerSize) {
        need(headerSize, "fixed header");
        if (depth + 1 > MAX_DEPTH) {
            throw malformedHere(payload, "attributes nest deeper than " + MAX_DEPTH + " levels");
        }
        long from = Math.min(payload + Netlink.align(headerSize), payload + length);
        return new AttrReader(segment, from, payload + length, depth + 1, this);
    }

    /**
     * A {@code bitfield32} as a value.
     *
     * @return the value and selector
     */
    public Bitfield32 bitfield32Value() {
        long b = bitfield32();
        return new Bitfield32((int) b, (int) (b >>> 32));
    }

    /**
     * The payload as an array of 1-, 2- or 4-byte integers (a {@code binary} attribute with a
     * scalar {@code sub-type}); 4-byte elements must be signed (unsigned ones need {@link
     * #longArray}).
     *
     * @param size the element size: 1, 2 or 4
     * @param signed whether elements are signed
     * @param bigEndian whether elements are big-endian
     * @return the elements
     * @throws MalformedMessageException when the payload is not a whole number of elements
     */
    public List<Integer> intArray(int size, boolean signed, boolean bigEndian) {
        if (size != 1 && size != 2 && !(size == 4 && signed)) {
            throw new IllegalArgumentException("int elements are 1, 2 or 4 (signed) bytes, got " + size);
        }
        int n = elements(size);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add((int) element(payload + (long) i * size, size, signed, bigEndian));
        }
        return out;
    }

    /**
     * The payload as an array of 4- or 8-byte integers (a {@code binary} attribute with a scalar
     * {@code sub-type}); unsigned 4-byte elements widen to {@code long}, 8-byte ones are the bits.
     *
     * @param size the element size: 4 or 8
     * @param signed whether elements are signed
     * @param bigEndian whether elements are big-endian
     * @return the elements
     * @throws MalformedMessageException when the payload is not a whole number of elements
     */
    public List<Long> longArray(int size, boolean signed, boolean bigEndian) {
        if (size != 4 && size != 8) {
            throw new IllegalArgumentException("long elements are 4 or 8 bytes, got " + size);
        }
        int n = elements(size);
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element(payload + (long) i * size, size, signed, bigEndian));
        }
        return out;
    }

    private int elements(int size) {
        requireCurrent();
        if (length % size != 0) {
            throw malformedHere(
                    payload, "array of " + size + "-byte elements has " + length + " bytes (expected: a multiple)");
        }
        return length / size;
    }

    private long element(long at, int size, boolean signed, boolean bigEndian) {
        return switch (size) {
            case 1 -> {
                byte b = segment.get(ValueLayout.JAVA_BYTE, at);
                yield signed ? b : Byte.toUnsignedLong(b);
            }
            case 2 -> {
                short s = bigEndian == BIG_ENDIAN ? segment.get(U16, at) : Short.reverseBytes(segment.get(U16, at));
                yield signed ? s : Short.toUnsignedLong(s);
            }
            case 4 -> {
                int v = bigEndian == BIG_ENDIAN ? segment.get(U32, at) : Integer.reverseBytes(segment.get(U32, at));
                yield signed ? v : Integer.toUnsignedLong(v);
            }
            default -> bigEndian == BIG_ENDIAN ? segment.get(U64, at) : Long.reverseBytes(segment.get(U64, at));
        };
    }

    /**
     * The path of the current attribute: the types of the enclosing attributes and this one,
     * outermost first, e.g. {@code 18/1}.
     *
     * @return the path
     */
    public String path() {
        StringBuilder out = new StringBuilder();
        appendPath(out);
        return out.toString();
    }

    private void appendPath(StringBuilder out) {
        if (parent != null) {
            parent.appendPath(out);
        }
        if (payload >= 0) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(rawType & Netlink.NLA_TYPE_MASK);
        }
    }

    /** A problem with the attribute headers of this run: the path is that of the enclosing nest. */
    private MalformedMessageException malformed(long offset, String problem) {
        return new MalformedMessageException(offset, parent == null ? "" : parent.path(), problem);
    }

    /** A problem with the current attribute's payload: the path ends with the current attribute. */
    private MalformedMessageException malformedHere(long offset, String problem) {
        return new MalformedMessageException(offset, path(), problem);
    }
}
