package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.emit.AttrFields.Field;
import io.ynl4j.codegen.emit.AttrFields.Shape;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.AttributeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.lang.model.element.Modifier;

/** The codec and builder parts of an attribute-set record (see {@link AttrSetEmitter}). */
final class AttrSetCodec {
    private AttrSetCodec() {}

    // Emits:
    // public static LinkinfoAttrs decode(AttrReader in) { return decode(in, Selectors.none()); }
    // public static LinkinfoAttrs decode(AttrReader in, Selectors outer) {
    //     Selectors sel = selectors(in, outer);
    //     Optional<String> kind = Optional.empty(); …
    //     while (in.next()) { switch (in.type()) { case IFLA_INFO_KIND -> kind = Optional.of(in.string()); … } }
    //     return new LinkinfoAttrs(kind, …, unknown.build());
    // }
    // static Selectors selectors(AttrReader in, Selectors outer) { … scans for kind, slave-kind … }
    // public void encode(MessageWriter out) { … }
    static void addCodec(
            TypeSpec.Builder type,
            FamilyPlan plan,
            AttributeSet set,
            ClassName name,
            List<Field> fields,
            boolean asClass) {
        boolean needsSelectors = plan.needsSelectors(set.name());
        List<String> declared = plan.selectorsDeclared(set.name());
        MethodSpec.Builder decode = MethodSpec.methodBuilder("decode")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(name)
                .addParameter(RuntimeNames.ATTR_READER, "in");
        String decodeDoc = "Decodes a run of attributes of this set (a nest's payload). Unknown attributes are kept;\n"
                + "of a repeated attribute the last counts, unless it is multi-attr.\n\n"
                + "@param in a reader over the attributes, not yet advanced\n";
        if (needsSelectors) {
            type.addMethod(decode.addJavadoc(
                            "$L@return the record\n",
                            decodeDoc.replace(
                                    "unless it is multi-attr.\n",
                                    "unless it is multi-attr. Only this\nset and the sets inside it select"
                                            + " sub-message formats.\n"))
                    .addStatement("return decode(in, $T.none())", RuntimeNames.SELECTORS)
                    .build());
            decode = MethodSpec.methodBuilder("decode")
                    .addJavadoc(
                            "$L@param outer the selectors of the enclosing sets\n@return the record\n",
                            decodeDoc.replace(
                                    "unless it is multi-attr.\n",
                                    "unless it is multi-attr. Sub-message\nformats are chosen by the selectors"
                                            + " of this set and, failing that, of {@code outer}.\n"))
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(name)
                    .addParameter(RuntimeNames.ATTR_READER, "in")
                    .addParameter(RuntimeNames.SELECTORS, "outer");
        } else {
            decode.addJavadoc("$L@return the record\n", decodeDoc);
        }

        Locals locals = new Locals("in", "outer", "sel", "unknown");
        if (needsSelectors) {
            decode.addStatement(
                    declared.isEmpty() ? "$T sel = outer" : "$T sel = selectors(in, outer)", RuntimeNames.SELECTORS);
        }
        Map<Field, String> local = new LinkedHashMap<>();
        for (Field f : fields) {
            if (f.shape() != Shape.NONE) {
                String l = locals.claim(f.name());
                local.put(f, l);
                decode.addCode(AttrFields.declareLocal(f, l));
            }
        }
        decode.addStatement(
                "$T.Builder unknown = $T.builder()", RuntimeNames.UNKNOWN_ATTRIBUTES, RuntimeNames.UNKNOWN_ATTRIBUTES);
        decode.beginControlFlow("while (in.next())").beginControlFlow("switch (in.type())");
        for (Field f : fields) {
            if (f.shape() == Shape.NONE && !(f.attr().type() instanceof AttrType.Pad)) {
                continue; // unused ids: kept as unknown
            }
            CodeBlock body = AttrFields.decode(f, AttrSetEmitter.readContext(locals), local.getOrDefault(f, ""), "in");
            String text = body.toString();
            if (text.indexOf('\n') == text.length() - 1 && text.endsWith(";\n") && !text.startsWith("//")) {
                decode.addCode("case $N -> $L", f.constant(), body); // one statement: no block needed
            } else {
                decode.beginControlFlow("case $N ->", f.constant())
                        .addCode(body)
                        .endControlFlow();
            }
        }
        decode.addStatement("default -> unknown.add($T.of(in))", RuntimeNames.RAW_ATTRIBUTE);
        decode.endControlFlow().endControlFlow();
        if (asClass) {
            String b = locals.fresh("b");
            decode.addStatement("$T $N = new $T()", name.nestedClass("Builder"), b, name.nestedClass("Builder"));
            for (Map.Entry<Field, String> e : local.entrySet()) {
                decode.addStatement("$N.$N = $N", b, e.getKey().name(), e.getValue());
            }
            decode.addStatement("$N.unknown = unknown.build()", b);
            decode.addStatement("return $N.build()", b);
        } else {
            CodeBlock.Builder args = CodeBlock.builder();
            for (String l : local.values()) {
                args.add("$N,\n", l);
            }
            args.add("unknown.build()");
            decode.addStatement("return new $T(\n$L)", name, args.build());
        }
        type.addMethod(decode.build());

        if (!declared.isEmpty()) {
            type.addMethod(selectors(fields, declared));
        }

        MethodSpec.Builder encode = MethodSpec.methodBuilder("encode")
                .addJavadoc("Writes the attributes (not a nest around them): those present, in spec order, then the\n"
                        + "unknown ones. Nests, arrays and sub-messages with attributes get {@code NLA_F_NESTED}.\n\n"
                        + "@param out the writer\n")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.MESSAGE_WRITER, "out");
        Locals encodeLocals = new Locals("out");
        for (Field f : fields) {
            encode.addCode(AttrFields.encode(f, encodeLocals, AttrSetEmitter.constant(f)));
        }
        encode.addStatement("unknown.encode(out)");
        type.addMethod(encode.build());
    }

    private static MethodSpec selectors(List<Field> fields, List<String> declared) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("selectors")
                .addJavadoc(
                        "The selectors in scope for the sub-messages in and below this set: {@code outer}, with\n"
                                + "this set's own selector attributes ($L) found first, wherever they are in the run.\n\n"
                                + "@param in a reader over this set's attributes (not moved)\n"
                                + "@param outer the selectors of the enclosing sets\n@return the selectors\n",
                        String.join(", ", declared))
                .addModifiers(Modifier.STATIC)
                .returns(RuntimeNames.SELECTORS)
                .addParameter(RuntimeNames.ATTR_READER, "in")
                .addParameter(RuntimeNames.SELECTORS, "outer");
        CodeBlock.Builder init = CodeBlock.builder().add("outer");
        for (String d : declared) {
            init.add(".declare($S)", d);
        }
        m.addStatement("$T sel = $L", RuntimeNames.SELECTORS, init.build());
        CodeBlock.Builder cases = CodeBlock.builder();
        for (Field f : fields) {
            if (!declared.contains(f.attr().name()) || f.value().isEmpty()) {
                continue;
            }
            CodeBlock text = switch (f.v()) {
                case AttrValues.Str s -> s.readExpr("scan");
                case AttrValues.Scalar s -> s.selectorText("scan");
                default -> null; // not a string or integer: declared (hiding outer values) but never set
            };
            if (text != null) {
                cases.addStatement(
                        "case $N -> sel = sel.with($S, $L)",
                        f.constant(),
                        f.attr().name(),
                        text);
            }
        }
        CodeBlock c = cases.build();
        if (!c.isEmpty()) {
            m.addStatement("$T scan = in.fromStart()", RuntimeNames.ATTR_READER)
                    .beginControlFlow("while (scan.next())")
                    .beginControlFlow("switch (scan.type())")
                    .addCode(c)
                    .addCode("default -> {}\n")
                    .endControlFlow()
                    .endControlFlow();
        }
        m.addStatement("return sel");
        return m.build();
    }

    // Emits:
    // public static final class Builder { private OptionalLong mcUsers = OptionalLong.empty(); …
    //     public Builder mcUsers(long value) { … } public Builder mcUsers(OptionalLong value) { … } … }
    static void addBuilder(TypeSpec.Builder type, ClassName name, List<Field> components, boolean asClass) {
        addBuilder(type, name, Optional.empty(), components, asClass);
    }

    /**
     * A component before the attributes (a message's fixed header): its name, type, the builder's
     * starting value and the setter's Javadoc.
     */
    record Leading(String name, TypeName type, CodeBlock initial, String doc) {}

    static void addBuilder(
            TypeSpec.Builder type, ClassName name, Optional<Leading> leading, List<Field> components, boolean asClass) {
        ClassName builderName = name.nestedClass("Builder");
        TypeSpec.Builder builder = TypeSpec.classBuilder(builderName)
                .addJavadoc("Builds a {@link $T}; every attribute starts absent.\n", name)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL);
        MethodSpec.Builder copy =
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(name, "from");
        CodeBlock.Builder buildArgs = CodeBlock.builder();
        if (leading.isPresent()) {
            Leading l = leading.get();
            builder.addField(FieldSpec.builder(l.type(), l.name(), Modifier.PRIVATE)
                    .initializer(l.initial())
                    .build());
            copy.addStatement("this.$N = from.$N()", l.name(), l.name());
            buildArgs.add("$N, ", l.name());
            builder.addMethod(MethodSpec.methodBuilder(l.name())
                    .addJavadoc("$L\n\n@param value the value\n@return this builder\n", l.doc())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(builderName)
                    .addParameter(l.type(), "value")
                    .addStatement("this.$N = $T.requireNonNull(value, $S)", l.name(), Objects.class, l.name())
                    .addStatement("return this")
                    .build());
        }
        for (Field f : components) {
            TypeName t = AttrFields.type(f);
            builder.addField(FieldSpec.builder(t, f.name(), Modifier.PRIVATE)
                    .initializer(AttrFields.empty(f))
                    .build());
            copy.addStatement("this.$N = from.$N()", f.name(), f.name());
            buildArgs.add("$N, ", f.name());
            String what = "{@code " + f.attr().name() + "}";
            if (t instanceof ParameterizedTypeName p && p.rawType().equals(ClassName.get(Optional.class))) {
                TypeName element = p.typeArguments().get(0);
                builder.addMethod(
                        setter(builderName, f, element, "Sets " + what + ".", "$T.of(value)", Optional.class));
                if (f.v() instanceof AttrValues.Scalar s && s.use() == AttrValues.EnumUse.VALUE) {
                    builder.addMethod(setter(
                            builderName,
                            f,
                            s.enumType().orElseThrow(),
                            "Sets " + what + " to an entry.",
                            "$T.of($T.of(value))",
                            Optional.class,
                            RuntimeNames.ENUM_VALUE));
                }
                builder.addMethod(setter(
                        builderName,
                        f,
                        t,
                        "Sets " + what + ", or clears it.",
                        "$T.requireNonNull(value, $S)",
                        Objects.class,
                        f.name()));
            } else if (t.equals(ClassName.get(OptionalInt.class)) || t.equals(ClassName.get(OptionalLong.class))) {
                TypeName element = t.equals(ClassName.get(OptionalInt.class)) ? TypeName.INT : TypeName.LONG;
                builder.addMethod(setter(builderName, f, element, "Sets " + what + ".", "$T.of(value)", t));
                builder.addMethod(setter(
                        builderName,
                        f,
                        t,
                        "Sets " + what + ", or clears it.",
                        "$T.requireNonNull(value, $S)",
                        Objects.class,
                        f.name()));
            } else if (AttrSetEmitter.isList(f)) {
                builder.addMethod(
                        setter(builderName, f, t, "Sets " + what + " (copied).", "$T.copyOf(value)", List.class));
            } else {
                builder.addMethod(setter(builderName, f, t, "Sets " + what + ".", "value"));
            }
        }
        builder.addField(FieldSpec.builder(RuntimeNames.UNKNOWN_ATTRIBUTES, "unknown", Modifier.PRIVATE)
                .initializer("$T.NONE", RuntimeNames.UNKNOWN_ATTRIBUTES)
                .build());
        builder.addMethod(MethodSpec.methodBuilder("unknown")
                .addJavadoc("Sets the attributes to encode after the known ones.\n\n@param value the attributes\n"
                        + "@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builderName)
                .addParameter(RuntimeNames.UNKNOWN_ATTRIBUTES, "value")
                .addStatement("this.unknown = $T.requireNonNull(value, $S)", Objects.class, "unknown")
                .addStatement("return this")
                .build());
        copy.addStatement("this.unknown = from.unknown()");
        buildArgs.add("unknown");
        builder.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        builder.addMethod(copy.build());
        builder.addMethod(MethodSpec.methodBuilder("build")
                .addJavadoc("The record.\n\n@return a new record\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(name)
                .addCode(
                        asClass
                                ? CodeBlock.of("return new $T(this);\n", name)
                                : CodeBlock.of("return new $T($L);\n", name, buildArgs.build()))
                .build());
        type.addType(builder.build());
        type.addMethod(MethodSpec.methodBuilder("builder")
                .addJavadoc("A builder with every attribute absent.\n\n@return the builder\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(builderName)
                .addStatement("return new $T()", builderName)
                .build());
        type.addMethod(MethodSpec.methodBuilder("toBuilder")
                .addJavadoc("A builder holding this record's values.\n\n@return the builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builderName)
                .addStatement("return new $T(this)", builderName)
                .build());
    }

    private static MethodSpec setter(
            ClassName builder, Field f, TypeName param, String doc, String format, Object... args) {
        return MethodSpec.methodBuilder(f.name())
                .addJavadoc("$L\n\n@param value the value\n@return this builder\n", doc)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(param, "value")
                .addStatement("this.$N = " + format, prepend(f.name(), args))
                .addStatement("return this")
                .build();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
