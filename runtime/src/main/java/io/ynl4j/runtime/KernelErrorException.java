package io.ynl4j.runtime;

import io.ynl4j.runtime.internal.ffm.Errno;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kernel refused a request: an {@code NLMSG_ERROR} with a non-zero error (or an error in
 * {@code NLMSG_DONE}). Carries the errno, the extended-ACK message and the offending attribute as a
 * path, e.g. {@code rt-addr newaddr failed: EINVAL (Invalid argument): kernel says 'Invalid prefix
 * length' (bad attribute: addr-attrs.local)}.
 */
public final class KernelErrorException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;
    private final int sequence;
    private final Optional<String> extAckMessage;
    private final OptionalInt badAttributeOffset;
    private final Optional<String> badAttribute;
    private final Optional<String> missingAttribute;
    private final Optional<String> policy;

    /**
     * Creates the exception.
     *
     * @param operation what was asked, e.g. {@code rt-addr newaddr}
     * @param errno the positive errno
     * @param sequence the request's sequence number
     * @param extAckMessage the kernel's message ({@code NLMSGERR_ATTR_MSG}), if sent
     * @param badAttributeOffset the offending attribute's offset in the request, if sent
     * @param badAttribute that attribute as a path, if it could be resolved
     * @param missingAttribute a required attribute that was missing, as a path, if sent
     */
    public KernelErrorException(
            String operation,
            int errno,
            int sequence,
            Optional<String> extAckMessage,
            OptionalInt badAttributeOffset,
            Optional<String> badAttribute,
            Optional<String> missingAttribute) {
        this(
                operation,
                errno,
                sequence,
                extAckMessage,
                badAttributeOffset,
                badAttribute,
                missingAttribute,
                Optional.empty());
    }

    /**
     * Creates the exception with the policy the kernel sent for the offending attribute.
     *
     * @param operation what was asked, e.g. {@code rt-addr newaddr}
     * @param errno the positive errno
     * @param sequence the request's sequence number
     * @param extAckMessage the kernel's message ({@code NLMSGERR_ATTR_MSG}), if sent
     * @param badAttributeOffset the offending attribute's offset in the request, if sent
     * @param badAttribute that attribute as a path, if it could be resolved
     * @param missingAttribute a required attribute that was missing, as a path, if sent
     * @param policy what the kernel accepts for that attribute ({@code NLMSGERR_ATTR_POLICY}),
     *     rendered, e.g. {@code u16, range 1..4094}, if sent
     */
    public KernelErrorException(
            String operation,
            int errno,
            int sequence,
            Optional<String> extAckMessage,
            OptionalInt badAttributeOffset,
            Optional<String> badAttribute,
            Optional<String> missingAttribute,
            Optional<String> policy) {
        super(describe(operation, errno, extAckMessage, badAttribute, badAttributeOffset, missingAttribute, policy));
        this.operation = operation;
        this.errno = errno;
        this.sequence = sequence;
        this.extAckMessage = extAckMessage;
        this.badAttributeOffset = badAttributeOffset;
        this.badAttribute = badAttribute;
        this.missingAttribute = missingAttribute;
        this.policy = policy;
    }

    /**
     * What the kernel accepts for the offending attribute, e.g. {@code u16, range 1..4094}.
     *
     * @return the rendered policy, if the kernel sent one
     */
    public Optional<String> policy() {
        return policy;
    }

    private static String describe(
            String operation,
            int errno,
            Optional<String> msg,
            Optional<String> bad,
            OptionalInt badOffset,
            Optional<String> missing,
            Optional<String> policy) {
        StringBuilder out = new StringBuilder(operation)
                .append(" failed: ")
                .append(Errno.name(errno))
                .append(" (")
                .append(Errno.text(errno))
                .append(')');
        msg.ifPresent(m -> out.append(": kernel says '").append(m).append('\''));
        if (bad.isPresent()) {
            out.append(" (bad attribute: ").append(bad.get()).append(')');
        } else if (badOffset.isPresent()) {
            out.append(" (bad attribute at byte ").append(badOffset.getAsInt()).append(')');
        }
        missing.ifPresent(m -> out.append(" (missing attribute: ").append(m).append(')'));
        policy.ifPresent(p -> out.append(" (policy: ").append(p).append(')'));
        return out.toString();
    }

    /**
     * The operation, e.g. {@code rt-addr newaddr}.
     *
     * @return the operation
     */
    public String operation() {
        return operation;
    }

    /**
     * The errno.
     *
     * @return the positive errno
     */
    public int errno() {
        return errno;
    }

    /**
     * The errno's name, e.g. {@code EEXIST}.
     *
     * @return the name
     */
    public String errnoName() {
        return Errno.name(errno);
    }

    /**
     * The request's sequence number.
     *
     * @return the sequence
     */
    public int sequence() {
        return sequence;
    }

    /**
     * The kernel's extended-ACK message.
     *
     * @return the message, if sent
     */
    public Optional<String> extAckMessage() {
        return extAckMessage;
    }

    /**
     * The offset of the offending attribute in the request (from the start of its
     * {@code nlmsghdr}).
     *
     * @return the offset, if sent
     */
    public OptionalInt badAttributeOffset() {
        return badAttributeOffset;
    }

    /**
     * The offending attribute as a path ({@code addr-attrs.local}, or attribute numbers when no
     * names are known).
     *
     * @return the path, if known
     */
    public Optional<String> badAttribute() {
        return badAttribute;
    }

    /**
     * A missing required attribute, as a path.
     *
     * @return the path, if sent
     */
    public Optional<String> missingAttribute() {
        return missingAttribute;
    }
}
