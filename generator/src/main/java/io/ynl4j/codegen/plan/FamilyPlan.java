package io.ynl4j.codegen.plan;

import static java.util.Objects.requireNonNull;

import com.palantir.javapoet.ClassName;
import io.ynl4j.spec.Diagnostic;
import io.ynl4j.spec.Family;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Java about one family that emitters share: the package, the name of every top-level
 * type (allocated once, deterministically, with clashes resolved by {@link TypeKind} precedence),
 * which attribute sets take part in sub-message selection, and the warnings planning produced.
 * Made by {@link Planner}; immutable.
 */
public final class FamilyPlan {
    /** Key of the family facade among {@link TypeKind#FAMILY} types. */
    public static final String FACADE = "facade";
    /** Key of the client. */
    public static final String CLIENT = "client";
    /** Key of the sealed notification interface. */
    public static final String NOTIFICATION = "notification";
    /** Key of the notification for unlisted message types. */
    public static final String UNKNOWN_NOTIFICATION = "unknown-notification";

    private final Family family;
    private final String packageName;
    private final List<PlannedType> types;
    private final Map<TypeKind, Map<String, ClassName>> byKind;
    private final Map<String, List<String>> selectorsDeclared;
    private final Set<String> needSelectors;
    private final List<Diagnostic> diagnostics;

    FamilyPlan(
            Family family,
            String packageName,
            List<PlannedType> types,
            Map<String, List<String>> selectorsDeclared,
            Set<String> needSelectors,
            List<Diagnostic> diagnostics) {
        this.family = requireNonNull(family, "family");
        this.packageName = requireNonNull(packageName, "packageName");
        this.types = List.copyOf(types);
        Map<TypeKind, Map<String, ClassName>> index = new EnumMap<>(TypeKind.class);
        for (PlannedType t : this.types) {
            index.computeIfAbsent(t.kind(), k -> new LinkedHashMap<>()).put(t.key(), t.name());
        }
        this.byKind = index;
        this.selectorsDeclared = Map.copyOf(selectorsDeclared);
        this.needSelectors = Set.copyOf(needSelectors);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * The family.
     *
     * @return the linked family
     */
    public Family family() {
        return family;
    }

    /**
     * The Java package of the family's types.
     *
     * @return e.g. {@code com.acme.netlink.rtaddr}
     */
    public String packageName() {
        return packageName;
    }

    /**
     * Every top-level type, in allocation order (family types, structs, enums, attribute sets,
     * sub-messages, messages; spec order within a kind).
     *
     * @return the types
     */
    public List<PlannedType> types() {
        return types;
    }

    /**
     * Warnings about renamed types ({@code Y301}, {@code Y305}).
     *
     * @return the diagnostics, sorted by location
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * The name of a planned type.
     *
     * @param kind the kind
     * @param key the key (see {@link PlannedType#key})
     * @return the name, or empty when nothing of that kind and key was planned
     */
    public Optional<ClassName> find(TypeKind kind, String key) {
        return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(key));
    }

    private ClassName get(TypeKind kind, String key) {
        return find(kind, key)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no " + kind.description() + " '" + key + "' in family '" + family.name() + "'"));
    }

    /**
     * The family facade, e.g. {@code RtAddr}.
     *
     * @return the name
     */
    public ClassName facade() {
        return get(TypeKind.FAMILY, FACADE);
    }

    /**
     * The client, e.g. {@code RtAddrClient}.
     *
     * @return the name
     */
    public ClassName client() {
        return get(TypeKind.FAMILY, CLIENT);
    }

    /**
     * The sealed notification interface, e.g. {@code RtAddrNotification}.
     *
     * @return the name
     */
    public ClassName notification() {
        return get(TypeKind.FAMILY, NOTIFICATION);
    }

    /**
     * The notification for message types the spec does not list, e.g. {@code
     * RtAddrUnknownNotification}.
     *
     * @return the name
     */
    public ClassName unknownNotification() {
        return get(TypeKind.FAMILY, UNKNOWN_NOTIFICATION);
    }

    /**
     * The record of a struct definition.
     *
     * @param name the struct's spec name
     * @return the Java name
     */
    public ClassName struct(String name) {
        return get(TypeKind.STRUCT, name);
    }

    /**
     * The Java enum of an enum or flags definition.
     *
     * @param name the definition's spec name
     * @return the Java name
     */
    public ClassName enumType(String name) {
        return get(TypeKind.ENUM, name);
    }

    /**
     * The type of a struct, enum or flags definition (definitions share one namespace in a spec).
     *
     * @param name the definition's spec name
     * @return the Java name
     */
    public ClassName definition(String name) {
        return find(TypeKind.STRUCT, name).orElseGet(() -> enumType(name));
    }

    /**
     * The record of an attribute set.
     *
     * @param name the set's spec name
     * @return the Java name
     */
    public ClassName attributeSet(String name) {
        return get(TypeKind.ATTRIBUTE_SET, name);
    }

    /**
     * The sealed interface of a sub-message.
     *
     * @param name the sub-message's spec name
     * @return the Java name
     */
    public ClassName subMessage(String name) {
        return get(TypeKind.SUB_MESSAGE, name);
    }

    /**
     * The record of one format of a sub-message.
     *
     * @param subMessage the sub-message's spec name
     * @param value the format's selector value
     * @return the Java name
     */
    public ClassName format(String subMessage, String value) {
        return get(TypeKind.SUB_MESSAGE, subMessage + "/" + value);
    }

    /**
     * The record a sub-message decodes to for selector values its spec does not list.
     *
     * @param subMessage the sub-message's spec name
     * @return the Java name
     */
    public ClassName subMessageUnknown(String subMessage) {
        return get(TypeKind.SUB_MESSAGE, subMessage + "/");
    }

    /**
     * The record of a message planned with a {@link Planner.MessageRequest}.
     *
     * @param key the request's key
     * @return the Java name
     */
    public ClassName message(String key) {
        return get(TypeKind.MESSAGE, key);
    }

    /**
     * The selector names an attribute set declares while decoding: its attributes that select the
     * format of a sub-message in the set itself or in a set nested in it (through nests, arrays or
     * sub-message formats). Decoding such a set scans its attributes for them first.
     *
     * @param set the set's spec name
     * @return the names, in attribute order; empty for most sets
     */
    public List<String> selectorsDeclared(String set) {
        return selectorsDeclared.getOrDefault(set, List.of());
    }

    /**
     * Whether decoding a set needs the selectors of enclosing sets: a sub-message attribute is in
     * the set or in a set nested in it. Such sets have a {@code decode(AttrReader, Selectors)}.
     *
     * @param set the set's spec name
     * @return {@code true} if it does
     */
    public boolean needsSelectors(String set) {
        return needSelectors.contains(set);
    }
}
