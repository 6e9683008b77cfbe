package io.ynl4j.spec.load;

import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.Protocol;
import io.ynl4j.spec.SourceLocation;
import io.ynl4j.spec.decl.Located;
import io.ynl4j.spec.decl.NumberOrName;
import io.ynl4j.spec.decl.Positions;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A checked view of one YAML mapping: unknown and duplicate keys are reported when it is made, and
 * each accessor checks the kind of its value. Shared state counts the nodes visited, so that alias
 * bombs stop with a diagnostic instead of exhausting memory.
 */
final class NodeReader {
    /** The most nodes a reader visits in one spec, aliases expanded. */
    static final int MAX_VISITS = 1_000_000;

    static final class Budget {
        int visits;
        boolean exceeded;
    }

    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super(null, null, false, false);
        }
    }

    private final String file;
    private final Diagnostics diagnostics;
    private final Optional<Protocol> protocol;
    private final Budget budget;
    private final MappingNode node;
    private final String what;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, SourceLocation> keyLocations = new LinkedHashMap<>();

    NodeReader(
            String file,
            Diagnostics diagnostics,
            Optional<Protocol> protocol,
            Budget budget,
            MappingNode node,
            SpecKeys.Place place,
            String what) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.protocol = protocol;
        this.budget = budget;
        this.node = node;
        this.what = what;
        visit();
        Map<String, Set<Protocol>> allowed = SpecKeys.keys(place);
        for (NodeTuple tuple : node.getValue()) {
            visit();
            Node keyNode = tuple.getKeyNode();
            SourceLocation keyAt = loc(keyNode);
            if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                diagnostics.report(Problem.WRONG_KIND, keyAt, "a key", "a string", kindOf(keyNode));
                continue;
            }
            String key = scalar.getValue();
            if (keyLocations.containsKey(key)) {
                diagnostics.report(
                        Problem.DUPLICATE_KEY, keyAt, key, keyLocations.get(key).line());
                continue;
            }
            keyLocations.put(key, keyAt);
            Set<Protocol> protocols = allowed.get(key);
            if (protocols == null) {
                List<String> hints = new ArrayList<>(Diagnostics.didYouMean(key, allowed.keySet()));
                hints.add("allowed in " + place.description() + ": "
                        + allowedFor(allowed).stream().collect(Collectors.joining(", ")));
                diagnostics.reportWithHints(Problem.UNKNOWN_KEY, keyAt, hints, key, what);
                continue;
            }
            if (protocol.isPresent() && !protocols.contains(protocol.get())) {
                diagnostics.reportWithHints(
                        Problem.KEY_NOT_FOR_PROTOCOL,
                        keyAt,
                        List.of("'" + key + "' is allowed with protocol "
                                + protocols.stream().map(Protocol::specName).collect(Collectors.joining(", "))),
                        key,
                        what,
                        protocol.get().specName());
                continue;
            }
            values.put(key, tuple.getValueNode());
        }
    }

    private List<String> allowedFor(Map<String, Set<Protocol>> allowed) {
        return allowed.entrySet().stream()
                .filter(e -> protocol.isEmpty() || e.getValue().contains(protocol.get()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private void visit() {
        if (++budget.visits > MAX_VISITS) {
            if (!budget.exceeded) {
                budget.exceeded = true;
                diagnostics.report(
                        Problem.YAML_LIMIT,
                        SourceLocation.ofFile(file),
                        "the spec expands to more than " + MAX_VISITS + " YAML nodes through aliases");
            }
            throw new LimitExceeded();
        }
    }

    String what() {
        return what;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    SourceLocation start() {
        return loc(node);
    }

    SourceLocation loc(Node n) {
        return YamlLoader.at(file, n.getStartMark());
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Positions positions() {
        Map<String, SourceLocation> at = new LinkedHashMap<>();
        values.forEach((k, v) -> at.put(k, loc(v)));
        return new Positions(start(), at);
    }

    /** A child reader for a nested mapping. */
    NodeReader child(Node n, SpecKeys.Place place, String childWhat) {
        return new NodeReader(file, diagnostics, protocol, budget, (MappingNode) n, place, childWhat);
    }

    static String kindOf(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) n;
        Tag t = s.getTag();
        if (t.equals(Tag.NULL)) {
            return "nothing (null)";
        }
        if (t.equals(Tag.INT)) {
            return "the integer " + s.getValue();
        }
        if (t.equals(Tag.BOOL)) {
            return "the boolean " + s.getValue();
        }
        if (t.equals(Tag.FLOAT)) {
            return "the number " + s.getValue();
        }
        return "the string '" + abbreviate(s.getValue()) + "'";
    }

    private static String abbreviate(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() > 40 ? one.substring(0, 37) + "..." : one;
    }

    private void wrongKind(String key, String expected, Node n) {
        diagnostics.report(Problem.WRONG_KIND, loc(n), key, expected, kindOf(n));
    }

    /** A required string; reports and returns empty when missing or not a string. */
    Optional<String> requiredString(String key) {
        if (!values.containsKey(key)) {
            diagnostics.report(Problem.MISSING_KEY, start(), what, key);
            return Optional.empty();
        }
        return string(key);
    }

    /**
     * The scalar at {@code key} when its tag is accepted; reports the wrong kind otherwise. Empty
     * when the key is absent.
     */
    private Optional<ScalarNode> scalar(String key, String expected, java.util.function.Predicate<Tag> accept) {
        Node n = values.get(key);
        if (n == null) {
            return Optional.empty();
        }
        visit();
        if (n instanceof ScalarNode s && accept.test(s.getTag())) {
            return Optional.of(s);
        }
        wrongKind(key, expected, n);
        return Optional.empty();
    }

    Optional<String> string(String key) {
        return scalar(key, "a string", Tag.STR::equals).map(ScalarNode::getValue);
    }

    /** A string that may also be written empty or null ({@code enum-name:}); null becomes "". */
    Optional<String> nullableString(String key) {
        Node n = values.get(key);
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            visit();
            return Optional.of("");
        }
        return string(key);
    }

    /** Any scalar written as text (for naming keys kept verbatim, e.g. {@code max-by-define}). */
    Optional<String> scalarText(String key) {
        return scalar(key, "a scalar", t -> !t.equals(Tag.NULL)).map(ScalarNode::getValue);
    }

    Optional<String> enumString(String key, List<String> allowed) {
        return enumString(key, key, allowed);
    }

    /**
     * A string from an enumerated set; values the spec's protocol does not allow are reported too.
     *
     * @param key the key
     * @param rule the name {@link SpecKeys#valueAllowed} knows the values by (e.g. {@code definition}
     *     for a definition's {@code type})
     * @param allowed every value of any protocol
     */
    Optional<String> enumString(String key, String rule, List<String> allowed) {
        Optional<String> v = string(key);
        if (v.isPresent() && !checkEnumValue(key, rule, allowed, v.get(), loc(values.get(key)))) {
            return Optional.empty();
        }
        return v;
    }

    /** Reports a value outside {@code allowed} or not allowed with the protocol; true if good. */
    private boolean checkEnumValue(String key, String rule, List<String> allowed, String value, SourceLocation at) {
        if (!allowed.contains(value)) {
            // List (and suggest) only what this protocol allows, so the hint never leads to Y108.
            List<String> here = allowed.stream()
                    .filter(a -> protocol.isEmpty() || SpecKeys.valueAllowed(rule, a, protocol.get()))
                    .toList();
            diagnostics.reportWithHints(
                    Problem.BAD_ENUM_VALUE,
                    at,
                    Diagnostics.didYouMean(value, here),
                    key,
                    String.join(", ", here),
                    value);
            return false;
        }
        if (protocol.isPresent() && !SpecKeys.valueAllowed(rule, value, protocol.get())) {
            List<String> protocols = java.util.Arrays.stream(Protocol.values())
                    .filter(p -> SpecKeys.valueAllowed(rule, value, p))
                    .map(Protocol::specName)
                    .toList();
            diagnostics.reportWithHints(
                    Problem.VALUE_NOT_FOR_PROTOCOL,
                    at,
                    List.of("'" + key + ": " + value + "' is allowed with protocol " + String.join(", ", protocols)),
                    key,
                    value,
                    protocol.get().specName());
            return false;
        }
        return true;
    }

    Optional<Boolean> bool(String key) {
        return scalar(key, "a boolean", Tag.BOOL::equals).map(s -> {
            String v = s.getValue().toLowerCase(Locale.ROOT);
            return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
        });
    }

    OptionalLong integer(String key, long min, long max) {
        Node n = values.get(key);
        if (n == null) {
            return OptionalLong.empty();
        }
        visit();
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            Optional<BigInteger> v = parseInt(s.getValue());
            if (v.isEmpty()) {
                wrongKind(key, "an integer", n);
                return OptionalLong.empty();
            }
            BigInteger b = v.get();
            if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
                diagnostics.report(Problem.OUT_OF_RANGE, loc(n), key, s.getValue(), "from " + min + " to " + max);
                return OptionalLong.empty();
            }
            return OptionalLong.of(b.longValue());
        }
        wrongKind(key, "an integer", n);
        return OptionalLong.empty();
    }

    /** A number or a name (constant, type limit, or a string value). */
    Optional<NumberOrName> numberOrName(String key) {
        Node n = values.get(key);
        if (n == null) {
            return Optional.empty();
        }
        visit();
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            Optional<BigInteger> v = parseInt(s.getValue());
            if (v.isPresent() && v.get().bitLength() <= 64) {
                return Optional.of(NumberOrName.of(v.get().longValue()));
            }
            diagnostics.report(Problem.OUT_OF_RANGE, loc(n), key, s.getValue(), "a 64-bit integer");
            return Optional.empty();
        }
        if (n instanceof ScalarNode s
                && s.getTag().equals(Tag.STR)
                && !s.getValue().isBlank()) {
            return Optional.of(NumberOrName.of(s.getValue().strip()));
        }
        wrongKind(key, "an integer or a name", n);
        return Optional.empty();
    }

    /** A list of mappings, each read with {@code place}; {@code name} describes item i. */
    List<NodeReader> mappings(String key, SpecKeys.Place place, java.util.function.IntFunction<String> name) {
        Node n = values.get(key);
        if (n == null) {
            return List.of();
        }
        visit();
        if (!(n instanceof SequenceNode seq)) {
            wrongKind(key, "a list", n);
            return List.of();
        }
        List<NodeReader> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            visit();
            if (item instanceof MappingNode) {
                out.add(child(item, place, describeItem(item, name.apply(i))));
            } else {
                wrongKind(key + "[" + i + "]", "a mapping", item);
            }
            i++;
        }
        return out;
    }

    /** The raw items of a list (for lists whose items may be strings or mappings). */
    List<Node> items(String key) {
        Node n = values.get(key);
        if (n == null) {
            return List.of();
        }
        visit();
        if (!(n instanceof SequenceNode seq)) {
            wrongKind(key, "a list", n);
            return List.of();
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            visit();
        }
        return seq.getValue();
    }

    Optional<NodeReader> mapping(String key, SpecKeys.Place place, String childWhat) {
        Node n = values.get(key);
        if (n == null) {
            return Optional.empty();
        }
        visit();
        if (n instanceof MappingNode) {
            return Optional.of(child(n, place, childWhat));
        }
        wrongKind(key, "a mapping", n);
        return Optional.empty();
    }

    /** A list of strings, each with its location. */
    List<Located<String>> strings(String key) {
        List<Located<String>> out = new ArrayList<>();
        int i = 0;
        for (Node item : items(key)) {
            if (item instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                out.add(new Located<>(s.getValue(), loc(item)));
            } else {
                wrongKind(key + "[" + i + "]", "a string", item);
            }
            i++;
        }
        return out;
    }

    /** A list of strings from an enumerated set. */
    List<String> enumStrings(String key, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (Located<String> s : strings(key)) {
            if (checkEnumValue(key, key, allowed, s.value(), s.location())) {
                out.add(s.value());
            }
        }
        return out;
    }

    private static String describeItem(Node item, String fallback) {
        if (item instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k
                        && k.getValue().equals("name")
                        && t.getValueNode() instanceof ScalarNode v) {
                    return fallback.replaceFirst(" #\\d+$", "") + " '" + v.getValue() + "'";
                }
            }
        }
        return fallback;
    }

    /** Parses a YAML 1.1 integer: sign, underscores, 0x, 0o, 0b, leading-0 octal, base 60. */
    static Optional<BigInteger> parseInt(String text) {
        String s = text.replace("_", "");
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        try {
            BigInteger v;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                v = new BigInteger(s.substring(2), 16);
            } else if (s.startsWith("0o")) {
                v = new BigInteger(s.substring(2), 8);
            } else if (s.startsWith("0b")) {
                v = new BigInteger(s.substring(2), 2);
            } else if (s.contains(":")) {
                v = BigInteger.ZERO;
                for (String part : s.split(":")) {
                    v = v.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
                }
            } else if (s.length() > 1 && s.startsWith("0")) {
                v = new BigInteger(s.substring(1), 8);
            } else {
                v = new BigInteger(s);
            }
            return Optional.of(negative ? v.negate() : v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
