package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.ByteOrder;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.IntKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one value of an attribute is read from an {@code AttrReader} positioned on it and written to
 * a {@code MessageWriter}, and its Java type: the element of every attribute shape (single,
 * {@code multi-attr}, indexed array, type-value entry).
 *
 * <p>Integers widen like struct members (u8/u16/s8/s16/s32 to {@code int}, u32/u64/s64/uint/sint
 * to {@code long}, u64 holding the bits); enum-typed integers are {@code EnumValue}s, flags-typed
 * ones (or {@code enum-as-flags}) {@code FlagSet}s; big-endian integers use the BE accessors.
 * Little-endian is read as host order, like struct members: every platform the runtime supports is
 * little-endian.
 */
final class AttrValues {
    private AttrValues() {}

    /** What reading code may use: the method's locals, the selectors in scope, the unknown-attribute sink. */
    record ReadContext(Locals locals, String selectors, String unknown) {}

    /** One value kind. */
    sealed interface Value
            permits Scalar,
                    Str,
                    Binary,
                    Struct,
                    Array,
                    Bitfield32,
                    NestedValues.Nest,
                    NestedValues.SubMessage,
                    NestedValues.Indexed {
        /**
         * The Java type of one value ({@code int} and {@code long} stay primitive).
         *
         * @return the type
         */
        TypeName type();

        /**
         * Statements reading the current attribute of {@code reader} and handing the value to
         * {@code sink}.
         *
         * @param ctx the method's context
         * @param reader the reader's variable
         * @param sink makes the statement that stores an expression
         * @return the statements
         */
        CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink);

        /**
         * Statements writing {@code value} as attribute {@code type}; each expression is evaluated once.
         *
         * @param locals the method's locals
         * @param type the attribute type expression
         * @param value the value expression
         * @return the statements
         */
        CodeBlock write(Locals locals, CodeBlock type, CodeBlock value);

        /**
         * A short description for Javadoc, e.g. {@code u16, big-endian}.
         *
         * @return the text
         */
        String describe();
    }

    /** An integer, maybe typed with an enum. */
    record Scalar(IntKind kind, ByteOrder order, Optional<ClassName> enumType, String enumName, EnumUse use)
            implements Value {
        @Override
        public TypeName type() {
            return switch (use) {
                case NONE -> StructEmitter.scalarType(kind);
                case VALUE -> ParameterizedTypeName.get(RuntimeNames.ENUM_VALUE, enumType.orElseThrow());
                case FLAGS, ENUM_AS_FLAGS -> ParameterizedTypeName.get(RuntimeNames.FLAG_SET, enumType.orElseThrow());
            };
        }

        /** The raw read, as {@code int} or {@code long} like {@link StructEmitter#scalarType}. */
        CodeBlock raw(String r) {
            boolean be = order == ByteOrder.BIG_ENDIAN;
            return switch (kind) {
                case U8 -> CodeBlock.of("$N.u8()", r);
                case S8 -> CodeBlock.of("$N.s8()", r);
                case U16 -> CodeBlock.of(be ? "$N.u16be()" : "$N.u16()", r);
                case S16 -> CodeBlock.of(be ? "(short) $N.u16be()" : "$N.s16()", r);
                case U32 -> CodeBlock.of(be ? "$N.u32be()" : "$N.u32()", r);
                case S32 -> CodeBlock.of(be ? "(int) $N.u32be()" : "$N.s32()", r);
                case U64 -> CodeBlock.of(be ? "$N.u64be()" : "$N.u64()", r);
                case S64 -> CodeBlock.of(be ? "$N.u64be()" : "$N.s64()", r);
                case UINT -> CodeBlock.of("$N.uint()", r);
                case SINT -> CodeBlock.of("$N.sint()", r);
            };
        }

        CodeBlock readExpr(String r) {
            return switch (use) {
                case NONE -> raw(r);
                case VALUE, FLAGS -> CodeBlock.of("$T.of($L)", enumType.orElseThrow(), raw(r));
                case ENUM_AS_FLAGS -> CodeBlock.of("$T.flags($L)", enumType.orElseThrow(), raw(r));
            };
        }

        /** The value as text for a selector: an enum entry's spec name, else the decimal number. */
        CodeBlock selectorText(String r) {
            if (use == EnumUse.VALUE) {
                return CodeBlock.of("$L.toString()", readExpr(r));
            }
            return kind == IntKind.U64 || kind == IntKind.UINT
                    ? CodeBlock.of("$T.toUnsignedString($L)", Long.class, raw(r))
                    : CodeBlock.of("$T.valueOf($L)", String.class, raw(r));
        }

        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            return sink.apply(readExpr(reader));
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            boolean be = order == ByteOrder.BIG_ENDIAN;
            CodeBlock wide = use == EnumUse.NONE ? value : CodeBlock.of("$L.raw()", value);
            CodeBlock narrow = use == EnumUse.NONE ? value : CodeBlock.of("(int) $L.raw()", value);
            return switch (kind) {
                case U8, S8 -> CodeBlock.of("out.u8($L, $L);\n", type, narrow);
                case U16, S16 -> CodeBlock.of("out.u16($L, $L, $L);\n", type, narrow, be);
                case U32, S32 -> CodeBlock.of("out.u32($L, $L, $L);\n", type, wide, be);
                case U64, S64 -> CodeBlock.of("out.u64($L, $L, $L);\n", type, wide, be);
                case UINT -> CodeBlock.of("out.uint($L, $L);\n", type, wide);
                case SINT -> CodeBlock.of("out.sint($L, $L);\n", type, wide);
            };
        }

        @Override
        public String describe() {
            String s = kind.specName() + (order == ByteOrder.BIG_ENDIAN ? ", big-endian" : "");
            return switch (use) {
                case NONE -> s;
                case VALUE -> s + ", enum {@code " + enumName + "}";
                case FLAGS -> s + ", flags {@code " + enumName + "}";
                case ENUM_AS_FLAGS -> s + ", enum {@code " + enumName + "} as flags";
            };
        }
    }

    /** How an integer uses its enum. */
    enum EnumUse {
        NONE,
        VALUE,
        FLAGS,
        ENUM_AS_FLAGS
    }

    /** A NUL-terminated string. */
    record Str(boolean unterminatedOk) implements Value {
        @Override
        public TypeName type() {
            return ClassName.get(String.class);
        }

        CodeBlock readExpr(String r) {
            return CodeBlock.of(unterminatedOk ? "$N.stringUnterminated()" : "$N.string()", r);
        }

        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            return sink.apply(readExpr(reader));
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            return CodeBlock.of("out.string($L, $L);\n", type, value);
        }

        @Override
        public String describe() {
            return unterminatedOk ? "string, NUL optional" : "string";
        }
    }

    /** Opaque bytes. */
    record Binary() implements Value {
        @Override
        public TypeName type() {
            return RuntimeNames.BYTES;
        }

        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            return sink.apply(CodeBlock.of("$N.bytes()", reader));
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            return CodeBlock.of("out.bytes($L, $L);\n", type, value);
        }

        @Override
        public String describe() {
            return "binary";
        }
    }

    /** A struct payload; longer payloads keep their extra bytes in the struct's {@code trailing}. */
    record Struct(ClassName struct, String structName) implements Value {
        @Override
        public TypeName type() {
            return struct;
        }

        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            return sink.apply(CodeBlock.of("$T.decode($N.struct($T.SIZE))", struct, reader, struct));
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            String v = locals.fresh("struct");
            return CodeBlock.builder()
                    .addStatement("$T $N = $L", struct, v, value)
                    .addStatement("$N.encode(out.struct($L, $N.encodedSize()))", v, type, v)
                    .build();
        }

        @Override
        public String describe() {
            return "binary, struct {@code " + structName + "}";
        }
    }

    /** A {@code binary} array of integers ({@code sub-type}). */
    record Array(IntKind kind, ByteOrder order) implements Value {
        boolean wide() {
            return StructEmitter.scalarType(kind).equals(TypeName.LONG);
        }

        @Override
        public TypeName type() {
            return ParameterizedTypeName.get(
                    ClassName.get(List.class), ClassName.get(wide() ? Long.class : Integer.class));
        }

        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            return sink.apply(CodeBlock.of(
                    "$N.$L($L, $L, $L)",
                    reader,
                    wide() ? "longArray" : "intArray",
                    kind.size(),
                    kind.signed(),
                    order == ByteOrder.BIG_ENDIAN));
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            return CodeBlock.of(
                    "out.$L($L, $L, $L, $L);\n",
                    wide() ? "longArray" : "intArray",
                    type,
                    value,
                    kind.size(),
                    order == ByteOrder.BIG_ENDIAN);
        }

        @Override
        public String describe() {
            return "binary, array of " + kind.specName() + (order == ByteOrder.BIG_ENDIAN ? " big-endian" : "");
        }
    }

    /** A {@code bitfield32}. */
    record Bitfield32(Optional<String> enumName) implements Value {
        @Override
        public TypeName type() {
            return RuntimeNames.BITFIELD32;
        }

        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            return sink.apply(CodeBlock.of("$N.bitfield32Value()", reader));
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            String v = locals.fresh("bits");
            return CodeBlock.builder()
                    .addStatement("$T $N = $L", RuntimeNames.BITFIELD32, v, value)
                    .addStatement("out.bitfield32($L, $N.value(), $N.selector())", type, v, v)
                    .build();
        }

        @Override
        public String describe() {
            return enumName.map(e -> "bitfield32, bits of {@code " + e + "}").orElse("bitfield32");
        }
    }

    /**
     * The value kind of an attribute type ({@code flag}, {@code unused} and {@code pad} have none;
     * see {@link AttrFields}).
     *
     * @param plan the family plan
     * @param type the type
     * @param unterminatedOk whether a string may lack its NUL
     * @return the value kind
     */
    static Value of(FamilyPlan plan, AttrType type, boolean unterminatedOk) {
        return switch (type) {
            case AttrType.Scalar s -> scalar(plan, s);
            case AttrType.Str s -> new Str(unterminatedOk);
            case AttrType.Binary b -> {
                if (b.struct().isPresent()) {
                    yield new Struct(plan.struct(b.struct().get()), b.struct().get());
                }
                if (b.subType().isPresent()) {
                    yield new Array(b.subType().get(), b.order());
                }
                yield new Binary();
            }
            case AttrType.Nest n ->
                new NestedValues.Nest(
                        plan.attributeSet(n.attributeSet()), n.attributeSet(), plan.needsSelectors(n.attributeSet()));
            case AttrType.NestTypeValue n ->
                new NestedValues.Nest(
                        plan.attributeSet(n.attributeSet()), n.attributeSet(), plan.needsSelectors(n.attributeSet()));
            case AttrType.IndexedArray a -> new NestedValues.Indexed(of(plan, a.element(), unterminatedOk));
            case AttrType.Bitfield32 b -> new Bitfield32(b.enumName());
            case AttrType.SubMessage sm ->
                new NestedValues.SubMessage(plan.subMessage(sm.subMessage()), sm.subMessage(), sm.selector());
            case AttrType.Flag f -> throw new IllegalArgumentException("a flag has no value");
            case AttrType.Unused u -> throw new IllegalArgumentException("an unused attribute has no value");
            case AttrType.Pad p -> throw new IllegalArgumentException("padding has no value");
        };
    }

    static Scalar scalar(FamilyPlan plan, AttrType.Scalar s) {
        if (s.enumName().isEmpty()) {
            return new Scalar(s.kind(), s.order(), Optional.empty(), "", EnumUse.NONE);
        }
        String name = s.enumName().get();
        boolean flagsDef =
                plan.family().enumDef(name).map(Definition.Enum::flags).orElse(false);
        EnumUse use = flagsDef ? EnumUse.FLAGS : s.enumAsFlags() ? EnumUse.ENUM_AS_FLAGS : EnumUse.VALUE;
        return new Scalar(s.kind(), s.order(), Optional.of(plan.enumType(name)), name, use);
    }
}
