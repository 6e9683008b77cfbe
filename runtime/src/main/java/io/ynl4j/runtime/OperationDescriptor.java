package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.codec.Netlink;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One operation of a family, as the generic client layer ({@link NetlinkClient}) runs it: its name
 * for error messages, the message ids and request flags of its {@code do} and {@code dump} modes,
 * the bytes before its request attributes and how to name them in errors. Generated family facades
 * hold one per operation; hand-written code may make its own.
 *
 * @param family the family
 * @param name the operation's spec name, e.g. {@code getaddr}
 * @param doMode the {@code do} mode, if the operation has one
 * @param dumpMode the {@code dump} mode, if the operation has one
 * @param headerBytes bytes of request payload before the attributes ({@code genlmsghdr} and the
 *     operation's fixed header), for naming a bad attribute of an extended ACK
 * @param attrNamer names attribute paths of the request in errors
 */
public record OperationDescriptor(
        FamilyDescriptor family,
        String name,
        Optional<Mode> doMode,
        Optional<Mode> dumpMode,
        int headerBytes,
        AttrNamer attrNamer) {
    public OperationDescriptor {
        requireNonNull(family, "family");
        requireNonNull(name, "name");
        requireNonNull(doMode, "doMode");
        requireNonNull(dumpMode, "dumpMode");
        requireNonNull(attrNamer, "attrNamer");
        if (headerBytes < 0) {
            throw new IllegalArgumentException("header bytes must not be negative, got " + headerBytes);
        }
    }

    /**
     * The message ids and default flags of one mode.
     *
     * @param requestId the message type (classic) or command (generic) of requests
     * @param replyId the message type or command of replies, if the mode has replies
     * @param flags the default request flags, e.g. {@code NLM_F_REQUEST | NLM_F_ACK} for a do,
     *     {@code NLM_F_REQUEST | NLM_F_DUMP} for a dump
     */
    public record Mode(int requestId, OptionalInt replyId, int flags) {
        public Mode {
            requireNonNull(replyId, "replyId");
        }

        /**
         * A {@code do} mode with the default flags {@code NLM_F_REQUEST | NLM_F_ACK}.
         *
         * @param requestId the request id
         * @param replyId the reply id, if any
         * @return the mode
         */
        public static Mode ofDo(int requestId, OptionalInt replyId) {
            return new Mode(requestId, replyId, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        }

        /**
         * A {@code dump} mode with the default flags {@code NLM_F_REQUEST | NLM_F_DUMP}.
         *
         * @param requestId the request id
         * @param replyId the reply id, if any
         * @return the mode
         */
        public static Mode ofDump(int requestId, OptionalInt replyId) {
            return new Mode(requestId, replyId, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        }
    }

    /**
     * The name errors use: family and operation, e.g. {@code rt-addr newaddr}.
     *
     * @return the text
     */
    public String displayName() {
        return family.name() + " " + name;
    }

    /**
     * The {@code do} mode.
     *
     * @return the mode
     * @throws IllegalStateException when the operation has none
     */
    public Mode requireDo() {
        return doMode.orElseThrow(() -> new IllegalStateException(displayName() + " has no do mode"));
    }

    /**
     * The {@code dump} mode.
     *
     * @return the mode
     * @throws IllegalStateException when the operation has none
     */
    public Mode requireDump() {
        return dumpMode.orElseThrow(() -> new IllegalStateException(displayName() + " has no dump mode"));
    }
}
