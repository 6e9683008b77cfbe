package io.ynl4j.runtime.codec;

import io.ynl4j.runtime.Bytes;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Appends netlink messages: {@code nlmsghdr}, an optional {@code genlmsghdr}, a fixed header, and
 * attributes with 4-byte alignment. Lengths of messages and nests are patched when they end (the
 * libmnl way: no size pre-computation). Sequence number and port id are left 0 for the socket to
 * fill in. Growable; not thread-safe.
 */
public final class MessageWriter {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private byte[] buf;
    private int size;

    /** A writer with a small initial buffer. */
    public MessageWriter() {
        this(256);
    }

    /**
     * A writer with a given initial capacity.
     *
     * @param capacity bytes
     */
    public MessageWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /**
     * The bytes written so far.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /** Forgets everything written; keeps the buffer. */
    public void reset() {
        size = 0;
    }

    /**
     * A copy of the bytes written.
     *
     * @return a new array
     */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * The internal buffer (valid up to {@link #size()}), for the socket to copy without an extra
     * array.
     *
     * @return the buffer
     */
    public byte[] buffer() {
        return buf;
    }

    private int reserve(int n) {
        int at = size;
        int need = size + n;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
        size = need;
        return at;
    }

    private void padTo4() {
        int aligned = Netlink.align(size);
        if (aligned != size) {
            int at = reserve(aligned - size);
            Arrays.fill(buf, at, size, (byte) 0);
        }
    }

    // Raw puts at absolute positions.

    private void put16(int at, int v, boolean bigEndian) {
        if (bigEndian || !LITTLE) {
            buf[at] = (byte) (v >>> 8);
            buf[at + 1] = (byte) v;
        } else {
            buf[at] = (byte) v;
            buf[at + 1] = (byte) (v >>> 8);
        }
    }

    private void put32(int at, int v, boolean bigEndian) {
        if (bigEndian || !LITTLE) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        } else {
            buf[at] = (byte) v;
            buf[at + 1] = (byte) (v >>> 8);
            buf[at + 2] = (byte) (v >>> 16);
            buf[at + 3] = (byte) (v >>> 24);
        }
    }

    private void put64(int at, long v, boolean bigEndian) {
        if (bigEndian || !LITTLE) {
            put32(at, (int) (v >>> 32), true);
            put32(at + 4, (int) v, true);
        } else {
            put32(at, (int) v, false);
            put32(at + 4, (int) (v >>> 32), false);
        }
    }

    // Messages.

    /**
     * Starts a message: writes an {@code nlmsghdr} whose length is patched by {@link #endMessage}.
     *
     * @param type the message type
     * @param flags the {@code NLM_F_*} flags
     * @return a token for {@link #endMessage}
     */
    public int beginMessage(int type, int flags) {
        padTo4();
        int at = reserve(Netlink.NLMSG_HDRLEN);
        put32(at, 0, false);
        put16(at + 4, type, false);
        put16(at + 6, flags, false);
        put32(at + 8, 0, false);
        put32(at + 12, 0, false);
        return at;
    }

    /**
     * Ends a message started at {@code token}: pads to 4 bytes and patches its length.
     *
     * @param token from {@link #beginMessage}
     */
    public void endMessage(int token) {
        padTo4();
        put32(token, size - token, false);
    }

    /**
     * Writes a {@code genlmsghdr}.
     *
     * @param cmd the command
     * @param version the family version
     */
    public void genlHeader(int cmd, int version) {
        int at = reserve(Netlink.GENL_HDRLEN);
        buf[at] = (byte) cmd;
        buf[at + 1] = (byte) version;
        buf[at + 2] = 0;
        buf[at + 3] = 0;
    }

    /**
     * Reserves a zeroed fixed-size struct and returns a writer over it.
     *
     * @param structSize the struct's size
     * @return a writer for its members
     */
    public StructWriter fixedHeader(int structSize) {
        int at = reserve(structSize);
        Arrays.fill(buf, at, at + structSize, (byte) 0);
        return new StructWriter(this, at, structSize);
    }

    // Attributes.

    /**
     * Writes an attribute header and reserves the payload plus its zeroed alignment padding (as the
     * kernel's {@code nla_put} does), so the writer stays 4-byte aligned after every attribute and a
     * nest's length covers the padding of its last member.
     */
    private int attrHeader(int type, int payload) {
        padTo4();
        int len = Netlink.NLA_HDRLEN + payload;
        if (len > 0xffff) {
            throw new IllegalArgumentException(
                    "attribute " + type + " payload of " + payload + " bytes exceeds the 65531-byte limit of nla_len");
        }
        int aligned = Netlink.align(len);
        int at = reserve(aligned);
        put16(at, len, false);
        put16(at + 2, type, false);
        Arrays.fill(buf, at + len, at + aligned, (byte) 0);
        return at + Netlink.NLA_HDRLEN;
    }

    /**
     * A {@code flag} attribute (no payload).
     *
     * @param type the attribute type
     */
    public void flag(int type) {
        attrHeader(type, 0);
    }

    /**
     * A u8 attribute.
     *
     * @param type the attribute type
     * @param v the value (low 8 bits)
     */
    public void u8(int type, int v) {
        int at = attrHeader(type, 1); // first: it may replace buf (buf[attrHeader(…)] would write the old one)
        buf[at] = (byte) v;
    }

    /**
     * A u16 attribute.
     *
     * @param type the attribute type
     * @param v the value (low 16 bits)
     * @param bigEndian network byte order
     */
    public void u16(int type, int v, boolean bigEndian) {
        put16(attrHeader(type, 2), v, bigEndian);
    }

    /**
     * A u32 attribute.
     *
     * @param type the attribute type
     * @param v the value (low 32 bits)
     * @param bigEndian network byte order
     */
    public void u32(int type, long v, boolean bigEndian) {
        put32(attrHeader(type, 4), (int) v, bigEndian);
    }

    /**
     * A u64 attribute.
     *
     * @param type the attribute type
     * @param v the bits
     * @param bigEndian network byte order
     */
    public void u64(int type, long v, boolean bigEndian) {
        put64(attrHeader(type, 8), v, bigEndian);
    }

    /**
     * A {@code uint}: 4 bytes when the value fits in 32 bits unsigned, else 8.
     *
     * @param type the attribute type
     * @param v the value (bits)
     */
    public void uint(int type, long v) {
        if ((v >>> 32) == 0) {
            put32(attrHeader(type, 4), (int) v, false);
        } else {
            put64(attrHeader(type, 8), v, false);
        }
    }

    /**
     * A {@code sint}: 4 bytes when the value fits in 32 bits signed, else 8.
     *
     * @param type the attribute type
     * @param v the value
     */
    public void sint(int type, long v) {
        if (v == (int) v) {
            put32(attrHeader(type, 4), (int) v, false);
        } else {
            put64(attrHeader(type, 8), v, false);
        }
    }

    /**
     * A NUL-terminated UTF-8 string attribute.
     *
     * @param type the attribute type
     * @param s the text (must not contain NUL)
     */
    public void string(int type, String s) {
        int n = s.length();
        int ascii = 0;
        while (ascii < n && s.charAt(ascii) < 0x80) {
            ascii++;
        }
        if (ascii == n) { // the common case: no array for the encoded bytes
            int at = attrHeader(type, n + 1);
            for (int k = 0; k < n; k++) {
                buf[at + k] = (byte) s.charAt(k);
            }
            buf[at + n] = 0;
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int at = attrHeader(type, b.length + 1);
        System.arraycopy(b, 0, buf, at, b.length);
        buf[at + b.length] = 0;
    }

    /**
     * A binary attribute.
     *
     * @param type the attribute type
     * @param b the payload
     */
    public void bytes(int type, Bytes b) {
        int at = attrHeader(type, b.length());
        b.copyTo(buf, at);
    }

    /**
     * A binary attribute.
     *
     * @param type the attribute type
     * @param b the payload
     */
    public void bytes(int type, byte[] b) {
        int at = attrHeader(type, b.length);
        System.arraycopy(b, 0, buf, at, b.length);
    }

    /**
     * A {@code bitfield32} attribute.
     *
     * @param type the attribute type
     * @param value the bits' values
     * @param selector which bits are set by this request
     */
    public void bitfield32(int type, int value, int selector) {
        int at = attrHeader(type, 8);
        put32(at, value, false);
        put32(at + 4, selector, false);
    }

    /**
     * A binary attribute holding a struct: reserves it zeroed and returns a writer.
     *
     * @param type the attribute type
     * @param structSize the struct's size
     * @return a writer for the members
     */
    public StructWriter struct(int type, int structSize) {
        int at = attrHeader(type, structSize);
        Arrays.fill(buf, at, at + structSize, (byte) 0);
        return new StructWriter(this, at, structSize);
    }

    /**
     * A binary attribute holding an array of 1-, 2- or 4-byte integers (a scalar {@code sub-type}).
     *
     * @param type the attribute type
     * @param values the elements (low {@code size * 8} bits of each)
     * @param size the element size: 1, 2 or 4
     * @param bigEndian whether elements are big-endian
     */
    public void intArray(int type, List<Integer> values, int size, boolean bigEndian) {
        if (size != 1 && size != 2 && size != 4) {
            throw new IllegalArgumentException("int elements are 1, 2 or 4 bytes, got " + size);
        }
        int at = attrHeader(type, values.size() * size);
        for (int v : values) {
            switch (size) {
                case 1 -> buf[at] = (byte) v;
                case 2 -> put16(at, v, bigEndian);
                default -> put32(at, v, bigEndian);
            }
            at += size;
        }
    }

    /**
     * A binary attribute holding an array of 4- or 8-byte integers (a scalar {@code sub-type}).
     *
     * @param type the attribute type
     * @param values the elements (low {@code size * 8} bits of each)
     * @param size the element size: 4 or 8
     * @param bigEndian whether elements are big-endian
     */
    public void longArray(int type, List<Long> values, int size, boolean bigEndian) {
        if (size != 4 && size != 8) {
            throw new IllegalArgumentException("long elements are 4 or 8 bytes, got " + size);
        }
        int at = attrHeader(type, values.size() * size);
        for (long v : values) {
            if (size == 4) {
                put32(at, (int) v, bigEndian);
            } else {
                put64(at, v, bigEndian);
            }
            at += size;
        }
    }

    /**
     * Appends raw bytes (e.g. a retained unknown attribute, header included).
     *
     * @param raw the bytes
     */
    public void raw(byte[] raw) {
        padTo4();
        int at = reserve(raw.length);
        System.arraycopy(raw, 0, buf, at, raw.length);
    }

    /**
     * Starts a nest with {@code NLA_F_NESTED} set.
     *
     * @param type the attribute type
     * @return a token for {@link #endNest}
     */
    public int beginNest(int type) {
        return beginNest(type, true);
    }

    /**
     * Starts a nest.
     *
     * @param type the attribute type
     * @param nestedFlag whether to set {@code NLA_F_NESTED} (some old families reject it)
     * @return a token for {@link #endNest}
     */
    public int beginNest(int type, boolean nestedFlag) {
        int payload = attrHeader(nestedFlag ? type | Netlink.NLA_F_NESTED : type, 0);
        return payload - Netlink.NLA_HDRLEN;
    }

    /**
     * Ends a nest: patches its length.
     *
     * @param token from {@link #beginNest}
     */
    public void endNest(int token) {
        padTo4(); // e.g. after raw bytes of odd length: the nest covers its padding, as nla_nest_end does
        int len = size - token;
        if (len > 0xffff) {
            throw new IllegalArgumentException("nest of " + len + " bytes exceeds the 65535-byte limit of nla_len");
        }
        put16(token, len, false);
    }

    // Used by StructWriter.

    void putByte(int at, int v) {
        buf[at] = (byte) v;
    }

    void put16At(int at, int v, boolean be) {
        put16(at, v, be);
    }

    void put32At(int at, int v, boolean be) {
        put32(at, v, be);
    }

    void put64At(int at, long v, boolean be) {
        put64(at, v, be);
    }

    void putBytesAt(int at, byte[] b, int max) {
        System.arraycopy(b, 0, buf, at, Math.min(b.length, max));
    }
}
