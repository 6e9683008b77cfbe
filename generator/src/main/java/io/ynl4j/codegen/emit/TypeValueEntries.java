package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.emit.AttrFields.Field;
import io.ynl4j.codegen.emit.AttrValues.ReadContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Attributes whose nest levels carry values in their attribute types ({@code type-value}): nlctrl's
 * {@code policy} ({@code nest-type-value} keyed by policy id and attribute id, the innermost value
 * a {@code policy-attrs} nest) and ethtool's {@code stat} (a u64 keyed by a stat id). Each becomes a
 * {@code List} of an entry record nested in the owner: {@code Policy(long policyId, long attrId,
 * PolicyAttrs value)}, {@code Stat(long id, long value)}. Every occurrence of the attribute adds
 * its entries.
 */
final class TypeValueEntries {
    private TypeValueEntries() {}

    /**
     * A type-value entry record nested in the owner.
     *
     * @param name the record
     * @param levels the spec names of the levels ({@code type-value})
     * @param keys the component names of the levels
     * @param value the component name of the innermost value
     */
    record Entry(ClassName name, List<String> levels, List<String> keys, String value) {}

    /**
     * The decoder's {@code case} body: one entry per innermost attribute, keyed by the attribute
     * types of the levels above it.
     *
     * @param f the field
     * @param ctx the method's context
     * @param local the list collecting the entries
     * @param reader the reader positioned on the attribute
     * @return the statements
     */
    static CodeBlock decode(Field f, ReadContext ctx, String local, String reader) {
        Entry e = f.entry().orElseThrow();
        CodeBlock.Builder code = CodeBlock.builder();
        List<String> levels = new ArrayList<>();
        String outer = reader;
        for (int i = 0; i < e.levels().size(); i++) {
            String level = ctx.locals().fresh("level" + i);
            code.addStatement("$T $N = $N.nested()", RuntimeNames.ATTR_READER, level, outer);
            code.beginControlFlow("while ($N.next())", level);
            levels.add(level);
            outer = level;
        }
        CodeBlock.Builder keys = CodeBlock.builder();
        for (String level : levels) {
            keys.add("$N.type(), ", level);
        }
        CodeBlock keyArgs = keys.build();
        code.add(f.v().read(ctx, outer, v -> CodeBlock.of("$N.add(new $T($L$L));\n", local, e.name(), keyArgs, v)));
        for (int i = 0; i < levels.size(); i++) {
            code.endControlFlow();
        }
        return code.build();
    }

    /**
     * The encoder's statements: one outer attribute per entry (as the kernel sends ethtool's stats
     * and nlctrl's policies), a nest per level, the value typed with the innermost key.
     *
     * @param f the field
     * @param locals the method's locals
     * @param type the attribute type expression
     * @param self the component expression
     * @return the statements
     */
    static CodeBlock encode(Field f, Locals locals, CodeBlock type, CodeBlock self) {
        CodeBlock.Builder code = CodeBlock.builder();
        Entry e = f.entry().orElseThrow();
        String entry = locals.fresh("entry");
        code.beginControlFlow("for ($T $N : $L)", e.name(), entry, self);
        String nest = locals.fresh("nest");
        code.addStatement("int $N = out.beginNest($L)", nest, type);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < e.keys().size() - 1; i++) {
            String level = locals.fresh("level" + i);
            code.addStatement(
                    "int $N = out.beginNest((int) $N.$N())",
                    level,
                    entry,
                    e.keys().get(i));
            opened.add(0, level);
        }
        code.add(f.v().write(
                        locals,
                        CodeBlock.of(
                                "(int) $N.$N()", entry, e.keys().get(e.keys().size() - 1)),
                        CodeBlock.of("$N.$N()", entry, e.value())));
        for (String level : opened) {
            code.addStatement("out.endNest($N)", level);
        }
        code.addStatement("out.endNest($N)", nest).endControlFlow();
        return code.build();
    }

    // Emits:
    // public record Policy(long policyId, long attrId, PolicyAttrs value) {
    //     public Policy { … each key is an attribute type, 0 to 16383 … }
    // }
    /**
     * The entry record of a type-value field.
     *
     * @param f the field
     * @return the nested record
     */
    static TypeSpec entryRecord(Field f) {
        Entry e = f.entry().orElseThrow();
        StringBuilder doc = new StringBuilder("One entry of {@code ")
                .append(f.attr().name())
                .append("}: the attribute types of its nest levels and the innermost value.\n");
        MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        for (int i = 0; i < e.keys().size(); i++) {
            String k = e.keys().get(i);
            doc.append("\n@param ")
                    .append(k)
                    .append(" {@code ")
                    .append(e.levels().get(i))
                    .append("}: the attribute type of level ")
                    .append(i + 1);
            ctor.addParameter(ParameterSpec.builder(TypeName.LONG, k).build());
            ctor.beginControlFlow("if ($N < 0 || $N > 0x3fff)", k, k)
                    .addStatement(
                            "throw new $T($S + $N)",
                            IllegalArgumentException.class,
                            k + " is an attribute type, 0 to 16383, got ",
                            k)
                    .endControlFlow();
        }
        doc.append("\n@param ")
                .append(e.value())
                .append(" the value (")
                .append(f.v().describe())
                .append(")");
        TypeName vt = f.v().type();
        ctor.addParameter(ParameterSpec.builder(vt, e.value()).build());
        if (!vt.isPrimitive()) {
            ctor.addStatement("$T.requireNonNull($N, $S)", Objects.class, e.value(), e.value());
        }
        return TypeSpec.recordBuilder(e.name())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("$L\n", doc)
                .recordConstructor(ctor.build())
                .build();
    }
}
