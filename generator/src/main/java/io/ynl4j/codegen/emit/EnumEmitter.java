package io.ynl4j.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.plan.JavaNames;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.EnumEntry;
import io.ynl4j.spec.Family;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Emits a Java enum for an {@code enum} or {@code flags} definition. Flags implement
 * {@code NetlinkFlag} (bit number and mask) and offer {@code of(long)} returning a {@code FlagSet}
 * that keeps unknown bits; enums implement {@code NetlinkEnum} and offer {@code of(long)} returning
 * an {@code EnumValue} that keeps unknown numbers.
 */
public final class EnumEmitter {
    private EnumEmitter() {}

    // Emits:
    // public enum IfaFlags implements NetlinkFlag {
    //     /** {@code IFA_F_SECONDARY} (bit 0, 0x1): doc */
    //     SECONDARY(0, "secondary"), …;
    //     public static FlagSet<IfaFlags> of(long raw) { … }
    // }
    /**
     * The enum type for a definition.
     *
     * @param family the family
     * @param def the definition
     * @param name the Java simple name
     * @return the type
     */
    public static TypeSpec emit(Family family, Definition.Enum def, ClassName name) {
        TypeSpec.Builder type = TypeSpec.enumBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED)
                        .addMember("spec", "$S", family.file().replaceAll(".*/", ""))
                        .build())
                .addSuperinterface(def.flags() ? RuntimeNames.NETLINK_FLAG : RuntimeNames.NETLINK_ENUM);
        if (!def.flags()) {
            // Some attributes use a plain enum "as flags" (enum-as-flags): value n stands for bit n.
            type.addSuperinterface(RuntimeNames.NETLINK_FLAG);
        }
        StringBuilder doc = new StringBuilder();
        if (!def.doc().isBlank()) {
            doc.append(Javadocs.sanitize(def.doc())).append("\n\n<p>");
        }
        doc.append("The ")
                .append(def.flags() ? "flags" : "enum")
                .append(" {@code ")
                .append(def.name())
                .append("} of the {@code ")
                .append(family.name())
                .append("} family.");
        if (def.flags()) {
            doc.append(" Values are bit numbers; {@link #mask()} is the value on the wire.");
        }
        type.addJavadoc("$L\n", doc);

        Set<String> used = new HashSet<>();
        for (EnumEntry e : def.entries()) {
            String constant = JavaNames.constantName(e.name());
            while (!used.add(constant)) {
                constant = constant + "_";
            }
            StringBuilder entryDoc = new StringBuilder("{@code ")
                    .append(JavaNames.enumEntryConstant(family, def, e))
                    .append("} (");
            if (def.flags()) {
                entryDoc.append("bit ")
                        .append(e.value())
                        .append(", mask 0x")
                        .append(Long.toHexString(def.wireValue(e, false)));
            } else {
                entryDoc.append(e.value());
            }
            entryDoc.append(")");
            if (!e.doc().isBlank()) {
                entryDoc.append(": ").append(Javadocs.sanitize(e.doc()));
            }
            type.addEnumConstant(
                    constant,
                    TypeSpec.anonymousClassBuilder("$L, $S", literal(e.value()), e.name())
                            .addJavadoc("$L\n", entryDoc)
                            .build());
        }

        String field = def.flags() ? "bit" : "value";
        TypeName fieldType = def.flags() ? TypeName.INT : TypeName.LONG;
        type.addField(fieldType, field, Modifier.PRIVATE, Modifier.FINAL);
        type.addField(String.class, "specName", Modifier.PRIVATE, Modifier.FINAL);
        type.addField(
                FieldSpec.builder(ArrayTypeName.of(name), "VALUES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("values()")
                        .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addParameter(def.flags() ? TypeName.INT : TypeName.LONG, field)
                .addParameter(String.class, "specName")
                .addStatement("this.$N = $N", field, field)
                .addStatement("this.specName = specName")
                .build());
        if (def.flags()) {
            type.addMethod(MethodSpec.methodBuilder("bit")
                    .addJavadoc("The bit number.\n\n@return the bit\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.INT)
                    .addStatement("return bit")
                    .build());
            type.addMethod(MethodSpec.methodBuilder("mask")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.LONG)
                    .addStatement("return 1L << bit")
                    .build());
            ParameterizedTypeName set = ParameterizedTypeName.get(RuntimeNames.FLAG_SET, name);
            type.addMethod(MethodSpec.methodBuilder("of")
                    .addJavadoc(
                            "The flags of raw bits; unknown bits are kept.\n\n@param raw the bits\n@return the set\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(set)
                    .addParameter(TypeName.LONG, "raw")
                    .addStatement("return $T.of(raw, VALUES)", RuntimeNames.FLAG_SET)
                    .build());
            type.addMethod(MethodSpec.methodBuilder("of")
                    .addJavadoc("A set of flags.\n\n@param flags the flags\n@return the set\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .varargs()
                    .returns(set)
                    .addParameter(ArrayTypeName.of(name), "flags")
                    .addStatement("return $T.of(VALUES, flags)", RuntimeNames.FLAG_SET)
                    .build());
        } else {
            type.addMethod(MethodSpec.methodBuilder("mask")
                    .addJavadoc(
                            "The bit this entry stands for where the enum is used as flags ({@code enum-as-flags}):\n"
                                    + "{@code 1 << value()}, or 0 when the value is not a bit number.\n\n@return the mask\n")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.LONG)
                    .addStatement("return value >= 0 && value < 64 ? 1L << value : 0")
                    .build());
            type.addMethod(MethodSpec.methodBuilder("flags")
                    .addJavadoc(
                            "The entries of a bit mask, for attributes that use this enum as flags; unknown bits are\n"
                                    + "kept.\n\n@param raw the bits\n@return the set\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(ParameterizedTypeName.get(RuntimeNames.FLAG_SET, name))
                    .addParameter(TypeName.LONG, "raw")
                    .addStatement("return $T.of(raw, VALUES)", RuntimeNames.FLAG_SET)
                    .build());
            type.addMethod(MethodSpec.methodBuilder("value")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.LONG)
                    .addStatement("return value")
                    .build());
            type.addMethod(MethodSpec.methodBuilder("of")
                    .addJavadoc("The value of a raw number; unknown numbers are kept.\n\n@param raw the number\n"
                            + "@return the value\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(ParameterizedTypeName.get(RuntimeNames.ENUM_VALUE, name))
                    .addParameter(TypeName.LONG, "raw")
                    .addStatement("return $T.of(raw, VALUES)", RuntimeNames.ENUM_VALUE)
                    .build());
            type.addMethod(MethodSpec.methodBuilder("fromValue")
                    .addJavadoc("The entry with a value.\n\n@param raw the number\n@return the entry, if any\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(ParameterizedTypeName.get(ClassName.get(Optional.class), name))
                    .addParameter(TypeName.LONG, "raw")
                    .beginControlFlow("for ($T e : VALUES)", name)
                    .beginControlFlow("if (e.value == raw)")
                    .addStatement("return $T.of(e)", Optional.class)
                    .endControlFlow()
                    .endControlFlow()
                    .addStatement("return $T.empty()", Optional.class)
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder("specName")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return specName")
                .build());
        type.addMethod(MethodSpec.methodBuilder("fromSpecName")
                .addJavadoc(
                        "The entry with a spec name.\n\n@param name e.g. {@code $L}\n@return the entry, if any\n",
                        def.entries().isEmpty() ? "x" : def.entries().get(0).name())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ClassName.get(Optional.class), name))
                .addParameter(String.class, "name")
                .beginControlFlow("for ($T e : VALUES)", name)
                .beginControlFlow("if (e.specName.equals(name))")
                .addStatement("return $T.of(e)", Optional.class)
                .endControlFlow()
                .endControlFlow()
                .addStatement("return $T.empty()", Optional.class)
                .build());
        return type.build();
    }

    private static String literal(long v) {
        return v == (int) v ? Long.toString(v) : v + "L";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
