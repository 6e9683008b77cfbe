package io.ynl4j.codegen.plan;

import static java.util.Objects.requireNonNull;

import com.palantir.javapoet.ClassName;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.Attribute;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.SourceLocation;
import io.ynl4j.spec.SubMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes a {@link FamilyPlan}: allocates every top-level Java name of a family's package and works
 * out which attribute sets take part in sub-message selection.
 *
 * <p>Names are allocated in {@link TypeKind} order — family types ({@code <Family>}, {@code
 * <Family>Client}, {@code <Family>Notification}, {@code <Family>UnknownNotification}), structs,
 * enums, attribute sets, sub-messages (interface, then one record per format, then the record for
 * unlisted selector values), messages — and in spec order within a kind. A name already taken (case
 * ignored, for case-insensitive file systems) or equal to a {@code java.lang} type makes the later
 * element take its kind's suffix ({@code StringsetAttrs}), then a number if still taken, with a
 * warning. The same spec always yields the same names.
 */
public final class Planner {
    private Planner() {}

    /**
     * A message record to name, for the message planner.
     *
     * @param key what the message stands for (e.g. {@code getaddr/dump/reply}); unique
     * @param simpleName the wanted Java name, e.g. {@code GetaddrReply}
     * @param location the spec element it comes from
     */
    public record MessageRequest(String key, String simpleName, SourceLocation location) {
        public MessageRequest {
            requireNonNull(key, "key");
            requireNonNull(simpleName, "simpleName");
            requireNonNull(location, "location");
        }
    }

    /**
     * Types of {@code java.lang}, implicitly imported everywhere: a generated type of the same name
     * would hide them from all generated code of its package.
     */
    private static final Set<String> JAVA_LANG = Set.of(
            "AbstractMethodError",
            "Appendable",
            "ArithmeticException",
            "ArrayIndexOutOfBoundsException",
            "AssertionError",
            "AutoCloseable",
            "Boolean",
            "Byte",
            "CharSequence",
            "Character",
            "Class",
            "ClassCastException",
            "ClassLoader",
            "ClassNotFoundException",
            "CloneNotSupportedException",
            "Cloneable",
            "Comparable",
            "Deprecated",
            "Double",
            "Enum",
            "Error",
            "Exception",
            "Float",
            "FunctionalInterface",
            "IllegalArgumentException",
            "IllegalStateException",
            "IndexOutOfBoundsException",
            "Integer",
            "InterruptedException",
            "Iterable",
            "Long",
            "Math",
            "Module",
            "NullPointerException",
            "Number",
            "NumberFormatException",
            "Object",
            "Override",
            "Package",
            "Process",
            "Record",
            "Runnable",
            "Runtime",
            "RuntimeException",
            "SafeVarargs",
            "SecurityException",
            "Short",
            "StrictMath",
            "String",
            "StringBuilder",
            "SuppressWarnings",
            "System",
            "Thread",
            "Throwable",
            "UnsupportedOperationException",
            "Void");

    /**
     * Plans a family without messages.
     *
     * @param family the family
     * @param basePackage the base package, e.g. {@code com.acme.netlink}
     * @return the plan
     */
    public static FamilyPlan plan(Family family, String basePackage) {
        return plan(family, basePackage, List.of());
    }

    /**
     * Plans a family.
     *
     * @param family the family
     * @param basePackage the base package, e.g. {@code com.acme.netlink}
     * @param messages message records to name after everything else, in order
     * @return the plan
     */
    public static FamilyPlan plan(Family family, String basePackage, List<MessageRequest> messages) {
        String pkg = JavaNames.packageName(basePackage, family.name());
        Names names = new Names(pkg);

        String facade = JavaNames.typeName(family.name());
        names.allocate(TypeKind.FAMILY, FamilyPlan.FACADE, facade, family.location());
        names.allocate(TypeKind.FAMILY, FamilyPlan.CLIENT, facade + "Client", family.location());
        names.allocate(TypeKind.FAMILY, FamilyPlan.NOTIFICATION, facade + "Notification", family.location());
        names.allocate(
                TypeKind.FAMILY, FamilyPlan.UNKNOWN_NOTIFICATION, facade + "UnknownNotification", family.location());
        for (Definition d : family.definitions()) {
            if (d instanceof Definition.Struct) {
                names.allocate(TypeKind.STRUCT, d.name(), JavaNames.typeName(d.name()), d.location());
            }
        }
        for (Definition d : family.definitions()) {
            if (d instanceof Definition.Enum) {
                names.allocate(TypeKind.ENUM, d.name(), JavaNames.typeName(d.name()), d.location());
            }
        }
        for (AttributeSet s : family.attributeSets()) {
            names.allocate(TypeKind.ATTRIBUTE_SET, s.name(), JavaNames.typeName(s.name()), s.location());
        }
        for (SubMessage sm : family.subMessages()) {
            names.allocate(TypeKind.SUB_MESSAGE, sm.name(), JavaNames.typeName(sm.name()), sm.location());
            for (SubMessage.Format f : sm.formats()) {
                names.allocate(
                        TypeKind.SUB_MESSAGE,
                        sm.name() + "/" + f.value(),
                        JavaNames.typeName(sm.name() + "-" + f.value()),
                        f.location());
            }
            names.allocate(
                    TypeKind.SUB_MESSAGE, sm.name() + "/", JavaNames.typeName(sm.name() + "-unknown"), sm.location());
        }
        for (MessageRequest m : messages) {
            names.allocate(TypeKind.MESSAGE, m.key(), m.simpleName(), m.location());
        }

        Selection selection = selection(family);
        return new FamilyPlan(family, pkg, names.planned, selection.declared, selection.needy, names.diagnostics.all());
    }

    /** The name allocator of one package. */
    private static final class Names {
        final String pkg;
        final List<PlannedType> planned = new ArrayList<>();
        final Map<String, PlannedType> taken = new HashMap<>();
        final Set<String> keys = new HashSet<>();
        final Diagnostics diagnostics = new Diagnostics();

        Names(String pkg) {
            this.pkg = pkg;
        }

        void allocate(TypeKind kind, String key, String wanted, SourceLocation where) {
            if (!keys.add(kind + "\0" + key)) {
                throw new IllegalArgumentException("two " + kind.description() + " types with key '" + key + "'");
            }
            String name = wanted;
            PlannedType holder = taken.get(fold(name));
            boolean javaLang = JAVA_LANG.contains(name);
            if (holder != null || javaLang) {
                name = wanted + kind.suffix();
                for (int n = 2; taken.containsKey(fold(name)) || JAVA_LANG.contains(name); n++) {
                    name = wanted + kind.suffix() + n;
                }
                if (javaLang) {
                    diagnostics.report(
                            Problem.TYPE_RENAMED_JAVA_LANG, where, describe(kind, key), name, wanted, wanted);
                } else {
                    diagnostics.report(
                            Problem.TYPE_RENAMED,
                            where,
                            describe(kind, key),
                            name,
                            wanted,
                            describe(holder.kind(), holder.key()));
                }
            }
            PlannedType t = new PlannedType(kind, key, ClassName.get(pkg, name), where);
            taken.put(fold(name), t);
            planned.add(t);
        }

        /** How diagnostics name a planned type: {@code attribute-set 'stringset'}. */
        private static String describe(TypeKind kind, String key) {
            return switch (kind) {
                case FAMILY -> "family " + key.replace('-', ' ') + " type";
                case SUB_MESSAGE -> {
                    int slash = key.indexOf('/');
                    if (slash < 0) {
                        yield "sub-message '" + key + "'";
                    }
                    String sm = key.substring(0, slash);
                    yield slash == key.length() - 1
                            ? "record of sub-message '" + sm + "' for unlisted formats"
                            : "format '" + key.substring(slash + 1) + "' of sub-message '" + sm + "'";
                }
                default -> kind.description() + " '" + key + "'";
            };
        }

        private static String fold(String name) {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** Which sets declare selectors, and which need the enclosing sets' selectors. */
    private record Selection(Map<String, List<String>> declared, Set<String> needy) {}

    private static Selection selection(Family family) {
        // Sets directly below each set: nests, arrays and type-value nests of a set, sub-message formats.
        Map<String, Set<String>> children = new HashMap<>();
        // Selector names of the sub-message attributes of each set.
        Map<String, Set<String>> selectorsUsed = new HashMap<>();
        for (AttributeSet s : family.attributeSets()) {
            Set<String> kids = new LinkedHashSet<>();
            Set<String> used = new LinkedHashSet<>();
            for (Attribute a : s.attributes()) {
                AttrType t = a.type() instanceof AttrType.IndexedArray ia ? ia.element() : a.type();
                switch (t) {
                    case AttrType.Nest n -> kids.add(n.attributeSet());
                    case AttrType.NestTypeValue n -> kids.add(n.attributeSet());
                    case AttrType.SubMessage sm -> {
                        used.add(sm.selector());
                        family.subMessage(sm.subMessage())
                                .ifPresent(def -> def.formats()
                                        .forEach(f -> f.attributeSet().ifPresent(kids::add)));
                    }
                    default -> {}
                }
            }
            children.put(s.name(), kids);
            selectorsUsed.put(s.name(), used);
        }
        Map<String, List<String>> declared = new HashMap<>();
        Set<String> needy = new HashSet<>();
        for (AttributeSet s : family.attributeSets()) {
            Set<String> used = new HashSet<>();
            Set<String> seen = new HashSet<>();
            ArrayDeque<String> todo = new ArrayDeque<>(List.of(s.name()));
            while (!todo.isEmpty()) {
                String set = todo.poll();
                if (seen.add(set)) {
                    used.addAll(selectorsUsed.getOrDefault(set, Set.of()));
                    todo.addAll(children.getOrDefault(set, Set.of()));
                }
            }
            if (!used.isEmpty()) {
                needy.add(s.name());
            }
            List<String> mine = s.attributes().stream()
                    .map(Attribute::name)
                    .filter(used::contains)
                    .toList();
            if (!mine.isEmpty()) {
                declared.put(s.name(), mine);
            }
        }
        return new Selection(declared, needy);
    }
}
