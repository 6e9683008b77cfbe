package io.ynl4j.runtime.testing;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import java.util.ArrayList;
import java.util.List;

/**
 * The extended-ACK attributes ({@code NLMSGERR_ATTR_*} TLVs) a scripted {@code NLMSG_ERROR} or
 * {@code NLMSG_DONE} carries, in the order they are added. Immutable; every {@code with…} method
 * returns a new value.
 *
 * <pre>{@code
 * ExtAck.message("Invalid prefix length").withOffset(request.attributeOffset(8, IFA_LOCAL))
 * }</pre>
 */
public final class ExtAck {
    /** No extended-ACK attributes: the message carries no {@code NLM_F_ACK_TLVS}. */
    public static final ExtAck NONE = new ExtAck(List.of());

    private final List<Bytes> tlvs; // each with header and padding

    private ExtAck(List<Bytes> tlvs) {
        this.tlvs = tlvs;
    }

    /**
     * Just a message ({@code NLMSGERR_ATTR_MSG}).
     *
     * @param text the kernel's explanation, e.g. {@code Invalid prefix length}
     * @return the attributes
     */
    public static ExtAck message(String text) {
        return NONE.withMessage(text);
    }

    /**
     * Adds {@code NLMSGERR_ATTR_MSG}: a NUL-terminated string, as the kernel sends it.
     *
     * @param text the message
     * @return new attributes
     */
    public ExtAck withMessage(String text) {
        requireNonNull(text, "text");
        MessageWriter w = new MessageWriter();
        w.string(Netlink.NLMSGERR_ATTR_MSG, text);
        return with(w);
    }

    /**
     * Adds {@code NLMSGERR_ATTR_OFFS}: the offending attribute's offset in the request, counted from
     * the start of its {@code nlmsghdr} (see {@link FakeKernel.Request#attributeOffset}).
     *
     * @param offset the offset
     * @return new attributes
     */
    public ExtAck withOffset(int offset) {
        return withU32(Netlink.NLMSGERR_ATTR_OFFS, offset);
    }

    /**
     * Adds {@code NLMSGERR_ATTR_MISS_TYPE}: the type of a required attribute that is missing.
     *
     * @param type the attribute type
     * @return new attributes
     */
    public ExtAck withMissingType(int type) {
        return withU32(Netlink.NLMSGERR_ATTR_MISS_TYPE, type);
    }

    /**
     * Adds {@code NLMSGERR_ATTR_MISS_NEST}: the offset in the request of the nest that lacks the
     * attribute named by {@link #withMissingType}.
     *
     * @param offset the nest's offset, from the start of the request's {@code nlmsghdr}
     * @return new attributes
     */
    public ExtAck withMissingNest(int offset) {
        return withU32(Netlink.NLMSGERR_ATTR_MISS_NEST, offset);
    }

    /**
     * Adds {@code NLMSGERR_ATTR_COOKIE}.
     *
     * @param cookie the cookie
     * @return new attributes
     */
    public ExtAck withCookie(Bytes cookie) {
        return withAttribute(Netlink.NLMSGERR_ATTR_COOKIE, cookie);
    }

    /**
     * Adds any attribute, e.g. an {@code NLMSGERR_ATTR_POLICY} nest or a malformed TLV.
     *
     * @param type the attribute type, flags included
     * @param payload the payload as sent
     * @return new attributes
     */
    public ExtAck withAttribute(int type, Bytes payload) {
        requireNonNull(payload, "payload");
        MessageWriter w = new MessageWriter();
        w.bytes(type, payload);
        return with(w);
    }

    private ExtAck withU32(int type, int value) {
        MessageWriter w = new MessageWriter();
        w.u32(type, Integer.toUnsignedLong(value), false);
        return with(w);
    }

    private ExtAck with(MessageWriter w) {
        List<Bytes> out = new ArrayList<>(tlvs);
        out.add(Bytes.wrap(w.toByteArray()));
        return new ExtAck(List.copyOf(out));
    }

    /**
     * Whether there are no attributes.
     *
     * @return {@code true} for {@link #NONE}
     */
    public boolean isEmpty() {
        return tlvs.isEmpty();
    }

    /**
     * The attributes as they follow the error code (and echoed request) on the wire, each padded to
     * 4 bytes.
     *
     * @return the bytes
     */
    public Bytes toBytes() {
        MessageWriter w = new MessageWriter();
        for (Bytes t : tlvs) {
            w.raw(t.toByteArray());
        }
        return Bytes.wrap(w.toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtAck e && tlvs.equals(e.tlvs);
    }

    @Override
    public int hashCode() {
        return tlvs.hashCode();
    }

    @Override
    public String toString() {
        return "ExtAck" + toBytes();
    }
}
