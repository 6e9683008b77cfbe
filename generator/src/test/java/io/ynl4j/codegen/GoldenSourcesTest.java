package io.ynl4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.spec.load.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated sources of curated families equal their committed goldens under {@code
 * src/test/golden/java/<family>/} (one folder per family: the files of its package, flat). Run with
 * {@code -Dynl4j.golden.update=true} to rewrite them (then review the diff); CI fails when a golden
 * is stale.
 */
class GoldenSourcesTest {
    private static final Path GOLDEN = Path.of("src/test/golden/java");
    private static final boolean UPDATE = Boolean.getBoolean("ynl4j.golden.update");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> curatedFamiliesMatchTheirGoldens() {
        return Stream.of(
                        Map.entry("rt-addr", Path.of("../specs/rt-addr.yaml")),
                        Map.entry("nlctrl", Corpus.kernelSpecs().resolve("nlctrl.yaml")),
                        Map.entry("netdev", Corpus.kernelSpecs().resolve("netdev.yaml")),
                        Map.entry("rt-link", Corpus.kernelSpecs().resolve("rt-link.yaml")))
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
    }

    private void check(String family, Path spec) throws IOException {
        Path out = dir.resolve(family);
        GenerationResult result =
                Generator.run(new GenerationRequest(List.of(SpecSource.file(spec)), out, GeneratorOptions.defaults()));
        assertThat(result.isOk()).as(result.renderDiagnostics()).isTrue();
        Path pkg = out.resolve(result.files().get(0)).getParent();
        Map<String, String> actual = files(pkg);
        assertThat(actual.size()).isEqualTo(result.files().size());
        Path golden = GOLDEN.resolve(family);
        if (UPDATE) {
            for (String stale : files(golden).keySet()) {
                if (!actual.containsKey(stale)) {
                    Files.delete(golden.resolve(stale));
                }
            }
            Files.createDirectories(golden);
            for (Map.Entry<String, String> f : actual.entrySet()) {
                Files.writeString(golden.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            return;
        }
        assertThat(golden)
                .as("golden %s is missing; run with -Dynl4j.golden.update=true", golden)
                .isDirectory();
        Map<String, String> expected = files(golden);
        assertThat(actual.keySet())
                .as("files of %s differ from the golden; if intended, rerun with -Dynl4j.golden.update=true", family)
                .containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, String> f : actual.entrySet()) {
            assertThat(f.getValue())
                    .as(
                            "%s/%s differs from its golden; if intended, rerun with -Dynl4j.golden.update=true",
                            family, f.getKey())
                    .isEqualTo(expected.get(f.getKey()));
        }
    }

    /** The files directly in a folder, by name, sorted. */
    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
