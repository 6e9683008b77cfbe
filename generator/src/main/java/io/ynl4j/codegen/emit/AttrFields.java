package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.ynl4j.codegen.emit.AttrValues.ReadContext;
import io.ynl4j.codegen.emit.AttrValues.Value;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.codegen.plan.JavaNames;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.Attribute;
import io.ynl4j.spec.AttributeSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The attributes of a set as record components: each attribute's shape, Java type, and the code
 * that decodes, encodes and defaults it. Shared by the set records and (later) message records,
 * which list a subset of a set's attributes.
 *
 * <p>Shapes: {@code unused} and {@code pad} have no component (their constants still exist; pads
 * received are skipped, unused ids kept as unknown); {@code flag} is a {@code boolean}; a {@code
 * multi-attr} attribute is a {@code List} of every occurrence in order; an attribute with {@code
 * type-value} levels ({@code nest-type-value}, ethtool's {@code stat}) is a {@code List} of entry
 * records holding the attribute type of each level and the innermost value; anything else is an
 * {@code Optional} (primitive optionals for integers; an indexed array is a plain {@code List}) in
 * which the last occurrence wins, as with the kernel's {@code nla_parse}.
 */
final class AttrFields {
    private AttrFields() {}

    /** How an attribute maps to a component. */
    enum Shape {
        NONE,
        FLAG,
        SINGLE,
        MULTI,
        ENTRIES
    }

    /**
     * One attribute as a component.
     *
     * @param attr the attribute
     * @param constant the uapi constant's name
     * @param name the component name (empty for {@link Shape#NONE})
     * @param shape the shape
     * @param value the element's value kind ({@code null}-free: empty for NONE and FLAG)
     * @param entry the entry record, for {@link Shape#ENTRIES}
     */
    record Field(
            Attribute attr,
            String constant,
            String name,
            Shape shape,
            Optional<Value> value,
            Optional<TypeValueEntries.Entry> entry) {
        Value v() {
            return value.orElseThrow();
        }
    }

    /** Component names that would clash with members every record or our records have. */
    private static final Set<String> RESERVED = Set.of(
            "unknown",
            "builder",
            "toBuilder",
            "hashCode",
            "toString",
            "equals",
            "getClass",
            "notify",
            "notifyAll",
            "wait",
            "clone",
            "finalize");

    /**
     * The fields of every attribute of a set, in spec order.
     *
     * @param plan the family plan
     * @param set the set
     * @param owner the record that will hold the components (entry records nest in it)
     * @return the fields
     */
    static List<Field> of(FamilyPlan plan, AttributeSet set, ClassName owner) {
        List<Field> out = new ArrayList<>();
        Set<String> names = new HashSet<>(RESERVED);
        Set<String> constants = new HashSet<>();
        Set<String> nested = new HashSet<>(Set.of("Builder", owner.simpleName()));
        for (Attribute a : set.attributes()) {
            String constant = JavaNames.attributeConstant(plan.family(), set, a.name());
            while (!constants.add(constant)) {
                constant = constant + "_";
            }
            AttrType t = a.type();
            if (t instanceof AttrType.Unused || t instanceof AttrType.Pad) {
                out.add(new Field(a, constant, "", Shape.NONE, Optional.empty(), Optional.empty()));
                continue;
            }
            String name = JavaNames.memberName(a.name());
            while (!names.add(name)) {
                name = name + "_";
            }
            if (t instanceof AttrType.Flag) {
                out.add(new Field(a, constant, name, Shape.FLAG, Optional.empty(), Optional.empty()));
                continue;
            }
            Value value = AttrValues.of(plan, t, a.checks().unterminatedOk());
            List<String> levels = t instanceof AttrType.NestTypeValue n ? n.typeValue() : a.typeValue();
            if (!levels.isEmpty()) {
                String entryName = JavaNames.typeName(a.name());
                while (!nested.add(entryName)) {
                    entryName = entryName + "Entry";
                }
                List<String> keys = new ArrayList<>();
                Set<String> used = new HashSet<>(RESERVED);
                for (String level : levels) {
                    String k = JavaNames.memberName(level);
                    while (!used.add(k)) {
                        k = k + "_";
                    }
                    keys.add(k);
                }
                String v = "value";
                while (!used.add(v)) {
                    v = v + "_";
                }
                TypeValueEntries.Entry entry =
                        new TypeValueEntries.Entry(owner.nestedClass(entryName), levels, keys, v);
                out.add(new Field(a, constant, name, Shape.ENTRIES, Optional.of(value), Optional.of(entry)));
            } else {
                Shape shape = a.multiAttr() ? Shape.MULTI : Shape.SINGLE;
                out.add(new Field(a, constant, name, shape, Optional.of(value), Optional.empty()));
            }
        }
        return out;
    }

    /**
     * The component's Java type.
     *
     * @param f the field
     * @return the type
     */
    static TypeName type(Field f) {
        return switch (f.shape()) {
            case NONE ->
                throw new IllegalArgumentException(
                        "no component for " + f.attr().name());
            case FLAG -> TypeName.BOOLEAN;
            case SINGLE -> {
                TypeName t = f.v().type();
                if (t.equals(TypeName.INT)) {
                    yield ClassName.get(OptionalInt.class);
                } else if (t.equals(TypeName.LONG)) {
                    yield ClassName.get(OptionalLong.class);
                } else if (f.v() instanceof NestedValues.Indexed) {
                    yield t;
                }
                yield ParameterizedTypeName.get(ClassName.get(Optional.class), t);
            }
            case MULTI -> list(f.v().type().box());
            case ENTRIES -> list(f.entry().orElseThrow().name());
        };
    }

    private static TypeName list(TypeName element) {
        return ParameterizedTypeName.get(ClassName.get(List.class), element);
    }

    /**
     * The value of an absent attribute: the builder's default and the decoder's start.
     *
     * @param f the field
     * @return the expression
     */
    static CodeBlock empty(Field f) {
        return switch (f.shape()) {
            case NONE ->
                throw new IllegalArgumentException(
                        "no component for " + f.attr().name());
            case FLAG -> CodeBlock.of("false");
            case MULTI, ENTRIES -> CodeBlock.of("$T.of()", List.class);
            case SINGLE -> {
                TypeName t = type(f);
                if (t instanceof ParameterizedTypeName p) {
                    yield CodeBlock.of(
                            "$T.$L()", p.rawType(), p.rawType().equals(ClassName.get(List.class)) ? "of" : "empty");
                }
                yield CodeBlock.of("$T.empty()", t);
            }
        };
    }

    /**
     * How the decoder declares its local for the field.
     *
     * @param f the field
     * @param local the local's name
     * @return the declaration statement
     */
    static CodeBlock declareLocal(Field f, String local) {
        return switch (f.shape()) {
            case MULTI, ENTRIES -> CodeBlock.of("$T $N = new $T<>();\n", type(f), local, ArrayList.class);
            default -> CodeBlock.of("$T $N = $L;\n", type(f), local, empty(f));
        };
    }

    /**
     * The body of the decoder's {@code case} for the field, reading the current attribute of
     * {@code reader} into {@code local}.
     *
     * @param f the field
     * @param ctx the method's context
     * @param local the local holding the field's value
     * @param reader the reader positioned on the attribute
     * @return the statements
     */
    static CodeBlock decode(Field f, ReadContext ctx, String local, String reader) {
        return switch (f.shape()) {
            case NONE -> CodeBlock.of("// padding: nothing to keep\n");
            case FLAG -> CodeBlock.of("$N = true;\n", local);
            case SINGLE -> {
                TypeName t = type(f);
                if (f.v() instanceof NestedValues.Indexed) {
                    yield f.v().read(ctx, reader, v -> CodeBlock.of("$N = $L;\n", local, v));
                }
                ClassName raw = t instanceof ParameterizedTypeName p ? p.rawType() : (ClassName) t;
                yield f.v().read(ctx, reader, v -> CodeBlock.of("$N = $T.of($L);\n", local, raw, v));
            }
            case MULTI -> f.v().read(ctx, reader, v -> CodeBlock.of("$N.add($L);\n", local, v));
            case ENTRIES -> TypeValueEntries.decode(f, ctx, local, reader);
        };
    }

    /**
     * Statements writing the field's component (read as {@code this.<name>}) as attribute
     * {@code type}; nothing when absent.
     *
     * @param f the field
     * @param locals the method's locals
     * @param type the attribute type expression (the constant)
     * @return the statements
     */
    static CodeBlock encode(Field f, Locals locals, CodeBlock type) {
        CodeBlock self = CodeBlock.of("this.$N", f.name());
        CodeBlock.Builder code = CodeBlock.builder();
        switch (f.shape()) {
            case NONE -> {}
            case FLAG ->
                code.beginControlFlow("if ($L)", self)
                        .addStatement("out.flag($L)", type)
                        .endControlFlow();
            case SINGLE -> {
                TypeName t = type(f);
                if (f.v() instanceof NestedValues.Indexed) {
                    code.beginControlFlow("if (!$L.isEmpty())", self).add(f.v().write(locals, type, self));
                } else {
                    String get = t.equals(ClassName.get(OptionalInt.class))
                            ? "getAsInt"
                            : t.equals(ClassName.get(OptionalLong.class)) ? "getAsLong" : "get";
                    code.beginControlFlow("if ($L.isPresent())", self)
                            .add(f.v().write(locals, type, CodeBlock.of("$L.$L()", self, get)));
                }
                code.endControlFlow();
            }
            case MULTI -> {
                String item = locals.fresh("item");
                code.beginControlFlow("for ($T $N : $L)", f.v().type().box(), item, self)
                        .add(f.v().write(locals, type, CodeBlock.of("$N", item)))
                        .endControlFlow();
            }
            case ENTRIES -> code.add(TypeValueEntries.encode(f, locals, type, self));
        }
        return code.build();
    }

    /**
     * The Javadoc of the component: uapi constant, type, doc.
     *
     * @param f the field
     * @return the text, one line
     */
    static String javadoc(Field f) {
        StringBuilder doc = new StringBuilder("{@code ").append(f.constant()).append("} (");
        switch (f.shape()) {
            case NONE -> doc.append(f.attr().type().specName());
            case FLAG -> doc.append("flag: present or not");
            case SINGLE -> doc.append(f.v().describe());
            case MULTI -> doc.append(f.v().describe()).append(", multi-attr: every occurrence, in order");
            case ENTRIES -> {
                TypeValueEntries.Entry e = f.entry().orElseThrow();
                doc.append(f.attr().type() instanceof AttrType.NestTypeValue ? "nest-type-value" : "type-value")
                        .append(": one {@link ")
                        .append(e.name().simpleName())
                        .append("} per ")
                        .append(f.v().describe())
                        .append(", keyed by the attribute types of the levels ")
                        .append(String.join(", ", e.levels()))
                        .append(")");
                return withDoc(doc, f);
            }
        }
        doc.append(")");
        return withDoc(doc, f);
    }

    private static String withDoc(StringBuilder doc, Field f) {
        if (!f.attr().doc().isBlank()) {
            doc.append(": ").append(Javadocs.sanitize(f.attr().doc()).replace("\n", " "));
        }
        return doc.toString();
    }
}
