package io.ynl4j.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.plan.JavaNames;
import io.ynl4j.spec.ByteOrder;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.IntKind;
import io.ynl4j.spec.StructMember;
import io.ynl4j.spec.StructMember.MemberType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Emits a record for a {@code struct} definition with its C layout: {@code SIZE}, a component per
 * member (padding members are not components; they are written as zeros), {@code decode} from a
 * {@code StructReader}, {@code encode} to a {@code StructWriter}, a builder, and a {@code trailing}
 * component that keeps bytes a kernel sends beyond the spec's size (kernels grow structs).
 *
 * <p>Unsigned values widen: u8/u16 to {@code int}, u32 to {@code long}, u64 to {@code long}
 * holding the bits. Enum-typed members are {@code EnumValue}s, flags-typed ones {@code FlagSet}s.
 */
public final class StructEmitter {
    private StructEmitter() {}

    /** A member as the record sees it. */
    private record Component(StructMember member, String name, TypeName type) {}

    // Emits:
    // public record IfaCacheinfo(long ifaPrefered, long ifaValid, long cstamp, long tstamp, Bytes trailing) {
    //     public static final int SIZE = 16;
    //     public static IfaCacheinfo decode(StructReader in) { … in.u32(0, false) … }
    //     public void encode(StructWriter out) { … }
    // }
    /**
     * The record for a struct.
     *
     * @param family the family
     * @param def the struct
     * @param name the record's name
     * @param types the Java type of each enum and struct definition, by spec name
     * @return the type
     */
    public static TypeSpec emit(
            Family family, Definition.Struct def, ClassName name, Function<String, ClassName> types) {
        List<Component> components = new ArrayList<>();
        List<String> used = new ArrayList<>(List.of("trailing"));
        for (StructMember m : def.members()) {
            if (m.type() instanceof MemberType.Pad) {
                continue;
            }
            String n = JavaNames.memberName(m.name());
            while (used.contains(n)) {
                n = n + "_";
            }
            used.add(n);
            components.add(new Component(m, n, javaType(family, m, types)));
        }

        TypeSpec.Builder type = TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED)
                        .addMember("spec", "$S", family.file().replaceAll(".*/", ""))
                        .build());
        StringBuilder doc = new StringBuilder();
        if (!def.doc().isBlank()) {
            doc.append(Javadocs.sanitize(def.doc())).append("\n\n<p>");
        }
        doc.append("The struct {@code ")
                .append(def.name())
                .append("} of the {@code ")
                .append(family.name())
                .append("} family: ")
                .append(def.size())
                .append(" bytes, C layout.\n");
        for (Component c : components) {
            doc.append("\n@param ")
                    .append(c.name())
                    .append(" {@code ")
                    .append(c.member().name())
                    .append("} (")
                    .append(describe(c.member()))
                    .append(", offset ")
                    .append(c.member().offset())
                    .append(")");
            if (!c.member().doc().isBlank()) {
                doc.append(": ").append(Javadocs.sanitize(c.member().doc()).replace("\n", " "));
            }
        }
        doc.append("\n@param trailing bytes received beyond the ")
                .append(def.size())
                .append(" the spec describes, kept and re-encoded (usually empty)");
        type.addJavadoc("$L\n", doc);

        MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        for (Component c : components) {
            ctor.addParameter(ParameterSpec.builder(c.type(), c.name()).build());
            if (!c.type().isPrimitive()) {
                ctor.addStatement("$T.requireNonNull($N, $S)", Objects.class, c.name(), c.name());
            }
        }
        ctor.addParameter(ParameterSpec.builder(RuntimeNames.BYTES, "trailing").build());
        ctor.addStatement("$T.requireNonNull(trailing, $S)", Objects.class, "trailing");
        type.recordConstructor(ctor.build());

        type.addField(FieldSpec.builder(TypeName.INT, "SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The size in bytes of {@code struct $L} as the spec describes it.\n", def.name())
                .initializer("$L", def.size())
                .build());

        // decode
        MethodSpec.Builder decode = MethodSpec.methodBuilder("decode")
                .addJavadoc("Reads the struct; bytes beyond {@link #SIZE} go to {@code trailing}.\n\n"
                        + "@param in a reader over at least {@link #SIZE} bytes\n@return the struct\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(name)
                .addParameter(RuntimeNames.STRUCT_READER, "in");
        CodeBlock.Builder args = CodeBlock.builder();
        for (Component c : components) {
            args.add("$L,\n", decodeExpr(family, c, types));
        }
        args.add("in.extra(SIZE)");
        decode.addStatement("return new $T(\n$>$L$<)", name, args.build());
        type.addMethod(decode.build());

        // encode
        MethodSpec.Builder encode = MethodSpec.methodBuilder("encode")
                .addJavadoc("Writes the struct into {@link #encodedSize()} zeroed bytes.\n\n@param out the writer\n")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.STRUCT_WRITER, "out");
        for (Component c : components) {
            encode.addStatement(encodeStmt(family, c));
        }
        encode.beginControlFlow("if (trailing.length() > 0)")
                .addStatement("out.bytes(SIZE, trailing.length(), trailing)")
                .endControlFlow();
        type.addMethod(encode.build());
        type.addMethod(MethodSpec.methodBuilder("encodedSize")
                .addJavadoc("{@link #SIZE} plus the trailing bytes.\n\n@return bytes\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addStatement("return SIZE + trailing.length()")
                .build());

        // builder
        ClassName builderName = name.nestedClass("Builder");
        TypeSpec.Builder builder = TypeSpec.classBuilder(builderName)
                .addJavadoc("Builds a {@link $T}; every member starts at zero (empty).\n", name)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL);
        MethodSpec.Builder build = MethodSpec.methodBuilder("build")
                .addJavadoc("The struct.\n\n@return a new record\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(name);
        CodeBlock.Builder buildArgs = CodeBlock.builder();
        MethodSpec.Builder copy =
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).addParameter(name, "from");
        for (Component c : components) {
            builder.addField(FieldSpec.builder(c.type(), c.name(), Modifier.PRIVATE)
                    .initializer(defaultValue(family, c, types))
                    .build());
            builder.addMethod(MethodSpec.methodBuilder(c.name())
                    .addJavadoc(
                            "Sets {@code $L}.\n\n@param value the value\n@return this builder\n",
                            c.member().name())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(builderName)
                    .addParameter(c.type(), "value")
                    .addStatement(
                            "this.$N = $L",
                            c.name(),
                            c.type().isPrimitive()
                                    ? "value"
                                    : CodeBlock.of("$T.requireNonNull(value, $S)", Objects.class, c.name()))
                    .addStatement("return this")
                    .build());
            buildArgs.add("$N, ", c.name());
            copy.addStatement("this.$N = from.$N()", c.name(), c.name());
        }
        builder.addField(FieldSpec.builder(RuntimeNames.BYTES, "trailing", Modifier.PRIVATE)
                .initializer("$T.of()", RuntimeNames.BYTES)
                .build());
        builder.addMethod(MethodSpec.methodBuilder("trailing")
                .addJavadoc("Sets the bytes after {@link #SIZE}.\n\n@param value the bytes\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builderName)
                .addParameter(RuntimeNames.BYTES, "value")
                .addStatement("this.trailing = $T.requireNonNull(value, $S)", Objects.class, "trailing")
                .addStatement("return this")
                .build());
        copy.addStatement("this.trailing = from.trailing()");
        buildArgs.add("trailing");
        build.addStatement("return new $T($L)", name, buildArgs.build());
        builder.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        builder.addMethod(copy.build());
        builder.addMethod(build.build());
        type.addType(builder.build());
        type.addMethod(MethodSpec.methodBuilder("builder")
                .addJavadoc("A builder with every member zero.\n\n@return the builder\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(builderName)
                .addStatement("return new $T()", builderName)
                .build());
        type.addMethod(MethodSpec.methodBuilder("toBuilder")
                .addJavadoc("A builder holding this struct's values.\n\n@return the builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builderName)
                .addStatement("return new $T(this)", builderName)
                .build());
        return type.build();
    }

    private static String describe(StructMember m) {
        return switch (m.type()) {
            case MemberType.Scalar s ->
                s.kind().specName()
                        + (m.order() == ByteOrder.BIG_ENDIAN ? " big-endian" : "")
                        + m.enumName().map(e -> ", enum " + e).orElse("");
            case MemberType.Str s -> "char[" + s.len() + "]";
            case MemberType.Binary b -> "u8[" + b.len() + "]";
            case MemberType.Pad p -> "pad[" + p.len() + "]";
            case MemberType.Nested n -> "struct " + n.struct();
        };
    }

    /** The Java type of a scalar kind: u8/u16/s8/s16/s32 as int, u32/u64/s64 as long. */
    static TypeName scalarType(IntKind kind) {
        return switch (kind) {
            case U8, U16, S8, S16, S32 -> TypeName.INT;
            case U32, U64, S64, UINT, SINT -> TypeName.LONG;
        };
    }

    private static boolean asFlags(Family family, StructMember m) {
        return m.enumAsFlags()
                || m.enumName()
                        .flatMap(family::enumDef)
                        .map(Definition.Enum::flags)
                        .orElse(false);
    }

    private static TypeName javaType(Family family, StructMember m, Function<String, ClassName> types) {
        return switch (m.type()) {
            case MemberType.Scalar s ->
                m.enumName().isPresent()
                        ? ParameterizedTypeName.get(
                                asFlags(family, m) ? RuntimeNames.FLAG_SET : RuntimeNames.ENUM_VALUE,
                                types.apply(m.enumName().get()))
                        : scalarType(s.kind());
            case MemberType.Str s -> ClassName.get(String.class);
            case MemberType.Binary b -> RuntimeNames.BYTES;
            case MemberType.Nested n -> types.apply(n.struct());
            case MemberType.Pad p -> throw new IllegalArgumentException("padding has no Java type");
        };
    }

    private static CodeBlock defaultValue(Family family, Component c, Function<String, ClassName> types) {
        StructMember m = c.member();
        return switch (m.type()) {
            case MemberType.Scalar s ->
                m.enumName().isPresent()
                        ? CodeBlock.of(
                                "$T.$L(0)",
                                types.apply(m.enumName().get()),
                                asFlags(family, m) && isPlainEnum(family, m) ? "flags" : "of")
                        : CodeBlock.of(c.type().equals(TypeName.LONG) ? "0L" : "0");
            case MemberType.Str s -> CodeBlock.of("$S", "");
            case MemberType.Binary b -> CodeBlock.of("$T.of(new byte[$L])", RuntimeNames.BYTES, b.len());
            case MemberType.Nested n -> CodeBlock.of("$T.builder().build()", types.apply(n.struct()));
            case MemberType.Pad p -> throw new IllegalArgumentException("padding has no default");
        };
    }

    private static boolean isPlainEnum(Family family, StructMember m) {
        return m.enumName().flatMap(family::enumDef).map(e -> !e.flags()).orElse(false);
    }

    private static CodeBlock decodeExpr(Family family, Component c, Function<String, ClassName> types) {
        StructMember m = c.member();
        boolean be = m.order() == ByteOrder.BIG_ENDIAN;
        int off = m.offset();
        return switch (m.type()) {
            case MemberType.Scalar s -> {
                CodeBlock raw = switch (s.kind()) {
                    case U8 -> CodeBlock.of("in.u8($L)", off);
                    case S8 -> CodeBlock.of("in.s8($L)", off);
                    case U16 -> CodeBlock.of("in.u16($L, $L)", off, be);
                    case S16 -> CodeBlock.of("in.s16($L, $L)", off, be);
                    case U32 -> CodeBlock.of("in.u32($L, $L)", off, be);
                    case S32 -> CodeBlock.of("in.s32($L, $L)", off, be);
                    case U64, S64, UINT, SINT -> CodeBlock.of("in.u64($L, $L)", off, be);
                };
                yield m.enumName().isPresent()
                        ? CodeBlock.of(
                                "$T.$L($L)",
                                types.apply(m.enumName().get()),
                                asFlags(family, m) && isPlainEnum(family, m) ? "flags" : "of",
                                raw)
                        : raw;
            }
            case MemberType.Str s -> CodeBlock.of("in.string($L, $L)", off, s.len());
            case MemberType.Binary b -> CodeBlock.of("in.bytes($L, $L)", off, b.len());
            case MemberType.Nested n ->
                CodeBlock.of(
                        "$T.decode(in.struct($L, $T.SIZE))", types.apply(n.struct()), off, types.apply(n.struct()));
            case MemberType.Pad p -> throw new IllegalArgumentException("padding is not decoded");
        };
    }

    private static CodeBlock encodeStmt(Family family, Component c) {
        StructMember m = c.member();
        boolean be = m.order() == ByteOrder.BIG_ENDIAN;
        int off = m.offset();
        String v = c.name();
        return switch (m.type()) {
            case MemberType.Scalar s -> {
                // int-typed members need no cast; enum raw values are long.
                String value = m.enumName().isPresent() ? "(int) " + v + ".raw()" : v;
                String wide = m.enumName().isPresent() ? v + ".raw()" : v;
                yield switch (s.kind()) {
                    case U8, S8 -> CodeBlock.of("out.u8($L, $L)", off, value);
                    case U16, S16 -> CodeBlock.of("out.u16($L, $L, $L)", off, value, be);
                    case U32, S32 -> CodeBlock.of("out.u32($L, $L, $L)", off, wide, be);
                    case U64, S64, UINT, SINT -> CodeBlock.of("out.u64($L, $L, $L)", off, wide, be);
                };
            }
            case MemberType.Str s -> CodeBlock.of("out.string($L, $L, $N)", off, s.len(), v);
            case MemberType.Binary b -> CodeBlock.of("out.bytes($L, $L, $N)", off, b.len(), v);
            case MemberType.Nested n -> CodeBlock.of("$N.encode(out.struct($L, $N.encodedSize()))", v, off, v);
            case MemberType.Pad p -> throw new IllegalArgumentException("padding is not encoded");
        };
    }
}
