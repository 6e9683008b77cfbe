package io.ynl4j.codegen.emit;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.codegen.plan.MessagePlan;
import io.ynl4j.codegen.plan.Planner;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.SubMessage;
import io.ynl4j.spec.load.Corpus;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The definitions, attribute sets and sub-messages of families, named by their plans. */
public final class GeneratedSources {
    private GeneratedSources() {}

    public static Family kernelFamily(String file) {
        Path spec = Corpus.kernelSpecs().resolve(file);
        return SpecLoader.create()
                .withAutoSchema(false)
                .load(spec, file)
                .family()
                .orElseThrow();
    }

    static List<JavaFile> of(Family family, String basePackage) {
        return of(Planner.plan(family, basePackage));
    }

    /** Everything of a family: definitions, sets, sub-messages, messages, client, facade, notifications. */
    public static List<JavaFile> all(Family family, String basePackage) {
        FamilyPlan plan = Planner.plan(family, basePackage, MessagePlan.requests(family));
        List<JavaFile> files = new ArrayList<>(of(plan));
        MessagePlan messages = MessagePlan.of(plan);
        List<TypeSpec> types = new ArrayList<>();
        for (MessagePlan.Shape s : messages.shapes()) {
            types.add(MessageEmitter.emit(messages, s));
        }
        types.add(ClientEmitter.emit(messages));
        types.add(FacadeEmitter.emit(messages));
        types.addAll(NotificationEmitter.emit(messages));
        for (TypeSpec t : types) {
            files.add(JavaFile.builder(plan.packageName(), t)
                    .skipJavaLangImports(true)
                    .indent("    ")
                    .build());
        }
        return files;
    }

    private static List<JavaFile> of(FamilyPlan plan) {
        Family family = plan.family();
        List<TypeSpec> types = new ArrayList<>();
        for (Definition d : family.definitions()) {
            switch (d) {
                case Definition.Enum e -> types.add(EnumEmitter.emit(family, e, plan.enumType(e.name())));
                case Definition.Struct s ->
                    types.add(StructEmitter.emit(family, s, plan.struct(s.name()), plan::definition));
                case Definition.Const c -> {}
            }
        }
        for (AttributeSet s : family.attributeSets()) {
            types.add(AttrSetEmitter.emit(plan, s));
        }
        for (SubMessage sm : family.subMessages()) {
            types.addAll(SubMessageEmitter.emit(plan, sm));
        }
        List<JavaFile> files = new ArrayList<>();
        for (TypeSpec t : types) {
            files.add(JavaFile.builder(plan.packageName(), t)
                    .skipJavaLangImports(true)
                    .indent("    ")
                    .build());
        }
        return files;
    }
}
