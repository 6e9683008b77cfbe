package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.emit.AttrFields.Field;
import io.ynl4j.codegen.emit.AttrFields.Shape;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.codegen.plan.JavaNames;
import io.ynl4j.codegen.plan.MessagePlan;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Family;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Emits the record of one message (see {@link MessagePlan}): the fixed header (if the operation has
 * one) as {@code header}, a component per attribute the operation lists for the message, in the
 * operation's order, with the same Java types and codec as the attribute-set records ({@link
 * AttrFields}), and {@code unknown}: every attribute received that the message does not list (a
 * getaddr reply's {@code IFA_FLAGS}, say) is kept and encoded again. {@code decode} reads a received
 * {@code NetlinkMessage}; {@code encode} writes the payload after the {@code nlmsghdr} ({@code
 * genlmsghdr} first for generic families). Records that arrive as notifications implement the
 * family's notification interface.
 */
public final class MessageEmitter {
    private MessageEmitter() {}

    /** Bytes of {@code genlmsghdr}. */
    static final int GENL_HDRLEN = 4;

    /** The header component and the listed attributes of a message. */
    record Parts(
            Optional<ClassName> headerType,
            String headerName,
            Optional<AttributeSet> set,
            Optional<ClassName> setClass,
            List<Field> listed,
            List<Field> pads,
            List<Field> components) {}

    static Parts parts(MessagePlan messages, MessagePlan.Shape s) {
        FamilyPlan plan = messages.plan();
        Family family = plan.family();
        ClassName name = messages.name(s);
        Optional<AttributeSet> set = s.attributeSet().flatMap(family::attributeSet);
        List<Field> all = set.map(a -> AttrFields.of(plan, a, name)).orElse(List.of());
        Map<String, Field> byAttr = new HashMap<>();
        all.forEach(f -> byAttr.put(f.attr().name(), f));
        List<Field> listed = new ArrayList<>();
        for (String a : s.attributes()) {
            Field f = byAttr.get(a);
            if (f != null) {
                listed.add(f);
            }
        }
        List<Field> pads = all.stream()
                .filter(f -> f.attr().type() instanceof AttrType.Pad && !listed.contains(f))
                .toList();
        List<Field> components =
                listed.stream().filter(f -> f.shape() != Shape.NONE).toList();
        String headerName = "header";
        while (true) {
            String h = headerName;
            if (components.stream().noneMatch(f -> f.name().equals(h))) {
                break;
            }
            headerName = headerName.equals("header") ? "fixedHeader" : headerName + "_";
        }
        return new Parts(
                s.fixedHeader().map(plan::struct),
                headerName,
                set,
                s.attributeSet().map(plan::attributeSet),
                listed,
                pads,
                components);
    }

    // Emits:
    // public record GetmulticastReply(Ifaddrmsg header, Optional<Bytes> multicast, OptionalLong mcUsers,
    //         Optional<IfaCacheinfo> cacheinfo, UnknownAttributes unknown) implements RtAddrNotification {
    //     public static final int MESSAGE_TYPE = 58;
    //     public static GetmulticastReply decode(NetlinkMessage m) { … switch (in.type()) { case
    // AddrAttrs.IFA_MULTICAST -> … } … }
    //     public void encode(MessageWriter out) { header.encode(out.fixedHeader(header.encodedSize())); … }
    //     public static Builder builder() { … }
    // }
    /**
     * The record of a message.
     *
     * @param messages the family's messages
     * @param s the message
     * @return the type
     */
    public static TypeSpec emit(MessagePlan messages, MessagePlan.Shape s) {
        FamilyPlan plan = messages.plan();
        Family family = plan.family();
        ClassName name = messages.name(s);
        Parts p = parts(messages, s);
        boolean genl = family.protocol().isGeneric();

        TypeSpec.Builder type = TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AttrSetEmitter.generated(family));
        if (messages.isNotification(s)) {
            type.addSuperinterface(plan.notification());
        }
        type.addJavadoc("$L\n", javadoc(messages, s, p));

        type.addField(FieldSpec.builder(TypeName.INT, "MESSAGE_TYPE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                        "The $L of this message$L.\n",
                        genl ? "genetlink command" : "netlink message type",
                        typeConstant(messages, s)
                                .map(c -> ", {@code " + c + "}")
                                .orElse(""))
                .initializer("$L", s.messageId())
                .build());

        // Canonical constructor.
        MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        if (p.headerType().isPresent()) {
            ctor.addParameter(
                    ParameterSpec.builder(p.headerType().get(), p.headerName()).build());
            ctor.addStatement("$T.requireNonNull($N, $S)", Objects.class, p.headerName(), p.headerName());
        }
        for (Field f : p.components()) {
            TypeName t = AttrFields.type(f);
            ctor.addParameter(ParameterSpec.builder(t, f.name()).build());
            if (AttrSetEmitter.isList(f)) {
                ctor.addStatement(
                        "$N = $T.copyOf($T.requireNonNull($N, $S))",
                        f.name(),
                        List.class,
                        Objects.class,
                        f.name(),
                        f.name());
            } else if (!t.isPrimitive()) {
                ctor.addStatement("$T.requireNonNull($N, $S)", Objects.class, f.name(), f.name());
            }
        }
        ctor.addParameter(ParameterSpec.builder(RuntimeNames.UNKNOWN_ATTRIBUTES, "unknown")
                .build());
        ctor.addStatement("$T.requireNonNull(unknown, $S)", Objects.class, "unknown");
        type.recordConstructor(ctor.build());

        for (Field f : p.components()) {
            if (f.shape() == Shape.ENTRIES) {
                type.addType(TypeValueEntries.entryRecord(f));
            }
        }
        type.addMethod(decode(plan, name, p, genl));
        type.addMethod(encode(p, genl, plan.facade()));
        Optional<AttrSetCodec.Leading> leading = p.headerType()
                .map(h -> new AttrSetCodec.Leading(
                        p.headerName(),
                        h,
                        CodeBlock.of("$T.builder().build()", h),
                        "Sets the fixed header (all zero unless set)."));
        AttrSetCodec.addBuilder(type, name, leading, p.components(), false);
        if (p.headerType().isPresent()) {
            ClassName h = p.headerType().get();
            type.addMethod(MethodSpec.methodBuilder("of")
                    .addJavadoc(
                            "A message with a fixed header and no attributes.\n\n@param $N the fixed header\n"
                                    + "@return the message\n",
                            p.headerName())
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(name)
                    .addParameter(h, p.headerName())
                    .addStatement("return builder().$N($N).build()", p.headerName(), p.headerName())
                    .build());
        }
        return type.build();
    }

    private static String javadoc(MessagePlan messages, MessagePlan.Shape s, Parts p) {
        Family family = messages.plan().family();
        StringBuilder doc = new StringBuilder();
        String what = switch (s.direction()) {
            case REQUEST -> "Request of";
            case REPLY -> "Reply of";
            case EVENT -> "Notification";
        };
        doc.append(what).append(" {@code ").append(s.op().name()).append("}");
        if (!s.modes().isEmpty()) {
            doc.append(" (")
                    .append(s.modes().stream().map(MessagePlan.Mode::specName).collect(Collectors.joining(" and ")))
                    .append(")");
        }
        String opDoc = Javadocs.sanitize(s.op().doc());
        doc.append(opDoc.isEmpty() ? "." : ": " + opDoc);
        doc.append("\n\n<p>");
        doc.append(family.protocol().isGeneric() ? "Genetlink command " : "Netlink message type ");
        typeConstant(messages, s).ifPresent(c -> doc.append("{@code ").append(c).append("} "));
        doc.append("(").append(s.messageId()).append(")");
        doc.append(" of the {@code ").append(family.name()).append("} family");
        if (messages.isNotification(s)) {
            doc.append("; also arrives as a notification");
        }
        doc.append(". Attributes received that the operation does not list for this message are kept in {@code")
                .append(" unknown}.\n");
        if (p.headerType().isPresent()) {
            doc.append("\n@param ")
                    .append(p.headerName())
                    .append(" the fixed header, {@code struct ")
                    .append(s.fixedHeader().orElseThrow())
                    .append("}");
        }
        for (Field f : p.components()) {
            doc.append("\n@param ").append(f.name()).append(" ").append(AttrFields.javadoc(f));
        }
        doc.append("\n@param unknown attributes received that this message does not list, kept verbatim");
        return doc.toString();
    }

    /** The uapi constant of the message id, when the facade has one of that value and direction. */
    static Optional<String> typeConstant(MessagePlan messages, MessagePlan.Shape s) {
        Family family = messages.plan().family();
        Map<String, Integer> constants = FacadeEmitter.operationConstants(family);
        boolean sharedIds = !family.protocol().isGeneric()
                || family.msgIdModel() == io.ynl4j.spec.MsgIdModel.UNIFIED
                || s.direction() == MessagePlan.Direction.REQUEST;
        if (!sharedIds) {
            return Optional.empty();
        }
        // The operation's own constant first: in directional genl families a request id can equal
        // an unrelated notification's id (ethtool: RINGS_GET and PRIVFLAGS_NTF are both 15).
        String own = JavaNames.operationConstant(family, s.op());
        Integer ownValue = constants.get(own);
        if (ownValue != null && ownValue == s.messageId()) {
            return Optional.of(own);
        }
        Map<Integer, String> byValue = new LinkedHashMap<>();
        constants.forEach((n, v) -> byValue.putIfAbsent(v, n));
        return Optional.ofNullable(byValue.get(s.messageId()));
    }

    private static MethodSpec decode(FamilyPlan plan, ClassName name, Parts p, boolean genl) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("decode")
                .addJavadoc("Decodes a received message. Attributes the message does not list are kept in\n"
                        + "{@code unknown}; of a repeated attribute the last counts, unless it is multi-attr.\n\n"
                        + "@param m the message\n@return the record\n"
                        + "@throws io.ynl4j.runtime.MalformedMessageException when it does not decode\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(name)
                .addParameter(RuntimeNames.NETLINK_MESSAGE, "m");
        Locals locals = new Locals("m", "in", "sel", "unknown");
        String header = null;
        CodeBlock headerBytes;
        if (p.headerType().isPresent()) {
            ClassName h = p.headerType().get();
            header = locals.claim(p.headerName());
            m.addStatement("$T $N = $T.decode(m.fixedHeader($L, $T.SIZE))", h, header, h, genl ? GENL_HDRLEN : 0, h);
            headerBytes = genl ? CodeBlock.of("$L + $T.SIZE", GENL_HDRLEN, h) : CodeBlock.of("$T.SIZE", h);
        } else {
            headerBytes = CodeBlock.of("$L", genl ? GENL_HDRLEN : 0);
        }
        m.addStatement("$T in = m.attributes($L)", RuntimeNames.ATTR_READER, headerBytes);
        String setName = p.set().map(AttributeSet::name).orElse("");
        boolean needsSelectors = p.set().isPresent() && plan.needsSelectors(setName);
        if (needsSelectors) {
            if (plan.selectorsDeclared(setName).isEmpty()) {
                m.addStatement("$T sel = $T.none()", RuntimeNames.SELECTORS, RuntimeNames.SELECTORS);
            } else {
                m.addStatement(
                        "$T sel = $T.selectors(in, $T.none())",
                        RuntimeNames.SELECTORS,
                        p.setClass().orElseThrow(),
                        RuntimeNames.SELECTORS);
            }
        }
        Map<Field, String> local = new LinkedHashMap<>();
        for (Field f : p.components()) {
            String l = locals.claim(f.name());
            local.put(f, l);
            m.addCode(AttrFields.declareLocal(f, l));
        }
        m.addStatement(
                "$T.Builder unknown = $T.builder()", RuntimeNames.UNKNOWN_ATTRIBUTES, RuntimeNames.UNKNOWN_ATTRIBUTES);
        m.beginControlFlow("while (in.next())").beginControlFlow("switch (in.type())");
        List<Field> cases = new ArrayList<>(p.listed());
        cases.addAll(p.pads());
        for (Field f : cases) {
            if (f.shape() == Shape.NONE && !(f.attr().type() instanceof AttrType.Pad)) {
                continue; // unused ids: kept as unknown
            }
            CodeBlock constant = CodeBlock.of("$T.$N", p.setClass().orElseThrow(), f.constant());
            CodeBlock body = AttrFields.decode(f, AttrSetEmitter.readContext(locals), local.getOrDefault(f, ""), "in");
            String text = body.toString();
            if (text.indexOf('\n') == text.length() - 1 && text.endsWith(";\n") && !text.startsWith("//")) {
                m.addCode("case $L -> $L", constant, body);
            } else {
                m.beginControlFlow("case $L ->", constant).addCode(body).endControlFlow();
            }
        }
        m.addStatement("default -> unknown.add($T.of(in))", RuntimeNames.RAW_ATTRIBUTE);
        m.endControlFlow().endControlFlow();
        CodeBlock.Builder args = CodeBlock.builder();
        if (header != null) {
            args.add("$N,\n", header);
        }
        for (String l : local.values()) {
            args.add("$N,\n", l);
        }
        args.add("unknown.build()");
        m.addStatement("return new $T(\n$L)", name, args.build());
        return m.build();
    }

    private static MethodSpec encode(Parts p, boolean genl, ClassName facade) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("encode")
                .addJavadoc(
                        "Writes the message's payload, what follows the {@code nlmsghdr}: $L the attributes present\n"
                                + "in the operation's order, then the unknown ones.\n\n@param out the writer\n",
                        (genl ? "{@code genlmsghdr}, " : "") + (p.headerType().isPresent() ? "the fixed header," : ""))
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.MESSAGE_WRITER, "out");
        if (genl) {
            m.addStatement("out.genlHeader(MESSAGE_TYPE, $T.FAMILY.version())", facade);
        }
        if (p.headerType().isPresent()) {
            m.addStatement("this.$N.encode(out.fixedHeader(this.$N.encodedSize()))", p.headerName(), p.headerName());
        }
        Locals locals = new Locals("out");
        for (Field f : p.listed()) {
            m.addCode(AttrFields.encode(
                    f, locals, CodeBlock.of("$T.$N", p.setClass().orElseThrow(), f.constant())));
        }
        m.addStatement("unknown.encode(out)");
        return m.build();
    }
}
