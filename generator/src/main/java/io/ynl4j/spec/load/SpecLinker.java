package io.ynl4j.spec.load;

import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.Attribute;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.ByteOrder;
import io.ynl4j.spec.Checks;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.Diagnostic;
import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.DisplayHint;
import io.ynl4j.spec.EnumEntry;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.IntKind;
import io.ynl4j.spec.McastGroup;
import io.ynl4j.spec.MsgIdModel;
import io.ynl4j.spec.Operation;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.Protocol;
import io.ynl4j.spec.SourceLocation;
import io.ynl4j.spec.StructMember;
import io.ynl4j.spec.SubMessage;
import io.ynl4j.spec.decl.AttrSetDecl;
import io.ynl4j.spec.decl.AttrSetDecl.AttrDecl;
import io.ynl4j.spec.decl.DefinitionDecl;
import io.ynl4j.spec.decl.FamilyDecl;
import io.ynl4j.spec.decl.Located;
import io.ynl4j.spec.decl.McastGroupDecl;
import io.ynl4j.spec.decl.NumberOrName;
import io.ynl4j.spec.decl.OperationsDecl.ModeDecl;
import io.ynl4j.spec.decl.OperationsDecl.MsgDecl;
import io.ynl4j.spec.decl.OperationsDecl.OpDecl;
import io.ynl4j.spec.decl.Positions;
import io.ynl4j.spec.decl.SubMessageDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a declaration into the linked model: resolves every reference, computes every implicit
 * value (attribute ids, enum values, struct layout, message ids, subset merges, selectors) and
 * checks the cross-field rules. Collects all problems before failing.
 */
public final class SpecLinker {
    private static final Pattern TYPE_LIMIT = Pattern.compile("([us])(8|16|32|64)-(min|max)");
    private static final Pattern MINUS_ONE = Pattern.compile("(.+?)\\s*-\\s*1");

    private final FamilyDecl decl;
    private final Diagnostics diagnostics;
    private final Map<String, DefinitionDecl> definitionDecls = new LinkedHashMap<>();
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, AttrSetDecl> setDecls = new LinkedHashMap<>();
    private final Map<String, AttributeSet> sets = new LinkedHashMap<>();
    private final Map<String, SubMessageDecl> subMessageDecls = new LinkedHashMap<>();
    private final Map<String, Integer> attrValues = new HashMap<>(); // "set/attr" -> value
    private final Set<String> structsInProgress = new LinkedHashSet<>();
    private final Set<String> setsInReportedCycle = new HashSet<>();
    private final Set<String> failedStructs = new HashSet<>(); // reported once, never linked again

    private final boolean lenient;

    private SpecLinker(FamilyDecl decl, Diagnostics diagnostics, boolean lenient) {
        this.lenient = lenient;
        this.decl = decl;
        this.diagnostics = diagnostics;
    }

    /**
     * Links a declaration.
     *
     * @param decl the declaration
     * @param file the spec's display name
     * @param sha256 the hex SHA-256 of the spec's bytes
     * @param diagnostics where problems are reported
     * @return the family, or empty if there was an error
     */
    public static Optional<Family> link(FamilyDecl decl, String file, String sha256, Diagnostics diagnostics) {
        return link(decl, file, sha256, diagnostics, false);
    }

    /**
     * Links a declaration, optionally leniently: in lenient mode an operation's request, reply or
     * event that names an attribute its set does not have gets a warning and the name is dropped,
     * instead of an error. Specs of older kernels have such slips (Linux 6.12's nftables and rt-link
     * specs), and the kernel's tools of the time took them.
     *
     * @param decl the declaration
     * @param file the spec's display name
     * @param sha256 the hex SHA-256 of the spec's bytes
     * @param diagnostics where problems are reported
     * @param lenient whether unknown attribute names in operation lists are warnings
     * @return the family, or empty if there was an error
     */
    public static Optional<Family> link(
            FamilyDecl decl, String file, String sha256, Diagnostics diagnostics, boolean lenient) {
        // Report straight into the caller's collector, which knows the spec's text and so can quote
        // the offending line; the family is good when linking added no error.
        long errorsBefore = errorCount(diagnostics);
        Family family = new SpecLinker(decl, diagnostics, lenient).linkFamily(file, sha256);
        return errorCount(diagnostics) > errorsBefore ? Optional.empty() : Optional.of(family);
    }

    private static long errorCount(Diagnostics diagnostics) {
        return diagnostics.all().stream().filter(Diagnostic::isError).count();
    }

    private Family linkFamily(String file, String sha256) {
        Protocol protocol = decl.protocol().flatMap(Protocol::fromSpecName).orElse(Protocol.GENETLINK);
        MsgIdModel model = decl.operations()
                .enumModel()
                .map(m -> m.equals("directional") ? MsgIdModel.DIRECTIONAL : MsgIdModel.UNIFIED)
                .orElse(MsgIdModel.UNIFIED);

        indexUnique(decl.definitions(), DefinitionDecl::name, DefinitionDecl::pos, "definition", definitionDecls);
        for (DefinitionDecl d : decl.definitions()) {
            if (definitionDecls.get(d.name()) == d) {
                linkDefinition(d).ifPresent(def -> definitions.putIfAbsent(def.name(), def));
            }
        }
        indexUnique(decl.attributeSets(), AttrSetDecl::name, AttrSetDecl::pos, "attribute-set", setDecls);
        indexUnique(decl.subMessages(), SubMessageDecl::name, SubMessageDecl::pos, "sub-message", subMessageDecls);

        // Values first (subsets need their parents' values), then types.
        for (AttrSetDecl s : setDecls.values()) {
            if (s.subsetOf().isEmpty()) {
                computeValues(s);
            }
        }
        Map<String, List<AttrDecl>> merged = new LinkedHashMap<>();
        for (AttrSetDecl s : setDecls.values()) {
            merged.put(s.name(), s.subsetOf().isEmpty() ? s.attributes() : mergeSubset(s));
        }
        Map<String, Set<String>> enclosing = enclosingSets(merged);
        for (AttrSetDecl s : decl.attributeSets()) {
            if (setDecls.get(s.name()) == s) {
                sets.put(s.name(), linkSet(s, merged, enclosing));
            }
        }
        List<SubMessage> subMessages = new ArrayList<>();
        for (SubMessageDecl s : subMessageDecls.values()) {
            subMessages.add(linkSubMessage(s));
        }
        List<McastGroup> groups = linkGroups(protocol);
        Set<String> groupNames = new HashSet<>();
        groups.forEach(g -> groupNames.add(g.name()));
        Optional<String> familyFixedHeader = decl.operations().fixedHeader();
        familyFixedHeader.ifPresent(h -> checkStruct(
                h,
                decl.operations().pos().at("fixed-header"),
                diagnostics.at("operations", decl.operations().pos().start())));
        List<Operation> operations = linkOperations(protocol, model, familyFixedHeader, groupNames);

        return new Family(
                decl.name(),
                file,
                sha256,
                protocol,
                toInt(decl.protonum()),
                toInt(decl.version()),
                decl.uapiHeader(),
                decl.doc(),
                model,
                decl.cNames(),
                decl.operations().naming(),
                familyFixedHeader,
                List.copyOf(definitions.values()),
                List.copyOf(sets.values()),
                subMessages,
                operations,
                groups,
                decl.pos().start());
    }

    private static OptionalInt toInt(OptionalLong v) {
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    private <T> void indexUnique(
            List<T> items,
            java.util.function.Function<T, String> name,
            java.util.function.Function<T, Positions> pos,
            String kind,
            Map<String, T> index) {
        for (T item : items) {
            T first = index.putIfAbsent(name.apply(item), item);
            if (first != null) {
                diagnostics.report(
                        Problem.DUPLICATE_NAME,
                        pos.apply(item).at("name"),
                        kind,
                        name.apply(item),
                        pos.apply(first).at("name"));
            }
        }
    }

    // ---------------------------------------------------------------- definitions

    private Optional<Definition> linkDefinition(DefinitionDecl d) {
        Diagnostics at = diagnostics.at("definition '" + d.name() + "'", d.pos().start());
        String scope = d.scope().orElse("uapi");
        return switch (d.type()) {
            case "const" -> {
                if (d.value().isEmpty()) {
                    at.report(Problem.MISSING_KEY, d.pos().start(), "const '" + d.name() + "'", "value");
                    yield Optional.empty();
                }
                NumberOrName v = d.value().get();
                yield Optional.of(new Definition.Const(
                        d.name(),
                        v.number(),
                        v.name(),
                        d.doc(),
                        d.header(),
                        scope,
                        d.pos().start()));
            }
            case "enum", "flags" -> Optional.of(linkEnum(d, at, scope));
            case "struct" -> linkStruct(d.name(), d.pos().start());
            default -> Optional.empty();
        };
    }

    private Definition.Enum linkEnum(DefinitionDecl d, Diagnostics at, String scope) {
        long start = d.valueStart()
                .map(v -> resolveNumber(v, d.pos().at("value-start"), at).orElse(0L))
                .orElse(0L);
        List<EnumEntry> entries = new ArrayList<>();
        Map<String, SourceLocation> seen = new HashMap<>();
        Long prev = null;
        for (DefinitionDecl.EntryDecl e : d.entries()) {
            long value = e.value().isPresent() ? e.value().getAsLong() : prev != null ? prev + 1 : start;
            prev = value;
            SourceLocation first = seen.putIfAbsent(e.name(), e.pos().at("name"));
            if (first != null) {
                at.report(Problem.DUPLICATE_NAME, e.pos().at("name"), "enum entry", e.name(), first);
                continue;
            }
            if (d.type().equals("flags") && (value < 0 || value > 63)) {
                at.report(Problem.VALUE_TOO_LARGE, e.pos().start(), "flag", e.name(), value, 63);
                continue;
            }
            entries.add(new EnumEntry(e.name(), value, e.doc(), e.pos().start()));
        }
        return new Definition.Enum(
                d.name(),
                d.type().equals("flags"),
                entries,
                start,
                d.renderMax(),
                d.enumName(),
                d.namePrefix(),
                d.enumCntName(),
                d.doc(),
                d.header(),
                scope,
                d.pos().start());
    }

    /** Links a struct (memoised; nested structs first; cycles reported). */
    private Optional<Definition> linkStruct(String name, SourceLocation usedAt) {
        Definition done = definitions.get(name);
        if (done != null) {
            return Optional.of(done);
        }
        if (failedStructs.contains(name)) {
            return Optional.empty(); // its problems are reported already
        }
        DefinitionDecl d = definitionDecls.get(name);
        if (structsInProgress.contains(name)) {
            // The cycle proper: from the first 'name' on (structs before it only lead into it).
            List<String> chain = new ArrayList<>(structsInProgress);
            chain = chain.subList(chain.indexOf(name), chain.size());
            diagnostics.report(Problem.STRUCT_CYCLE, usedAt, name, String.join(" -> ", chain) + " -> " + name);
            return Optional.empty();
        }
        structsInProgress.add(name);
        try {
            Diagnostics at = diagnostics.at("struct '" + name + "'", d.pos().start());
            List<StructMember> members = new ArrayList<>();
            int offset = 0;
            int alignment = 1;
            boolean ok = true;
            Map<String, SourceLocation> names = new HashMap<>();
            for (DefinitionDecl.MemberDecl m : d.members()) {
                SourceLocation first = names.putIfAbsent(m.name(), m.pos().at("name"));
                if (first != null) {
                    at.report(Problem.DUPLICATE_NAME, m.pos().at("name"), "struct member", m.name(), first);
                    ok = false;
                    continue;
                }
                Diagnostics mAt = at.at("member '" + m.name() + "'", m.pos().start());
                StructMember.MemberType type;
                int size;
                int align;
                Optional<IntKind> kind = IntKind.fromSpecName(m.type());
                if (kind.isPresent()) {
                    type = new StructMember.MemberType.Scalar(kind.get());
                    size = kind.get().size();
                    align = size;
                    if (m.len().isPresent()) {
                        mAt.report(
                                Problem.STRUCT_MEMBER_LEN,
                                m.pos().at("len"),
                                m.name(),
                                m.type(),
                                "takes no 'len' (its size is fixed)");
                        ok = false;
                    }
                } else if (m.type().equals("binary") && m.struct().isPresent()) {
                    Optional<Definition> nested =
                            checkStruct(m.struct().get(), m.pos().at("struct"), mAt)
                                    ? linkStruct(m.struct().get(), m.pos().at("struct"))
                                    : Optional.empty();
                    if (nested.isEmpty()) {
                        ok = false;
                        continue;
                    }
                    Definition.Struct s = (Definition.Struct) nested.get();
                    type = new StructMember.MemberType.Nested(s.name());
                    size = s.size();
                    align = s.alignment();
                } else {
                    if (m.len().isEmpty()) {
                        mAt.report(
                                Problem.STRUCT_MEMBER_LEN,
                                m.pos().at("type"),
                                m.name(),
                                m.type(),
                                "needs 'len'" + (m.type().equals("binary") ? " or 'struct'" : ""));
                        ok = false;
                        continue;
                    }
                    OptionalLong len = resolveNumber(m.len().get(), m.pos().at("len"), mAt)
                            .map(OptionalLong::of)
                            .orElse(OptionalLong.empty());
                    if (len.isEmpty() || len.getAsLong() < 0 || len.getAsLong() > 65535) {
                        if (len.isPresent()) {
                            mAt.report(Problem.OUT_OF_RANGE, m.pos().at("len"), "len", len.getAsLong(), "0 to 65535");
                        }
                        ok = false;
                        continue;
                    }
                    size = (int) len.getAsLong();
                    align = 1;
                    type = switch (m.type()) {
                        case "string" -> new StructMember.MemberType.Str(size);
                        case "pad" -> new StructMember.MemberType.Pad(size);
                        default -> new StructMember.MemberType.Binary(size);
                    };
                }
                m.enumName().ifPresent(e -> checkEnum(e, m.pos().at("enum"), mAt));
                if (m.enumAsFlags() && m.enumName().isEmpty()) {
                    mAt.report(Problem.ENUM_AS_FLAGS, m.pos().at("enum-as-flags"));
                }
                offset = align(offset, align);
                alignment = Math.max(alignment, align);
                members.add(new StructMember(
                        m.name(),
                        type,
                        byteOrder(m.byteOrder()),
                        m.enumName(),
                        m.enumAsFlags(),
                        m.displayHint().flatMap(DisplayHint::fromSpecName),
                        offset,
                        size,
                        m.doc(),
                        m.pos().start()));
                offset += size;
            }
            if (!ok) {
                failedStructs.add(name);
                return Optional.empty();
            }
            Definition.Struct s = new Definition.Struct(
                    name,
                    members,
                    align(offset, alignment),
                    alignment,
                    d.doc(),
                    d.header(),
                    d.scope().orElse("uapi"),
                    d.pos().start());
            definitions.put(name, s);
            return Optional.of(s);
        } finally {
            structsInProgress.remove(name);
        }
    }

    private static int align(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    private static ByteOrder byteOrder(Optional<String> order) {
        return order.map(o -> o.equals("big-endian") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                .orElse(ByteOrder.HOST);
    }

    /** Resolves a number, a const name, {@code NAME - 1}, or a type limit such as {@code u32-max}. */
    private Optional<Long> resolveNumber(NumberOrName v, SourceLocation where, Diagnostics at) {
        if (v.number().isPresent()) {
            return Optional.of(v.number().getAsLong());
        }
        String text = v.name().orElseThrow();
        Matcher limit = TYPE_LIMIT.matcher(text);
        if (limit.matches()) {
            IntKind kind = IntKind.fromSpecName(limit.group(1) + limit.group(2)).orElseThrow();
            return Optional.of(limit.group(3).equals("min") ? kind.min() : kind.max());
        }
        Matcher minusOne = MINUS_ONE.matcher(text);
        if (minusOne.matches()) {
            return resolveNumber(NumberOrName.of(minusOne.group(1)), where, at).map(n -> n - 1);
        }
        DefinitionDecl d = definitionDecls.get(text);
        if (d == null) {
            d = constByCName(text);
        }
        if (d == null) {
            at.reportWithHints(Problem.UNKNOWN_CONST, where, Diagnostics.didYouMean(text, constNames()), text);
            return Optional.empty();
        }
        if (!d.type().equals("const")
                || d.value().isEmpty()
                || d.value().get().number().isEmpty()) {
            at.report(Problem.NOT_A, where, text, d.type(), "a numeric const");
            return Optional.empty();
        }
        return Optional.of(d.value().get().number().getAsLong());
    }

    /**
     * Finds a const by the name its C define has: {@code name-prefix} + name, or the family name +
     * name (checks in wireguard refer to {@code wg-key-len}, the const {@code key-len} with prefix
     * {@code wg-}).
     */
    private DefinitionDecl constByCName(String text) {
        for (DefinitionDecl d : definitionDecls.values()) {
            if (d.type().equals("const")) {
                String prefix = d.namePrefix().orElse(decl.name() + "-");
                if ((prefix + d.name()).equals(text)) {
                    return d;
                }
            }
        }
        return null;
    }

    private List<String> constNames() {
        return definitionDecls.values().stream()
                .filter(d -> d.type().equals("const"))
                .map(DefinitionDecl::name)
                .toList();
    }

    private boolean checkStruct(String name, SourceLocation where, Diagnostics at) {
        DefinitionDecl d = definitionDecls.get(name);
        if (d == null) {
            at.reportWithHints(
                    Problem.UNKNOWN_STRUCT, where, Diagnostics.didYouMean(name, namesOfType("struct")), name);
            return false;
        }
        if (!d.type().equals("struct")) {
            at.report(Problem.NOT_A, where, name, d.type(), "a struct");
            return false;
        }
        return true;
    }

    private boolean checkEnum(String name, SourceLocation where, Diagnostics at) {
        DefinitionDecl d = definitionDecls.get(name);
        if (d == null) {
            List<String> candidates = new ArrayList<>(namesOfType("enum"));
            candidates.addAll(namesOfType("flags"));
            at.reportWithHints(Problem.UNKNOWN_ENUM, where, Diagnostics.didYouMean(name, candidates), name);
            return false;
        }
        if (!d.type().equals("enum") && !d.type().equals("flags")) {
            at.report(Problem.NOT_A, where, name, d.type(), "an enum or flags");
            return false;
        }
        return true;
    }

    private List<String> namesOfType(String type) {
        return definitionDecls.values().stream()
                .filter(d -> d.type().equals(type))
                .map(DefinitionDecl::name)
                .toList();
    }

    private boolean checkSet(String name, SourceLocation where, Diagnostics at) {
        if (!setDecls.containsKey(name)) {
            at.reportWithHints(
                    Problem.UNKNOWN_ATTRIBUTE_SET, where, Diagnostics.didYouMean(name, setDecls.keySet()), name);
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- attribute sets

    private void computeValues(AttrSetDecl s) {
        Diagnostics at =
                diagnostics.at("attribute-set '" + s.name() + "'", s.pos().start());
        int next = 1;
        Map<String, SourceLocation> names = new HashMap<>();
        Map<Integer, String> byValue = new HashMap<>();
        for (AttrDecl a : s.attributes()) {
            int value = a.value().isPresent() ? (int) a.value().getAsLong() : next;
            next = value + 1;
            SourceLocation first = names.putIfAbsent(a.name(), a.pos().at("name"));
            if (first != null) {
                at.report(Problem.DUPLICATE_NAME, a.pos().at("name"), "attribute", a.name(), first);
                continue;
            }
            if (value > 0x3fff) {
                at.report(Problem.VALUE_TOO_LARGE, a.pos().at("value"), "attribute", a.name(), value, 0x3fff);
            }
            String other = byValue.putIfAbsent(value, a.name());
            if (other != null) {
                at.report(Problem.DUPLICATE_VALUE, a.pos().at("value"), "attribute", a.name(), value, other);
            }
            attrValues.put(s.name() + "/" + a.name(), value);
        }
    }

    /** The subset's attributes merged over the parent's declarations; reports cycles and strays. */
    private List<AttrDecl> mergeSubset(AttrSetDecl s) {
        Diagnostics at =
                diagnostics.at("attribute-set '" + s.name() + "'", s.pos().start());
        String parentName = s.subsetOf().orElseThrow();
        List<String> chain = new ArrayList<>(List.of(s.name()));
        AttrSetDecl parent = setDecls.get(parentName);
        if (parent == null) {
            checkSet(parentName, s.pos().at("subset-of"), at);
            return List.of();
        }
        while (parent.subsetOf().isPresent()) {
            if (chain.contains(parent.name())) {
                // A cycle: reported once, at its first set in spec order; a set that only leads
                // into a cycle is not itself a subset of itself, and is not reported.
                if (parent.name().equals(s.name()) && !setsInReportedCycle.contains(s.name())) {
                    setsInReportedCycle.addAll(chain);
                    chain.add(s.name());
                    at.report(Problem.SUBSET_CYCLE, s.pos().at("subset-of"), s.name(), String.join(" -> ", chain));
                }
                return List.of();
            }
            chain.add(parent.name());
            AttrSetDecl next = setDecls.get(parent.subsetOf().get());
            if (next == null) {
                return List.of(); // reported at that set
            }
            parent = next;
        }
        Map<String, AttrDecl> parentAttrs = new HashMap<>();
        parent.attributes().forEach(a -> parentAttrs.putIfAbsent(a.name(), a));
        List<AttrDecl> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AttrDecl a : s.attributes()) {
            if (!seen.add(a.name())) {
                at.report(Problem.DUPLICATE_IN_LIST, a.pos().at("name"), a.name(), "subset '" + s.name() + "'");
                continue;
            }
            AttrDecl p = parentAttrs.get(a.name());
            if (p == null) {
                at.reportWithHints(
                        Problem.NOT_IN_PARENT,
                        a.pos().at("name"),
                        Diagnostics.didYouMean(a.name(), parentAttrs.keySet()),
                        a.name(),
                        s.name(),
                        parent.name());
                continue;
            }
            if (a.value().isPresent()) {
                at.report(
                        Problem.KEY_NEEDS_TYPE,
                        a.pos().at("value"),
                        "value",
                        "subset attribute",
                        "a non-subset set (subset attributes take the parent's value)");
            }
            out.add(merge(p, a));
            attrValues.put(s.name() + "/" + a.name(), attrValues.getOrDefault(parent.name() + "/" + a.name(), 0));
        }
        return out;
    }

    private static <T> Optional<T> or(Optional<T> own, Optional<T> parent) {
        return own.isPresent() ? own : parent;
    }

    private static AttrDecl merge(AttrDecl p, AttrDecl a) {
        return new AttrDecl(
                a.name(),
                or(a.type(), p.type()),
                or(a.doc(), p.doc()),
                p.value(),
                or(a.typeValue(), p.typeValue()),
                or(a.byteOrder(), p.byteOrder()),
                or(a.multiAttr(), p.multiAttr()),
                or(a.nestedAttributes(), p.nestedAttributes()),
                or(a.enumName(), p.enumName()),
                or(a.enumAsFlags(), p.enumAsFlags()),
                or(a.checks(), p.checks()),
                or(a.subType(), p.subType()),
                or(a.displayHint(), p.displayHint()),
                or(a.namePrefix(), p.namePrefix()),
                or(a.struct(), p.struct()),
                or(a.subMessage(), p.subMessage()),
                or(a.selector(), p.selector()),
                a.pos());
    }

    /** For each set, the sets that nest it (directly or through nests), for selector lookup. */
    private static Map<String, Set<String>> enclosingSets(Map<String, List<AttrDecl>> merged) {
        Map<String, Set<String>> direct = new HashMap<>();
        merged.forEach((set, attrs) -> {
            for (AttrDecl a : attrs) {
                a.nestedAttributes()
                        .ifPresent(n -> direct.computeIfAbsent(n, k -> new LinkedHashSet<>())
                                .add(set));
            }
        });
        Map<String, Set<String>> all = new HashMap<>();
        for (String set : merged.keySet()) {
            Set<String> found = new LinkedHashSet<>();
            ArrayDeque<String> todo = new ArrayDeque<>(direct.getOrDefault(set, Set.of()));
            while (!todo.isEmpty()) {
                String s = todo.poll();
                if (found.add(s)) {
                    todo.addAll(direct.getOrDefault(s, Set.of()));
                }
            }
            all.put(set, found);
        }
        return all;
    }

    private AttributeSet linkSet(
            AttrSetDecl s, Map<String, List<AttrDecl>> merged, Map<String, Set<String>> enclosing) {
        Diagnostics at =
                diagnostics.at("attribute-set '" + s.name() + "'", s.pos().start());
        List<Attribute> attributes = new ArrayList<>();
        for (AttrDecl a : merged.get(s.name())) {
            Diagnostics aAt = at.at("attribute '" + a.name() + "'", a.pos().start());
            Integer value = attrValues.get(s.name() + "/" + a.name());
            if (value == null) {
                continue; // duplicate, reported
            }
            Optional<AttrType> type = a.type().flatMap(t -> attrType(t, a, s.name(), merged, enclosing, aAt, true));
            if (type.isEmpty()) {
                continue;
            }
            Checks checks = a.checks().map(c -> linkChecks(c, aAt)).orElse(Checks.NONE);
            attributes.add(new Attribute(
                    a.name(),
                    value,
                    type.get(),
                    a.multiAttr().orElse(false),
                    checks,
                    a.namePrefix(),
                    a.typeValue().orElse(List.of()),
                    a.doc().orElse(""),
                    a.pos().start()));
        }
        Optional<String> prefix = s.namePrefix();
        if (prefix.isEmpty() && s.subsetOf().isPresent()) {
            AttrSetDecl parent = setDecls.get(s.subsetOf().get());
            if (parent != null) {
                prefix = parent.namePrefix();
            }
        }
        return new AttributeSet(
                s.name(),
                s.subsetOf(),
                prefix,
                s.enumName(),
                s.attrCntName(),
                s.attrMaxName(),
                s.header(),
                s.doc(),
                attributes,
                s.pos().start());
    }

    private Optional<AttrType> attrType(
            String type,
            AttrDecl a,
            String setName,
            Map<String, List<AttrDecl>> merged,
            Map<String, Set<String>> enclosing,
            Diagnostics at,
            boolean top) {
        Positions p = a.pos();
        String typeKey = top ? "type" : "sub-type";
        // Keys that only some types take.
        if (top) {
            boolean nestLike = type.equals("nest") || type.equals("indexed-array") || type.equals("nest-type-value");
            if (a.nestedAttributes().isPresent() && !nestLike) {
                at.report(
                        Problem.KEY_NEEDS_TYPE,
                        p.at("nested-attributes"),
                        "nested-attributes",
                        type,
                        "nest, indexed-array or nest-type-value");
                return Optional.empty();
            }
            if ((a.subMessage().isPresent() || a.selector().isPresent()) && !type.equals("sub-message")) {
                String key = a.subMessage().isPresent() ? "sub-message" : "selector";
                at.report(Problem.KEY_NEEDS_TYPE, p.at(key), key, type, "sub-message");
                return Optional.empty();
            }
            if (a.subType().isPresent() && !type.equals("indexed-array") && !type.equals("binary")) {
                at.report(Problem.KEY_NEEDS_TYPE, p.at("sub-type"), "sub-type", type, "indexed-array or binary");
                return Optional.empty();
            }
            if (a.enumAsFlags().orElse(false) && a.enumName().isEmpty()) {
                at.report(Problem.ENUM_AS_FLAGS, p.at("enum-as-flags"));
                return Optional.empty();
            }
        }
        Optional<IntKind> kind = IntKind.fromSpecName(type);
        Optional<DisplayHint> hint = a.displayHint().flatMap(DisplayHint::fromSpecName);
        if (kind.isPresent()) {
            if (a.enumName().isPresent() && !checkEnum(a.enumName().get(), p.at("enum"), at)) {
                return Optional.empty();
            }
            return Optional.of(new AttrType.Scalar(
                    kind.get(),
                    byteOrder(a.byteOrder()),
                    a.enumName(),
                    a.enumAsFlags().orElse(false),
                    hint));
        }
        if (top
                && a.enumName().isPresent()
                && !type.equals("bitfield32")
                && !type.equals("indexed-array")
                && !type.equals("binary")) {
            at.report(Problem.KEY_NEEDS_TYPE, p.at("enum"), "enum", type, "an integer type or bitfield32");
            return Optional.empty();
        }
        if (top && a.struct().isPresent() && !type.equals("binary") && !type.equals("indexed-array")) {
            at.report(Problem.KEY_NEEDS_TYPE, p.at("struct"), "struct", type, "binary");
            return Optional.empty();
        }
        switch (type) {
            case "unused":
                return Optional.of(new AttrType.Unused());
            case "pad":
                return Optional.of(new AttrType.Pad());
            case "flag":
                return Optional.of(new AttrType.Flag());
            case "string":
                return Optional.of(new AttrType.Str());
            case "binary": {
                if (a.struct().isPresent() && !checkStruct(a.struct().get(), p.at("struct"), at)) {
                    return Optional.empty();
                }
                Optional<IntKind> sub = Optional.empty();
                if (top && a.subType().isPresent()) {
                    sub = IntKind.fromSpecName(a.subType().get());
                    if (sub.isEmpty() || sub.get().variableSize()) {
                        at.report(
                                Problem.BAD_ENUM_VALUE,
                                p.at("sub-type"),
                                "sub-type",
                                "u8, u16, u32, u64, s8, s16, s32, s64 (for a binary array)",
                                a.subType().get());
                        return Optional.empty();
                    }
                }
                return Optional.of(new AttrType.Binary(a.struct(), sub, byteOrder(a.byteOrder()), hint));
            }
            case "nest": {
                if (a.nestedAttributes().isEmpty()) {
                    at.report(Problem.MISSING_FOR_TYPE, p.at(typeKey), a.name(), type, "nested-attributes");
                    return Optional.empty();
                }
                return checkSet(a.nestedAttributes().get(), p.at("nested-attributes"), at)
                        ? Optional.of(new AttrType.Nest(a.nestedAttributes().get()))
                        : Optional.empty();
            }
            case "nest-type-value": {
                if (a.nestedAttributes().isEmpty()) {
                    at.report(Problem.MISSING_FOR_TYPE, p.at(typeKey), a.name(), type, "nested-attributes");
                    return Optional.empty();
                }
                return checkSet(a.nestedAttributes().get(), p.at("nested-attributes"), at)
                        ? Optional.of(new AttrType.NestTypeValue(
                                a.nestedAttributes().get(), a.typeValue().orElse(List.of())))
                        : Optional.empty();
            }
            case "indexed-array": {
                if (!top) {
                    at.report(Problem.BAD_ENUM_VALUE, p.at("sub-type"), "sub-type", "a non-array type", type);
                    return Optional.empty();
                }
                if (a.subType().isEmpty()) {
                    at.report(Problem.MISSING_FOR_TYPE, p.at("type"), a.name(), type, "sub-type");
                    return Optional.empty();
                }
                String sub = a.subType().get();
                return attrType(sub, a, setName, merged, enclosing, at, false)
                        .map(element -> new AttrType.IndexedArray(sub, element));
            }
            case "bitfield32": {
                if (a.enumName().isPresent() && !checkEnum(a.enumName().get(), p.at("enum"), at)) {
                    return Optional.empty();
                }
                return Optional.of(
                        new AttrType.Bitfield32(a.enumName(), a.enumAsFlags().orElse(false)));
            }
            case "sub-message":
                return subMessageType(a, setName, merged, enclosing, at);
            default:
                return Optional.empty(); // the reader reported the bad type
        }
    }

    private Optional<AttrType> subMessageType(
            AttrDecl a,
            String setName,
            Map<String, List<AttrDecl>> merged,
            Map<String, Set<String>> enclosing,
            Diagnostics at) {
        Positions p = a.pos();
        if (a.subMessage().isEmpty() || a.selector().isEmpty()) {
            at.report(
                    Problem.MISSING_FOR_TYPE,
                    p.at("type"),
                    a.name(),
                    "sub-message",
                    a.subMessage().isEmpty() ? "sub-message" : "selector");
            return Optional.empty();
        }
        String sm = a.subMessage().get();
        boolean ok = true;
        if (!subMessageDecls.containsKey(sm)) {
            at.reportWithHints(
                    Problem.UNKNOWN_SUB_MESSAGE,
                    p.at("sub-message"),
                    Diagnostics.didYouMean(sm, subMessageDecls.keySet()),
                    sm);
            ok = false;
        }
        String selector = a.selector().get();
        List<String> searched = new ArrayList<>();
        searched.add(setName);
        searched.addAll(enclosing.getOrDefault(setName, Set.of()));
        for (String candidateSet : searched) {
            for (AttrDecl other : merged.getOrDefault(candidateSet, List.of())) {
                if (other.name().equals(selector)) {
                    String t = other.type().orElse("?");
                    if (!t.equals("string") && IntKind.fromSpecName(t).isEmpty()) {
                        at.report(Problem.BAD_SELECTOR, p.at("selector"), selector, a.name(), t);
                        return Optional.empty();
                    }
                    return ok ? Optional.of(new AttrType.SubMessage(sm, selector, candidateSet)) : Optional.empty();
                }
            }
        }
        List<String> candidates = new ArrayList<>();
        for (String candidateSet : searched) {
            merged.getOrDefault(candidateSet, List.of()).forEach(other -> candidates.add(other.name()));
        }
        at.reportWithHints(
                Problem.UNKNOWN_SELECTOR,
                p.at("selector"),
                Diagnostics.didYouMean(selector, candidates),
                selector,
                a.name(),
                setName);
        return Optional.empty();
    }

    private Checks linkChecks(AttrSetDecl.ChecksDecl c, Diagnostics at) {
        Positions p = c.pos();
        c.flagsMask().ifPresent(m -> checkEnum(m, p.at("flags-mask"), at));
        return new Checks(
                limit(c.min(), p.at("min"), at),
                limit(c.max(), p.at("max"), at),
                limit(c.minLen(), p.at("min-len"), at),
                limit(c.maxLen(), p.at("max-len"), at),
                limit(c.exactLen(), p.at("exact-len"), at),
                c.flagsMask(),
                c.unterminatedOk());
    }

    private Optional<Checks.Limit> limit(Optional<NumberOrName> v, SourceLocation where, Diagnostics at) {
        return v.flatMap(n -> resolveNumber(n, where, at).map(value -> new Checks.Limit(value, n.toString())));
    }

    // ---------------------------------------------------------------- sub-messages, groups

    private SubMessage linkSubMessage(SubMessageDecl s) {
        Diagnostics at =
                diagnostics.at("sub-message '" + s.name() + "'", s.pos().start());
        List<SubMessage.Format> formats = new ArrayList<>();
        Set<String> values = new HashSet<>();
        for (SubMessageDecl.FormatDecl f : s.formats()) {
            if (!values.add(f.value())) {
                at.report(Problem.DUPLICATE_FORMAT, f.pos().at("value"), s.name(), f.value());
                continue;
            }
            f.fixedHeader().ifPresent(h -> checkStruct(h, f.pos().at("fixed-header"), at));
            f.attributeSet().ifPresent(n -> checkSet(n, f.pos().at("attribute-set"), at));
            formats.add(new SubMessage.Format(
                    f.value(), f.fixedHeader(), f.attributeSet(), f.pos().start()));
        }
        return new SubMessage(s.name(), formats, s.pos().start());
    }

    private List<McastGroup> linkGroups(Protocol protocol) {
        List<McastGroup> groups = new ArrayList<>();
        Map<String, McastGroupDecl> seen = new LinkedHashMap<>();
        indexUnique(decl.mcastGroups(), McastGroupDecl::name, McastGroupDecl::pos, "multicast group", seen);
        for (McastGroupDecl g : seen.values()) {
            if (protocol == Protocol.NETLINK_RAW && g.value().isEmpty()) {
                diagnostics.report(Problem.MCAST_NO_VALUE, g.pos().start(), g.name());
            }
            groups.add(new McastGroup(
                    g.name(),
                    toInt(g.value()),
                    g.cDefineName(),
                    g.flags(),
                    g.pos().start()));
        }
        return groups;
    }

    // ---------------------------------------------------------------- operations

    private List<Operation> linkOperations(
            Protocol protocol, MsgIdModel model, Optional<String> familyFixedHeader, Set<String> groupNames) {
        Map<String, OpDecl> byName = new LinkedHashMap<>();
        indexUnique(decl.operations().list(), OpDecl::name, OpDecl::pos, "operation", byName);
        long maxId = protocol.isGeneric() ? 255 : 0xffff;
        List<Operation> ops = new ArrayList<>();
        long unified = 1;
        long req = 1;
        long rsp = 1;
        for (OpDecl op : decl.operations().list()) {
            Diagnostics at =
                    diagnostics.at("operation '" + op.name() + "'", op.pos().start());
            boolean call = op.doMode().isPresent() || op.dumpMode().isPresent();
            boolean async = op.notifies().isPresent() || op.event().isPresent();
            if (call && async || op.notifies().isPresent() && op.event().isPresent()) {
                // The message names the operation and points at it: no context line needed.
                diagnostics.report(Problem.MIXED_MODES, op.pos().start(), op.name(), String.join(" and ", modes(op)));
            }
            OptionalLong requestId;
            OptionalLong replyId;
            if (model == MsgIdModel.UNIFIED) {
                if (op.value().isPresent()) {
                    unified = op.value().getAsLong();
                }
                requestId = OptionalLong.of(unified);
                replyId = OptionalLong.of(unified);
                unified++;
            } else if (async) {
                if (op.value().isPresent()) {
                    rsp = op.value().getAsLong();
                }
                requestId = OptionalLong.empty();
                replyId = OptionalLong.of(rsp);
                rsp++;
            } else if (call) {
                ModeDecl mode = op.doMode().orElseGet(() -> op.dumpMode().orElseThrow());
                OptionalLong rv = mode.request().map(MsgDecl::value).orElse(OptionalLong.empty());
                if (rv.isPresent()) {
                    req = rv.getAsLong();
                }
                OptionalLong pv = mode.reply().map(MsgDecl::value).orElse(OptionalLong.empty());
                if (pv.isPresent()) {
                    rsp = pv.getAsLong();
                }
                requestId = OptionalLong.of(req);
                req++;
                if (mode.reply().isPresent()) {
                    replyId = OptionalLong.of(rsp);
                    rsp++;
                } else {
                    replyId = OptionalLong.empty();
                }
            } else {
                diagnostics.report(
                        Problem.DIRECTIONAL_NO_VALUE,
                        op.pos().start(),
                        op.name(),
                        "a directional operation needs do, dump, notify or event");
                continue;
            }
            // One report per distinct id (the unified model gives request and reply the same).
            List<OptionalLong> ids = requestId.equals(replyId) ? List.of(requestId) : List.of(requestId, replyId);
            for (OptionalLong id : ids) {
                if (id.isPresent() && id.getAsLong() > maxId) {
                    at.report(
                            Problem.VALUE_TOO_LARGE,
                            op.pos().at("value"),
                            "message id of operation",
                            op.name(),
                            id.getAsLong(),
                            maxId);
                }
            }

            Optional<String> set = op.attributeSet();
            Optional<String> notified = op.notifies();
            if (notified.isPresent()) {
                OpDecl target = byName.get(notified.get());
                if (target == null) {
                    at.reportWithHints(
                            Problem.UNKNOWN_OPERATION,
                            op.pos().at("notify"),
                            Diagnostics.didYouMean(notified.get(), byName.keySet()),
                            notified.get());
                } else {
                    if (set.isEmpty()) {
                        set = target.attributeSet();
                    }
                    boolean hasReply = target.doMode().flatMap(ModeDecl::reply).isPresent()
                            || target.dumpMode().flatMap(ModeDecl::reply).isPresent();
                    if (!hasReply) {
                        at.report(Problem.NOTIFY_WITHOUT_REPLY, op.pos().at("notify"), op.name(), notified.get());
                    }
                }
            }
            boolean setOk = set.isEmpty() || checkSet(set.get(), op.pos().at("attribute-set"), at);
            Optional<String> fixedHeader = op.fixedHeader().isPresent() ? op.fixedHeader() : familyFixedHeader;
            op.fixedHeader().ifPresent(h -> checkStruct(h, op.pos().at("fixed-header"), at));
            op.mcgrp().ifPresent(g -> {
                if (!groupNames.contains(g)) {
                    at.reportWithHints(
                            Problem.UNKNOWN_MCAST_GROUP,
                            op.pos().at("mcgrp"),
                            Diagnostics.didYouMean(g, groupNames),
                            g);
                }
            });
            Optional<String> effectiveSet = setOk ? set : Optional.empty();
            OptionalInt opRequest = toInt(requestId);
            OptionalInt opReply = toInt(replyId);
            Optional<Operation.Mode> doMode =
                    op.doMode().map(m -> linkMode(op, "do", m, opRequest, opReply, effectiveSet, setOk, at));
            Optional<Operation.Mode> dumpMode =
                    op.dumpMode().map(m -> linkMode(op, "dump", m, opRequest, opReply, effectiveSet, setOk, at));
            Optional<Operation.Message> event = op.event()
                    .map(m -> linkMessage(
                            op,
                            m,
                            effectiveSet,
                            setOk,
                            at.at(
                                    "event of operation '" + op.name() + "'",
                                    m.pos().start())));
            ops.add(new Operation(
                    op.name(),
                    op.doc(),
                    toInt(requestId),
                    toInt(replyId),
                    set,
                    fixedHeader,
                    doMode,
                    dumpMode,
                    op.notifies(),
                    event,
                    op.mcgrp(),
                    op.flags(),
                    op.dontValidate(),
                    op.configCond(),
                    op.pos().start()));
        }
        return ops;
    }

    private static List<String> modes(OpDecl op) {
        List<String> modes = new ArrayList<>();
        op.doMode().ifPresent(m -> modes.add("do"));
        op.dumpMode().ifPresent(m -> modes.add("dump"));
        op.notifies().ifPresent(m -> modes.add("notify"));
        op.event().ifPresent(m -> modes.add("event"));
        return modes;
    }

    private Operation.Mode linkMode(
            OpDecl op,
            String modeName,
            ModeDecl m,
            OptionalInt opRequest,
            OptionalInt opReply,
            Optional<String> set,
            boolean setOk,
            Diagnostics at) {
        OptionalLong ownRequest = m.request().map(MsgDecl::value).orElse(OptionalLong.empty());
        OptionalLong ownReply = m.reply().map(MsgDecl::value).orElse(OptionalLong.empty());
        OptionalInt requestId = ownRequest.isPresent() ? toInt(ownRequest) : opRequest;
        OptionalInt replyId =
                ownReply.isPresent() ? toInt(ownReply) : m.reply().isPresent() ? opReply : OptionalInt.empty();
        Optional<Operation.Message> request = m.request()
                .map(r -> linkMessage(
                        op,
                        r,
                        set,
                        setOk,
                        at.at(
                                "request of operation '" + op.name() + "' (" + modeName + ")",
                                r.pos().start())));
        Optional<Operation.Message> reply = m.reply()
                .map(r -> linkMessage(
                        op,
                        r,
                        set,
                        setOk,
                        at.at(
                                "reply of operation '" + op.name() + "' (" + modeName + ")",
                                r.pos().start())));
        return new Operation.Mode(
                requestId, replyId, request, reply, m.pre(), m.post(), m.pos().start());
    }

    private Operation.Message linkMessage(OpDecl op, MsgDecl m, Optional<String> set, boolean setOk, Diagnostics at) {
        List<String> names = new ArrayList<>();
        if (!m.attributes().isEmpty() && set.isEmpty() && setOk) {
            at.report(Problem.NO_ATTRIBUTE_SET, m.pos().start(), op.name());
            return new Operation.Message(List.of(), m.pos().start());
        }
        AttributeSet linked = set.map(sets::get).orElse(null);
        Set<String> known = new LinkedHashSet<>();
        if (linked != null) {
            linked.attributes().forEach(a -> known.add(a.name()));
        } else if (set.isPresent()) {
            // Set exists but failed to link fully: use its declared names to avoid cascades.
            AttrSetDecl d = setDecls.get(set.get());
            if (d != null) {
                d.attributes().forEach(a -> known.add(a.name()));
            }
        }
        for (Located<String> attr : m.attributes()) {
            if (set.isEmpty()) {
                break;
            }
            if (!known.contains(attr.value())) {
                AttrSetDecl d = setDecls.get(set.get());
                boolean declared = d != null
                        && d.attributes().stream().anyMatch(a -> a.name().equals(attr.value()));
                Optional<String> header =
                        op.fixedHeader().or(() -> decl.operations().fixedHeader());
                boolean headerMember = header.map(definitionDecls::get)
                        .map(h ->
                                h.members().stream().anyMatch(mem -> mem.name().equals(attr.value())))
                        .orElse(false);
                if (!declared && headerMember) {
                    at.report(Problem.HEADER_MEMBER_LISTED, attr.location(), attr.value(), header.get(), set.get());
                } else if (!declared) {
                    at.reportWithHints(
                            lenient ? Problem.UNKNOWN_ATTRIBUTE_IGNORED : Problem.UNKNOWN_ATTRIBUTE,
                            attr.location(),
                            Diagnostics.didYouMean(attr.value(), known),
                            attr.value(),
                            set.get());
                }
                continue;
            }
            if (names.contains(attr.value())) {
                at.report(Problem.DUPLICATE_IN_LIST, attr.location(), attr.value(), "this list");
                continue;
            }
            names.add(attr.value());
        }
        return new Operation.Message(names, m.pos().start());
    }
}
