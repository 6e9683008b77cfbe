package io.ynl4j.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example compiles against bindings generated from the project's rt-addr spec, and the README quotes it. */
class ReadmeExampleTest {
    private static final Path EXAMPLE = Path.of("src/test/resources/readme/ReadmeExample.java");

    @Test
    void readmeExampleCompilesAgainstGeneratedRtAddr(@TempDir Path dir) throws Exception {
        Family rtAddr =
                SpecLoader.create().load(Path.of("../specs/rt-addr.yaml")).orElseThrow();
        List<Path> sources = new ArrayList<>();
        for (JavaFile f : GeneratedSources.all(rtAddr, "com.acme.netlink")) {
            sources.add(f.writeToPath(dir.resolve("src")));
        }
        sources.add(EXAMPLE.toAbsolutePath());
        assertThat(JavaCompilation.compileSources(sources, dir.resolve("classes")))
                .isEmpty();
    }

    @Test
    void readmeQuotesTheExample() throws Exception {
        String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        String body = example.substring(
                example.indexOf('\n', example.indexOf("// README-BEGIN")) + 1,
                example.indexOf("        // README-END"));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains(body.stripTrailing().stripIndent());
    }
}
