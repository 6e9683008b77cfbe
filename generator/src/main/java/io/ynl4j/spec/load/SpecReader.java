package io.ynl4j.spec.load;

import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.Protocol;
import io.ynl4j.spec.decl.AttrSetDecl;
import io.ynl4j.spec.decl.AttrSetDecl.AttrDecl;
import io.ynl4j.spec.decl.AttrSetDecl.ChecksDecl;
import io.ynl4j.spec.decl.DefinitionDecl;
import io.ynl4j.spec.decl.DefinitionDecl.EntryDecl;
import io.ynl4j.spec.decl.DefinitionDecl.MemberDecl;
import io.ynl4j.spec.decl.FamilyDecl;
import io.ynl4j.spec.decl.Located;
import io.ynl4j.spec.decl.McastGroupDecl;
import io.ynl4j.spec.decl.OperationsDecl;
import io.ynl4j.spec.decl.OperationsDecl.ModeDecl;
import io.ynl4j.spec.decl.OperationsDecl.MsgDecl;
import io.ynl4j.spec.decl.OperationsDecl.OpDecl;
import io.ynl4j.spec.decl.Positions;
import io.ynl4j.spec.decl.SubMessageDecl;
import io.ynl4j.spec.decl.SubMessageDecl.FormatDecl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a spec's node tree into the declaration layer, checking its shape: allowed keys per place
 * and protocol, value kinds, enumerated values, required keys and name syntax. Reports every
 * problem it finds; returns a declaration only when there was no error.
 */
public final class SpecReader {
    private static final Pattern NAME = Pattern.compile("[0-9a-z-]+");
    private static final Pattern MEMBER_NAME = Pattern.compile("[0-9a-zA-Z][0-9a-zA-Z-]*");
    private static final long U32_MAX = 0xffff_ffffL;

    private final String file;
    private final Diagnostics diagnostics;

    private SpecReader(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /**
     * Reads a loaded spec.
     *
     * @param loaded the node tree
     * @param diagnostics where problems are reported
     * @return the declaration, or empty when the shape was wrong
     */
    public static Optional<FamilyDecl> read(YamlLoader.Loaded loaded, Diagnostics diagnostics) {
        Diagnostics local = new Diagnostics();
        local.addSource(loaded.file(), loaded.text()); // so that diagnostics quote the offending line
        Optional<FamilyDecl> decl;
        try {
            decl = new SpecReader(loaded.file(), local).readFamily(loaded.root());
        } catch (NodeReader.LimitExceeded e) {
            decl = Optional.empty();
        }
        local.all().forEach(diagnostics::add);
        return local.hasErrors() ? Optional.empty() : decl;
    }

    private Optional<FamilyDecl> readFamily(Node root) {
        if (!(root instanceof MappingNode)) {
            diagnostics.report(
                    Problem.WRONG_KIND,
                    YamlLoader.at(file, root.getStartMark()),
                    "the spec",
                    "a mapping",
                    NodeReader.kindOf(root));
            return Optional.empty();
        }
        protocol = detectProtocol((MappingNode) root);
        NodeReader top = new NodeReader(
                file,
                diagnostics,
                protocol,
                new NodeReader.Budget(),
                (MappingNode) root,
                SpecKeys.Place.TOP,
                "the spec");
        String name = top.requiredString("name").orElse("");
        String doc = top.requiredString("doc").orElse("");
        Optional<String> protocolText = top.string("protocol");
        OptionalLong protonum = top.integer("protonum", 0, 255);
        OptionalLong version = top.integer("version", 1, 255);
        Optional<String> uapiHeader = top.string("uapi-header");
        Map<String, String> cNames = new LinkedHashMap<>();
        for (String key : List.of("c-family-name", "c-version-name", "cmd-max-name", "cmd-cnt-name")) {
            top.string(key).ifPresent(v -> cNames.put(key, v));
        }
        top.bool("max-by-define").ifPresent(v -> cNames.put("max-by-define", v.toString()));
        top.enumString("kernel-policy", SpecKeys.KERNEL_POLICIES).ifPresent(v -> cNames.put("kernel-policy", v));

        List<String> kernelFamily = new ArrayList<>();
        top.mapping("kernel-family", SpecKeys.Place.KERNEL_FAMILY, "kernel-family")
                .ifPresent(kf -> {
                    kf.strings("headers").forEach(h -> kernelFamily.add("header " + h.value()));
                    kf.string("sock-priv").ifPresent(s -> kernelFamily.add("sock-priv " + s));
                });

        List<DefinitionDecl> definitions = new ArrayList<>();
        for (NodeReader d : top.mappings("definitions", SpecKeys.Place.DEFINITION, i -> "definition #" + i)) {
            readDefinition(d).ifPresent(definitions::add);
        }
        if (!top.has("attribute-sets")) {
            diagnostics.report(Problem.MISSING_KEY, top.start(), "the spec", "attribute-sets");
        }
        List<AttrSetDecl> sets = new ArrayList<>();
        for (NodeReader s : top.mappings("attribute-sets", SpecKeys.Place.ATTR_SET, i -> "attribute-set #" + i)) {
            readAttrSet(s).ifPresent(sets::add);
        }
        List<SubMessageDecl> subMessages = new ArrayList<>();
        for (NodeReader s : top.mappings("sub-messages", SpecKeys.Place.SUB_MESSAGE, i -> "sub-message #" + i)) {
            readSubMessage(s).ifPresent(subMessages::add);
        }
        Optional<OperationsDecl> operations = Optional.empty();
        if (!top.has("operations")) {
            diagnostics.report(Problem.MISSING_KEY, top.start(), "the spec", "operations");
        } else {
            operations = top.mapping("operations", SpecKeys.Place.OPERATIONS, "operations")
                    .map(this::readOperations);
        }
        List<McastGroupDecl> groups = new ArrayList<>();
        top.mapping("mcast-groups", SpecKeys.Place.MCAST_GROUPS, "mcast-groups").ifPresent(mg -> {
            if (!mg.has("list")) {
                diagnostics.report(Problem.MISSING_KEY, mg.start(), "mcast-groups", "list");
            }
            for (NodeReader g : mg.mappings("list", SpecKeys.Place.MCAST_GROUP, i -> "multicast group #" + i)) {
                Optional<String> gName = name(g, NAME_ANY);
                OptionalLong value = g.integer("value", 0, U32_MAX);
                Optional<String> cDefine = g.string("c-define-name");
                List<String> flags = g.enumStrings("flags", SpecKeys.OP_FLAGS);
                gName.ifPresent(n -> groups.add(new McastGroupDecl(n, value, cDefine, flags, g.positions())));
            }
        });
        if (operations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FamilyDecl(
                name,
                doc,
                protocolText,
                protonum,
                version,
                uapiHeader,
                cNames,
                definitions,
                sets,
                subMessages,
                operations.get(),
                groups,
                kernelFamily,
                top.positions()));
    }

    private static final Pattern NAME_ANY = Pattern.compile(".+", Pattern.DOTALL);

    /** Finds {@code protocol:} first, since the allowed keys depend on it; reports a bad value. */
    private Optional<Protocol> detectProtocol(MappingNode root) {
        for (var tuple : root.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals("protocol")) {
                Node v = tuple.getValueNode();
                if (v instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                    Optional<Protocol> p = Protocol.fromSpecName(s.getValue());
                    if (p.isEmpty()) {
                        List<String> all = java.util.Arrays.stream(Protocol.values())
                                .map(Protocol::specName)
                                .toList();
                        diagnostics.reportWithHints(
                                Problem.BAD_ENUM_VALUE,
                                YamlLoader.at(file, v.getStartMark()),
                                Diagnostics.didYouMean(s.getValue(), all),
                                "protocol",
                                String.join(", ", all),
                                s.getValue());
                    }
                    return p; // empty: check keys against every protocol, to avoid cascades
                }
                return Optional.empty();
            }
        }
        return Optional.of(Protocol.GENETLINK);
    }

    /** Names that cannot be used at all: empty, or holding control characters. */
    private static final Pattern UNUSABLE = Pattern.compile("\\s*|.*\\p{Cntrl}.*", Pattern.DOTALL);

    private Optional<String> name(NodeReader r, Pattern pattern) {
        Optional<String> n = r.requiredString("name");
        if (n.isEmpty()) {
            return n;
        }
        String kind = r.what().replaceFirst(" '.*'$", "").replaceFirst(" #\\d+$", "");
        if (UNUSABLE.matcher(n.get()).matches()) {
            diagnostics.report(
                    Problem.BAD_NAME,
                    r.positions().at("name"),
                    kind,
                    n.get(),
                    "a non-empty name without control characters");
            return Optional.empty();
        }
        if (!pattern.matcher(n.get()).matches()) {
            // The kernel's current schemas require [0-9a-z-]+, but specs of older kernels (6.12:
            // 'set id', 'if_stats_msg', 'pci_pf') used other names and the kernel's tools took them.
            diagnostics.report(
                    Problem.NAME_STYLE,
                    r.positions().at("name"),
                    kind,
                    n.get(),
                    pattern == MEMBER_NAME ? "letters, digits and '-'" : "lower-case letters, digits and '-'");
        }
        return n;
    }

    private Optional<DefinitionDecl> readDefinition(NodeReader d) {
        Optional<String> name = name(d, NAME);
        Optional<String> type =
                d.has("type") ? d.enumString("type", "definition", SpecKeys.DEFINITION_TYPES) : missing(d, "type");
        String doc = d.string("doc").orElse("");
        Optional<String> header = d.string("header");
        Optional<String> scope = d.enumString("scope", SpecKeys.SCOPES);
        var value = d.numberOrName("value");
        var valueStart = d.numberOrName("value-start");
        boolean renderMax = d.bool("render-max").orElse(false);
        Optional<String> enumName = d.nullableString("enum-name");
        Optional<String> namePrefix = d.string("name-prefix");
        Optional<String> enumCntName = d.string("enum-cnt-name");
        List<EntryDecl> entries = new ArrayList<>();
        int i = 0;
        for (Node item : d.items("entries")) {
            if (item instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                var at = d.loc(item);
                if (UNUSABLE.matcher(s.getValue()).matches()) {
                    diagnostics.report(
                            Problem.BAD_NAME,
                            at,
                            "enum entry",
                            s.getValue(),
                            "a non-empty name without control characters");
                } else {
                    entries.add(new EntryDecl(s.getValue(), OptionalLong.empty(), "", new Positions(at, Map.of())));
                }
            } else if (item instanceof MappingNode) {
                NodeReader e = d.child(item, SpecKeys.Place.ENTRY, "enum entry #" + i);
                Optional<String> eName = name(e, NAME);
                OptionalLong eValue = e.integer("value", Long.MIN_VALUE, Long.MAX_VALUE);
                String eDoc = e.string("doc").orElse("");
                eName.ifPresent(n -> entries.add(new EntryDecl(n, eValue, eDoc, e.positions())));
            } else {
                diagnostics.report(
                        Problem.WRONG_KIND,
                        d.loc(item),
                        "entries[" + i + "]",
                        "a name or a mapping",
                        NodeReader.kindOf(item));
            }
            i++;
        }
        List<MemberDecl> members = new ArrayList<>();
        for (NodeReader m : d.mappings("members", SpecKeys.Place.MEMBER, j -> "struct member #" + j)) {
            Optional<String> mName = name(m, MEMBER_NAME);
            Optional<String> mType =
                    m.has("type") ? m.enumString("type", "member", SpecKeys.MEMBER_TYPES) : missing(m, "type");
            var len = m.numberOrName("len");
            var byteOrder = m.enumString("byte-order", SpecKeys.BYTE_ORDERS);
            var enumRef = m.string("enum");
            boolean asFlags = m.bool("enum-as-flags").orElse(false);
            var hint = m.enumString("display-hint", SpecKeys.DISPLAY_HINTS);
            var struct = m.string("struct");
            String mDoc = m.string("doc").orElse("");
            if (mName.isPresent() && mType.isPresent()) {
                members.add(new MemberDecl(
                        mName.get(), mType.get(), len, byteOrder, enumRef, asFlags, hint, struct, mDoc, m.positions()));
            }
        }
        if (name.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DefinitionDecl(
                name.get(),
                type.get(),
                doc,
                header,
                scope,
                value,
                valueStart,
                entries,
                renderMax,
                enumName,
                namePrefix,
                enumCntName,
                members,
                d.positions()));
    }

    private Optional<String> missing(NodeReader r, String key) {
        diagnostics.report(Problem.MISSING_KEY, r.start(), r.what(), key);
        return Optional.empty();
    }

    private Optional<Protocol> protocol = Optional.empty();

    private Optional<AttrSetDecl> readAttrSet(NodeReader s) {
        Optional<String> name = name(s, NAME);
        String doc = s.string("doc").orElse("");
        Optional<String> subsetOf = s.string("subset-of");
        Optional<String> namePrefix = s.string("name-prefix");
        Optional<String> enumName = s.nullableString("enum-name");
        Optional<String> cnt = s.string("attr-cnt-name");
        Optional<String> max = s.string("attr-max-name");
        Optional<String> header = s.string("header");
        if (!s.has("attributes")) {
            diagnostics.report(Problem.MISSING_KEY, s.start(), s.what(), "attributes");
        }
        List<AttrDecl> attrs = new ArrayList<>();
        for (NodeReader a : s.mappings("attributes", SpecKeys.Place.ATTR, i -> "attribute #" + i)) {
            readAttr(a, subsetOf.isPresent()).ifPresent(attrs::add);
        }
        return name.map(
                n -> new AttrSetDecl(n, doc, subsetOf, namePrefix, enumName, cnt, max, header, attrs, s.positions()));
    }

    private Optional<AttrDecl> readAttr(NodeReader a, boolean inSubset) {
        Optional<String> name = name(a, NAME);
        Optional<String> type = a.enumString("type", SpecKeys.ATTR_TYPES);
        if (!a.has("type") && !inSubset) {
            name.ifPresent(n -> diagnostics.report(Problem.MISSING_TYPE, a.start(), n));
        }
        Optional<String> doc = a.string("doc");
        OptionalLong value = a.integer("value", 0, 0xffff);
        Optional<List<String>> typeValue = a.has("type-value")
                ? Optional.of(
                        a.strings("type-value").stream().map(Located::value).toList())
                : Optional.empty();
        var byteOrder = a.enumString("byte-order", SpecKeys.BYTE_ORDERS);
        var multi = a.bool("multi-attr");
        var nested = a.string("nested-attributes");
        var enumRef = a.string("enum");
        var asFlags = a.bool("enum-as-flags");
        Optional<ChecksDecl> checks = a.mapping("checks", SpecKeys.Place.CHECKS, "checks")
                .map(c -> new ChecksDecl(
                        c.numberOrName("min"),
                        c.numberOrName("max"),
                        c.numberOrName("min-len"),
                        c.numberOrName("max-len"),
                        c.numberOrName("exact-len"),
                        c.string("flags-mask"),
                        c.bool("unterminated-ok").orElse(false),
                        c.positions()));
        var subType = a.enumString("sub-type", SpecKeys.ATTR_TYPES);
        var hint = a.enumString("display-hint", SpecKeys.DISPLAY_HINTS);
        var namePrefix = a.string("name-prefix");
        var struct = a.string("struct");
        var subMessage = a.string("sub-message");
        var selector = a.string("selector");
        return name.map(n -> new AttrDecl(
                n,
                type,
                doc,
                value,
                typeValue,
                byteOrder,
                multi,
                nested,
                enumRef,
                asFlags,
                checks,
                subType,
                hint,
                namePrefix,
                struct,
                subMessage,
                selector,
                a.positions()));
    }

    private Optional<SubMessageDecl> readSubMessage(NodeReader s) {
        Optional<String> name = name(s, NAME_ANY);
        if (!s.has("formats")) {
            diagnostics.report(Problem.MISSING_KEY, s.start(), s.what(), "formats");
        }
        List<FormatDecl> formats = new ArrayList<>();
        for (NodeReader f : s.mappings("formats", SpecKeys.Place.FORMAT, i -> "format #" + i + " of " + s.what())) {
            Optional<String> value = f.has("value") ? f.scalarText("value") : missing(f, "value");
            Optional<String> fixedHeader = f.string("fixed-header");
            Optional<String> set = f.string("attribute-set");
            value.ifPresent(v -> formats.add(new FormatDecl(v, fixedHeader, set, f.positions())));
        }
        return name.map(n -> new SubMessageDecl(n, formats, s.positions()));
    }

    private OperationsDecl readOperations(NodeReader o) {
        Optional<String> model = o.enumString("enum-model", SpecKeys.ENUM_MODELS);
        Map<String, String> naming = new LinkedHashMap<>();
        for (String key : List.of("name-prefix", "async-prefix")) {
            o.string(key).ifPresent(v -> naming.put(key, v));
        }
        for (String key : List.of("enum-name", "async-enum")) {
            o.nullableString(key).ifPresent(v -> naming.put(key, v));
        }
        Optional<String> fixedHeader = o.string("fixed-header");
        if (!o.has("list")) {
            diagnostics.report(Problem.MISSING_KEY, o.start(), "operations", "list");
        }
        List<OpDecl> ops = new ArrayList<>();
        for (NodeReader op : o.mappings("list", SpecKeys.Place.OP, i -> "operation #" + i)) {
            Optional<String> name = name(op, NAME);
            String doc = op.requiredString("doc").orElse("");
            OptionalLong value = op.integer("value", 0, U32_MAX);
            Optional<String> set = op.string("attribute-set");
            List<String> flags = op.enumStrings("flags", SpecKeys.OP_FLAGS);
            List<String> dontValidate = op.enumStrings("dont-validate", SpecKeys.DONT_VALIDATE);
            Optional<String> configCond = op.string("config-cond");
            Optional<String> opFixed = op.string("fixed-header");
            Optional<ModeDecl> doMode =
                    op.mapping("do", SpecKeys.Place.MODE, "do").map(this::readMode);
            Optional<ModeDecl> dumpMode =
                    op.mapping("dump", SpecKeys.Place.MODE, "dump").map(this::readMode);
            Optional<String> notify = op.string("notify");
            Optional<MsgDecl> event =
                    op.mapping("event", SpecKeys.Place.EVENT, "event").map(this::readMsg);
            Optional<String> mcgrp = op.string("mcgrp");
            name.ifPresent(n -> ops.add(new OpDecl(
                    n,
                    doc,
                    value,
                    set,
                    flags,
                    dontValidate,
                    configCond,
                    opFixed,
                    doMode,
                    dumpMode,
                    notify,
                    event,
                    mcgrp,
                    op.positions())));
        }
        return new OperationsDecl(model, naming, fixedHeader, ops, o.positions());
    }

    private ModeDecl readMode(NodeReader m) {
        return new ModeDecl(
                m.mapping("request", SpecKeys.Place.MSG, "request").map(this::readMsg),
                m.mapping("reply", SpecKeys.Place.MSG, "reply").map(this::readMsg),
                m.string("pre"),
                m.string("post"),
                m.positions());
    }

    private MsgDecl readMsg(NodeReader m) {
        return new MsgDecl(m.strings("attributes"), m.integer("value", 0, U32_MAX), m.positions());
    }
}
