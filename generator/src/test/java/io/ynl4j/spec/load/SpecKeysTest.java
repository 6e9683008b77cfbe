package io.ynl4j.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.spec.Protocol;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The hand-written tables in {@link SpecKeys} equal what the kernel's four schema files allow: for
 * every place and protocol the set of keys, and for every enumerated key the set of values (per
 * protocol, through {@link SpecKeys#valueAllowed}).
 */
class SpecKeysTest {
    private static final Map<Protocol, Map<String, Object>> SCHEMAS = new EnumMap<>(Protocol.class);

    /** Where each place's properties are in a schema (segments; {@code oneOf[1]} picks an item). */
    private static String path(SpecKeys.Place place) {
        return switch (place) {
            case TOP -> "properties";
            case DEFINITION -> "properties.definitions.items.properties";
            case ENTRY -> "properties.definitions.items.properties.entries.items.oneOf[1].properties";
            case MEMBER -> "properties.definitions.items.properties.members.items.properties";
            case ATTR_SET -> "properties.attribute-sets.items.properties";
            case ATTR -> "properties.attribute-sets.items.properties.attributes.items.properties";
            case CHECKS -> "properties.attribute-sets.items.properties.attributes.items.properties.checks.properties";
            case SUB_MESSAGE -> "properties.sub-messages.items.properties";
            case FORMAT -> "properties.sub-messages.items.properties.formats.items.properties";
            case OPERATIONS -> "properties.operations.properties";
            case OP -> "properties.operations.properties.list.items.properties";
            case MODE -> "properties.operations.properties.list.items.properties.do.properties";
            case MSG -> "properties.operations.properties.list.items.properties.do.properties.request.properties";
            case EVENT -> "properties.operations.properties.list.items.properties.event.properties";
            case MCAST_GROUPS -> "properties.mcast-groups.properties";
            case MCAST_GROUP -> "properties.mcast-groups.properties.list.items.properties";
            case KERNEL_FAMILY -> "properties.kernel-family.properties";
        };
    }

    static Stream<Arguments> placesAndProtocols() {
        return Arrays.stream(SpecKeys.Place.values())
                .flatMap(place -> Arrays.stream(Protocol.values()).map(protocol -> Arguments.of(place, protocol)));
    }

    @ParameterizedTest(name = "{0} keys with {1}")
    @MethodSource("placesAndProtocols")
    void keysEqualTheSchemaProperties(SpecKeys.Place place, Protocol protocol) {
        Set<String> inSchema =
                new TreeSet<>(properties(protocol, path(place)).map(Map::keySet).orElse(Set.of()));
        Set<String> inTable = new TreeSet<>();
        SpecKeys.keys(place).forEach((key, protocols) -> {
            if (protocols.contains(protocol)) {
                inTable.add(key);
            }
        });
        assertThat(inTable)
                .as("keys of %s with %s (schema path %s)", place, protocol.specName(), path(place))
                .isEqualTo(inSchema);
    }

    /** One enumerated key: where its values are listed, the table's list and its valueAllowed rule. */
    private record Enumerated(String name, String path, List<String> table, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String ATTR = path(SpecKeys.Place.ATTR);
    private static final String MEMBER = path(SpecKeys.Place.MEMBER);
    private static final String OP = path(SpecKeys.Place.OP);

    static Stream<Arguments> enumeratedValues() {
        List<Enumerated> all = List.of(
                new Enumerated("attribute type", ATTR + ".type.enum", SpecKeys.ATTR_TYPES, "type"),
                new Enumerated("attribute sub-type", ATTR + ".sub-type.enum", SpecKeys.ATTR_TYPES, "sub-type"),
                new Enumerated("attribute byte-order", ATTR + ".byte-order.enum", SpecKeys.BYTE_ORDERS, "byte-order"),
                new Enumerated(
                        "attribute display-hint", ATTR + ".display-hint.enum", SpecKeys.DISPLAY_HINTS, "display-hint"),
                new Enumerated("member type", MEMBER + ".type.enum", SpecKeys.MEMBER_TYPES, "member"),
                new Enumerated("member byte-order", MEMBER + ".byte-order.enum", SpecKeys.BYTE_ORDERS, "byte-order"),
                new Enumerated(
                        "member display-hint", MEMBER + ".display-hint.enum", SpecKeys.DISPLAY_HINTS, "display-hint"),
                new Enumerated(
                        "definition type",
                        path(SpecKeys.Place.DEFINITION) + ".type.enum",
                        SpecKeys.DEFINITION_TYPES,
                        "definition"),
                new Enumerated(
                        "definition scope", path(SpecKeys.Place.DEFINITION) + ".scope.enum", SpecKeys.SCOPES, "scope"),
                new Enumerated(
                        "enum-model",
                        path(SpecKeys.Place.OPERATIONS) + ".enum-model.enum",
                        SpecKeys.ENUM_MODELS,
                        "enum-model"),
                new Enumerated("operation flags", OP + ".flags.items.enum", SpecKeys.OP_FLAGS, "flags"),
                new Enumerated(
                        "dont-validate", OP + ".dont-validate.items.enum", SpecKeys.DONT_VALIDATE, "dont-validate"),
                new Enumerated(
                        "multicast group flags",
                        path(SpecKeys.Place.MCAST_GROUP) + ".flags.items.enum",
                        SpecKeys.OP_FLAGS,
                        "flags"),
                new Enumerated(
                        "kernel-policy",
                        path(SpecKeys.Place.TOP) + ".kernel-policy.enum",
                        SpecKeys.KERNEL_POLICIES,
                        "kernel-policy"));
        return all.stream().flatMap(e -> Arrays.stream(Protocol.values()).map(protocol -> Arguments.of(e, protocol)));
    }

    @ParameterizedTest(name = "{0} values with {1}")
    @MethodSource("enumeratedValues")
    void valuesEqualTheSchemaEnum(Enumerated enumerated, Protocol protocol) {
        Optional<List<String>> inSchema = list(protocol, enumerated.path());
        List<String> inTable = enumerated.table().stream()
                .filter(v -> SpecKeys.valueAllowed(enumerated.rule(), v, protocol))
                .toList();
        if (inSchema.isEmpty()) {
            // The key does not exist with this protocol; the key tables say so (checked above).
            return;
        }
        assertThat(inTable)
                .as("%s values with %s (schema path %s)", enumerated.name(), protocol.specName(), enumerated.path())
                .containsExactlyInAnyOrderElementsOf(inSchema.get());
    }

    @ParameterizedTest(name = "the {0} schema names its protocol")
    @EnumSource(Protocol.class)
    void schemaAcceptsItsOwnProtocolName(Protocol protocol) {
        assertThat(list(protocol, "properties.protocol.enum"))
                .hasValueSatisfying(names -> assertThat(names).contains(protocol.specName()));
    }

    @ParameterizedTest(name = "every enumerated table value is in some schema: {0}")
    @MethodSource("enumeratedNames")
    void everyTableValueIsAllowedBySomeProtocol(Enumerated enumerated) {
        List<String> union = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            list(protocol, enumerated.path()).ifPresent(union::addAll);
        }
        assertThat(union).as("values of %s in any schema", enumerated.name()).containsAll(enumerated.table());
    }

    static Stream<Enumerated> enumeratedNames() {
        return enumeratedValues().map(a -> (Enumerated) a.get()[0]).distinct();
    }

    // ---------------------------------------------------------------- schema access

    private static synchronized Map<String, Object> schema(Protocol protocol) {
        return SCHEMAS.computeIfAbsent(protocol, p -> {
            Path file = Corpus.kernelSchemas().resolve(p.specName() + ".yaml");
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // netlink-raw.yaml repeats 'if'/'then'
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Map<String, Object> root = new Yaml(options).load(in);
                return root;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The object at a dotted path, when every segment exists. */
    private static Optional<Object> at(Protocol protocol, String path) {
        Object node = schema(protocol);
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String key = bracket < 0 ? segment : segment.substring(0, bracket);
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            node = map.get(key);
            if (bracket >= 0) {
                int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
                if (!(node instanceof List<?> list) || list.size() <= index) {
                    return Optional.empty();
                }
                node = list.get(index);
            }
        }
        return Optional.of(node);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> properties(Protocol protocol, String path) {
        return at(protocol, path).map(o -> {
            assertThat(o).as("%s in %s", path, protocol.specName()).isInstanceOf(Map.class);
            return (Map<String, Object>) o;
        });
    }

    private static Optional<List<String>> list(Protocol protocol, String path) {
        return at(protocol, path).map(o -> {
            assertThat(o).as("%s in %s", path, protocol.specName()).isInstanceOf(List.class);
            return ((List<?>) o).stream().map(String::valueOf).toList();
        });
    }
}
