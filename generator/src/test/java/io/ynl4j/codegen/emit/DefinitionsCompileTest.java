package io.ynl4j.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.plan.JavaNames;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.load.Corpus;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enums, flags and structs of every kernel spec (282 definitions) generate and compile with
 * {@code -Xlint:all -Werror} at release 22 against the runtime.
 */
class DefinitionsCompileTest {
    static List<JavaFile> definitions(Family f, String basePackage) {
        String pkg = JavaNames.packageName(basePackage, f.name());
        List<JavaFile> files = new ArrayList<>();
        for (Definition d : f.definitions()) {
            ClassName name = ClassName.get(pkg, JavaNames.typeName(d.name()));
            TypeSpec type = switch (d) {
                case Definition.Enum e -> EnumEmitter.emit(f, e, name);
                case Definition.Struct s ->
                    StructEmitter.emit(f, s, name, n -> ClassName.get(pkg, JavaNames.typeName(n)));
                case Definition.Const c -> null;
            };
            if (type != null) {
                files.add(JavaFile.builder(pkg, type)
                        .skipJavaLangImports(true)
                        .indent("    ")
                        .build());
            }
        }
        return files;
    }

    @Test
    void everyKernelDefinitionCompiles(@TempDir Path dir) {
        SpecLoader loader = SpecLoader.create().withAutoSchema(false);
        List<JavaFile> files = new ArrayList<>();
        for (Path spec : Corpus.kernelSpecFiles()) {
            files.addAll(definitions(
                    loader.load(spec, spec.getFileName().toString()).family().orElseThrow(), "gen"));
        }
        assertThat(files).hasSizeGreaterThan(250);
        assertThat(JavaCompilation.compile(files, dir)).isEmpty();
    }
}
