package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;

/**
 * An attribute kept as received: its type field (flags included) and payload.
 *
 * @param rawType the type field as received, with {@code NLA_F_NESTED}/{@code NLA_F_NET_BYTEORDER}
 * @param payload the payload
 */
public record RawAttribute(int rawType, Bytes payload) {
    public RawAttribute {
        requireNonNull(payload, "payload");
        if (rawType < 0 || rawType > 0xffff) {
            throw new IllegalArgumentException("attribute type field is 16 bits, got " + rawType);
        }
    }

    /**
     * The current attribute of a reader.
     *
     * @param in the reader, positioned on an attribute
     * @return a copy of it
     */
    public static RawAttribute of(AttrReader in) {
        return new RawAttribute(in.rawType(), in.bytes());
    }

    /**
     * The type without flags.
     *
     * @return the attribute type
     */
    public int type() {
        return rawType & Netlink.NLA_TYPE_MASK;
    }

    /**
     * Writes the attribute back, unchanged.
     *
     * @param out the writer
     */
    public void encode(MessageWriter out) {
        out.bytes(rawType, payload);
    }

    @Override
    public String toString() {
        return type() + "=" + payload;
    }
}
