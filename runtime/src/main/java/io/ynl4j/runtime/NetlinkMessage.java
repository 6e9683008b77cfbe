package io.ynl4j.runtime;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.StructReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * One received netlink message: a view into the datagram it arrived in (which the message keeps
 * alive; the socket never reuses it).
 *
 * @param segment the datagram
 * @param offset where this message's {@code nlmsghdr} starts
 * @param length the message length ({@code nlmsg_len})
 */
public record NetlinkMessage(MemorySegment segment, long offset, int length) {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    /**
     * The message type ({@code nlmsg_type}).
     *
     * @return the type
     */
    public int type() {
        return Short.toUnsignedInt(segment.get(U16, offset + 4));
    }

    /**
     * The flags ({@code nlmsg_flags}).
     *
     * @return the flags
     */
    public int flags() {
        return Short.toUnsignedInt(segment.get(U16, offset + 6));
    }

    /**
     * The sequence number.
     *
     * @return {@code nlmsg_seq}
     */
    public int sequence() {
        return segment.get(U32, offset + 8);
    }

    /**
     * The sender's port id as written in the header ({@code nlmsg_pid}).
     *
     * @return the port id
     */
    public int portId() {
        return segment.get(U32, offset + 12);
    }

    /**
     * The payload length (after the 16-byte header).
     *
     * @return bytes
     */
    public int payloadLength() {
        return length - Netlink.NLMSG_HDRLEN;
    }

    /**
     * The payload's offset in the datagram.
     *
     * @return the offset
     */
    public long payloadOffset() {
        return offset + Netlink.NLMSG_HDRLEN;
    }

    /**
     * The genetlink command (first payload byte) of a generic netlink message.
     *
     * @return the command
     * @throws MalformedMessageException when the payload is too short
     */
    public int genlCommand() {
        requirePayload(Netlink.GENL_HDRLEN, "genlmsghdr");
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, payloadOffset()));
    }

    /**
     * A reader over the fixed header that starts the payload (after the genetlink header, if
     * {@code skip} says so).
     *
     * @param skip bytes before the struct (0, or 4 for genetlink)
     * @param size the struct's size
     * @return the reader
     */
    public StructReader fixedHeader(int skip, int size) {
        requirePayload(skip + size, "fixed header");
        return new StructReader(segment, payloadOffset() + skip, size);
    }

    /**
     * A reader over the attributes after {@code headerBytes} bytes of payload.
     *
     * @param headerBytes the genetlink and fixed headers' size
     * @return the reader
     */
    public AttrReader attributes(int headerBytes) {
        requirePayload(headerBytes, "headers");
        return AttrReader.of(segment, payloadOffset() + Netlink.align(headerBytes), offset + length);
    }

    private void requirePayload(int size, String what) {
        if (payloadLength() < size) {
            throw new MalformedMessageException(
                    payloadOffset(), "", what + " expects " + size + " bytes of payload, got " + payloadLength());
        }
    }

    /**
     * A copy of the whole message, header included.
     *
     * @return the bytes
     */
    public byte[] toByteArray() {
        return segment.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }
}
