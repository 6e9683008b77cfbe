package io.ynl4j.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.load.Corpus;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every attribute set and sub-message of every kernel spec, with the enums and structs they use,
 * generates and compiles with {@code -Xlint:all -Werror} at release 22 against the runtime. Nothing
 * is skipped.
 */
class AttrSetsCompileTest {
    @Test
    void everyKernelAttributeSetAndSubMessageCompiles(@TempDir Path dir) {
        SpecLoader loader = SpecLoader.create().withAutoSchema(false);
        List<JavaFile> files = new ArrayList<>();
        int sets = 0;
        int subMessages = 0;
        for (Path spec : Corpus.kernelSpecFiles()) {
            Family f = loader.load(spec, spec.getFileName().toString()).family().orElseThrow();
            sets += f.attributeSets().size();
            subMessages += f.subMessages().size();
            files.addAll(GeneratedSources.of(f, "gen"));
        }
        assertThat(sets).isGreaterThan(400);
        assertThat(subMessages).isEqualTo(7);
        assertThat(JavaCompilation.compile(files, dir)).isEmpty();
    }

    @Test
    void generatingTwiceGivesTheSameText() {
        List<String> first = GeneratedSources.of(GeneratedSources.kernelFamily("tc.yaml"), "gen").stream()
                .map(JavaFile::toString)
                .toList();
        List<String> second = GeneratedSources.of(GeneratedSources.kernelFamily("tc.yaml"), "gen").stream()
                .map(JavaFile::toString)
                .toList();

        assertThat(second).isEqualTo(first);
    }
}
