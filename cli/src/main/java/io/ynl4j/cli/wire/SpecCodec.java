package io.ynl4j.cli.wire;

import io.ynl4j.cli.json.Json;
import io.ynl4j.runtime.AttrNameTable;
import io.ynl4j.runtime.AttrNamer;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.MalformedMessageException;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.StructReader;
import io.ynl4j.runtime.codec.StructWriter;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.Attribute;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.ByteOrder;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.DisplayHint;
import io.ynl4j.spec.EnumEntry;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.IntKind;
import io.ynl4j.spec.Operation;
import io.ynl4j.spec.StructMember;
import io.ynl4j.spec.SubMessage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * Encodes JSON into netlink messages and decodes messages into JSON, driven by a linked spec at run
 * time, with the conventions of the kernel's ynl CLI: fixed-header members and attributes at the top
 * level by their spec names, enum values by entry name (numbers accepted), flags as lists of names,
 * display-hint values as text, other binary as hex, multi-attr and indexed arrays as lists, nests and
 * sub-messages as objects. Attributes are written in the order the JSON gives them, each through the
 * same {@link MessageWriter} call the generated code makes for its type, so that the bytes are the
 * generated code's ({@code GeneratedCodeParityTest} checks it on random messages of six families).
 *
 * <p>What the spec does not describe decodes to JSON that encodes back to the same bytes:
 *
 * <ul>
 *   <li>an attribute type the set does not list (or lists as {@code unused}) as {@code
 *       "UnknownAttr(N)": "<payload hex>"}, a list of them when it repeats; such a key encodes an
 *       attribute of type N with that payload;
 *   <li>a non-multi-attr attribute that comes more than once as a list of its values, as ynl does;
 *       a list given for such an attribute encodes one attribute per element (for the types whose
 *       value is itself a list — indexed arrays, binary arrays, flags — a list of lists);
 *   <li>bytes of a struct attribute beyond the struct's size as a {@value #TRAILING} member in hex
 *       (no spec name starts with {@code _}), written after the struct; a payload shorter than the
 *       struct as hex;
 *   <li>a sub-message without a selector or with a selector value the spec does not list as its
 *       payload in hex, which encodes as the attribute's payload;
 *   <li>binary with an address display hint whose length is no address of the hint's kind (4 bytes
 *       for {@code ipv4}, 16 for {@code ipv6}, either for {@code ipv4-or-v6}) as hex; text without
 *       {@code .} or {@code :} given for such an attribute is read as hex.
 * </ul>
 */
public final class SpecCodec {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    /** Unknown attributes decode as {@code "UnknownAttr(N)"}: the type N and the payload in hex. */
    private static final String UNKNOWN_PREFIX = "UnknownAttr(";
    /** The key of a struct's bytes beyond its size in the spec (hex); no spec name starts with {@code _}. */
    public static final String TRAILING = "_trailing";

    private final Family family;
    private final Map<String, Map<Integer, Attribute>> byValue = new HashMap<>();
    private final AttrNameTable names;
    // Look-ups by name: the model's own finders search lists, too slow for a 10,000-message dump.
    private final Map<String, Definition.Enum> enums = new HashMap<>();
    private final Map<String, Definition.Struct> structs = new HashMap<>();
    private final Map<String, AttributeSet> sets = new HashMap<>();
    private final Map<String, SubMessage> subMessages = new HashMap<>();
    private final Map<Operation, Layout> layouts = new java.util.IdentityHashMap<>();

    /**
     * A codec for one family.
     *
     * @param family the linked family
     */
    public SpecCodec(Family family) {
        this.family = family;
        AttrNameTable.Builder table = AttrNameTable.builder();
        for (AttributeSet set : family.attributeSets()) {
            Map<Integer, Attribute> m = new HashMap<>();
            StringJoiner entries = new StringJoiner(",");
            for (Attribute a : set.attributes()) {
                m.putIfAbsent(a.value(), a);
                String nested = nestedSet(a.type()).map(s -> ">" + s).orElse("");
                entries.add(a.value() + " " + a.name() + nested);
            }
            byValue.put(set.name(), m);
            table.set(set.name(), entries.toString());
        }
        this.names = table.build();
        for (Definition d : family.definitions()) {
            if (d instanceof Definition.Enum e) {
                enums.putIfAbsent(e.name(), e);
            } else if (d instanceof Definition.Struct st) {
                structs.putIfAbsent(st.name(), st);
            }
        }
        family.attributeSets().forEach(set -> sets.putIfAbsent(set.name(), set));
        family.subMessages().forEach(sm -> subMessages.putIfAbsent(sm.name(), sm));
    }

    private Optional<Definition.Enum> enumDef(Optional<String> name) {
        return name.isEmpty() ? Optional.empty() : Optional.ofNullable(enums.get(name.get()));
    }

    private Optional<Definition.Struct> structDef(Optional<String> name) {
        return name.isEmpty() ? Optional.empty() : Optional.ofNullable(structs.get(name.get()));
    }

    private static Optional<String> nestedSet(AttrType t) {
        return switch (t) {
            case AttrType.Nest n -> Optional.of(n.attributeSet());
            case AttrType.NestTypeValue n -> Optional.of(n.attributeSet());
            default -> Optional.empty();
        };
    }

    /**
     * The family this codec works for.
     *
     * @return the family
     */
    public Family family() {
        return family;
    }

    // ================================================================ requests

    /**
     * How an operation's messages are laid out.
     *
     * @param attributeSet the attribute set, if any
     * @param fixedHeader the fixed header struct, if any
     */
    public record Layout(Optional<AttributeSet> attributeSet, Optional<Definition.Struct> fixedHeader) {
        /**
         * The size of the fixed header.
         *
         * @return bytes, 0 without one
         */
        public int fixedHeaderSize() {
            return fixedHeader.map(Definition.Struct::size).orElse(0);
        }
    }

    /**
     * The layout of an operation's messages: its attribute set (a notification's is the one of the
     * operation it notifies about) and its fixed header (else the family's).
     *
     * @param op the operation
     * @return the layout
     */
    public Layout layout(Operation op) {
        synchronized (layouts) {
            return layouts.computeIfAbsent(op, this::computeLayout);
        }
    }

    private Layout computeLayout(Operation op) {
        Optional<String> set = op.attributeSet();
        Optional<String> header = op.fixedHeader();
        if (set.isEmpty() && op.notifies().isPresent()) {
            Optional<Operation> target = family.operation(op.notifies().get());
            if (target.isPresent()) {
                set = target.get().attributeSet();
                header = header.or(() -> target.get().fixedHeader());
            }
        }
        header = header.or(family::fixedHeader);
        return new Layout(set.map(sets::get), structDef(header));
    }

    /**
     * The bytes of payload before a message's attributes: the genetlink header and the fixed
     * header.
     *
     * @param op the operation
     * @return the size
     */
    public int headerBytes(Operation op) {
        return (family.protocol().isGeneric() ? Netlink.GENL_HDRLEN : 0)
                + layout(op).fixedHeaderSize();
    }

    /**
     * Names the attribute paths of an operation's requests in kernel errors, e.g.
     * {@code addr-attrs.address}.
     *
     * @param op the operation
     * @return the namer
     */
    public AttrNamer namer(Operation op) {
        Optional<AttributeSet> set = layout(op).attributeSet();
        return set.isPresent() ? names.namer(set.get().name()) : AttrNamer.NUMERIC;
    }

    /**
     * The request message id of an operation's mode: the mode's own id, else the operation's.
     *
     * @param op the operation
     * @param dump the dump mode, else do
     * @return the id (the netlink message type, or the genetlink command)
     * @throws CodecException when the operation has no such mode or no request id
     */
    public int requestId(Operation op, boolean dump) {
        Optional<Operation.Mode> mode = dump ? op.dumpMode() : op.doMode();
        if (mode.isEmpty()) {
            throw new CodecException("operation " + op.name() + " has no " + (dump ? "dump" : "do") + " mode (it has: "
                    + String.join(", ", op.modes()) + ")");
        }
        OptionalInt id = mode.get().requestId().isPresent() ? mode.get().requestId() : op.requestId();
        if (id.isEmpty()) {
            throw new CodecException("operation " + op.name() + " has no request id");
        }
        return id.getAsInt();
    }

    /**
     * Appends one request message to {@code out}: {@code nlmsghdr} with {@code flags} (sequence
     * and port 0; the socket stamps them), the genetlink header when the family is generic, the
     * fixed header from its members in {@code json}, then every other key of {@code json} as an
     * attribute, in the JSON's order.
     *
     * @param out the writer
     * @param op the operation
     * @param dump whether the dump mode's id is used
     * @param json the request (an empty map for none)
     * @param flags the {@code NLM_F_*} flags, exactly
     * @param nlmsgType for genetlink families the family id, ignored otherwise
     * @return the token of {@link MessageWriter#beginMessage} (the message's offset in {@code out})
     * @throws CodecException when the JSON does not fit the spec
     */
    public int encodeRequest(
            MessageWriter out, Operation op, boolean dump, Map<String, Object> json, int flags, int nlmsgType) {
        return encodeMessage(out, op, requestId(op, dump), json, flags, nlmsgType);
    }

    /**
     * Appends one message of an operation's layout under an explicit message id: a request, or a
     * reply or notification as the kernel would send it (for tests, and to turn decoded JSON back
     * into the bytes it came from). Otherwise as {@link #encodeRequest}.
     *
     * @param out the writer
     * @param op the operation whose layout ({@link #layout}) the message has
     * @param id the netlink message type, or for genetlink families the command
     * @param json the message (an empty map for none)
     * @param flags the {@code NLM_F_*} flags, exactly
     * @param nlmsgType for genetlink families the family id, ignored otherwise
     * @return the token of {@link MessageWriter#beginMessage} (the message's offset in {@code out})
     * @throws CodecException when the JSON does not fit the spec
     */
    public int encodeMessage(
            MessageWriter out, Operation op, int id, Map<String, Object> json, int flags, int nlmsgType) {
        Layout layout = layout(op);
        int token;
        if (family.protocol().isGeneric()) {
            token = out.beginMessage(nlmsgType, flags);
            out.genlHeader(id, family.version().orElse(1));
        } else {
            token = out.beginMessage(id, flags);
        }
        Map<String, Object> rest = new LinkedHashMap<>(json);
        if (layout.fixedHeader().isPresent()) {
            Definition.Struct s = layout.fixedHeader().get();
            Map<String, Object> members = new LinkedHashMap<>();
            for (StructMember m : s.members()) {
                if (!(m.type() instanceof StructMember.MemberType.Pad) && rest.containsKey(m.name())) {
                    members.put(m.name(), rest.remove(m.name()));
                }
            }
            encodeStruct(out.fixedHeader(s.size()), s, members, "");
        }
        if (!rest.isEmpty()) {
            if (layout.attributeSet().isEmpty()) {
                throw new CodecException(String.join(", ", rest.keySet()) + ": operation " + op.name()
                        + " has no attributes"
                        + layout.fixedHeader()
                                .map(s -> " (fixed header " + s.name() + ": " + memberNames(s) + ")")
                                .orElse(""));
            }
            Scope scope = new Scope(null, json);
            encodeAttrs(out, layout.attributeSet().get(), rest, scope, "", layout.fixedHeader());
        }
        out.endMessage(token);
        return token;
    }

    private static String memberNames(Definition.Struct s) {
        StringJoiner j = new StringJoiner(", ");
        for (StructMember m : s.members()) {
            if (!(m.type() instanceof StructMember.MemberType.Pad)) {
                j.add(m.name());
            }
        }
        return j.toString();
    }

    /** The JSON objects enclosing a value, innermost first, for finding sub-message selectors. */
    private record Scope(Scope parent, Map<String, Object> values) {
        Optional<Object> find(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.values.containsKey(name)) {
                    return Optional.ofNullable(s.values.get(name));
                }
            }
            return Optional.empty();
        }
    }

    private void encodeAttrs(
            MessageWriter out,
            AttributeSet set,
            Map<String, Object> json,
            Scope scope,
            String path,
            Optional<Definition.Struct> header) {
        for (Map.Entry<String, Object> e : json.entrySet()) {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            Optional<Attribute> attr = set.attribute(e.getKey());
            OptionalInt unknown = unknownAttrType(e.getKey());
            if (attr.isEmpty() && unknown.isPresent()) {
                encodeUnknown(out, unknown.getAsInt(), e.getValue(), p);
                continue;
            }
            if (attr.isEmpty()) {
                throw new CodecException(p + ": no such attribute in " + set.name()
                        + header.map(h -> " nor member of the fixed header " + h.name())
                                .orElse("") + suggestion(e.getKey(), set, header));
            }
            encodeAttr(out, attr.get(), attr.get().value(), e.getValue(), scope, p);
        }
    }

    /** The type N of an {@code "UnknownAttr(N)"} key, the name unknown attributes decode under. */
    private static OptionalInt unknownAttrType(String key) {
        if (!key.startsWith(UNKNOWN_PREFIX) || !key.endsWith(")")) {
            return OptionalInt.empty();
        }
        String digits = key.substring(UNKNOWN_PREFIX.length(), key.length() - 1);
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int type = Integer.parseInt(digits);
        return type <= Netlink.NLA_TYPE_MASK ? OptionalInt.of(type) : OptionalInt.empty();
    }

    /** An unknown attribute back as it came: its payload in hex, a list of payloads when it was repeated. */
    private static void encodeUnknown(MessageWriter out, int type, Object v, String path) {
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                encodeUnknown(out, type, list.get(i), path + "[" + i + "]");
            }
            return;
        }
        if (!(v instanceof String text)) {
            throw new CodecException(
                    path + ": an unknown attribute is its payload as hex digits, got " + Json.typeOf(v));
        }
        out.bytes(type, bytes(text, Optional.empty(), path));
    }

    private static String suggestion(String name, AttributeSet set, Optional<Definition.Struct> header) {
        List<String> candidates = new ArrayList<>();
        for (Attribute a : set.attributes()) {
            if (!(a.type() instanceof AttrType.Unused) && !(a.type() instanceof AttrType.Pad)) {
                candidates.add(a.name());
            }
        }
        header.ifPresent(h -> h.members().stream()
                .filter(m -> !(m.type() instanceof StructMember.MemberType.Pad))
                .forEach(m -> candidates.add(m.name())));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = Diagnostics.distance(name, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
            return " (did you mean '" + best + "'?)";
        }
        return " (it has: " + String.join(", ", candidates) + ")";
    }

    private void encodeAttr(MessageWriter out, Attribute a, int type, Object v, Scope scope, String path) {
        if ((a.multiAttr() || !a.typeValue().isEmpty() || a.type() instanceof AttrType.NestTypeValue)
                && v instanceof List<?> list
                && !(a.type() instanceof AttrType.IndexedArray)
                && !(a.type() instanceof AttrType.Binary b && b.subType().isPresent() && !a.multiAttr())) {
            for (int i = 0; i < list.size(); i++) {
                encodeAttr(out, a, type, list.get(i), scope, path + "[" + i + "]");
            }
            return;
        }
        if (v instanceof List<?> list && isRepeated(a, list)) {
            // A non-multi attribute that came repeated (decoded, as ynl does, into a list): each again.
            for (int i = 0; i < list.size(); i++) {
                encodeValue(out, a, a.type(), type, list.get(i), scope, path + "[" + i + "]");
            }
            return;
        }
        if (!a.typeValue().isEmpty() && !(a.type() instanceof AttrType.NestTypeValue)) {
            encodeTypeValueEntry(out, a, a.typeValue(), type, v, scope, path);
            return;
        }
        encodeValue(out, a, a.type(), type, v, scope, path);
    }

    /**
     * Whether a list given for a non-multi attribute is its repeats rather than its one value: a list
     * is the value of an indexed array, a binary array ({@code sub-type}) and a scalar with flags, so
     * for those only a non-empty list of lists is repeats; for the other types any list is.
     */
    private boolean isRepeated(Attribute a, List<?> list) {
        if (a.multiAttr() || !a.typeValue().isEmpty()) {
            return false;
        }
        boolean listValued = switch (a.type()) {
            case AttrType.IndexedArray ia -> true;
            case AttrType.Binary b -> b.subType().isPresent();
            case AttrType.Scalar sc ->
                sc.enumName()
                        .flatMap(n -> Optional.ofNullable(enums.get(n)))
                        .map(e -> e.flags() || sc.enumAsFlags())
                        .orElse(false);
            default -> false;
        };
        if (!listValued) {
            return true;
        }
        return !list.isEmpty() && list.stream().allMatch(x -> x instanceof List<?>);
    }

    private void encodeValue(MessageWriter out, Attribute a, AttrType t, int type, Object v, Scope scope, String path) {
        switch (t) {
            case AttrType.Unused u -> throw new CodecException(path + ": attribute " + a.name() + " is unused");
            case AttrType.Pad p -> throw new CodecException(path + ": attribute " + a.name() + " is padding");
            case AttrType.Flag f -> {
                if (v == null || Boolean.FALSE.equals(v)) {
                    return; // as ynl: absent
                }
                if (!Boolean.TRUE.equals(v)) {
                    throw new CodecException(path + ": a flag is true, false or null, got " + Json.typeOf(v));
                }
                out.flag(type);
            }
            case AttrType.Scalar s -> {
                long x = scalar(v, s.kind(), s.enumName(), s.enumAsFlags(), s.hint(), path);
                writeScalar(out, type, s.kind(), s.order(), x);
            }
            case AttrType.Str s -> out.string(type, string(v, path));
            case AttrType.Binary b -> encodeBinary(out, b, type, v, path);
            case AttrType.Nest n -> {
                Map<String, Object> obj = object(v, path);
                int nest = out.beginNest(type);
                encodeAttrs(out, set(n.attributeSet()), obj, new Scope(scope, obj), path, Optional.empty());
                out.endNest(nest);
            }
            case AttrType.IndexedArray ia -> {
                if (!(v instanceof List<?> list)) {
                    throw new CodecException(path + ": an indexed-array is a list, got " + Json.typeOf(v));
                }
                int nest = out.beginNest(type);
                int index = 0;
                for (Object item : list) {
                    index++;
                    int itemType = index;
                    Object itemValue = item;
                    // ynl prints nest elements as {"<index>": {...}}: take the index from there.
                    if (ia.element() instanceof AttrType.Nest
                            && item instanceof Map<?, ?> m
                            && m.size() == 1
                            && m.keySet().iterator().next() instanceof String k
                            && k.chars().allMatch(Character::isDigit)
                            && !k.isEmpty()) {
                        itemType = Integer.parseInt(k);
                        itemValue = m.values().iterator().next();
                    }
                    encodeValue(out, a, ia.element(), itemType, itemValue, scope, path + "[" + (index - 1) + "]");
                }
                out.endNest(nest);
            }
            case AttrType.NestTypeValue ntv -> encodeTypeValueEntry(out, a, ntv.typeValue(), type, v, scope, path);
            case AttrType.Bitfield32 bf -> {
                Map<String, Object> obj = object(v, path);
                for (String k : obj.keySet()) {
                    if (!k.equals("value") && !k.equals("selector")) {
                        throw new CodecException(path + "." + k + ": a bitfield32 has \"value\" and \"selector\" only");
                    }
                }
                long value =
                        scalar(obj.get("value"), IntKind.U32, bf.enumName(), true, Optional.empty(), path + ".value");
                long selector = obj.containsKey("selector")
                        ? scalar(
                                obj.get("selector"),
                                IntKind.U32,
                                bf.enumName(),
                                true,
                                Optional.empty(),
                                path + ".selector")
                        : value;
                out.bitfield32(type, (int) value, (int) selector);
            }
            case AttrType.SubMessage sm -> encodeSubMessage(out, sm, type, v, scope, path);
        }
    }

    /** One entry of a type-value attribute: one outer attribute, a nest per level, the value typed with the last key. */
    private void encodeTypeValueEntry(
            MessageWriter out, Attribute a, List<String> levels, int type, Object v, Scope scope, String path) {
        Map<String, Object> obj = new LinkedHashMap<>(object(v, path));
        int[] keys = new int[levels.size()];
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (!obj.containsKey(level)) {
                throw new CodecException(path + ": missing \"" + level + "\" (the keys of " + a.name() + " are "
                        + String.join(", ", levels) + ")");
            }
            long k = scalar(
                    obj.remove(level), IntKind.U16, Optional.empty(), false, Optional.empty(), path + "." + level);
            if (k > Netlink.NLA_TYPE_MASK) {
                throw new CodecException(path + "." + level + ": " + k + " is not an attribute type (0 to 16383)");
            }
            keys[i] = (int) k;
        }
        int outer = out.beginNest(type);
        List<Integer> opened = new ArrayList<>();
        for (int i = 0; i < keys.length - 1; i++) {
            opened.add(0, out.beginNest(keys[i]));
        }
        int innermost = keys[keys.length - 1];
        if (a.type() instanceof AttrType.NestTypeValue ntv) {
            int nest = out.beginNest(innermost);
            encodeAttrs(out, set(ntv.attributeSet()), obj, new Scope(scope, obj), path, Optional.empty());
            out.endNest(nest);
        } else {
            Object value = obj.remove("value");
            if (!obj.isEmpty()) {
                throw new CodecException(path + ": unexpected " + String.join(", ", obj.keySet()) + " (an entry of "
                        + a.name() + " has " + String.join(", ", levels) + " and value)");
            }
            encodeValue(out, a, a.type(), innermost, value, scope, path + ".value");
        }
        for (int token : opened) {
            out.endNest(token);
        }
        out.endNest(outer);
    }

    private void encodeSubMessage(
            MessageWriter out, AttrType.SubMessage sm, int type, Object v, Scope scope, String path) {
        if (v instanceof String text) {
            // A payload decoded without a known format (no selector, or a value the spec does not list): as hex.
            out.bytes(type, bytes(text, Optional.empty(), path));
            return;
        }
        SubMessage.Format format = format(sm, scope.find(sm.selector()), path);
        Map<String, Object> obj = new LinkedHashMap<>(object(v, path));
        int nest = out.beginNest(type);
        Optional<Definition.Struct> header = structDef(format.fixedHeader());
        if (header.isPresent()) {
            Map<String, Object> members = new LinkedHashMap<>();
            for (StructMember m : header.get().members()) {
                if (!(m.type() instanceof StructMember.MemberType.Pad) && obj.containsKey(m.name())) {
                    members.put(m.name(), obj.remove(m.name()));
                }
            }
            encodeStruct(out.fixedHeader(header.get().size()), header.get(), members, path);
        }
        if (!obj.isEmpty()) {
            if (format.attributeSet().isEmpty()) {
                throw new CodecException(path + ": format " + format.value() + " of " + sm.subMessage()
                        + " has no attributes, got " + String.join(", ", obj.keySet()));
            }
            encodeAttrs(out, set(format.attributeSet().get()), obj, new Scope(scope, obj), path, header);
        }
        out.endNest(nest);
    }

    private SubMessage.Format format(AttrType.SubMessage sm, Optional<Object> selector, String path) {
        if (selector.isEmpty()) {
            throw new CodecException(path + ": sub-message " + sm.subMessage() + " needs \"" + sm.selector()
                    + "\" next to it or in an enclosing object to choose its format");
        }
        SubMessage spec = Optional.ofNullable(subMessages.get(sm.subMessage()))
                .orElseThrow(() -> new CodecException(path + ": no sub-message " + sm.subMessage()));
        String value = String.valueOf(selector.get());
        for (SubMessage.Format f : spec.formats()) {
            if (f.value().equals(value)) {
                return f;
            }
        }
        List<String> known =
                spec.formats().stream().map(SubMessage.Format::value).toList();
        throw new CodecException(path + ": sub-message " + sm.subMessage() + " has no format for " + sm.selector()
                + " \"" + value + "\" (it has: " + String.join(", ", known) + ")");
    }

    private void encodeBinary(MessageWriter out, AttrType.Binary b, int type, Object v, String path) {
        if (b.struct().isPresent() && v instanceof Map<?, ?> m) {
            Definition.Struct s = struct(b.struct().get());
            Map<String, Object> members = new LinkedHashMap<>(object(m, path));
            byte[] trailing = new byte[0];
            if (members.containsKey(TRAILING)) {
                Object t = members.remove(TRAILING);
                String p = path + "." + TRAILING;
                if (!(t instanceof String text)) {
                    throw new CodecException(p + ": expected a string of hex digits, got " + Json.typeOf(t));
                }
                trailing = bytes(text, Optional.empty(), p);
            }
            StructWriter w = out.struct(type, s.size() + trailing.length);
            encodeStruct(w, s, members, path);
            if (trailing.length > 0) {
                w.bytes(s.size(), trailing.length, Bytes.wrap(trailing));
            }
            return;
        }
        if (b.subType().isPresent() && v instanceof List<?> list) {
            IntKind kind = b.subType().get();
            boolean be = b.order() == ByteOrder.BIG_ENDIAN;
            if (kind.size() >= 4) {
                List<Long> values = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    values.add(scalar(list.get(i), kind, Optional.empty(), false, b.hint(), path + "[" + i + "]"));
                }
                out.longArray(type, values, kind.size(), be);
            } else {
                List<Integer> values = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    values.add(
                            (int) scalar(list.get(i), kind, Optional.empty(), false, b.hint(), path + "[" + i + "]"));
                }
                out.intArray(type, values, kind.size(), be);
            }
            return;
        }
        if (v == null) {
            out.bytes(type, new byte[0]);
            return;
        }
        if (!(v instanceof String text)) {
            throw new CodecException(path + ": expected "
                    + (b.struct().isPresent()
                            ? "an object (struct " + b.struct().get() + ") or "
                            : b.subType().isPresent() ? "a list or " : "")
                    + "a string of "
                    + b.hint().map(h -> h.specName() + " text").orElse("hex digits") + ", got " + Json.typeOf(v));
        }
        out.bytes(type, bytes(text, b.hint(), path));
    }

    private static byte[] bytes(String text, Optional<DisplayHint> hint, String path) {
        try {
            return hint.isPresent() ? Hints.parseBytes(hint.get(), text) : Hints.hex(text);
        } catch (IllegalArgumentException e) {
            throw new CodecException(path + ": " + e.getMessage());
        }
    }

    private void encodeStruct(StructWriter w, Definition.Struct s, Map<String, Object> json, String path) {
        String prefix = path.isEmpty() ? "" : path + ".";
        for (String key : json.keySet()) {
            if (s.members().stream()
                    .noneMatch(m -> !(m.type() instanceof StructMember.MemberType.Pad)
                            && m.name().equals(key))) {
                throw new CodecException(
                        prefix + key + ": struct " + s.name() + " has no such member (it has: " + memberNames(s) + ")");
            }
        }
        for (StructMember m : s.members()) {
            Object v = json.get(m.name());
            if (v == null) {
                continue; // zero, as the writer reserved it
            }
            String p = prefix + m.name();
            boolean be = m.order() == ByteOrder.BIG_ENDIAN;
            switch (m.type()) {
                case StructMember.MemberType.Pad pad -> {}
                case StructMember.MemberType.Scalar sc -> {
                    long x = scalar(v, sc.kind(), m.enumName(), m.enumAsFlags(), m.hint(), p);
                    switch (sc.kind().size()) {
                        case 1 -> w.u8(m.offset(), (int) x);
                        case 2 -> w.u16(m.offset(), (int) x, be);
                        case 4 -> w.u32(m.offset(), x, be);
                        default -> w.u64(m.offset(), x, be);
                    }
                }
                case StructMember.MemberType.Str str -> {
                    try {
                        w.string(m.offset(), str.len(), string(v, p));
                    } catch (IllegalArgumentException e) {
                        throw new CodecException(p + ": " + e.getMessage());
                    }
                }
                case StructMember.MemberType.Binary bin -> {
                    if (!(v instanceof String text)) {
                        throw new CodecException(p + ": expected a string of hex digits, got " + Json.typeOf(v));
                    }
                    byte[] b = bytes(text, m.hint(), p);
                    if (b.length > bin.len()) {
                        throw new CodecException(p + ": " + b.length + " bytes do not fit in " + bin.len());
                    }
                    w.bytes(m.offset(), bin.len(), Bytes.wrap(Arrays.copyOf(b, bin.len())));
                }
                case StructMember.MemberType.Nested n -> {
                    Definition.Struct inner = struct(n.struct());
                    encodeStruct(w.struct(m.offset(), inner.size()), inner, object(v, p), p);
                }
            }
        }
    }

    private static void writeScalar(MessageWriter out, int type, IntKind kind, ByteOrder order, long x) {
        boolean be = order == ByteOrder.BIG_ENDIAN;
        switch (kind) {
            case U8, S8 -> out.u8(type, (int) x);
            case U16, S16 -> out.u16(type, (int) x, be);
            case U32, S32 -> out.u32(type, x, be);
            case U64, S64 -> out.u64(type, x, be);
            case UINT -> out.uint(type, x);
            case SINT -> out.sint(type, x);
        }
    }

    /**
     * A scalar from JSON: a number, a numeric string ({@code 0x} for hex), an enum entry name, a
     * list of flag names (and numbers), or text in the display hint's notation; range-checked
     * against the kind.
     */
    private long scalar(
            Object v,
            IntKind kind,
            Optional<String> enumName,
            boolean asFlags,
            Optional<DisplayHint> hint,
            String path) {
        BigInteger value;
        Optional<Definition.Enum> e = enumDef(enumName);
        boolean flags = e.isPresent() && (e.get().flags() || asFlags);
        switch (v) {
            case Long l -> value = BigInteger.valueOf(l);
            case BigInteger b -> value = b;
            case BigDecimal d -> throw new CodecException(path + ": expected an integer, got " + d);
            case Boolean b -> value = b ? BigInteger.ONE : BigInteger.ZERO;
            case String s -> value = scalarText(s, e, flags, hint, path);
            case List<?> list -> {
                if (!flags) {
                    throw new CodecException(path + ": a list is for flags; expected "
                            + (e.isPresent() ? "an entry of " + e.get().name() + " or " : "") + "an integer");
                }
                BigInteger mask = BigInteger.ZERO;
                for (Object item : list) {
                    mask = mask.or(
                            switch (item) {
                                case String s -> scalarText(s, e, true, Optional.empty(), path);
                                case Long l -> BigInteger.valueOf(l);
                                case BigInteger b -> b;
                                default ->
                                    throw new CodecException(
                                            path + ": flags are names or numbers, got " + Json.typeOf(item));
                            });
                }
                value = mask;
            }
            case null -> throw new CodecException(path + ": expected a value, got null");
            default ->
                throw new CodecException(path + ": expected an integer"
                        + (e.isPresent() ? " or an entry of " + e.get().name() : "") + ", got " + Json.typeOf(v));
        }
        BigInteger min = BigInteger.valueOf(kind.min());
        BigInteger max =
                kind.size() == 8 && !kind.signed() ? TWO_64.subtract(BigInteger.ONE) : BigInteger.valueOf(kind.max());
        if (!kind.signed()
                && value.signum() < 0
                && value.compareTo(BigInteger.valueOf(kind.min()).subtract(max)) >= 0) {
            // A negative number for an unsigned kind is out of range.
            throw new CodecException(
                    path + ": " + value + " is out of range for " + kind.specName() + " (0 to " + max + ")");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new CodecException(
                    path + ": " + value + " is out of range for " + kind.specName() + " (" + min + " to " + max + ")");
        }
        return value.longValue();
    }

    private BigInteger scalarText(
            String s, Optional<Definition.Enum> e, boolean flags, Optional<DisplayHint> hint, String path) {
        if (e.isPresent()) {
            Optional<EnumEntry> entry = e.get().entry(s);
            if (entry.isPresent()) {
                return BigInteger.valueOf(e.get().wireValue(entry.get(), flags));
            }
        }
        String t = s.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return new BigInteger(t.substring(2), 16);
            }
            if (!t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '-')) {
                return new BigInteger(t);
            }
        } catch (NumberFormatException ex) {
            // fall through
        }
        if (hint.isPresent()) {
            try {
                BigInteger v = Hints.parseInteger(hint.get(), s);
                if (v != null) {
                    return v;
                }
            } catch (IllegalArgumentException ex) {
                throw new CodecException(path + ": " + ex.getMessage());
            }
        }
        if (e.isPresent()) {
            List<String> known = e.get().entries().stream().map(EnumEntry::name).toList();
            throw new CodecException(path + ": \"" + s + "\" is not an entry of "
                    + e.get().name() + " (it has: " + String.join(", ", known) + ")");
        }
        throw new CodecException(path + ": expected an integer, got \"" + s + "\"");
    }

    private static String string(Object v, String path) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return v.toString(); // as ynl: str(value)
        }
        throw new CodecException(path + ": expected a string, got " + Json.typeOf(v));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String path) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new CodecException(path + ": expected an object, got " + Json.typeOf(v));
    }

    private AttributeSet set(String name) {
        AttributeSet set = sets.get(name);
        if (set == null) {
            throw new CodecException("no attribute set " + name);
        }
        return set;
    }

    private Definition.Struct struct(String name) {
        Definition.Struct st = structs.get(name);
        if (st == null) {
            throw new CodecException("no struct " + name);
        }
        return st;
    }

    /**
     * The message id a received message carries: the genetlink command for generic families, else
     * the netlink message type.
     *
     * @param m the message
     * @return the id
     */
    public int messageId(NetlinkMessage m) {
        return family.protocol().isGeneric() ? m.genlCommand() : m.type();
    }

    /**
     * The operation a message id belongs to. For a request: the operation whose do or dump request
     * has that id. Otherwise (replies and notifications): a notification or event operation with
     * that id, else the operation whose do or dump reply has it, else one whose do request has it
     * (deletions such as RTM_DELADDR are multicast with the request's id and the replies' layout).
     *
     * @param id the message id
     * @param request whether the message is a request ({@code NLM_F_REQUEST} set)
     * @return the operation, if any
     */
    public Optional<Operation> operationFor(int id, boolean request) {
        List<Operation> ops = family.operations();
        if (request) {
            for (Operation op : ops) {
                if (hasId(op.doMode(), op.requestId(), id, true) || hasId(op.dumpMode(), op.requestId(), id, true)) {
                    return Optional.of(op);
                }
            }
            return Optional.empty();
        }
        for (Operation op : ops) {
            if ((op.notifies().isPresent() || op.event().isPresent())
                    && op.replyId().isPresent()
                    && op.replyId().getAsInt() == id) {
                return Optional.of(op);
            }
        }
        for (Operation op : ops) {
            if (hasId(op.doMode(), op.replyId(), id, false) || hasId(op.dumpMode(), op.replyId(), id, false)) {
                return Optional.of(op);
            }
        }
        for (Operation op : ops) {
            if (hasId(op.doMode(), op.requestId(), id, true)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    private static boolean hasId(Optional<Operation.Mode> mode, OptionalInt opId, int id, boolean request) {
        if (mode.isEmpty()) {
            return false;
        }
        if (!request && mode.get().reply().isEmpty()) {
            return false;
        }
        OptionalInt own = request ? mode.get().requestId() : mode.get().replyId();
        OptionalInt effective = own.isPresent() ? own : opId;
        return effective.isPresent() && effective.getAsInt() == id;
    }

    // ================================================================ decoding

    /**
     * Decodes a message with an operation's layout: fixed-header members first, then the
     * attributes (unknown ones as {@code "UnknownAttr(N)"} with their payload in hex).
     *
     * @param m the message
     * @param op the operation
     * @return the JSON object
     * @throws CodecException when the message is malformed for the spec
     */
    public Map<String, Object> decode(NetlinkMessage m, Operation op) {
        Layout layout = layout(op);
        int skip = family.protocol().isGeneric() ? Netlink.GENL_HDRLEN : 0;
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            if (layout.fixedHeader().isPresent()) {
                Definition.Struct s = layout.fixedHeader().get();
                decodeStruct(m.fixedHeader(skip, s.size()), s, out);
            }
            if (layout.attributeSet().isPresent()) {
                decodeAttrs(
                        m.attributes(skip + layout.fixedHeaderSize()),
                        layout.attributeSet().get(),
                        out,
                        null);
            } else if (m.payloadLength() > skip + layout.fixedHeaderSize()) {
                decodeAttrs(m.attributes(skip + layout.fixedHeaderSize()), null, out, null);
            }
        } catch (MalformedMessageException e) {
            throw new CodecException("malformed " + op.name() + " message: " + e.getMessage());
        }
        return out;
    }

    private void decodeAttrs(AttrReader r, AttributeSet set, Map<String, Object> out, Scope parent) {
        Scope scope = new Scope(parent, out);
        Map<Integer, Attribute> attrs = set == null ? Map.of() : byValue.get(set.name());
        while (r.next()) {
            Attribute a = attrs.get(r.type());
            if (a == null || a.type() instanceof AttrType.Unused || a.type() instanceof AttrType.Pad) {
                if (a != null && a.type() instanceof AttrType.Pad) {
                    continue;
                }
                add(out, UNKNOWN_PREFIX + r.type() + ")", Hints.hex(r.byteArray()), false);
                continue;
            }
            Object v;
            if (!a.typeValue().isEmpty() || a.type() instanceof AttrType.NestTypeValue) {
                List<String> levels = a.type() instanceof AttrType.NestTypeValue n ? n.typeValue() : a.typeValue();
                List<Object> entries = new ArrayList<>();
                decodeEntries(r.nested(), a, levels, 0, new LinkedHashMap<>(), entries, scope);
                @SuppressWarnings("unchecked")
                List<Object> existing = (List<Object>) out.computeIfAbsent(a.name(), k -> new ArrayList<>());
                existing.addAll(entries);
                continue;
            }
            v = decodeValue(r, a, a.type(), scope);
            add(out, a.name(), v, a.multiAttr());
        }
    }

    /** Adds a decoded attribute: multi-attr ones (and repeated ones, as ynl does) as lists. */
    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> out, String name, Object v, boolean multi) {
        Object old = out.get(name);
        if (multi) {
            ((List<Object>) out.computeIfAbsent(name, k -> new ArrayList<>())).add(v);
        } else if (old == null) {
            out.put(name, v);
        } else if (old instanceof RepeatedList list) {
            list.add(v);
        } else {
            RepeatedList list = new RepeatedList();
            list.add(old);
            list.add(v);
            out.put(name, list);
        }
    }

    /** The list a non-multi attribute becomes when it is repeated. */
    private static final class RepeatedList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    private void decodeEntries(
            AttrReader r,
            Attribute a,
            List<String> levels,
            int depth,
            Map<String, Object> keys,
            List<Object> entries,
            Scope scope) {
        while (r.next()) {
            Map<String, Object> k = new LinkedHashMap<>(keys);
            k.put(levels.get(depth), (long) r.type());
            if (depth < levels.size() - 1) {
                decodeEntries(r.nested(), a, levels, depth + 1, k, entries, scope);
            } else if (a.type() instanceof AttrType.NestTypeValue ntv) {
                decodeAttrs(r.nested(), set(ntv.attributeSet()), k, scope);
                entries.add(k);
            } else {
                k.put("value", decodeValue(r, a, a.type(), scope));
                entries.add(k);
            }
        }
    }

    private Object decodeValue(AttrReader r, Attribute a, AttrType t, Scope scope) {
        // The common kinds first, by instanceof: on a cold JVM a pattern switch's typeSwitch call
        // site costs more per attribute than these tests (10,000-message dumps notice).
        if (t instanceof AttrType.Scalar s) {
            long raw = readScalar(r, s.kind(), s.order());
            return scalarJson(raw, s.kind(), s.kind().size(), s.enumName(), s.enumAsFlags(), s.hint());
        }
        if (t instanceof AttrType.Binary b) {
            return decodeBinary(r, b);
        }
        if (t instanceof AttrType.Str) {
            return r.stringUnterminated();
        }
        return switch (t) {
            case AttrType.Unused u -> Hints.hex(r.byteArray());
            case AttrType.Pad p -> Hints.hex(r.byteArray());
            case AttrType.Flag f -> Boolean.TRUE;
            case AttrType.Scalar s -> {
                long raw = readScalar(r, s.kind(), s.order());
                yield scalarJson(raw, s.kind(), s.kind().size(), s.enumName(), s.enumAsFlags(), s.hint());
            }
            case AttrType.Str s -> r.stringUnterminated();
            case AttrType.Binary b -> decodeBinary(r, b);
            case AttrType.Nest n -> {
                Map<String, Object> obj = new LinkedHashMap<>();
                decodeAttrs(r.nested(), set(n.attributeSet()), obj, scope);
                yield obj;
            }
            case AttrType.IndexedArray ia -> {
                List<Object> items = new ArrayList<>();
                AttrReader inner = r.nested();
                while (inner.next()) {
                    Object item = decodeValue(inner, a, ia.element(), scope);
                    if (ia.element() instanceof AttrType.Nest) {
                        Map<String, Object> wrapped = new LinkedHashMap<>();
                        wrapped.put(Integer.toString(inner.type()), item);
                        items.add(wrapped);
                    } else {
                        items.add(item);
                    }
                }
                yield items;
            }
            case AttrType.NestTypeValue ntv -> Hints.hex(r.byteArray()); // handled by decodeEntries
            case AttrType.Bitfield32 bf -> {
                if (r.length() != 8) {
                    yield Hints.hex(r.byteArray());
                }
                var v = r.bitfield32Value();
                Map<String, Object> obj = new LinkedHashMap<>();
                obj.put(
                        "value",
                        scalarJson(
                                Integer.toUnsignedLong(v.value()),
                                IntKind.U32,
                                4,
                                bf.enumName(),
                                true,
                                Optional.empty()));
                obj.put(
                        "selector",
                        scalarJson(
                                Integer.toUnsignedLong(v.selector()),
                                IntKind.U32,
                                4,
                                bf.enumName(),
                                true,
                                Optional.empty()));
                yield obj;
            }
            case AttrType.SubMessage sm -> decodeSubMessage(r, sm, scope);
        };
    }

    private Object decodeSubMessage(AttrReader r, AttrType.SubMessage sm, Scope scope) {
        Optional<Object> selector = scope.find(sm.selector());
        Optional<SubMessage> spec = Optional.ofNullable(subMessages.get(sm.subMessage()));
        if (selector.isEmpty() || spec.isEmpty()) {
            return Hints.hex(r.byteArray());
        }
        String value = String.valueOf(selector.get());
        Optional<SubMessage.Format> format = spec.get().formats().stream()
                .filter(f -> f.value().equals(value))
                .findFirst();
        if (format.isEmpty()) {
            return Hints.hex(r.byteArray());
        }
        Map<String, Object> obj = new LinkedHashMap<>();
        Optional<Definition.Struct> header = structDef(format.get().fixedHeader());
        int size = header.map(Definition.Struct::size).orElse(0);
        if (header.isPresent()) {
            decodeStruct(r.payloadHeader(size), header.get(), obj);
        }
        if (format.get().attributeSet().isPresent()) {
            decodeAttrs(
                    size == 0 ? r.nested() : r.nestedAfter(size),
                    set(format.get().attributeSet().get()),
                    obj,
                    scope);
        }
        return obj;
    }

    private Object decodeBinary(AttrReader r, AttrType.Binary b) {
        if (b.struct().isPresent()) {
            Definition.Struct s = struct(b.struct().get());
            if (r.length() >= s.size()) {
                Map<String, Object> obj = new LinkedHashMap<>();
                decodeStruct(r.struct(s.size()), s, obj);
                if (r.length() > s.size()) {
                    byte[] all = r.byteArray();
                    obj.put(TRAILING, Hints.hex(Arrays.copyOfRange(all, s.size(), all.length)));
                }
                return obj;
            }
            return Hints.hex(r.byteArray());
        }
        if (b.subType().isPresent()) {
            IntKind kind = b.subType().get();
            boolean be = b.order() == ByteOrder.BIG_ENDIAN;
            List<Object> out = new ArrayList<>();
            if (kind.size() >= 4) {
                for (long x : r.longArray(kind.size(), kind.signed(), be)) {
                    out.add(scalarJson(x, kind, kind.size(), Optional.empty(), false, b.hint()));
                }
            } else {
                for (int x : r.intArray(kind.size(), kind.signed(), be)) {
                    out.add(scalarJson(x, kind, kind.size(), Optional.empty(), false, b.hint()));
                }
            }
            return out;
        }
        byte[] bytes = r.byteArray();
        return b.hint().isPresent() ? Hints.format(b.hint().get(), bytes) : Hints.hex(bytes);
    }

    private void decodeStruct(StructReader s, Definition.Struct def, Map<String, Object> out) {
        for (StructMember m : def.members()) {
            boolean be = m.order() == ByteOrder.BIG_ENDIAN;
            if (m.type() instanceof StructMember.MemberType.Scalar sc) { // most members; see decodeValue
                out.put(m.name(), structScalar(s, m, sc.kind(), be));
                continue;
            }
            switch (m.type()) {
                case StructMember.MemberType.Pad pad -> {}
                case StructMember.MemberType.Scalar sc -> out.put(m.name(), structScalar(s, m, sc.kind(), be));
                case StructMember.MemberType.Str str -> out.put(m.name(), s.string(m.offset(), str.len()));
                case StructMember.MemberType.Binary bin -> {
                    byte[] b = s.bytes(m.offset(), bin.len()).toByteArray();
                    out.put(
                            m.name(),
                            m.hint().isPresent() ? Hints.format(m.hint().get(), b) : Hints.hex(b));
                }
                case StructMember.MemberType.Nested n -> {
                    Definition.Struct inner = struct(n.struct());
                    Map<String, Object> obj = new LinkedHashMap<>();
                    decodeStruct(s.struct(m.offset(), inner.size()), inner, obj);
                    out.put(m.name(), obj);
                }
            }
        }
    }

    private Object structScalar(StructReader s, StructMember m, IntKind k, boolean be) {
        long raw = switch (k.size()) {
            case 1 -> k.signed() ? s.s8(m.offset()) : s.u8(m.offset());
            case 2 -> k.signed() ? s.s16(m.offset(), be) : s.u16(m.offset(), be);
            case 4 -> k.signed() ? s.s32(m.offset(), be) : s.u32(m.offset(), be);
            default -> s.u64(m.offset(), be);
        };
        return scalarJson(raw, k, k.size(), m.enumName(), m.enumAsFlags(), m.hint());
    }

    private static long readScalar(AttrReader r, IntKind kind, ByteOrder order) {
        boolean be = order == ByteOrder.BIG_ENDIAN;
        return switch (kind) {
            case U8 -> r.u8();
            case S8 -> r.s8();
            case U16 -> be ? r.u16be() : r.u16();
            case S16 -> be ? (short) r.u16be() : r.s16();
            case U32 -> be ? r.u32be() : r.u32();
            case S32 -> be ? (int) r.u32be() : r.s32();
            case U64, S64 -> be ? r.u64be() : r.u64();
            case UINT -> r.uint();
            case SINT -> r.sint();
        };
    }

    /** A scalar as JSON: enum entry name(s), hint text, or a number (unsigned 64-bit as BigInteger). */
    private Object scalarJson(
            long raw, IntKind kind, int size, Optional<String> enumName, boolean asFlags, Optional<DisplayHint> hint) {
        Optional<Definition.Enum> e = enumDef(enumName);
        if (e.isPresent()) {
            Definition.Enum def = e.get();
            if (def.flags() || asFlags) {
                List<Object> names = new ArrayList<>();
                long rest = raw;
                for (EnumEntry entry : def.entries()) {
                    long bit = def.wireValue(entry, true);
                    if (bit != 0 && (rest & bit) == bit) {
                        names.add(entry.name());
                        rest &= ~bit;
                    }
                }
                for (int i = 0; i < 64 && rest != 0; i++) {
                    if ((rest & (1L << i)) != 0) {
                        names.add(unsigned(1L << i));
                        rest &= ~(1L << i);
                    }
                }
                return names;
            }
            for (EnumEntry entry : def.entries()) {
                if (def.wireValue(entry, false) == raw) {
                    return entry.name();
                }
            }
        }
        if (hint.isPresent() && hint.get() != DisplayHint.UUID) {
            String text = Hints.format(hint.get(), raw, size, !kind.signed());
            if (hint.get() == DisplayHint.HEX
                    || hint.get() == DisplayHint.IPV4
                    || hint.get() == DisplayHint.IPV4_OR_V6) {
                return text;
            }
        }
        return kind.signed() ? (Object) raw : unsigned(raw);
    }

    private static Object unsigned(long v) {
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }
}
