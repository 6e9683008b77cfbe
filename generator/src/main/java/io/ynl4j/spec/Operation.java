package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An operation with its message ids computed as the kernel's YNL library computes them.
 *
 * <p>Unified model: request and reply id are both the operation's value (explicit, else the
 * previous operation's + 1, from 1). Directional model: for do/dump operations the request id is
 * the do (else dump) request's {@code value} or the running request count, the reply id the
 * reply's {@code value} or the running reply count (absent when there is no reply); for notify and
 * event operations there is no request id and the reply id is the operation's {@code value} or
 * the running reply count.
 *
 * @param name the spec name
 * @param doc the documentation
 * @param requestId the message type (raw) or command (genetlink) of requests, if any
 * @param replyId the message type or command of replies and notifications, if any
 * @param attributeSet the set of the top-level attributes (for notify: the notified operation's)
 * @param fixedHeader the struct after the netlink/genetlink header (own or the family's default)
 * @param doMode the {@code do} handler, if any
 * @param dumpMode the {@code dump} handler, if any
 * @param notifies the operation whose reply this notification carries, if this is a notification
 * @param event the attributes of an event, if this is an event
 * @param mcgrp the multicast group the notification or event is sent to, if given
 * @param flags command flags such as {@code admin-perm}
 * @param dontValidate kernel validation flags to relax
 * @param configCond the kernel config option gating the operation, if any
 * @param location where
 */
public record Operation(
        String name,
        String doc,
        OptionalInt requestId,
        OptionalInt replyId,
        Optional<String> attributeSet,
        Optional<String> fixedHeader,
        Optional<Mode> doMode,
        Optional<Mode> dumpMode,
        Optional<String> notifies,
        Optional<Message> event,
        Optional<String> mcgrp,
        List<String> flags,
        List<String> dontValidate,
        Optional<String> configCond,
        SourceLocation location) {
    public Operation {
        requireNonNull(name, "name");
        requireNonNull(doc, "doc");
        requireNonNull(requestId, "requestId");
        requireNonNull(replyId, "replyId");
        requireNonNull(attributeSet, "attributeSet");
        requireNonNull(fixedHeader, "fixedHeader");
        requireNonNull(doMode, "doMode");
        requireNonNull(dumpMode, "dumpMode");
        requireNonNull(notifies, "notifies");
        requireNonNull(event, "event");
        requireNonNull(mcgrp, "mcgrp");
        flags = List.copyOf(flags);
        dontValidate = List.copyOf(dontValidate);
        requireNonNull(configCond, "configCond");
        requireNonNull(location, "location");
    }

    /**
     * The modes present, in the order do, dump, notify, event.
     *
     * @return e.g. {@code [do, dump]}
     */
    public List<String> modes() {
        java.util.ArrayList<String> modes = new java.util.ArrayList<>();
        doMode.ifPresent(m -> modes.add("do"));
        dumpMode.ifPresent(m -> modes.add("dump"));
        notifies.ifPresent(m -> modes.add("notify"));
        event.ifPresent(m -> modes.add("event"));
        return List.copyOf(modes);
    }

    /**
     * Whether this operation only reserves an id (no mode at all).
     *
     * @return {@code true} for placeholders such as {@code unspec}
     */
    public boolean isReserved() {
        return doMode.isEmpty() && dumpMode.isEmpty() && notifies.isEmpty() && event.isEmpty();
    }

    /**
     * A {@code do} or {@code dump} handler, with the message ids its messages really carry: the
     * operation's ids unless this mode's request or reply gives its own {@code value} (devlink's
     * {@code port-get} dump replies carry {@code DEVLINK_CMD_NEW}, 3, not the do reply's 7). The
     * kernel's YNL library takes the operation-level ids from the do mode only; these per-mode ids
     * are what a decoder must accept.
     *
     * @param requestId the message id of this mode's requests
     * @param replyId the message id of this mode's replies, if it has any
     * @param request the request message, if the spec describes one
     * @param reply the reply message, if the spec describes one
     * @param pre the kernel pre-hook, if any
     * @param post the kernel post-hook, if any
     * @param location where
     */
    public record Mode(
            OptionalInt requestId,
            OptionalInt replyId,
            Optional<Message> request,
            Optional<Message> reply,
            Optional<String> pre,
            Optional<String> post,
            SourceLocation location) {
        public Mode {
            requireNonNull(requestId, "requestId");
            requireNonNull(replyId, "replyId");
            requireNonNull(request, "request");
            requireNonNull(reply, "reply");
            requireNonNull(pre, "pre");
            requireNonNull(post, "post");
            requireNonNull(location, "location");
        }
    }

    /**
     * The attributes of one message, in the operation's order, each checked to exist in the
     * operation's attribute set.
     *
     * @param attributes attribute names
     * @param location where
     */
    public record Message(List<String> attributes, SourceLocation location) {
        public Message {
            attributes = List.copyOf(attributes);
            requireNonNull(location, "location");
        }
    }
}
