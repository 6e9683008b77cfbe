package io.ynl4j.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Renders the parts of a linked {@link Family} that tools most often need as one JSON object, for
 * {@code ynl4j model --json}:
 *
 * <pre>
 * {
 *   "name": "rt-addr",
 *   "protocol": "netlink-raw",
 *   "enum-model": "directional",
 *   "attr-sets": { "addr-attrs": { "address": 1, ..., "mc-users": 12 } },
 *   "enums": { "ifa-flags": { "type": "flags", "entries": { "secondary": 1, ... } } },
 *   "ops": { "getaddr": { "attr-set": "addr-attrs", "fixed-header": "ifaddrmsg",
 *                         "modes": ["dump"], "req": 22, "rsp": 20 } }
 * }
 * </pre>
 *
 * <p>Names are the spec's, verbatim; members appear in spec order. Enum entries carry their value
 * on the wire: the mask {@code 1 << bit} for flags (printed unsigned). Absent attribute sets,
 * fixed headers and message ids are {@code null}. The output is pretty-printed with a two-space
 * indent (the layout of Python's {@code json.dumps(indent=2)}) and ends with a newline.
 */
public final class ModelJson {
    private ModelJson() {}

    /** JSON {@code null} in the value tree below. */
    private enum Null {
        INSTANCE
    }

    /** A number written verbatim (already formatted). */
    private record Num(String text) {}

    /**
     * Renders a family.
     *
     * @param family the linked family
     * @return one JSON object and a newline
     */
    public static String toJson(Family family) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", family.name());
        root.put("protocol", family.protocol().specName());
        root.put("enum-model", family.msgIdModel().specName());

        Map<String, Object> sets = new LinkedHashMap<>();
        for (AttributeSet s : family.attributeSets()) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (Attribute a : s.attributes()) {
                attrs.put(a.name(), new Num(Integer.toString(a.value())));
            }
            sets.put(s.name(), attrs);
        }
        root.put("attr-sets", sets);

        Map<String, Object> enums = new LinkedHashMap<>();
        for (Definition d : family.definitions()) {
            if (d instanceof Definition.Enum e) {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (EnumEntry entry : e.entries()) {
                    long wire = e.wireValue(entry, false);
                    entries.put(entry.name(), new Num(e.flags() ? Long.toUnsignedString(wire) : Long.toString(wire)));
                }
                Map<String, Object> def = new LinkedHashMap<>();
                def.put("type", e.flags() ? "flags" : "enum");
                def.put("entries", entries);
                enums.put(e.name(), def);
            }
        }
        root.put("enums", enums);

        Map<String, Object> ops = new LinkedHashMap<>();
        for (Operation o : family.operations()) {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("attr-set", orNull(o.attributeSet()));
            op.put("fixed-header", orNull(o.fixedHeader()));
            op.put("modes", new ArrayList<Object>(o.modes()));
            op.put("req", orNull(o.requestId()));
            op.put("rsp", orNull(o.replyId()));
            ops.put(o.name(), op);
        }
        root.put("ops", ops);

        StringBuilder out = new StringBuilder();
        write(out, root, 0);
        return out.append('\n').toString();
    }

    private static Object orNull(Optional<String> value) {
        return value.<Object>map(v -> v).orElse(Null.INSTANCE);
    }

    private static Object orNull(OptionalInt value) {
        return value.isPresent() ? new Num(Integer.toString(value.getAsInt())) : Null.INSTANCE;
    }

    private static void write(StringBuilder out, Object value, int depth) {
        switch (value) {
            case String s -> out.append(string(s));
            case Num n -> out.append(n.text());
            case Null n -> out.append("null");
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    indent(out, depth + 1);
                    out.append(string((String) e.getKey())).append(": ");
                    write(out, e.getValue(), depth + 1);
                    out.append(++i < map.size() ? ",\n" : "\n");
                }
                indent(out, depth);
                out.append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    indent(out, depth + 1);
                    write(out, list.get(i), depth + 1);
                    out.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                indent(out, depth);
                out.append(']');
            }
            default -> throw new IllegalStateException("not a JSON value: " + value.getClass());
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    /**
     * A JSON string literal: quotes, backslashes, control characters and unpaired surrogates
     * escaped; other characters as they are.
     *
     * @param s the text
     * @return the literal with its quotes
     */
    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairedHigh) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
