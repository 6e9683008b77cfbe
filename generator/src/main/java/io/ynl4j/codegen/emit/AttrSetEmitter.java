package io.ynl4j.codegen.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.emit.AttrFields.Field;
import io.ynl4j.codegen.emit.AttrFields.Shape;
import io.ynl4j.codegen.emit.AttrValues.ReadContext;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Family;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Emits a record for an attribute set: a {@code public static final int} per attribute with its
 * uapi name, a component per attribute (see {@link AttrFields} for the shapes) plus {@code unknown}
 * (attributes received that the set does not list, kept and encoded again), {@code decode} from an
 * {@code AttrReader}, {@code encode} to a {@code MessageWriter}, and a builder.
 *
 * <p>Sets that lead to a sub-message also get {@code decode(AttrReader, Selectors)}; sets that hold
 * a selector scan their attribute run for it before decoding, so it may come after the
 * sub-message, and pass it down to nested sets.
 */
public final class AttrSetEmitter {
    private AttrSetEmitter() {}

    /** The JVM's limit on a method's parameter slots, {@code this} included. */
    static final int MAX_PARAMETER_SLOTS = 255;

    static AnnotationSpec generated(Family family) {
        return AnnotationSpec.builder(RuntimeNames.GENERATED)
                .addMember("spec", "$S", family.file().replaceAll(".*/", ""))
                .build();
    }

    // Emits:
    // public record AddrAttrs(Optional<Bytes> address, …, OptionalLong mcUsers, UnknownAttributes unknown) {
    //     public static final int IFA_ADDRESS = 1; …
    //     public static AddrAttrs decode(AttrReader in) { … switch (in.type()) { case IFA_MC_USERS -> … } … }
    //     public void encode(MessageWriter out) { … }
    //     public static final class Builder { … }
    // }
    /**
     * The record for an attribute set.
     *
     * @param plan the family plan
     * @param set the set
     * @return the type
     */
    public static TypeSpec emit(FamilyPlan plan, AttributeSet set) {
        Family family = plan.family();
        ClassName name = plan.attributeSet(set.name());
        List<Field> fields = AttrFields.of(plan, set, name);
        List<Field> components =
                fields.stream().filter(f -> f.shape() != Shape.NONE).toList();

        // A constructor has at most 255 parameter slots, 'this' included: nl80211's top set has 333
        // attributes. Such a set becomes a final class with the same accessors, built by its builder.
        int slots = 2;
        for (Field f : components) {
            TypeName t = AttrFields.type(f);
            slots += t.equals(TypeName.LONG) || t.equals(TypeName.DOUBLE) ? 2 : 1;
        }
        boolean asClass = slots > MAX_PARAMETER_SLOTS;
        TypeSpec.Builder type = (asClass
                        ? TypeSpec.classBuilder(name).addModifiers(Modifier.FINAL)
                        : TypeSpec.recordBuilder(name))
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(generated(family));
        StringBuilder doc = new StringBuilder();
        if (!set.doc().isBlank()) {
            doc.append(Javadocs.sanitize(set.doc())).append("\n\n<p>");
        }
        doc.append("The attribute set {@code ")
                .append(set.name())
                .append("} of the {@code ")
                .append(family.name())
                .append("} family");
        set.subsetOf()
                .ifPresent(p -> doc.append(", a subset of {@code ").append(p).append("}"));
        doc.append(". Absent attributes are empty; of a repeated attribute the last counts, unless it is")
                .append(" multi-attr. Attributes the set does not list are kept in {@code unknown} and encoded")
                .append(" again.\n");
        if (asClass) {
            doc.append("\n<p>A class rather than a record: a record's constructor cannot take ")
                    .append(components.size() + 1)
                    .append(
                            " components (the JVM allows 255 parameter slots). Build instances with {@link #builder()}.\n");
        } else {
            for (Field f : components) {
                doc.append("\n@param ").append(f.name()).append(" ").append(AttrFields.javadoc(f));
            }
            doc.append("\n@param unknown attributes received that the set does not list, kept verbatim");
        }
        type.addJavadoc("$L\n", doc);

        // Constants.
        for (Field f : fields) {
            type.addField(
                    FieldSpec.builder(TypeName.INT, f.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                            .addJavadoc(
                                    "Attribute {@code $L} ($L).\n",
                                    f.attr().name(),
                                    f.attr().type().specName() + (f.attr().multiAttr() ? ", multi-attr" : ""))
                            .initializer("$L", f.attr().value())
                            .build());
        }

        if (asClass) {
            LargeSetClass.addMembers(type, name, components);
        } else {
            // Canonical constructor.
            MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
            for (Field f : components) {
                TypeName t = AttrFields.type(f);
                ctor.addParameter(ParameterSpec.builder(t, f.name()).build());
                if (isList(f)) {
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
        }

        for (Field f : components) {
            if (f.shape() == Shape.ENTRIES) {
                type.addType(TypeValueEntries.entryRecord(f));
            }
        }
        AttrSetCodec.addCodec(type, plan, set, name, fields, asClass);
        AttrSetCodec.addBuilder(type, name, components, asClass);
        return type.build();
    }

    static boolean isList(Field f) {
        return f.shape() == Shape.MULTI
                || f.shape() == Shape.ENTRIES
                || (f.shape() == Shape.SINGLE && f.v() instanceof NestedValues.Indexed);
    }

    /** Reading context of generated decoders: locals, selectors {@code sel}, unknown sink {@code unknown}. */
    static ReadContext readContext(Locals locals) {
        return new ReadContext(locals, "sel", "unknown");
    }

    static CodeBlock constant(Field f) {
        return CodeBlock.of("$N", f.constant());
    }
}
