package io.ynl4j.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Renders a linked {@link Family} as stable, indented text: the model golden format
 * ({@code generator/src/test/golden/model/<family>.txt}) and the output of {@code ynl4j model}.
 *
 * <p>Everything the linker materialised is shown, in spec order, one line per element (attribute,
 * enum entry, struct member, message, group): attribute ids, entry values and flag masks, struct
 * offsets, sizes and alignment, per-operation message ids, resolved checks with the expression the
 * spec wrote, naming overrides. Documentation and source locations are left out so goldens only
 * change when the meaning of a spec does; so are the file name and digest. Two defaults are left
 * out as well: host byte order and the {@code uapi} scope. Optional properties are written as
 * {@code key=value} with the spec's key names; boolean properties as the bare key. Values that are
 * empty or hold anything but letters, digits and {@code _ - . / : + @} are quoted as JSON
 * strings. Lines end with {@code \n}.
 *
 * <p>Example (rt-addr, abridged):
 *
 * <pre>
 * family rt-addr
 * protocol netlink-raw
 * protonum 0
 * definitions
 *   struct ifaddrmsg size=8 alignment=4
 *     member 0 ifa-family u8 size=1
 *     member 2 ifa-flags u8 size=1 enum=ifa-flags enum-as-flags
 * attribute-sets
 *   attribute-set addr-attrs name-prefix=ifa-
 *     attr 6 cacheinfo binary struct=ifa-cacheinfo
 *     attr 12 mc-users u32
 * operations
 *   op getaddr req=22 rsp=20 attribute-set=addr-attrs fixed-header=ifaddrmsg
 *     dump
 *       request:
 *       reply: address label local cacheinfo
 * </pre>
 */
public final class ModelPrinter {
    private final StringBuilder out = new StringBuilder();

    private ModelPrinter() {}

    /**
     * Renders a family.
     *
     * @param family the linked family
     * @return the text, ending with a newline
     */
    public static String print(Family family) {
        ModelPrinter p = new ModelPrinter();
        p.family(family);
        return p.out.toString();
    }

    private void family(Family f) {
        line(0, "family", quote(f.name()));
        line(0, "protocol", f.protocol().specName());
        f.protonum().ifPresent(v -> line(0, "protonum", Integer.toString(v)));
        f.version().ifPresent(v -> line(0, "version", Integer.toString(v)));
        f.uapiHeader().ifPresent(v -> line(0, "uapi-header", quote(v)));
        line(0, "enum-model", f.msgIdModel().specName());
        f.fixedHeader().ifPresent(v -> line(0, "fixed-header", quote(v)));
        new TreeMap<>(f.cNames()).forEach((k, v) -> line(0, k, quote(v)));
        new TreeMap<>(f.operationNaming()).forEach((k, v) -> line(0, "operations." + k, quote(v)));

        if (!f.definitions().isEmpty()) {
            line(0, "definitions");
            for (Definition d : f.definitions()) {
                definition(f, d);
            }
        }
        if (!f.attributeSets().isEmpty()) {
            line(0, "attribute-sets");
            for (AttributeSet s : f.attributeSets()) {
                attributeSet(s);
            }
        }
        if (!f.subMessages().isEmpty()) {
            line(0, "sub-messages");
            for (SubMessage s : f.subMessages()) {
                line(1, "sub-message", quote(s.name()));
                for (SubMessage.Format format : s.formats()) {
                    List<String> parts = new ArrayList<>(List.of("format", quote(format.value())));
                    opt(parts, "fixed-header", format.fixedHeader());
                    opt(parts, "attribute-set", format.attributeSet());
                    line(2, parts);
                }
            }
        }
        if (!f.operations().isEmpty()) {
            line(0, "operations");
            for (Operation o : f.operations()) {
                operation(o);
            }
        }
        if (!f.mcastGroups().isEmpty()) {
            line(0, "mcast-groups");
            for (McastGroup g : f.mcastGroups()) {
                List<String> parts = new ArrayList<>(List.of("mcast-group", quote(g.name())));
                g.value().ifPresent(v -> parts.add("value=" + v));
                opt(parts, "c-define-name", g.cDefineName());
                list(parts, "flags", g.flags());
                line(1, parts);
            }
        }
    }

    // Definitions.

    private void definition(Family f, Definition d) {
        switch (d) {
            case Definition.Const c -> {
                List<String> parts = new ArrayList<>(List.of("const", quote(c.name())));
                c.value().ifPresent(v -> parts.add(Long.toString(v)));
                c.text().ifPresent(t -> parts.add(jsonString(t)));
                common(parts, c);
                line(1, parts);
            }
            case Definition.Enum e -> {
                List<String> parts = new ArrayList<>(List.of(e.flags() ? "flags" : "enum", quote(e.name())));
                if (e.valueStart() != 0) {
                    parts.add("value-start=" + e.valueStart());
                }
                if (e.renderMax()) {
                    parts.add("render-max");
                }
                opt(parts, "enum-name", e.enumName());
                opt(parts, "name-prefix", e.namePrefix());
                opt(parts, "enum-cnt-name", e.enumCntName());
                common(parts, e);
                line(1, parts);
                for (EnumEntry entry : e.entries()) {
                    List<String> entryParts =
                            new ArrayList<>(List.of("entry", Long.toString(entry.value()), quote(entry.name())));
                    if (e.flags()) {
                        entryParts.add("mask=0x" + Long.toHexString(e.wireValue(entry, false)));
                    }
                    line(2, entryParts);
                }
            }
            case Definition.Struct s -> {
                List<String> parts = new ArrayList<>(List.of("struct", quote(s.name())));
                parts.add("size=" + s.size());
                parts.add("alignment=" + s.alignment());
                common(parts, s);
                line(1, parts);
                for (StructMember m : s.members()) {
                    member(m);
                }
            }
        }
    }

    private static void common(List<String> parts, Definition d) {
        opt(parts, "header", d.header());
        if (!d.scope().equals("uapi")) {
            parts.add("scope=" + quote(d.scope()));
        }
    }

    private void member(StructMember m) {
        List<String> parts = new ArrayList<>(List.of("member", Integer.toString(m.offset()), quote(m.name())));
        switch (m.type()) {
            case StructMember.MemberType.Scalar s -> parts.add(s.kind().specName());
            case StructMember.MemberType.Str s -> parts.add("string");
            case StructMember.MemberType.Binary b -> parts.add("binary");
            case StructMember.MemberType.Pad p -> parts.add("pad");
            case StructMember.MemberType.Nested n -> {
                parts.add("binary");
                parts.add("struct=" + quote(n.struct()));
            }
        }
        parts.add("size=" + m.size());
        order(parts, m.order());
        opt(parts, "enum", m.enumName());
        flag(parts, "enum-as-flags", m.enumAsFlags());
        m.hint().ifPresent(h -> parts.add("display-hint=" + h.specName()));
        line(2, parts);
    }

    // Attribute sets.

    private void attributeSet(AttributeSet s) {
        List<String> parts = new ArrayList<>(List.of("attribute-set", quote(s.name())));
        opt(parts, "subset-of", s.subsetOf());
        opt(parts, "name-prefix", s.namePrefix());
        opt(parts, "enum-name", s.enumName());
        opt(parts, "attr-cnt-name", s.attrCntName());
        opt(parts, "attr-max-name", s.attrMaxName());
        opt(parts, "header", s.header());
        line(1, parts);
        for (Attribute a : s.attributes()) {
            List<String> attr = new ArrayList<>(List.of("attr", Integer.toString(a.value()), quote(a.name())));
            attr.add(a.type().specName());
            typeDetails(attr, a.type());
            flag(attr, "multi-attr", a.multiAttr());
            checks(attr, a.checks(), unsignedLimits(a.type()));
            opt(attr, "name-prefix", a.namePrefix());
            line(2, attr);
        }
    }

    private static void typeDetails(List<String> parts, AttrType type) {
        switch (type) {
            case AttrType.Unused u -> {}
            case AttrType.Pad p -> {}
            case AttrType.Flag f -> {}
            case AttrType.Str s -> {}
            case AttrType.Scalar s -> {
                order(parts, s.order());
                opt(parts, "enum", s.enumName());
                flag(parts, "enum-as-flags", s.enumAsFlags());
                s.hint().ifPresent(h -> parts.add("display-hint=" + h.specName()));
            }
            case AttrType.Binary b -> {
                opt(parts, "struct", b.struct());
                b.subType().ifPresent(k -> parts.add("sub-type=" + k.specName()));
                order(parts, b.order());
                b.hint().ifPresent(h -> parts.add("display-hint=" + h.specName()));
            }
            case AttrType.Nest n -> parts.add("nested-attributes=" + quote(n.attributeSet()));
            case AttrType.IndexedArray a -> {
                parts.add("sub-type=" + quote(a.subType()));
                typeDetails(parts, a.element());
            }
            case AttrType.NestTypeValue n -> {
                parts.add("nested-attributes=" + quote(n.attributeSet()));
                list(parts, "type-value", n.typeValue());
            }
            case AttrType.Bitfield32 b -> {
                opt(parts, "enum", b.enumName());
                flag(parts, "enum-as-flags", b.enumAsFlags());
            }
            case AttrType.SubMessage s -> {
                parts.add("sub-message=" + quote(s.subMessage()));
                parts.add("selector=" + quote(s.selector()));
                parts.add("selector-set=" + quote(s.selectorSet()));
            }
        }
    }

    private static boolean unsignedLimits(AttrType type) {
        return switch (type) {
            case AttrType.Scalar s -> !s.kind().signed();
            case AttrType.IndexedArray a -> unsignedLimits(a.element());
            default -> false;
        };
    }

    private static void checks(List<String> parts, Checks c, boolean unsigned) {
        c.min().ifPresent(l -> parts.add("min=" + limit(l, unsigned)));
        c.max().ifPresent(l -> parts.add("max=" + limit(l, unsigned)));
        c.minLen().ifPresent(l -> parts.add("min-len=" + limit(l, false)));
        c.maxLen().ifPresent(l -> parts.add("max-len=" + limit(l, false)));
        c.exactLen().ifPresent(l -> parts.add("exact-len=" + limit(l, false)));
        opt(parts, "flags-mask", c.flagsMask());
        flag(parts, "unterminated-ok", c.unterminatedOk());
    }

    /** {@code 255}, or {@code 4294967295(u32-max)} when the spec wrote something else. */
    private static String limit(Checks.Limit l, boolean unsigned) {
        String number = unsigned ? Long.toUnsignedString(l.value()) : Long.toString(l.value());
        return l.expression().equals(number) ? number : number + "(" + quote(l.expression()) + ")";
    }

    // Operations.

    private void operation(Operation o) {
        List<String> parts = new ArrayList<>(List.of("op", quote(o.name())));
        parts.add("req=" + id(o.requestId()));
        parts.add("rsp=" + id(o.replyId()));
        opt(parts, "attribute-set", o.attributeSet());
        opt(parts, "fixed-header", o.fixedHeader());
        opt(parts, "mcgrp", o.mcgrp());
        list(parts, "flags", o.flags());
        list(parts, "dont-validate", o.dontValidate());
        opt(parts, "config-cond", o.configCond());
        line(1, parts);
        o.doMode().ifPresent(m -> mode("do", m, o));
        o.dumpMode().ifPresent(m -> mode("dump", m, o));
        o.notifies().ifPresent(n -> line(2, "notify", quote(n)));
        o.event().ifPresent(e -> message(2, "event", e));
    }

    private void mode(String name, Operation.Mode m, Operation o) {
        List<String> parts = new ArrayList<>(List.of(name));
        if (!m.requestId().equals(o.requestId())) {
            parts.add("req=" + id(m.requestId()));
        }
        if (!m.replyId().equals(o.replyId())) {
            parts.add("rsp=" + id(m.replyId()));
        }
        opt(parts, "pre", m.pre());
        opt(parts, "post", m.post());
        line(2, parts);
        m.request().ifPresent(r -> message(3, "request", r));
        m.reply().ifPresent(r -> message(3, "reply", r));
    }

    private void message(int depth, String label, Operation.Message m) {
        List<String> parts = new ArrayList<>(List.of(label + ":"));
        m.attributes().forEach(a -> parts.add(quote(a)));
        line(depth, parts);
    }

    private static String id(OptionalInt id) {
        return id.isPresent() ? Integer.toString(id.getAsInt()) : "-";
    }

    // Helpers.

    private static void order(List<String> parts, ByteOrder order) {
        if (order != ByteOrder.HOST) {
            parts.add("byte-order=" + order.specName());
        }
    }

    private static void opt(List<String> parts, String key, Optional<String> value) {
        value.ifPresent(v -> parts.add(key + "=" + quote(v)));
    }

    private static void flag(List<String> parts, String key, boolean on) {
        if (on) {
            parts.add(key);
        }
    }

    private static void list(List<String> parts, String key, List<String> values) {
        if (!values.isEmpty()) {
            parts.add(key + "="
                    + String.join(",", values.stream().map(ModelPrinter::quote).toList()));
        }
    }

    private void line(int depth, String... parts) {
        line(depth, List.of(parts));
    }

    private void line(int depth, List<String> parts) {
        out.append("  ".repeat(depth)).append(String.join(" ", parts)).append('\n');
    }

    /** The value itself when it is a plain token, else a JSON string. */
    static String quote(String value) {
        if (value.isEmpty()) {
            return "\"\"";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "_-./:+@".indexOf(c) >= 0;
            if (!plain) {
                return jsonString(value);
            }
        }
        return value;
    }

    private static String jsonString(String value) {
        return ModelJson.string(value);
    }
}
