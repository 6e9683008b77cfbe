package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.ynl4j.codegen.emit.AttrValues.ReadContext;
import io.ynl4j.codegen.emit.AttrValues.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The values that hold other attributes: a nest of a set, a sub-message (whose format a selector in
 * scope picks) and an indexed array (see {@link AttrValues} for the others).
 */
final class NestedValues {
    private NestedValues() {}

    /** A nest of another set's attributes. */
    record Nest(ClassName set, String setName, boolean needsSelectors) implements Value {
        @Override
        public TypeName type() {
            return set;
        }

        CodeBlock readExpr(ReadContext ctx, CodeBlock nested) {
            return needsSelectors
                    ? CodeBlock.of("$T.decode($L, $N)", set, nested, ctx.selectors())
                    : CodeBlock.of("$T.decode($L)", set, nested);
        }

        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            return sink.apply(readExpr(ctx, CodeBlock.of("$N.nested()", reader)));
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            String nest = locals.fresh("nest");
            return CodeBlock.builder()
                    .addStatement("int $N = out.beginNest($L)", nest, type)
                    .addStatement("$L.encode(out)", value)
                    .addStatement("out.endNest($N)", nest)
                    .build();
        }

        @Override
        public String describe() {
            return "nest, {@code " + setName + "}";
        }
    }

    /** A sub-message: its format is picked by a selector in scope. */
    record SubMessage(ClassName type, String subMessage, String selector) implements Value {
        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            String s = ctx.locals().fresh("selector");
            return CodeBlock.builder()
                    .addStatement("$T<$T> $N = $N.get($S)", Optional.class, String.class, s, ctx.selectors(), selector)
                    .beginControlFlow("if ($N.isPresent())", s)
                    .add(sink.apply(CodeBlock.of("$T.decode($N.get(), $N, $N)", type, s, reader, ctx.selectors())))
                    .nextControlFlow("else")
                    .add("// No selector value: the payload cannot be interpreted, so it is kept as received.\n")
                    .addStatement("$N.add($T.of($N))", ctx.unknown(), RuntimeNames.RAW_ATTRIBUTE, reader)
                    .endControlFlow()
                    .build();
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            return CodeBlock.of("$L.encode(out, $L);\n", value, type);
        }

        @Override
        public String describe() {
            return "sub-message {@code " + subMessage + "}, format chosen by {@code " + selector + "}";
        }
    }

    /**
     * An {@code indexed-array}: a nest whose attributes are the elements, their types indices
     * (any on decoding; from 1 on encoding, as the kernel's parsers expect).
     */
    record Indexed(Value element) implements Value {
        @Override
        public TypeName type() {
            return ParameterizedTypeName.get(
                    ClassName.get(List.class), element.type().box());
        }

        @Override
        public CodeBlock read(ReadContext ctx, String reader, Function<CodeBlock, CodeBlock> sink) {
            String items = ctx.locals().fresh("items");
            String item = ctx.locals().fresh("element");
            TypeName e = element.type().box();
            return CodeBlock.builder()
                    .addStatement("$T<$T> $N = new $T<>()", List.class, e, items, ArrayList.class)
                    .addStatement("$T $N = $N.nested()", RuntimeNames.ATTR_READER, item, reader)
                    .beginControlFlow("while ($N.next())", item)
                    .add(element.read(ctx, item, v -> CodeBlock.of("$N.add($L);\n", items, v)))
                    .endControlFlow()
                    .add(sink.apply(CodeBlock.of("$N", items)))
                    .build();
        }

        @Override
        public CodeBlock write(Locals locals, CodeBlock type, CodeBlock value) {
            String nest = locals.fresh("nest");
            String index = locals.fresh("index");
            String item = locals.fresh("item");
            return CodeBlock.builder()
                    .addStatement("int $N = out.beginNest($L)", nest, type)
                    .addStatement("int $N = 0", index)
                    .beginControlFlow("for ($T $N : $L)", element.type().box(), item, value)
                    .addStatement("$N++", index)
                    .add(element.write(locals, CodeBlock.of("$N", index), CodeBlock.of("$N", item)))
                    .endControlFlow()
                    .addStatement("out.endNest($N)", nest)
                    .build();
        }

        @Override
        public String describe() {
            return "indexed-array of " + element.describe();
        }
    }
}
