package io.ynl4j.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.spec.ModelJson;
import io.ynl4j.spec.ModelPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The linked model of every kernel spec, printed, equals its committed golden under
 * {@code src/test/golden/model/}. Run with {@code -Dynl4j.golden.update=true} to rewrite them (then
 * review the diff); CI fails when a golden is stale.
 */
class ModelGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/golden/model");
    private static final boolean UPDATE = Boolean.getBoolean("ynl4j.golden.update");

    @TestFactory
    Stream<DynamicTest> everyKernelSpecMatchesItsModelGolden() {
        SpecLoader loader = SpecLoader.create().withAutoSchema(false);
        return Corpus.kernelSpecFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    String name = file.getFileName().toString().replaceFirst("\\.yaml$", ".txt");
                    String actual = ModelPrinter.print(
                            loader.load(file, file.getFileName().toString()).orElseThrow());
                    compare(GOLDEN.resolve(name), actual);
                }));
    }

    @Test
    void projectRtAddrSpecMatchesItsModelGolden() throws Exception {
        Path spec = Path.of("../specs/rt-addr.yaml");
        String actual = ModelPrinter.print(
                SpecLoader.create().load(spec, "rt-addr.yaml").orElseThrow());
        compare(GOLDEN.resolve("project-rt-addr.txt"), actual);
    }

    @Test
    void projectRtAddrSpecAgreesWithTheKernelSpecOnEveryId() throws Exception {
        SpecLoader loader = SpecLoader.create().withAutoSchema(false);
        String ours =
                ModelJson.toJson(loader.load(Path.of("../specs/rt-addr.yaml")).orElseThrow());
        String kernel = ModelJson.toJson(
                loader.load(Corpus.kernelSpecs().resolve("rt-addr.yaml")).orElseThrow());
        assertThat(ours).isEqualTo(kernel).contains("\"mc-users\": 12");
    }

    private static void compare(Path golden, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden)
                .as("golden %s is missing; run with -Dynl4j.golden.update=true", golden)
                .exists();
        assertThat(actual)
                .as("model of %s differs from its golden; if intended, rerun with -Dynl4j.golden.update=true", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
