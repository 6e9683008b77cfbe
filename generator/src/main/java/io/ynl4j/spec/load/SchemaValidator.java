package io.ynl4j.spec.load;

import static java.util.Objects.requireNonNull;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.SchemaLoader;
import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.SourceLocation;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.AnchorNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a spec against one of the kernel's JSON schemas ({@code genetlink.yaml},
 * {@code genetlink-c.yaml}, {@code genetlink-legacy.yaml}, {@code netlink-raw.yaml}), the way the
 * kernel's own tools do with Python's {@code jsonschema}.
 *
 * <p>The spec arrives as a composed SnakeYAML node tree (YAML 1.1 tags, as PyYAML resolves them).
 * It is converted to a JSON tree following the node tags, and every JSON pointer is mapped back to
 * the position of its YAML node, so each schema violation is reported at the offending line and
 * column as a {@link Problem#SCHEMA_VIOLATION}.
 *
 * <p>Schemas are Draft 7 and are compiled with the validator's built-in Draft 7 dialect. Nothing is
 * ever fetched: the schema loader refuses every IRI, so a {@code $ref} outside the schema file is a
 * {@link Problem#SCHEMA_UNREADABLE}, never a network access. Compiled schemas are cached per file
 * (see {@link #forSchema}); an instance is immutable and thread-safe.
 */
public final class SchemaValidator {
    /** Nodes the converter visits at most (aliases are shared nodes, so a tree can expand). */
    static final int MAX_NODES = 1_000_000;

    /** Nesting the converter follows at most (aliases can stack nesting beyond the YAML limit). */
    static final int MAX_DEPTH = 500;

    private static final ConcurrentMap<Path, SchemaValidator> CACHE = new ConcurrentHashMap<>();

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String schemaName;
    private final Optional<Schema> schema;
    private final Optional<String> failure;
    private final Optional<FileTime> stamp;

    private SchemaValidator(String schemaName, Schema schema, String failure, FileTime stamp) {
        this.schemaName = schemaName;
        this.schema = Optional.ofNullable(schema);
        this.failure = Optional.ofNullable(failure);
        this.stamp = Optional.ofNullable(stamp);
    }

    /**
     * Validates the composed YAML tree of a spec against a kernel schema file; reports into
     * diagnostics. The compiled schema is cached (see {@link #forSchema}). Never throws for bad
     * input: an unreadable schema is reported as {@link Problem#SCHEMA_UNREADABLE}.
     *
     * @param specRoot the spec's root node, as composed by SnakeYAML
     * @param file the spec's file name as used in {@link SourceLocation}s, e.g. {@code rt-addr.yaml}
     * @param schemaFile the schema file, e.g. {@code .../schemas/netlink-raw.yaml}
     * @param diagnostics where violations are reported
     */
    public static void validate(Node specRoot, String file, Path schemaFile, Diagnostics diagnostics) {
        forSchema(schemaFile).validate(specRoot, file, diagnostics);
    }

    /**
     * The validator for a schema file, compiled once and cached by the file's absolute path (and
     * recompiled when the file's modification time changes). Never throws: if the schema cannot be
     * read or compiled, the returned validator reports {@link Problem#SCHEMA_UNREADABLE} from {@link
     * #validate(Node, String, Diagnostics)} and {@link #failure()} says why. Failures are not cached.
     *
     * @param schemaFile the schema file
     * @return the validator
     */
    public static SchemaValidator forSchema(Path schemaFile) {
        requireNonNull(schemaFile, "schemaFile");
        Path key = schemaFile.toAbsolutePath().normalize();
        Optional<FileTime> now = modificationTime(key);
        SchemaValidator cached = CACHE.get(key);
        if (cached != null && now.isPresent() && cached.stamp.equals(now)) {
            return cached;
        }
        SchemaValidator compiled = compile(key);
        if (compiled.failure.isEmpty() && compiled.stamp.isPresent()) {
            CACHE.put(key, compiled);
        } else {
            CACHE.remove(key);
        }
        return compiled;
    }

    /**
     * Compiles a schema file without consulting or filling the cache. Never throws; see {@link
     * #forSchema}.
     *
     * @param schemaFile the schema file
     * @return the validator
     */
    public static SchemaValidator compile(Path schemaFile) {
        requireNonNull(schemaFile, "schemaFile");
        String name = Objects.toString(schemaFile.getFileName(), schemaFile.toString());
        Optional<FileTime> stamp = modificationTime(schemaFile);
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(readMaybeGzipped(schemaFile)))
                    .toString();
        } catch (CharacterCodingException e) {
            return failed(name, "the file is not valid UTF-8");
        } catch (IOException | RuntimeException e) {
            return failed(name, "cannot read " + schemaFile + ": " + describe(e));
        }
        try {
            return compile(name, text, stamp.orElse(null));
        } catch (RuntimeException | StackOverflowError e) {
            return failed(name, describe(e));
        }
    }

    private static SchemaValidator compile(String name, String text, FileTime stamp) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(500);
        options.setAllowDuplicateKeys(true); // upstream netlink-raw.yaml repeats if/then; last wins
        Node root = new Yaml(options).compose(new StringReader(text));
        if (root == null) {
            return failed(name, "the file is empty");
        }
        Converted converted = Converter.convert(root, name, false);
        if (converted.limit().isPresent()) {
            return failed(name, converted.limit().get());
        }
        JsonNode schemaNode = converted.json();
        if (!schemaNode.isObject()) {
            return failed(name, "the schema is not a mapping");
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .failFast(false)
                .formatAssertionsEnabled(false)
                .locale(Locale.ROOT)
                .build();
        // The loader refuses every IRI: '$schema' resolves to the built-in Draft 7 dialect, local
        // '$ref's resolve inside the document (its '$id' registers it), and anything else fails
        // instead of reaching for the network or the class path.
        SchemaLoader noFetching = SchemaLoader.builder()
                .fetchRemoteResources(false)
                .block(iri -> true)
                .build();
        // The kernel's schemas keep their definitions under '$defs' (a 2019-09 keyword) while they
        // say Draft 7: known here as a keyword that validates nothing, so the validator does not
        // log "Unknown keyword $defs" into every Maven build ('$ref's into it resolve either way).
        Dialect draft7 = Dialect.builder(Dialects.getDraft7())
                .keyword(new NonValidationKeyword("$defs"))
                .build();
        SchemaRegistry registry = SchemaRegistry.withDialect(
                draft7,
                builder -> builder.schemaRegistryConfig(config)
                        .schemaLoader(noFetching)
                        .schemaCacheEnabled(false));
        Schema schema = registry.getSchema(SchemaLocation.of("urn:ynl4j:schema:" + name), schemaNode);
        schema.initializeValidators(); // resolves every $ref now, so a broken schema fails here
        return new SchemaValidator(name, schema, null, stamp);
    }

    private static SchemaValidator failed(String name, String reason) {
        return new SchemaValidator(name, null, reason, null);
    }

    private static Optional<FileTime> modificationTime(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The schema's file name, as named in diagnostics.
     *
     * @return e.g. {@code genetlink-legacy.yaml}
     */
    public String schemaName() {
        return schemaName;
    }

    /**
     * Why the schema cannot be used, if it cannot.
     *
     * @return the reason, or empty when the schema compiled
     */
    public Optional<String> failure() {
        return failure;
    }

    /**
     * Validates the composed YAML tree of a spec against this schema; reports into diagnostics.
     * Each violation becomes one {@link Problem#SCHEMA_VIOLATION} at the YAML node the violation is
     * about (for a key the schema does not allow, at that key), with the JSON pointer of the node in
     * the message. The diagnostics are reported sorted by position and without duplicates. Never
     * throws for bad input.
     *
     * @param specRoot the spec's root node, as composed by SnakeYAML
     * @param file the spec's file name as used in {@link SourceLocation}s
     * @param diagnostics where violations are reported
     */
    public void validate(Node specRoot, String file, Diagnostics diagnostics) {
        requireNonNull(specRoot, "specRoot");
        requireNonNull(file, "file");
        requireNonNull(diagnostics, "diagnostics");
        if (schema.isEmpty()) {
            diagnostics.report(
                    Problem.SCHEMA_UNREADABLE, SourceLocation.ofFile(file), schemaName, failure.orElse("unknown"));
            return;
        }
        Converted spec;
        List<com.networknt.schema.Error> errors;
        try {
            spec = Converter.convert(specRoot, file, true);
            if (spec.limit().isPresent()) {
                diagnostics.report(
                        Problem.YAML_LIMIT,
                        SourceLocation.ofFile(file),
                        spec.limit().get());
                return;
            }
            errors = schema.get().validate(spec.json());
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.report(
                    Problem.SCHEMA_UNREADABLE,
                    SourceLocation.ofFile(file),
                    schemaName,
                    "validation failed: " + describe(e));
            return;
        }
        record Found(SourceLocation where, String message) {}
        Set<Found> found = new LinkedHashSet<>();
        Map<com.networknt.schema.Error, List<com.networknt.schema.Error>> branches = group(errors);
        for (com.networknt.schema.Error error : branches.get(null)) {
            String pointer = pointer(error.getInstanceLocation());
            SourceLocation where = null;
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                where = spec.locations().get(pointer + "/" + escape(error.getProperty()) + "#key");
            }
            if (where == null) {
                where = spec.nearest(pointer);
            }
            found.add(new Found(where, (pointer.isEmpty() ? "/" : pointer) + ": " + message(error, branches)));
        }
        List<Found> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt((Found f) -> f.where().line())
                .thenComparingInt(f -> f.where().column())
                .thenComparing(Found::message));
        for (Found f : sorted) {
            diagnostics.report(Problem.SCHEMA_VIOLATION, f.where(), schemaName, f.message());
        }
    }

    /**
     * Groups the errors of the branches of a failed {@code oneOf}/{@code anyOf} under it (the
     * validator reports them as siblings): each error goes to the innermost such error whose
     * evaluation path is a proper prefix of its own; key {@code null} holds the top-level errors.
     */
    private static Map<com.networknt.schema.Error, List<com.networknt.schema.Error>> group(
            List<com.networknt.schema.Error> errors) {
        List<com.networknt.schema.Error> combinators = errors.stream()
                .filter(e -> COMBINATORS.contains(e.getKeyword()) && e.getEvaluationPath() != null)
                .toList();
        Map<com.networknt.schema.Error, List<com.networknt.schema.Error>> groups = new HashMap<>();
        groups.put(null, new ArrayList<>());
        for (com.networknt.schema.Error error : errors) {
            com.networknt.schema.Error parent = null;
            NodePath path = error.getEvaluationPath();
            for (com.networknt.schema.Error c : combinators) {
                NodePath prefix = c.getEvaluationPath();
                if (c != error
                        && path != null
                        && path.getNameCount() > prefix.getNameCount()
                        && path.startsWith(prefix)
                        && (parent == null
                                || prefix.getNameCount()
                                        > parent.getEvaluationPath().getNameCount())) {
                    parent = c;
                }
            }
            groups.computeIfAbsent(parent, k -> new ArrayList<>()).add(error);
        }
        return groups;
    }

    private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf");

    /** The validator's message; for {@code oneOf}/{@code anyOf}, followed by why each branch failed. */
    private static String message(
            com.networknt.schema.Error error,
            Map<com.networknt.schema.Error, List<com.networknt.schema.Error>> branches) {
        List<com.networknt.schema.Error> inner = branches.getOrDefault(error, List.of());
        if (inner.isEmpty()) {
            return error.getMessage();
        }
        String pointer = pointer(error.getInstanceLocation());
        Set<String> reasons = new LinkedHashSet<>();
        for (com.networknt.schema.Error e : inner) {
            String at = pointer(e.getInstanceLocation());
            reasons.add((at.equals(pointer) ? "" : at + ": ") + message(e, branches));
        }
        return error.getMessage() + " (" + String.join("; ", reasons) + ")";
    }

    /** The JSON pointer of an instance location, whatever path type the validator used. */
    private static String pointer(NodePath path) {
        if (path == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out.append('/').append(element instanceof String s ? escape(s) : String.valueOf(element));
        }
        return out.toString();
    }

    /** Escapes one JSON pointer reference token (RFC 6901). */
    static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "the document is nested too deeply";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof MarkedYAMLException yaml) {
            Mark mark = yaml.getProblemMark();
            return "YAML syntax error: " + Objects.toString(yaml.getProblem(), "unknown problem")
                    + (mark == null
                            ? ""
                            : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")");
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        message = message.strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    /**
     * A converted tree and where each of its nodes came from.
     *
     * @param json the JSON tree
     * @param locations JSON pointer to position; {@code pointer + "#key"} for the key of a mapping
     *     entry
     * @param file the file name
     * @param limit set when a safety limit stopped the conversion (the tree is then incomplete)
     */
    record Converted(JsonNode json, Map<String, SourceLocation> locations, String file, Optional<String> limit) {
        /** The position of the node at {@code pointer}, or of its nearest recorded ancestor. */
        SourceLocation nearest(String pointer) {
            String p = pointer;
            while (true) {
                SourceLocation where = locations.get(p);
                if (where != null) {
                    return where;
                }
                int slash = p.lastIndexOf('/');
                if (slash < 0) {
                    return SourceLocation.ofFile(file);
                }
                p = p.substring(0, slash);
            }
        }
    }

    /**
     * Converts a composed SnakeYAML tree to Jackson, following the YAML 1.1 tags the resolver gave
     * each scalar, and records the position of every node by JSON pointer.
     */
    static final class Converter {
        private final String file;
        private final boolean record;
        private final Map<String, SourceLocation> locations = new HashMap<>();
        private final Set<Node> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());
        private int visited;
        private String limit;

        private Converter(String file, boolean record) {
            this.file = file;
            this.record = record;
        }

        /**
         * Converts a tree.
         *
         * @param root the root node
         * @param file the file name for positions
         * @param record whether to record positions
         * @return the JSON tree and positions
         */
        static Converted convert(Node root, String file, boolean record) {
            Converter converter = new Converter(file, record);
            JsonNode json = converter.node(root, "", 0);
            return new Converted(
                    json, Collections.unmodifiableMap(converter.locations), file, Optional.ofNullable(converter.limit));
        }

        private SourceLocation location(Node node) {
            Mark mark = node.getStartMark();
            if (mark == null) {
                return SourceLocation.ofFile(file);
            }
            return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
        }

        private JsonNode node(Node node, String pointer, int depth) {
            while (node instanceof AnchorNode anchor) {
                node = anchor.getRealNode();
            }
            if (limit != null) {
                return JSON.nullNode();
            }
            if (++visited > MAX_NODES) {
                limit = "more than " + MAX_NODES + " nodes after expanding aliases";
                return JSON.nullNode();
            }
            if (depth > MAX_DEPTH) {
                limit = "nested more than " + MAX_DEPTH + " levels deep after expanding aliases";
                return JSON.nullNode();
            }
            if (record) {
                locations.put(pointer, location(node));
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (!ancestors.add(node)) {
                limit = "an alias refers to a node that contains it (at " + location(node) + ")";
                return JSON.nullNode();
            }
            try {
                if (node instanceof SequenceNode sequence) {
                    ArrayNode array = JSON.arrayNode();
                    List<Node> items = sequence.getValue();
                    for (int i = 0; i < items.size(); i++) {
                        array.add(node(items.get(i), pointer + "/" + i, depth + 1));
                    }
                    return array;
                }
                if (node instanceof MappingNode mapping) {
                    ObjectNode object = JSON.objectNode();
                    for (Map.Entry<String, NodeTuple> entry : entries(mapping).entrySet()) {
                        String child = pointer + "/" + escape(entry.getKey());
                        NodeTuple tuple = entry.getValue();
                        if (record) {
                            locations.put(child + "#key", location(tuple.getKeyNode()));
                        }
                        object.set(entry.getKey(), node(tuple.getValueNode(), child, depth + 1));
                    }
                    return object;
                }
                return JSON.stringNode("");
            } finally {
                ancestors.remove(node);
            }
        }

        /**
         * The entries of a mapping as PyYAML constructs them: merge keys ({@code <<}) flattened,
         * explicit keys over merged ones, and the last of duplicate keys winning.
         */
        private Map<String, NodeTuple> entries(MappingNode mapping) {
            Map<String, NodeTuple> merged = new LinkedHashMap<>();
            Map<String, NodeTuple> explicit = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (Tag.MERGE.equals(key.getTag())) {
                    merge(tuple.getValueNode(), merged);
                } else {
                    explicit.remove(keyText(key)); // last one wins, at its own position
                    explicit.put(keyText(key), tuple);
                }
            }
            if (merged.isEmpty()) {
                return explicit;
            }
            Map<String, NodeTuple> all = new LinkedHashMap<>(merged);
            all.keySet().removeAll(explicit.keySet());
            all.putAll(explicit);
            return all;
        }

        private void merge(Node source, Map<String, NodeTuple> into) {
            while (source instanceof AnchorNode anchor) {
                source = anchor.getRealNode();
            }
            if (limit != null || !ancestors.add(source)) {
                limit = limit != null ? limit : "a merge key refers to a mapping that contains it";
                return;
            }
            try {
                if (source instanceof MappingNode mapping) {
                    for (Map.Entry<String, NodeTuple> e : entries(mapping).entrySet()) {
                        into.putIfAbsent(e.getKey(), e.getValue()); // an earlier source wins
                    }
                } else if (source instanceof SequenceNode sequence) {
                    for (Node item : sequence.getValue()) {
                        merge(item, into);
                    }
                }
            } finally {
                ancestors.remove(source);
            }
        }

        private static String keyText(Node key) {
            while (key instanceof AnchorNode anchor) {
                key = anchor.getRealNode();
            }
            if (key instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            return key instanceof SequenceNode ? "[sequence key]" : "{mapping key}";
        }

        private static JsonNode scalar(ScalarNode scalar) {
            Tag tag = scalar.getTag();
            String text = scalar.getValue();
            if (Tag.NULL.equals(tag)) {
                return JSON.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                Boolean b = parseBool(text);
                return b == null ? JSON.stringNode(text) : JSON.booleanNode(b);
            }
            if (Tag.INT.equals(tag)) {
                BigInteger value = parseInt(text);
                if (value == null) {
                    return JSON.stringNode(text);
                }
                if (value.bitLength() < 32) {
                    return JSON.numberNode(value.intValue());
                }
                if (value.bitLength() < 64) {
                    return JSON.numberNode(value.longValue());
                }
                return JSON.numberNode(value);
            }
            if (Tag.FLOAT.equals(tag)) {
                Double value = parseFloat(text);
                return value == null ? JSON.stringNode(text) : JSON.numberNode(value.doubleValue());
            }
            return JSON.stringNode(text);
        }

        /**
         * Parses a YAML 1.1 boolean ({@code yes/no/on/off/true/false/y/n}, any case).
         *
         * @param text the scalar
         * @return the value, or {@code null} if it is not a boolean
         */
        static Boolean parseBool(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "yes", "y", "true", "on" -> Boolean.TRUE;
                case "no", "n", "false", "off" -> Boolean.FALSE;
                default -> null;
            };
        }

        /**
         * Parses a YAML 1.1 integer: optional sign, {@code 0b} binary, {@code 0x} hex, {@code 0o}
         * or leading-zero octal, base 60 ({@code 1:30}), decimal; underscores ignored.
         *
         * @param text the scalar
         * @return the value, or {@code null} if it is not an integer
         */
        static BigInteger parseInt(String text) {
            String s = text.replace("_", "");
            boolean negative = false;
            if (s.startsWith("-") || s.startsWith("+")) {
                negative = s.charAt(0) == '-';
                s = s.substring(1);
            }
            if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
                return null;
            }
            BigInteger value;
            try {
                if (s.startsWith("0b") || s.startsWith("0B")) {
                    value = new BigInteger(s.substring(2), 2);
                } else if (s.startsWith("0x") || s.startsWith("0X")) {
                    value = new BigInteger(s.substring(2), 16);
                } else if (s.startsWith("0o") || s.startsWith("0O")) {
                    value = new BigInteger(s.substring(2), 8);
                } else if (s.indexOf(':') >= 0) {
                    value = BigInteger.ZERO;
                    for (String digit : s.split(":", -1)) {
                        value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(digit, 10));
                    }
                } else if (s.length() > 1 && s.charAt(0) == '0') {
                    value = new BigInteger(s.substring(1), 8);
                } else {
                    value = new BigInteger(s, 10);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return negative ? value.negate() : value;
        }

        /**
         * Parses a YAML 1.1 float: decimal or exponent form, {@code .inf}, {@code .nan}, base 60;
         * underscores ignored.
         *
         * @param text the scalar
         * @return the value, or {@code null} if it is not a float
         */
        static Double parseFloat(String text) {
            String s = text.replace("_", "");
            String lower = s.toLowerCase(Locale.ROOT);
            switch (lower) {
                case ".inf", "+.inf" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-.inf" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case ".nan" -> {
                    return Double.NaN;
                }
                default -> {}
            }
            try {
                if (s.indexOf(':') >= 0) {
                    boolean negative = s.startsWith("-");
                    if (negative || s.startsWith("+")) {
                        s = s.substring(1);
                    }
                    double value = 0;
                    for (String digit : s.split(":", -1)) {
                        value = value * 60 + Double.parseDouble(digit);
                    }
                    return negative ? -value : value;
                }
                if (lower.contains("x") || lower.contains("n") || lower.endsWith("d") || lower.endsWith("f")) {
                    return null; // Java would accept 0x1p3, NaN, Infinity, 1d, 1f; YAML does not
                }
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** The file's bytes, decompressed when it is gzipped (Debian ships {@code *.yaml.gz}). */
    private static byte[] readMaybeGzipped(Path file) throws java.io.IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                return in.readNBytes(YamlLoader.MAX_BYTES);
            }
        }
        return raw;
    }
}
