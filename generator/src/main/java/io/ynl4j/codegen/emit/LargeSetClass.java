package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.emit.AttrFields.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The record-like members of an attribute set too large for a record (more components than a
 * constructor can take): private final fields, a constructor from the builder, accessors named
 * like record components, and value-based {@code equals}, {@code hashCode} and {@code toString}.
 */
final class LargeSetClass {
    private LargeSetClass() {}

    // Emits:
    // private final Optional<Long> wiphy; …
    // private Nl80211Attrs(Builder b) { this.wiphy = Objects.requireNonNull(b.wiphy, "wiphy"); … }
    // public OptionalLong wiphy() { return wiphy; } …
    // equals, hashCode, toString over every field
    static void addMembers(TypeSpec.Builder type, ClassName name, List<Field> components) {
        ClassName builder = name.nestedClass("Builder");
        MethodSpec.Builder ctor =
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(builder, "b");
        List<String> names = new ArrayList<>();
        for (Field f : components) {
            TypeName t = AttrFields.type(f);
            names.add(f.name());
            type.addField(FieldSpec.builder(t, f.name(), Modifier.PRIVATE, Modifier.FINAL)
                    .build());
            if (AttrSetEmitter.isList(f)) {
                ctor.addStatement(
                        "this.$N = $T.copyOf($T.requireNonNull(b.$N, $S))",
                        f.name(),
                        List.class,
                        Objects.class,
                        f.name(),
                        f.name());
            } else if (t.isPrimitive()) {
                ctor.addStatement("this.$N = b.$N", f.name(), f.name());
            } else {
                ctor.addStatement("this.$N = $T.requireNonNull(b.$N, $S)", f.name(), Objects.class, f.name(), f.name());
            }
            type.addMethod(MethodSpec.methodBuilder(f.name())
                    .addJavadoc("$L\n\n@return the value\n", AttrFields.javadoc(f))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(t)
                    .addStatement("return $N", f.name())
                    .build());
        }
        names.add("unknown");
        type.addField(FieldSpec.builder(RuntimeNames.UNKNOWN_ATTRIBUTES, "unknown", Modifier.PRIVATE, Modifier.FINAL)
                .build());
        ctor.addStatement("this.unknown = $T.requireNonNull(b.unknown, $S)", Objects.class, "unknown");
        type.addMethod(ctor.build());
        type.addMethod(MethodSpec.methodBuilder("unknown")
                .addJavadoc(
                        "Attributes received that the set does not list, kept verbatim.\n\n@return the attributes\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(RuntimeNames.UNKNOWN_ATTRIBUTES)
                .addStatement("return unknown")
                .build());

        CodeBlock.Builder equal = CodeBlock.builder();
        CodeBlock.Builder hash = CodeBlock.builder();
        CodeBlock.Builder text = CodeBlock.builder();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            equal.add(i == 0 ? "$T.equals($N, o.$N)" : "\n&& $T.equals($N, o.$N)", Objects.class, n, n);
            hash.add(i == 0 ? "$N" : ",\n$N", n);
            text.add(i == 0 ? "$S + $N" : "\n+ $S + $N", (i == 0 ? name.simpleName() + "[" : ", ") + n + "=", n);
        }
        type.addMethod(MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(Object.class, "other")
                .addStatement("return other instanceof $T o\n$>&& $L$<", name, equal.build())
                .build());
        type.addMethod(MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addStatement("return $T.hash(\n$>$L$<)", Objects.class, hash.build())
                .build());
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return $L\n$>+ $S$<", text.build(), "]")
                .build());
    }
}
