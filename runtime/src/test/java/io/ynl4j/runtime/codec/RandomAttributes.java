package io.ynl4j.runtime.codec;

import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Random attribute trees for property tests: a model ({@link Attr}), a generator biased towards
 * boundary values, an encoder ({@link MessageWriter}), a decoder ({@link AttrReader}) guided by the
 * tree as a schema (as generated code is guided by the spec), mutations of encoded bytes, and a
 * walker that reads every attribute with every getter.
 */
public final class RandomAttributes {
    private RandomAttributes() {}

    /** Scalar kinds: width and signedness ({@code UINT}/{@code SINT}: 4 or 8 bytes by value). */
    public enum Width {
        U8,
        U16,
        U32,
        U64,
        S8,
        S16,
        S32,
        S64,
        UINT,
        SINT;

        boolean mayBeBigEndian() {
            return this == U16 || this == U32 || this == U64;
        }
    }

    /** One attribute; its type is its position in the enclosing list plus 1. */
    public sealed interface Attr permits Scalar, Text, Binary, Flag, Nest {}

    /**
     * A scalar.
     *
     * @param width the kind
     * @param bigEndian network byte order (u16, u32, u64 only)
     * @param value the value as the getter returns it
     */
    public record Scalar(Width width, boolean bigEndian, long value) implements Attr {}

    /**
     * A NUL-terminated string.
     *
     * @param value the text, without NUL
     */
    public record Text(String value) implements Attr {}

    /**
     * A binary payload.
     *
     * @param value the bytes
     */
    public record Binary(Bytes value) implements Attr {}

    /** A flag (no payload). */
    public record Flag() implements Attr {}

    /**
     * A nest.
     *
     * @param nestedFlag whether {@code NLA_F_NESTED} is set
     * @param members the attributes inside
     */
    public record Nest(boolean nestedFlag, List<Attr> members) implements Attr {
        public Nest {
            members = List.copyOf(members);
        }
    }

    // ------------------------------------------------------------------ generation

    /**
     * A random list of 0–6 attributes with nests down to {@code depth} levels.
     *
     * @param r randomness
     * @param depth how many nest levels may follow
     * @return the attributes
     */
    public static List<Attr> attrs(SplittableRandom r, int depth) {
        return attrs(r, depth, 0);
    }

    /**
     * A random list of {@code min}–6 attributes with nests down to {@code depth} levels.
     *
     * @param r randomness
     * @param depth how many nest levels may follow
     * @param min the fewest attributes at the top
     * @return the attributes
     */
    public static List<Attr> attrs(SplittableRandom r, int depth, int min) {
        int n = r.nextInt(min, 7);
        List<Attr> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(attr(r, depth));
        }
        return out;
    }

    private static Attr attr(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 0 ? 7 : 6)) {
            case 0, 1, 2 -> scalar(r);
            case 3 -> new Text(text(r));
            case 4 -> new Binary(Bytes.wrap(bytes(r, r.nextInt(21))));
            case 5 -> new Flag();
            default -> new Nest(r.nextInt(8) != 0, attrs(r, depth - 1));
        };
    }

    private static Scalar scalar(SplittableRandom r) {
        Width w = Width.values()[r.nextInt(Width.values().length)];
        return new Scalar(w, w.mayBeBigEndian() && r.nextBoolean(), value(r, w));
    }

    private static final long[] U8_EDGES = {0, 1, 0x7f, 0x80, 0xff};
    private static final long[] S8_EDGES = {-128, -1, 0, 1, 127};
    private static final long[] U16_EDGES = {0, 0xff, 0x100, 0x7fff, 0x8000, 0xffff};
    private static final long[] S16_EDGES = {-32768, -1, 0, 1, 32767};
    private static final long[] U32_EDGES = {0, 1, 0x7fffffffL, 0x80000000L, 0xffffffffL};
    private static final long[] S32_EDGES = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
    private static final long[] U64_EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xffffffffL, 0x1_0000_0000L};
    private static final long[] SINT_EDGES = {
        0,
        -1,
        1,
        Integer.MIN_VALUE,
        Integer.MIN_VALUE - 1L,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE + 1L,
        Long.MIN_VALUE,
        Long.MAX_VALUE
    };

    private static long value(SplittableRandom r, Width w) {
        boolean edge = r.nextInt(3) == 0;
        return switch (w) {
            case U8 -> edge ? pick(r, U8_EDGES) : r.nextInt(256);
            case S8 -> edge ? pick(r, S8_EDGES) : r.nextInt(256) - 128;
            case U16 -> edge ? pick(r, U16_EDGES) : r.nextInt(65536);
            case S16 -> edge ? pick(r, S16_EDGES) : r.nextInt(65536) - 32768;
            case U32 -> edge ? pick(r, U32_EDGES) : r.nextLong(1L << 32);
            case S32 -> edge ? pick(r, S32_EDGES) : r.nextInt();
            case U64, S64 -> edge ? pick(r, U64_EDGES) : r.nextLong() >> r.nextInt(64);
            case UINT -> edge ? pick(r, U64_EDGES) : r.nextLong() >>> r.nextInt(64);
            case SINT -> edge ? pick(r, SINT_EDGES) : r.nextLong() >> r.nextInt(64);
        };
    }

    private static long pick(SplittableRandom r, long[] values) {
        return values[r.nextInt(values.length)];
    }

    /** 0–16 code points: ASCII, two- and three-byte UTF-8, and supplementary characters. */
    private static String text(SplittableRandom r) {
        int n = r.nextInt(17);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp = switch (r.nextInt(4)) {
                case 0, 1 -> r.nextInt(0x20, 0x7f);
                case 2 -> r.nextInt(0x80, 0xd800);
                default -> r.nextInt(0x10000, 0x110000);
            };
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /**
     * Random bytes.
     *
     * @param r randomness
     * @param n how many
     * @return the bytes
     */
    public static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ encoding and decoding

    /**
     * Writes the attributes, types 1, 2, … in order.
     *
     * @param w the writer
     * @param attrs the attributes
     */
    public static void encode(MessageWriter w, List<Attr> attrs) {
        for (int i = 0; i < attrs.size(); i++) {
            int type = i + 1;
            switch (attrs.get(i)) {
                case Scalar s -> {
                    long v = s.value();
                    switch (s.width()) {
                        case U8, S8 -> w.u8(type, (int) v);
                        case U16, S16 -> w.u16(type, (int) v, s.bigEndian());
                        case U32, S32 -> w.u32(type, v, s.bigEndian());
                        case U64, S64 -> w.u64(type, v, s.bigEndian());
                        case UINT -> w.uint(type, v);
                        case SINT -> w.sint(type, v);
                    }
                }
                case Text t -> w.string(type, t.value());
                case Binary b -> w.bytes(type, b.value());
                case Flag f -> w.flag(type);
                case Nest n -> {
                    int token = w.beginNest(type, n.nestedFlag());
                    encode(w, n.members());
                    w.endNest(token);
                }
            }
        }
    }

    /**
     * The attributes as a byte array.
     *
     * @param attrs the attributes
     * @return the bytes
     */
    public static byte[] encode(List<Attr> attrs) {
        MessageWriter w = new MessageWriter();
        encode(w, attrs);
        return w.toByteArray();
    }

    /**
     * Reads attributes with {@code schema} telling each type's kind; checks lengths, flags and
     * order on the way.
     *
     * @param r the reader
     * @param schema the attributes that were written
     * @return what was read
     */
    public static List<Attr> decode(AttrReader r, List<Attr> schema) {
        List<Attr> out = new ArrayList<>();
        while (r.next()) {
            if (r.type() != out.size() + 1) {
                throw new AssertionError("attribute " + r.path() + " out of order, expected " + (out.size() + 1));
            }
            Attr expected = schema.get(r.type() - 1);
            out.add(
                    switch (expected) {
                        case Scalar s -> new Scalar(s.width(), s.bigEndian(), read(r, s));
                        case Text t -> {
                            String v = r.string();
                            if (r.length() != v.getBytes(StandardCharsets.UTF_8).length + 1) {
                                throw new AssertionError("string " + r.path() + " of " + r.length() + " bytes");
                            }
                            yield new Text(v);
                        }
                        case Binary b -> new Binary(r.bytes());
                        case Flag f -> {
                            if (r.length() != 0) {
                                throw new AssertionError("flag " + r.path() + " with " + r.length() + " bytes");
                            }
                            yield new Flag();
                        }
                        case Nest n -> {
                            if ((r.rawType() & Netlink.NLA_F_NESTED) != (n.nestedFlag() ? Netlink.NLA_F_NESTED : 0)
                                    || r.length() % 4 != 0) {
                                throw new AssertionError("nest " + r.path() + ": raw type 0x"
                                        + Integer.toHexString(r.rawType()) + ", " + r.length() + " bytes");
                            }
                            yield new Nest(n.nestedFlag(), decode(r.nested(), n.members()));
                        }
                    });
        }
        return out;
    }

    private static long read(AttrReader r, Scalar s) {
        int expectedLength = switch (s.width()) {
            case U8, S8 -> 1;
            case U16, S16 -> 2;
            case U32, S32 -> 4;
            case U64, S64 -> 8;
            case UINT -> (s.value() >>> 32) == 0 ? 4 : 8;
            case SINT -> s.value() == (int) s.value() ? 4 : 8;
        };
        if (r.length() != expectedLength) {
            throw new AssertionError(s + " has " + r.length() + " bytes, expected " + expectedLength);
        }
        return switch (s.width()) {
            case U8 -> r.u8();
            case S8 -> r.s8();
            case U16 -> s.bigEndian() ? r.u16be() : r.u16();
            case S16 -> r.s16();
            case U32 -> s.bigEndian() ? r.u32be() : r.u32();
            case S32 -> r.s32();
            case U64 -> s.bigEndian() ? r.u64be() : r.u64();
            case S64 -> r.s64();
            case UINT -> r.uint();
            case SINT -> r.sint();
        };
    }

    // ------------------------------------------------------------------ mutations

    /**
     * The offsets of every attribute header in valid {@code bytes}, nests included.
     *
     * @param bytes an encoded attribute stream
     * @return the offsets
     */
    public static List<Integer> headerOffsets(byte[] bytes) {
        List<Integer> out = new ArrayList<>();
        collect(AttrReader.of(bytes), out);
        return out;
    }

    private static void collect(AttrReader r, List<Integer> out) {
        while (r.next()) {
            out.add((int) r.payloadOffset() - Netlink.NLA_HDRLEN);
            if ((r.rawType() & Netlink.NLA_F_NESTED) != 0) {
                collect(r.nested(), out);
            }
        }
    }

    private static final int[] INTERESTING_LENGTHS = {0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 0x7fff, 0x8000, 0xfffc, 0xffff
    };

    /**
     * Applies 1–4 random mutations: flipped bytes, changed lengths and types of attribute headers
     * ({@code headers} are offsets of 16-bit length fields followed by 16-bit types), truncation,
     * deleted, inserted and duplicated runs.
     *
     * @param r randomness
     * @param bytes the valid bytes (not changed)
     * @param headers where headers start
     * @return the mutated bytes
     */
    public static byte[] mutate(SplittableRandom r, byte[] bytes, List<Integer> headers) {
        byte[] b = bytes.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(8)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                case 1, 2 -> { // a length field
                    if (!headers.isEmpty()) {
                        int at = headers.get(r.nextInt(headers.size()));
                        if (at + 2 <= b.length) {
                            int old = Short.toUnsignedInt(readLe16(b, at));
                            int len = switch (r.nextInt(3)) {
                                case 0 -> INTERESTING_LENGTHS[r.nextInt(INTERESTING_LENGTHS.length)];
                                case 1 -> (old + r.nextInt(-8, 9)) & 0xffff;
                                default -> r.nextInt(0x10000);
                            };
                            writeLe16(b, at, len);
                        }
                    }
                }
                case 3 -> { // a type field, flags included
                    if (!headers.isEmpty()) {
                        int at = headers.get(r.nextInt(headers.size())) + 2;
                        if (at + 2 <= b.length) {
                            int type = r.nextBoolean() ? r.nextInt(0x10000) : r.nextInt(8) | (r.nextInt(4) << 14);
                            writeLe16(b, at, type);
                        }
                    }
                }
                case 4 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
                case 5 -> { // delete a run
                    if (b.length > 0) {
                        int at = r.nextInt(b.length);
                        int len = Math.min(b.length - at, 1 + r.nextInt(8));
                        byte[] out = new byte[b.length - len];
                        System.arraycopy(b, 0, out, 0, at);
                        System.arraycopy(b, at + len, out, at, b.length - at - len);
                        b = out;
                    }
                }
                case 6 -> { // insert random bytes
                    int at = r.nextInt(b.length + 1);
                    byte[] ins = bytes(r, 1 + r.nextInt(8));
                    byte[] out = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(ins, 0, out, at, ins.length);
                    System.arraycopy(b, at, out, at + ins.length, b.length - at);
                    b = out;
                }
                default -> { // copy a run over another place
                    if (b.length > 1) {
                        int from = r.nextInt(b.length);
                        int to = r.nextInt(b.length);
                        int len = Math.min(Math.min(b.length - from, b.length - to), 1 + r.nextInt(16));
                        System.arraycopy(b.clone(), from, b, to, len);
                    }
                }
            }
        }
        return b;
    }

    private static short readLe16(byte[] b, int at) {
        return (short) ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
    }

    private static void writeLe16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    // ------------------------------------------------------------------ walking

    /**
     * Reads every attribute of {@code r} with every getter and recurses into every payload as if it
     * were a nest. A {@link MalformedMessageException} from a getter or a nested walk is expected
     * and swallowed; one from {@code r.next()} propagates. Anything else is a bug.
     *
     * @param r the reader
     * @return how many attributes were visited, nested ones included
     */
    public static int walk(AttrReader r) {
        return walk(r, 2);
    }

    /** {@code subMessages}: how many more times a path may also parse payloads as header + nest. */
    private static int walk(AttrReader r, int subMessages) {
        int visited = 0;
        while (r.next()) {
            visited++;
            Objects.requireNonNull(r.path());
            if (r.type() != (r.rawType() & Netlink.NLA_TYPE_MASK) || r.length() < 0 || r.payloadOffset() < 0) {
                throw new AssertionError("inconsistent header at " + r.path());
            }
            attempt(r::u8);
            attempt(r::u16);
            attempt(r::u16be);
            attempt(r::u32);
            attempt(r::u32be);
            attempt(r::u64);
            attempt(r::u64be);
            attempt(r::s8);
            attempt(r::s16);
            attempt(r::s32);
            attempt(r::s64);
            attempt(r::uint);
            attempt(r::sint);
            attempt(r::string);
            attempt(r::stringUnterminated);
            attempt(r::bytes);
            attempt(r::byteArray);
            attempt(r::bitfield32);
            attempt(r::bitfield32Value);
            for (int size : new int[] {1, 2, 4}) {
                attempt(() -> r.intArray(size, true, false));
                attempt(() -> r.intArray(size, size == 4, true));
            }
            for (int size : new int[] {4, 8}) {
                attempt(() -> r.longArray(size, false, false));
                attempt(() -> r.longArray(size, true, true));
            }
            for (int size : new int[] {0, 1, 2, 4, 8, 12, 16, 20}) {
                attempt(() -> readStruct(r.struct(size), size));
                attempt(() -> readStruct(r.payloadHeader(size), size));
            }
            attempt(() -> r.fromStart().next());
            int[] nested = {0};
            attempt(() -> nested[0] = walk(r.nested(), subMessages));
            visited += nested[0];
            if (subMessages > 0) { // bounded: these parses branch at every level
                // A sub-message with a fixed header (tc netem): attributes after 4 or 20 bytes.
                attempt(() -> walk(r.nestedAfter(4), subMessages - 1));
                attempt(() -> walk(r.nestedAfter(20), subMessages - 1));
            }
        }
        return visited;
    }

    private static Object readStruct(StructReader s, int size) {
        if (s.length() < size) {
            throw new AssertionError("struct(" + size + ") gave " + s.length() + " bytes");
        }
        long sum = 0;
        if (size >= 1) {
            sum += s.u8(size - 1) + s.s8(0);
        }
        if (size >= 2) {
            sum += s.u16(size - 2, true) + s.s16(0, false);
        }
        if (size >= 4) {
            sum += s.u32(size - 4, false) + s.s32(0, true);
        }
        if (size >= 8) {
            sum += s.u64(size - 8, true) + s.struct(0, 8).u64(0, false);
        }
        return sum
                + s.bytes(0, size).length()
                + s.string(0, size).length()
                + s.extra(size).length();
    }

    private interface Read {
        Object read();
    }

    private static void attempt(Read read) {
        try {
            read.read();
        } catch (MalformedMessageException expected) {
            // A payload that does not fit the getter: fine.
        }
    }

    /**
     * Hex, for failure messages.
     *
     * @param b the bytes
     * @return lower-case hex
     */
    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
