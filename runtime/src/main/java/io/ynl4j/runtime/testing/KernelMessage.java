package io.ynl4j.runtime.testing;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One netlink message a {@link FakeKernel} sends: a data message, {@code NLMSG_DONE},
 * {@code NLMSG_ERROR} (an ACK or an error), or {@code NLMSG_NOOP}. Immutable; every {@code with…}
 * method returns a new value.
 *
 * <p>Sequence number and port id are filled in when the message is sent: in a reply they echo the
 * request's (as the kernel does), in a message pushed with {@link FakeKernel#push} they are 0 (a
 * notification). {@link #withSequence} and {@link #withPortId} override both, e.g. to send a
 * reply with a wrong sequence number. An {@code NLMSG_ERROR} echoes the request it answers: only
 * its header when capped ({@code NLM_F_CAPPED}), the whole request otherwise; by default it is
 * capped when the socket set {@code NETLINK_CAP_ACK} (the runtime's default) and always for an ACK,
 * as the kernel does.
 *
 * <pre>{@code
 * KernelMessage.of(RTM_NEWADDR, NLM_F_MULTI, w -> w.fixedHeader(8).u8(0, AF_INET))
 * KernelMessage.done()
 * KernelMessage.error(22, ExtAck.message("Invalid prefix length").withOffset(32))
 * }</pre>
 */
public final class KernelMessage {
    private enum Kind {
        DATA,
        DONE,
        ERROR
    }

    private enum Echo {
        AUTO,
        CAPPED,
        FULL
    }

    private final Kind kind;
    private final int type;
    private final int flags;
    private final boolean exactFlags;
    private final Bytes payload;
    private final int errno;
    private final ExtAck extAck;
    private final Echo echo;
    private final OptionalInt sequence;
    private final OptionalInt portId;

    private KernelMessage(
            Kind kind,
            int type,
            int flags,
            boolean exactFlags,
            Bytes payload,
            int errno,
            ExtAck extAck,
            Echo echo,
            OptionalInt sequence,
            OptionalInt portId) {
        this.kind = kind;
        this.type = type;
        this.flags = flags;
        this.exactFlags = exactFlags;
        this.payload = payload;
        this.errno = errno;
        this.extAck = extAck;
        this.echo = echo;
        this.sequence = sequence;
        this.portId = portId;
    }

    private static KernelMessage control(Kind kind, int type, int flags, int errno, ExtAck extAck) {
        requireNonNull(extAck, "extAck");
        return new KernelMessage(
                kind,
                type,
                flags,
                false,
                Bytes.of(),
                errno,
                extAck,
                Echo.AUTO,
                OptionalInt.empty(),
                OptionalInt.empty());
    }

    /**
     * A data message: a reply, a dump part (with {@code NLM_F_MULTI}) or a notification.
     *
     * @param type the message type, e.g. {@code RTM_NEWADDR} (20)
     * @param flags the {@code NLM_F_*} flags, e.g. {@link Netlink#NLM_F_MULTI}
     * @param payload what follows the {@code nlmsghdr} (fixed headers and attributes)
     * @return the message
     */
    public static KernelMessage of(int type, int flags, Bytes payload) {
        requireNonNull(payload, "payload");
        return new KernelMessage(
                Kind.DATA,
                type,
                flags,
                false,
                payload,
                0,
                ExtAck.NONE,
                Echo.AUTO,
                OptionalInt.empty(),
                OptionalInt.empty());
    }

    /**
     * A data message.
     *
     * @param type the message type
     * @param flags the {@code NLM_F_*} flags
     * @param payload what follows the {@code nlmsghdr}; copied
     * @return the message
     */
    public static KernelMessage of(int type, int flags, byte[] payload) {
        return of(type, flags, Bytes.of(payload));
    }

    /**
     * A data message whose payload is written with the codec, e.g. {@code w -> {
     * w.fixedHeader(8).u8(0, 2); w.u32(IFA_FLAGS, 0x80, false); }}.
     *
     * @param type the message type
     * @param flags the {@code NLM_F_*} flags
     * @param payload writes what follows the {@code nlmsghdr} (no {@code beginMessage})
     * @return the message
     */
    public static KernelMessage of(int type, int flags, Consumer<MessageWriter> payload) {
        MessageWriter w = new MessageWriter();
        payload.accept(w);
        return of(type, flags, Bytes.wrap(w.toByteArray()));
    }

    /**
     * {@code NLMSG_NOOP}, which receivers skip.
     *
     * @return the message
     */
    public static KernelMessage noop() {
        return of(Netlink.NLMSG_NOOP, 0, Bytes.of());
    }

    /**
     * {@code NLMSG_DONE} ending a dump: flags {@code NLM_F_MULTI}, error 0.
     *
     * @return the message
     */
    public static KernelMessage done() {
        return done(0, ExtAck.NONE);
    }

    /**
     * {@code NLMSG_DONE} carrying an error, as when a dump fails to start or a filter is refused;
     * with extended-ACK attributes after the error code (then {@code NLM_F_ACK_TLVS} is set).
     *
     * @param errno the positive errno, e.g. 22 for {@code EINVAL}; 0 for success
     * @param extAck the extended-ACK attributes, or {@link ExtAck#NONE}
     * @return the message
     */
    public static KernelMessage done(int errno, ExtAck extAck) {
        if (errno < 0) {
            throw new IllegalArgumentException("errno is positive (the message carries -errno), got " + errno);
        }
        return control(Kind.DONE, Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, errno, extAck);
    }

    /**
     * An ACK: {@code NLMSG_ERROR} with error 0, capped.
     *
     * @return the message
     */
    public static KernelMessage ack() {
        return ack(ExtAck.NONE);
    }

    /**
     * An ACK with extended-ACK attributes: the kernel's way to send a warning on success.
     *
     * @param warning e.g. {@code ExtAck.message("…")}
     * @return the message
     */
    public static KernelMessage ack(ExtAck warning) {
        return control(Kind.ERROR, Netlink.NLMSG_ERROR, 0, 0, warning);
    }

    /**
     * An error: {@code NLMSG_ERROR} with {@code -errno}.
     *
     * @param errno the positive errno, e.g. 17 for {@code EEXIST}
     * @return the message
     */
    public static KernelMessage error(int errno) {
        return error(errno, ExtAck.NONE);
    }

    /**
     * An error with extended-ACK attributes (then {@code NLM_F_ACK_TLVS} is set).
     *
     * @param errno the positive errno, e.g. 22 for {@code EINVAL}
     * @param extAck the message, offending attribute offset, missing attribute, …
     * @return the message
     */
    public static KernelMessage error(int errno, ExtAck extAck) {
        if (errno <= 0) {
            throw new IllegalArgumentException(
                    "errno is positive (the message carries -errno; use ack() for 0), got " + errno);
        }
        return control(Kind.ERROR, Netlink.NLMSG_ERROR, 0, errno, extAck);
    }

    /**
     * This message with exactly these flags: nothing is added when it is sent ({@code NLM_F_CAPPED}
     * and {@code NLM_F_ACK_TLVS} included), so the flags may lie.
     *
     * @param exact the {@code NLM_F_*} flags as sent
     * @return the new message
     */
    public KernelMessage withFlags(int exact) {
        return new KernelMessage(kind, type, exact, true, payload, errno, extAck, echo, sequence, portId);
    }

    /**
     * This message with more flags, e.g. {@link Netlink#NLM_F_DUMP_INTR}.
     *
     * @param more the flags to add
     * @return the new message
     */
    public KernelMessage plusFlags(int more) {
        return new KernelMessage(kind, type, flags | more, exactFlags, payload, errno, extAck, echo, sequence, portId);
    }

    /**
     * This message with a given sequence number instead of the request's (or 0).
     *
     * @param seq the sequence number
     * @return the new message
     */
    public KernelMessage withSequence(int seq) {
        return new KernelMessage(
                kind, type, flags, exactFlags, payload, errno, extAck, echo, OptionalInt.of(seq), portId);
    }

    /**
     * This message with a given {@code nlmsg_pid} instead of the request's port (or 0). The
     * datagram's sender is set by {@link FakeKernel.Reply#sendFrom} instead.
     *
     * @param port the port id written in the header
     * @return the new message
     */
    public KernelMessage withPortId(int port) {
        return new KernelMessage(
                kind, type, flags, exactFlags, payload, errno, extAck, echo, sequence, OptionalInt.of(port));
    }

    /**
     * For {@code NLMSG_ERROR}: whether the echo of the request is capped to its header
     * ({@code NLM_F_CAPPED}) or carries the whole request, instead of following the socket's
     * {@code NETLINK_CAP_ACK}.
     *
     * @param capped {@code true}: header only
     * @return the new message
     * @throws IllegalStateException when this is not an {@code NLMSG_ERROR}
     */
    public KernelMessage capped(boolean capped) {
        if (kind != Kind.ERROR) {
            throw new IllegalStateException("only NLMSG_ERROR echoes the request; this is type " + type);
        }
        return new KernelMessage(
                kind,
                type,
                flags,
                exactFlags,
                payload,
                errno,
                extAck,
                capped ? Echo.CAPPED : Echo.FULL,
                sequence,
                portId);
    }

    /**
     * The message type.
     *
     * @return {@code nlmsg_type}
     */
    public int type() {
        return type;
    }

    /**
     * The message as sent: header, payload, and zero padding to 4 bytes.
     *
     * @param defaultSequence the sequence number unless overridden
     * @param defaultPortId the port id unless overridden
     * @param request the message answered (for the echo of an {@code NLMSG_ERROR}), if any
     * @param capAck whether the socket set {@code NETLINK_CAP_ACK}
     * @return the bytes
     */
    byte[] encode(int defaultSequence, int defaultPortId, Optional<Bytes> request, boolean capAck) {
        boolean cap = switch (echo) {
            case CAPPED -> true;
            case FULL -> false;
            case AUTO -> errno == 0 || capAck;
        };
        byte[] body = switch (kind) {
            case DATA -> payload.toByteArray();
            case DONE ->
                order(ByteBuffer.allocate(4 + extAck.toBytes().length()))
                        .putInt(-errno)
                        .put(extAck.toBytes().toByteArray())
                        .array();
            case ERROR -> errorBody(request, cap);
        };
        int outFlags = switch (kind) {
            case DATA -> flags;
            case DONE -> flags | tlvFlag();
            case ERROR -> flags | (cap ? Netlink.NLM_F_CAPPED : 0) | tlvFlag();
        };
        int length = Netlink.NLMSG_HDRLEN + body.length;
        ByteBuffer out = order(ByteBuffer.allocate(Netlink.align(length)));
        out.putInt(length);
        out.putShort((short) type);
        out.putShort((short) (exactFlags ? flags : outFlags));
        out.putInt(sequence.orElse(defaultSequence));
        out.putInt(portId.orElse(defaultPortId));
        out.put(body);
        return out.array();
    }

    private int tlvFlag() {
        return extAck.isEmpty() ? 0 : Netlink.NLM_F_ACK_TLVS;
    }

    /** {@code struct nlmsgerr}: -errno, the request's header (or all of it), then the TLVs. */
    private byte[] errorBody(Optional<Bytes> request, boolean cap) {
        byte[] original = request.map(Bytes::toByteArray).orElse(new byte[Netlink.NLMSG_HDRLEN]);
        int echoLength = cap ? Netlink.NLMSG_HDRLEN : Netlink.align(original.length);
        byte[] tlvs = extAck.toBytes().toByteArray();
        ByteBuffer b = order(ByteBuffer.allocate(4 + echoLength + tlvs.length));
        b.putInt(-errno);
        b.put(original, 0, Math.min(original.length, echoLength));
        b.position(4 + echoLength);
        b.put(tlvs);
        return b.array();
    }

    private static ByteBuffer order(ByteBuffer b) {
        return b.order(ByteOrder.nativeOrder());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("KernelMessage[")
                .append(
                        switch (kind) {
                            case DATA -> "type=" + type + ", payload=" + payload;
                            case DONE -> "NLMSG_DONE, errno=" + errno;
                            case ERROR -> "NLMSG_ERROR, errno=" + errno + ", echo=" + echo;
                        });
        out.append(", flags=0x").append(Integer.toHexString(flags));
        if (!extAck.isEmpty()) {
            out.append(", ").append(extAck);
        }
        sequence.ifPresent(s -> out.append(", seq=").append(Integer.toUnsignedString(s)));
        portId.ifPresent(p -> out.append(", port=").append(Integer.toUnsignedString(p)));
        return out.append(']').toString();
    }
}
