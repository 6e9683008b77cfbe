package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.Attribute;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.SubMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Emits a sub-message: a sealed interface with {@code selectorValue()}, {@code encode(out, type)}
 * and a static {@code decode(selectorValue, in, selectors)} dispatching on the format value; one
 * record per format with a {@code header} (the fixed-header struct) and/or {@code attributes} (the
 * set's record), or no component when the format has neither; and a record keeping the payload of
 * selector values the spec does not list, so they are encoded again, never dropped.
 *
 * <p>On the wire the payload is the fixed header, then the attributes from the header's size
 * rounded up to 4 (as the kernel parses tc's {@code netem} options). The attribute carries {@code
 * NLA_F_NESTED} when the format has attributes (rt-link's {@code IFLA_INFO_DATA} is a nest), not when
 * it is a fixed header alone (tc's {@code bfifo} options are a plain {@code struct tc_fifo_qopt}).
 */
public final class SubMessageEmitter {
    private SubMessageEmitter() {}

    // Emits:
    // public sealed interface LinkinfoDataMsg permits LinkinfoDataMsgBond, …, LinkinfoDataMsgUnknown {
    //     String selectorValue();
    //     void encode(MessageWriter out, int type);
    //     static LinkinfoDataMsg decode(String selectorValue, AttrReader in, Selectors sel) {
    //         return switch (selectorValue) { case "vlan" -> new LinkinfoDataMsgVlan(…); … default -> … };
    //     }
    // }
    // public record LinkinfoDataMsgVlan(LinkinfoVlanAttrs attributes) implements LinkinfoDataMsg { … }
    // public record LinkinfoDataMsgUnknown(String selector, Bytes payload) implements LinkinfoDataMsg { … }
    /**
     * The interface and records of a sub-message.
     *
     * @param plan the family plan
     * @param sm the sub-message
     * @return the interface first, then the format records in spec order, then the unknown record
     */
    public static List<TypeSpec> emit(FamilyPlan plan, SubMessage sm) {
        Family family = plan.family();
        ClassName iface = plan.subMessage(sm.name());
        ClassName unknown = plan.subMessageUnknown(sm.name());
        List<TypeSpec> out = new ArrayList<>();

        StringBuilder doc = new StringBuilder("The sub-message {@code ")
                .append(sm.name())
                .append("} of the {@code ")
                .append(family.name())
                .append("} family: a payload whose format is chosen by the value of a selector attribute");
        List<String> uses = uses(family, sm);
        if (!uses.isEmpty()) {
            doc.append(" (").append(String.join("; ", uses)).append(")");
        }
        doc.append(". One record per format; {@link ")
                .append(unknown.simpleName())
                .append("} keeps the payload of values the spec does not list.\n");
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(iface)
                .addModifiers(Modifier.PUBLIC, Modifier.SEALED)
                .addAnnotation(AttrSetEmitter.generated(family))
                .addJavadoc("$L", doc);
        type.addMethod(MethodSpec.methodBuilder("selectorValue")
                .addJavadoc("The selector value of this format, e.g. {@code $L}.\n\n@return the value\n", example(sm))
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(String.class)
                .build());
        type.addMethod(MethodSpec.methodBuilder("encode")
                .addJavadoc(
                        "Writes this sub-message as attribute {@code type}: the fixed header, then the attributes,\n"
                                + "with {@code NLA_F_NESTED} when the format has attributes.\n\n"
                                + "@param out the writer\n@param type the attribute type\n")
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .addParameter(RuntimeNames.MESSAGE_WRITER, "out")
                .addParameter(TypeName.INT, "type")
                .build());
        type.addMethod(MethodSpec.methodBuilder("decode")
                .addJavadoc(
                        "Decodes the payload of the current attribute of {@code in} in the format of a selector value,\n"
                                + "without selectors of enclosing sets.\n\n"
                                + "@param selectorValue the selector's value\n"
                                + "@param in a reader positioned on the sub-message attribute\n@return the sub-message\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(iface)
                .addParameter(String.class, "selectorValue")
                .addParameter(RuntimeNames.ATTR_READER, "in")
                .addStatement("return decode(selectorValue, in, $T.none())", RuntimeNames.SELECTORS)
                .build());

        CodeBlock.Builder cases = CodeBlock.builder();
        for (SubMessage.Format f : sm.formats()) {
            ClassName record = plan.format(sm.name(), f.value());
            type.addPermittedSubclass(record);
            out.add(formatRecord(plan, sm, f, iface, record));
            cases.add("case $S -> $L;\n", f.value(), decodeFormat(plan, f, record, unknown));
        }
        cases.add("default -> new $T(selectorValue, in.bytes());\n", unknown);
        type.addPermittedSubclass(unknown);
        type.addMethod(MethodSpec.methodBuilder("decode")
                .addJavadoc(
                        "Decodes the payload of the current attribute of {@code in} in the format of a selector value;\n"
                                + "values the spec does not list give a {@link $T}.\n\n"
                                + "@param selectorValue the selector's value: a string attribute's text, an enum entry's spec\n"
                                + "    name, else the number in decimal\n"
                                + "@param in a reader positioned on the sub-message attribute\n"
                                + "@param sel the selectors in scope, for sub-messages inside this one\n"
                                + "@return the sub-message\n",
                        unknown)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(iface)
                .addParameter(String.class, "selectorValue")
                .addParameter(RuntimeNames.ATTR_READER, "in")
                .addParameter(RuntimeNames.SELECTORS, "sel")
                .addCode("return switch (selectorValue) {\n$>$L$<};\n", cases.build())
                .build());
        out.add(0, type.build());
        out.add(unknownRecord(family, sm, iface, unknown));
        return out;
    }

    private static String example(SubMessage sm) {
        return sm.formats().isEmpty() ? "kind" : sm.formats().get(0).value();
    }

    /** Where the sub-message is used: {@code set.attr} selected by {@code selector}. */
    private static List<String> uses(Family family, SubMessage sm) {
        List<String> uses = new ArrayList<>();
        for (AttributeSet s : family.attributeSets()) {
            for (Attribute a : s.attributes()) {
                AttrType t = a.type() instanceof AttrType.IndexedArray ia ? ia.element() : a.type();
                if (t instanceof AttrType.SubMessage use && use.subMessage().equals(sm.name())) {
                    uses.add("{@code " + s.name() + "." + a.name() + "}, selected by {@code " + use.selectorSet() + "."
                            + use.selector() + "}");
                }
            }
        }
        return uses;
    }

    private static CodeBlock decodeFormat(FamilyPlan plan, SubMessage.Format f, ClassName record, ClassName unknown) {
        if (f.fixedHeader().isEmpty() && f.attributeSet().isEmpty()) {
            // A payload where the format has none cannot be represented by the empty record: keep it.
            return CodeBlock.of("in.length() == 0 ? new $T() : new $T(selectorValue, in.bytes())", record, unknown);
        }
        List<CodeBlock> args = new ArrayList<>();
        if (f.fixedHeader().isPresent()) {
            ClassName struct = plan.struct(f.fixedHeader().get());
            args.add(
                    f.attributeSet().isPresent()
                            ? CodeBlock.of("$T.decode(in.payloadHeader($T.SIZE))", struct, struct)
                            : CodeBlock.of("$T.decode(in.struct($T.SIZE))", struct, struct));
        }
        if (f.attributeSet().isPresent()) {
            String setName = f.attributeSet().get();
            ClassName set = plan.attributeSet(setName);
            CodeBlock nested = f.fixedHeader().isPresent()
                    ? CodeBlock.of(
                            "in.nestedAfter($T.SIZE)",
                            plan.struct(f.fixedHeader().get()))
                    : CodeBlock.of("in.nested()");
            args.add(
                    plan.needsSelectors(setName)
                            ? CodeBlock.of("$T.decode($L, sel)", set, nested)
                            : CodeBlock.of("$T.decode($L)", set, nested));
        }
        return CodeBlock.of("new $T($L)", record, CodeBlock.join(args, ", "));
    }

    // Emits:
    // public record LinkinfoDataMsgVlan(LinkinfoVlanAttrs attributes) implements LinkinfoDataMsg {
    //     public static final String SELECTOR_VALUE = "vlan";
    //     public void encode(MessageWriter out, int type) { int nest = out.beginNest(type); … }
    // }
    private static TypeSpec formatRecord(
            FamilyPlan plan, SubMessage sm, SubMessage.Format f, ClassName iface, ClassName record) {
        StringBuilder doc = new StringBuilder("The {@code ")
                .append(f.value())
                .append("} format of the sub-message {@code ")
                .append(sm.name())
                .append("}: ");
        MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        MethodSpec.Builder encode = MethodSpec.methodBuilder("encode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.MESSAGE_WRITER, "out")
                .addParameter(TypeName.INT, "type");
        List<String> params = new ArrayList<>();
        if (f.fixedHeader().isPresent()) {
            ClassName struct = plan.struct(f.fixedHeader().get());
            doc.append("the fixed header {@code ").append(f.fixedHeader().get()).append("}");
            params.add("@param header the fixed header");
            ctor.addParameter(ParameterSpec.builder(struct, "header").build())
                    .addStatement("$T.requireNonNull(header, $S)", Objects.class, "header");
        }
        if (f.attributeSet().isPresent()) {
            ClassName set = plan.attributeSet(f.attributeSet().get());
            doc.append(f.fixedHeader().isPresent() ? ", then " : "")
                    .append("the attributes of {@code ")
                    .append(f.attributeSet().get())
                    .append("}");
            params.add("@param attributes the attributes");
            ctor.addParameter(ParameterSpec.builder(set, "attributes").build())
                    .addStatement("$T.requireNonNull(attributes, $S)", Objects.class, "attributes");
            encode.addStatement("int nest = out.beginNest(type)");
            if (f.fixedHeader().isPresent()) {
                encode.addStatement("header.encode(out.fixedHeader(header.encodedSize()))");
            }
            encode.addStatement("attributes.encode(out)").addStatement("out.endNest(nest)");
        } else if (f.fixedHeader().isPresent()) {
            encode.addStatement("header.encode(out.struct(type, header.encodedSize()))");
        } else {
            doc.append("no payload");
            encode.addStatement("out.bytes(type, new byte[0])");
        }
        doc.append(".\n");
        if (!params.isEmpty()) {
            doc.append("\n").append(String.join("\n", params)).append("\n");
        }
        TypeSpec.Builder type = TypeSpec.recordBuilder(record)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AttrSetEmitter.generated(plan.family()))
                .addSuperinterface(iface)
                .addJavadoc("$L", doc)
                .addField(FieldSpec.builder(
                                String.class, "SELECTOR_VALUE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The selector value of this format.\n")
                        .initializer("$S", f.value())
                        .build());
        type.recordConstructor(ctor.build());
        type.addMethod(MethodSpec.methodBuilder("selectorValue")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return SELECTOR_VALUE")
                .build());
        type.addMethod(encode.build());
        return type.build();
    }

    // Emits:
    // public record LinkinfoDataMsgUnknown(String selector, Bytes payload) implements LinkinfoDataMsg { … }
    private static TypeSpec unknownRecord(Family family, SubMessage sm, ClassName iface, ClassName record) {
        MethodSpec ctor = MethodSpec.compactConstructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addParameter(String.class, "selector")
                .addParameter(RuntimeNames.BYTES, "payload")
                .addStatement("$T.requireNonNull(selector, $S)", Objects.class, "selector")
                .addStatement("$T.requireNonNull(payload, $S)", Objects.class, "payload")
                .build();
        return TypeSpec.recordBuilder(record)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AttrSetEmitter.generated(family))
                .addSuperinterface(iface)
                .addJavadoc(
                        "The sub-message {@code $L} with a selector value its spec does not list (or a payload its\n"
                                + "format cannot hold): the payload as received, encoded again as a plain attribute.\n\n"
                                + "@param selector the selector's value\n@param payload the attribute's payload\n",
                        sm.name())
                .recordConstructor(ctor)
                .addMethod(MethodSpec.methodBuilder("selectorValue")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return selector")
                        .build())
                .addMethod(MethodSpec.methodBuilder("encode")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(RuntimeNames.MESSAGE_WRITER, "out")
                        .addParameter(TypeName.INT, "type")
                        .addStatement("out.bytes(type, payload)")
                        .build())
                .build();
    }
}
