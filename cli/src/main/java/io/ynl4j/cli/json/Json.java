package io.ynl4j.cli.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes JSON with plain Java values: {@link Map} (a {@link LinkedHashMap}, key order
 * kept), {@link List}, {@link String}, {@link Long} (or {@link BigInteger} beyond 64 signed bits),
 * {@link BigDecimal} for numbers with a fraction or exponent, {@link Boolean} and {@code null}.
 */
public final class Json {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value; only white space may follow it.
     *
     * @param text the JSON text
     * @return the value
     * @throws JsonException when the text is not JSON
     */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the JSON value");
        }
        return v;
    }

    /**
     * Writes a value as compact JSON (one line, {@code ", "} and {@code ": "} separators as Python's
     * {@code json.dumps} uses them).
     *
     * @param value a value of the types this class reads
     * @return the text
     * @throws IllegalArgumentException for values of other types
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /**
     * Appends a value as compact JSON.
     *
     * @param value the value
     * @param out where to write
     */
    public static void write(Object value, StringBuilder out) {
        // An instanceof chain rather than a pattern switch: this runs for every value of a big dump
        // on a cold JVM, where a switch's typeSwitch call site costs more than these tests.
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Long l) {
            out.append(l.longValue());
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                quote(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(l.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer i) {
            out.append(i.intValue());
        } else if (value instanceof BigInteger b) {
            out.append(b);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toString());
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

    /**
     * Writes a value as indented JSON (two spaces per level; empty objects and lists on one line).
     *
     * @param value a value of the types this class reads
     * @return the text
     */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        pretty(value, out, 0);
        return out.toString();
    }

    private static void pretty(Object value, StringBuilder out, int depth) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.repeat("  ", depth + 1);
                quote(String.valueOf(e.getKey()), out);
                out.append(": ");
                pretty(e.getValue(), out, depth + 1);
                out.append(++i < m.size() ? ",\n" : "\n");
            }
            out.repeat("  ", depth).append('}');
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            out.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                out.repeat("  ", depth + 1);
                pretty(l.get(i), out, depth + 1);
                out.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            out.repeat("  ", depth).append(']');
        } else {
            write(value, out);
        }
    }

    /**
     * Appends a JSON string literal: quotes, backslash escapes, {@code \\uXXXX} for control
     * characters; other characters as they are (UTF-8 output).
     *
     * @param s the string
     * @param out where to write
     */
    public static void quote(String s, StringBuilder out) {
        out.append('"');
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            i++;
        }
        if (i == s.length()) { // nothing to escape: the common case
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * A short description of a value's JSON type for error messages.
     *
     * @param value the value
     * @return e.g. {@code a string}, {@code an object}
     */
    public static String typeOf(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Long l -> "an integer";
            case BigInteger b -> "an integer";
            case BigDecimal d -> "a number";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "a list";
            default -> value.getClass().getSimpleName();
        };
    }

    // ---------------------------------------------------------------- parsing

    private static final int MAX_DEPTH = 512;

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("unexpected end of the JSON text, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + c + "', expected a value");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a quoted key");
            }
            int keyAt = pos;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                throw new JsonException(keyAt, "duplicate key \"" + key + "\" at column " + (keyAt + 1));
            }
            map.put(key, v);
            skipSpace();
            char c = peek();
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == '}') {
                pos++;
                return map;
            }
            throw error("expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) {
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = peek();
            if (c == ',') {
                pos++;
                continue;
            }
            if (c == ']') {
                pos++;
                return list;
            }
            throw error("expected ',' or ']'");
        }
    }

    private String string() {
        pos++; // "
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new JsonException(pos - 1, "control character in a string (escape it)");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("incomplete \\u escape");
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos + i), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        cp = cp * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) cp);
                }
                default -> throw new JsonException(pos - 1, "bad escape '\\" + e + "'");
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (!Character.isDigit(peek())) {
            throw error("expected a digit");
        }
        if (peek() == '0' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
            throw error("leading zeros are not allowed in JSON numbers");
        }
        while (Character.isDigit(peek())) {
            pos++;
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!Character.isDigit(peek())) {
                throw error("expected a digit after '.'");
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!Character.isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        String s = text.substring(start, pos);
        if (!integral) {
            return new BigDecimal(s);
        }
        BigInteger b = new BigInteger(s);
        return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Object) b.longValue() : b;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "', expected a value");
        }
        pos += word.length();
        return value;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private JsonException error(String message) {
        return new JsonException(pos, message + " at column " + (pos + 1));
    }
}
