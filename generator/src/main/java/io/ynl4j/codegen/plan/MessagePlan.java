package io.ynl4j.codegen.plan;

import static java.util.Objects.requireNonNull;

import com.palantir.javapoet.ClassName;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Operation;
import io.ynl4j.spec.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The message records of a family: one {@link Shape} per operation, mode and direction that carries
 * a message — an attribute set, the attributes the operation lists for it (in the operation's order)
 * and the message id — with identical do and dump shapes merged into one record ({@code
 * getmulticast}'s replies), and the notification table: which message ids arriving on multicast
 * groups decode to which record.
 *
 * <p>Names: {@code <Op>Request} and {@code <Op>Reply}; {@code <Op>DumpRequest} / {@code
 * <Op>DumpReply} only for a dump shape that differs from the do shape; {@code <Event>Notification}
 * for {@code event} operations. {@code notify} operations have no record: they reuse the notified
 * operation's reply. Call {@link #requests} before planning (it names the records) and {@link #of}
 * with the plan.
 */
public final class MessagePlan {
    /** A mode of a do/dump operation. */
    public enum Mode {
        /** The {@code do} mode. */
        DO("do"),
        /** The {@code dump} mode. */
        DUMP("dump");

        private final String specName;

        Mode(String specName) {
            this.specName = specName;
        }

        /**
         * The spec's name.
         *
         * @return {@code do} or {@code dump}
         */
        public String specName() {
            return specName;
        }

        /**
         * The mode of an operation.
         *
         * @param op the operation
         * @return the mode, if the operation has it
         */
        public Optional<Operation.Mode> of(Operation op) {
            return this == DO ? op.doMode() : op.dumpMode();
        }
    }

    /** Which way a message goes. */
    public enum Direction {
        /** To the kernel. */
        REQUEST,
        /** From the kernel, answering a request. */
        REPLY,
        /** From the kernel, unsolicited ({@code event} operations). */
        EVENT
    }

    /**
     * One message record.
     *
     * @param key the planner key, e.g. {@code getaddr/reply} or {@code getaddr/dump/reply}
     * @param op the operation
     * @param modes the modes the record serves (empty for an event)
     * @param direction the direction
     * @param attributeSet the operation's attribute set, if any
     * @param fixedHeader the struct before the attributes, if any
     * @param attributes the attributes listed, in the operation's order, without repeats
     * @param messageId the message type (classic) or command (generic)
     */
    public record Shape(
            String key,
            Operation op,
            List<Mode> modes,
            Direction direction,
            Optional<String> attributeSet,
            Optional<String> fixedHeader,
            List<String> attributes,
            int messageId) {
        public Shape {
            requireNonNull(key, "key");
            requireNonNull(op, "op");
            modes = List.copyOf(modes);
            requireNonNull(direction, "direction");
            requireNonNull(attributeSet, "attributeSet");
            requireNonNull(fixedHeader, "fixedHeader");
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * A message id that may arrive on a multicast group, and the record it decodes to.
     *
     * @param messageId the message type (classic) or command (generic)
     * @param shape the record
     * @param wrapper for a deletion the kernel multicasts with the layout of {@code shape} (rt-addr's
     *     {@code RTM_DELADDR} as {@code GetaddrReply}), or for one of several notify ops with that
     *     layout (netdev's {@code dev-add-ntf}, {@code dev-del-ntf}, {@code dev-change-ntf}), the key
     *     of the generated {@code <Op>Notification(int messageType|command, <Reply> message)} record
     *     that wraps it; empty when the id decodes to {@code shape} itself
     */
    public record Notification(int messageId, Shape shape, Optional<String> wrapper) {
        public Notification {
            requireNonNull(shape, "shape");
            requireNonNull(wrapper, "wrapper");
        }

        /**
         * A notification that decodes to its record itself.
         *
         * @param messageId the message id
         * @param shape the record
         */
        public Notification(int messageId, Shape shape) {
            this(messageId, shape, Optional.empty());
        }
    }

    private final FamilyPlan plan;
    private final List<Shape> shapes;
    private final Map<String, Shape> byModeKey;
    private final List<Notification> notifications;

    private MessagePlan(FamilyPlan plan, List<Shape> shapes, Map<String, Shape> byModeKey) {
        this.plan = plan;
        this.shapes = List.copyOf(shapes);
        this.byModeKey = Map.copyOf(byModeKey);
        this.notifications = notifications(plan.family(), this.shapes, this.byModeKey);
    }

    /**
     * The records to name, for {@link Planner#plan(Family, String, List)}.
     *
     * @param family the family
     * @return the requests, in operation order
     */
    public static List<Planner.MessageRequest> requests(Family family) {
        List<Planner.MessageRequest> out = new ArrayList<>();
        Map<String, Shape> byModeKey = new LinkedHashMap<>();
        List<Shape> shapes = shapes(family, byModeKey);
        for (Shape s : shapes) {
            out.add(new Planner.MessageRequest(s.key(), wantedName(s), location(s)));
        }
        for (Notification n : notifications(family, shapes, byModeKey)) {
            if (n.wrapper().isPresent()) {
                Operation op = family.operations().stream()
                        .filter(o -> n.wrapper().get().equals(wrapperKey(o)))
                        .findFirst()
                        .orElseThrow();
                out.add(new Planner.MessageRequest(n.wrapper().get(), wrapperName(op), op.location()));
            }
        }
        return out;
    }

    /**
     * The message records of a planned family.
     *
     * @param plan a plan made with {@link #requests}
     * @return the message plan
     */
    public static MessagePlan of(FamilyPlan plan) {
        Map<String, Shape> byModeKey = new LinkedHashMap<>();
        List<Shape> shapes = shapes(plan.family(), byModeKey);
        return new MessagePlan(plan, shapes, byModeKey);
    }

    /**
     * The family plan.
     *
     * @return the plan
     */
    public FamilyPlan plan() {
        return plan;
    }

    /**
     * Every record, in operation order.
     *
     * @return the shapes
     */
    public List<Shape> shapes() {
        return shapes;
    }

    /**
     * The record's Java name.
     *
     * @param shape the shape
     * @return the name
     */
    public ClassName name(Shape shape) {
        return plan.message(shape.key());
    }

    /**
     * The Java type a notification decodes to: its wrapper record, else its record.
     *
     * @param notification the notification
     * @return the name
     */
    public ClassName name(Notification notification) {
        return notification.wrapper().map(plan::message).orElseGet(() -> name(notification.shape()));
    }

    /**
     * The request record of an operation's mode.
     *
     * @param op the operation
     * @param mode the mode
     * @return the record, if the mode has a request or the operation a fixed header
     */
    public Optional<Shape> request(Operation op, Mode mode) {
        return Optional.ofNullable(byModeKey.get(op.name() + "/" + mode.specName() + "/request"));
    }

    /**
     * The reply record of an operation's mode.
     *
     * @param op the operation
     * @param mode the mode
     * @return the record, if the mode has a reply
     */
    public Optional<Shape> reply(Operation op, Mode mode) {
        return Optional.ofNullable(byModeKey.get(op.name() + "/" + mode.specName() + "/reply"));
    }

    /**
     * The notification table: message ids that arrive on groups and their records, from notify and
     * event operations; for families that declare groups but neither, from the replies (so {@code
     * RTM_NEWADDR} decodes as rt-addr's {@code GetaddrReply}) and then from the do requests without
     * a reply, whose ids the kernel multicasts as deletions with the layout of the reply of the same
     * attribute set and fixed header ({@code RTM_DELADDR} decodes as {@code
     * DeladdrNotification(21, GetaddrReply)}). The first record of an id wins.
     *
     * @return the table, in operation order
     */
    public List<Notification> notifications() {
        return notifications;
    }

    /**
     * Whether a record is a notification (implements the family's notification interface).
     *
     * @param shape the shape
     * @return {@code true} if some notification decodes to it
     */
    public boolean isNotification(Shape shape) {
        return notifications.stream()
                .anyMatch(n -> n.wrapper().isEmpty() && n.shape().equals(shape));
    }

    /**
     * The id of a message mode's request (or reply), as a decoder must accept: the mode's own id,
     * else the operation's.
     *
     * @param op the operation
     * @param mode the mode
     * @param direction request or reply
     * @return the id, if any
     */
    public static OptionalInt messageId(Operation op, Operation.Mode mode, Direction direction) {
        OptionalInt own = direction == Direction.REQUEST ? mode.requestId() : mode.replyId();
        if (own.isPresent()) {
            return own;
        }
        return direction == Direction.REQUEST ? op.requestId() : op.replyId();
    }

    private static List<Notification> notifications(Family family, List<Shape> shapes, Map<String, Shape> byModeKey) {
        Map<Integer, Notification> table = new LinkedHashMap<>();
        boolean async = false;
        // Notify ops that share the layout of one reply (netdev's dev-add-ntf, dev-del-ntf and
        // dev-change-ntf, all dev-get's reply; rt-route's newroute-ntf and delroute-ntf) are told
        // apart by wrapper records, or a listener could not know what happened.
        Map<Shape, Integer> notifyUses = new LinkedHashMap<>();
        for (Operation op : family.operations()) {
            if (op.notifies().isPresent() && op.replyId().isPresent()) {
                notifyReply(family, op, byModeKey).ifPresent(r -> notifyUses.merge(r, 1, Integer::sum));
            }
        }
        for (Operation op : family.operations()) {
            if (op.notifies().isPresent() && op.replyId().isPresent()) {
                async = true;
                int id = op.replyId().getAsInt();
                notifyReply(family, op, byModeKey)
                        .ifPresent(r -> table.putIfAbsent(
                                id,
                                new Notification(
                                        id,
                                        r,
                                        notifyUses.get(r) > 1 ? Optional.of(wrapperKey(op)) : Optional.empty())));
            } else if (op.event().isPresent()) {
                async = true;
                Shape s = byModeKey.get(op.name() + "/event");
                if (s != null) {
                    table.putIfAbsent(s.messageId(), new Notification(s.messageId(), s));
                }
            }
        }
        if (!async && !family.mcastGroups().isEmpty()) {
            for (Shape s : shapes) {
                if (s.direction() == Direction.REPLY) {
                    table.putIfAbsent(s.messageId(), new Notification(s.messageId(), s));
                }
            }
        }
        // Deletions (RTM_DELADDR, RTM_DELLINK, ...) are multicast with the layout of the replies:
        // a do request without a reply decodes as the first reply of the same attribute set and
        // fixed header, wrapped so that the message type stays visible. In a classic family that lists
        // notify ops, only its del* ops (rt-link lists newlink-ntf but not the RTM_DELLINK the kernel
        // sends; it never multicasts RTM_SETLINK); generic netlink families list what they multicast.
        boolean classic = !family.protocol().isGeneric();
        if (!family.mcastGroups().isEmpty() && (!async || classic)) {
            for (Operation op : family.operations()) {
                Shape request = byModeKey.get(op.name() + "/do/request");
                if (request == null
                        || byModeKey.containsKey(op.name() + "/do/reply")
                        || (async && !op.name().startsWith("del"))) {
                    continue;
                }
                int id = request.messageId();
                if (table.containsKey(id)) {
                    continue;
                }
                shapes.stream()
                        .filter(s -> s.direction() == Direction.REPLY
                                && request.attributeSet().isPresent()
                                && s.attributeSet().equals(request.attributeSet())
                                && s.fixedHeader().equals(request.fixedHeader()))
                        .findFirst()
                        .ifPresent(r -> table.put(id, new Notification(id, r, Optional.of(wrapperKey(op)))));
            }
        }
        return List.copyOf(table.values());
    }

    private static String wrapperKey(Operation op) {
        return op.name() + "/notification";
    }

    /** The reply shape a notify op's messages have: its target's do reply, else its dump reply. */
    private static Optional<Shape> notifyReply(Family family, Operation op, Map<String, Shape> byModeKey) {
        return family.operation(op.notifies().orElseThrow())
                .flatMap(t -> Optional.ofNullable(byModeKey.get(t.name() + "/do/reply"))
                        .or(() -> Optional.ofNullable(byModeKey.get(t.name() + "/dump/reply"))));
    }

    /** The Java name a wrapper record asks for: the op's, without a {@code -ntf} suffix, + Notification. */
    private static String wrapperName(Operation op) {
        return JavaNames.typeName(op.name().replaceFirst("-ntf$", "")) + "Notification";
    }

    private static String wantedName(Shape s) {
        String op = JavaNames.typeName(s.op().name());
        return switch (s.direction()) {
            case EVENT -> op + "Notification";
            case REQUEST, REPLY -> {
                boolean dumpOnly = s.modes().equals(List.of(Mode.DUMP));
                boolean differs = dumpOnly && s.op().doMode().isPresent();
                yield op + (differs ? "Dump" : "") + (s.direction() == Direction.REQUEST ? "Request" : "Reply");
            }
        };
    }

    private static SourceLocation location(Shape s) {
        return s.op().location();
    }

    /** Computes the shapes; fills {@code byModeKey} with {@code op/mode/direction} and {@code op/event}. */
    private static List<Shape> shapes(Family family, Map<String, Shape> byModeKey) {
        List<Shape> out = new ArrayList<>();
        for (Operation op : family.operations()) {
            if (op.event().isPresent()) {
                Operation.Message m = op.event().get();
                if (op.replyId().isPresent()) {
                    Shape s = new Shape(
                            op.name() + "/event",
                            op,
                            List.of(),
                            Direction.EVENT,
                            op.attributeSet(),
                            op.fixedHeader(),
                            distinct(m.attributes()),
                            op.replyId().getAsInt());
                    out.add(s);
                    byModeKey.put(op.name() + "/event", s);
                }
                continue;
            }
            for (Direction d : List.of(Direction.REQUEST, Direction.REPLY)) {
                Map<Mode, Shape> perMode = new LinkedHashMap<>();
                for (Mode mode : Mode.values()) {
                    Optional<Operation.Mode> m = mode.of(op);
                    if (m.isEmpty()) {
                        continue;
                    }
                    Optional<Operation.Message> msg =
                            d == Direction.REQUEST ? m.get().request() : m.get().reply();
                    boolean present = msg.isPresent()
                            || (d == Direction.REQUEST && op.fixedHeader().isPresent());
                    OptionalInt id = messageId(op, m.get(), d);
                    if (!present || id.isEmpty()) {
                        continue;
                    }
                    perMode.put(
                            mode,
                            new Shape(
                                    "",
                                    op,
                                    List.of(mode),
                                    d,
                                    op.attributeSet(),
                                    op.fixedHeader(),
                                    distinct(msg.map(Operation.Message::attributes)
                                            .orElse(List.of())),
                                    id.getAsInt()));
                }
                String dir = d == Direction.REQUEST ? "request" : "reply";
                Shape doShape = perMode.get(Mode.DO);
                Shape dumpShape = perMode.get(Mode.DUMP);
                if (doShape != null
                        && dumpShape != null
                        && doShape.attributes().equals(dumpShape.attributes())
                        && doShape.messageId() == dumpShape.messageId()) {
                    Shape s = withKey(doShape, op.name() + "/" + dir, List.of(Mode.DO, Mode.DUMP));
                    out.add(s);
                    byModeKey.put(op.name() + "/do/" + dir, s);
                    byModeKey.put(op.name() + "/dump/" + dir, s);
                } else {
                    boolean both = doShape != null && dumpShape != null;
                    for (Shape s : perMode.values()) {
                        Mode mode = s.modes().get(0);
                        String key = both ? op.name() + "/" + mode.specName() + "/" + dir : op.name() + "/" + dir;
                        Shape keyed = withKey(s, key, s.modes());
                        out.add(keyed);
                        byModeKey.put(op.name() + "/" + mode.specName() + "/" + dir, keyed);
                    }
                }
            }
        }
        return out;
    }

    private static Shape withKey(Shape s, String key, List<Mode> modes) {
        return new Shape(
                key, s.op(), modes, s.direction(), s.attributeSet(), s.fixedHeader(), s.attributes(), s.messageId());
    }

    private static List<String> distinct(List<String> names) {
        return List.copyOf(new LinkedHashSet<>(names));
    }
}
