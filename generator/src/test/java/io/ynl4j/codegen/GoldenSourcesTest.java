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
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated sources of curated families equal their committed goldens under {@code
 * src/test/golden/java/<family>/} (one folder per family: the files of its package, flat). A family
 * is curated whole, or partially by a list of type names (for the big families, to keep the goldens
 * small): then only those types' files are compared and committed, and each must still be
 * generated. A name ending in {@code *} stands for every type starting with it, e.g. a sub-message
 * interface and its variants. Run with {@code -Dynl4j.golden.update=true} to rewrite them (then
 * review the diff); CI fails when a golden is stale.
 */
class GoldenSourcesTest {
    private static final Path GOLDEN = Path.of("src/test/golden/java");
    private static final boolean UPDATE = Boolean.getBoolean("ynl4j.golden.update");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> curatedFamiliesMatchTheirGoldens() {
        return Stream.of(
                        Curated.whole("rt-addr", Path.of("../specs/rt-addr.yaml")),
                        Curated.whole("nlctrl", kernel("nlctrl")),
                        Curated.whole("netdev", kernel("netdev")),
                        Curated.whole("rt-link", kernel("rt-link")),
                        Curated.whole("rt-route", kernel("rt-route")),
                        Curated.whole("devlink", kernel("devlink")),
                        Curated.partial(
                                "tc",
                                kernel("tc"),
                                "TcaStatsAppMsg*",
                                "NewqdiscRequest",
                                "GetqdiscReply",
                                "TcFifoQopt"),
                        Curated.partial("nftables", kernel("nftables"), "ExprOps*", "NewruleRequest"))
                .map(c -> DynamicTest.dynamicTest(c.family(), () -> check(c)));
    }

    /**
     * A curated family.
     *
     * @param family the family's name, also the golden's folder
     * @param spec its spec
     * @param types the type names whose files are compared ({@code package-info} for that file; a
     *     trailing {@code *} matches by prefix); empty: every file of the family
     */
    private record Curated(String family, Path spec, List<String> types) {
        static Curated whole(String family, Path spec) {
            return new Curated(family, spec, List.of());
        }

        static Curated partial(String family, Path spec, String... types) {
            return new Curated(family, spec, List.of(types));
        }

        /** The generated files (by name) this curation covers; fails when a listed type is gone. */
        Map<String, String> select(Map<String, String> generated) {
            if (types.isEmpty()) {
                return generated;
            }
            Map<String, String> selected = new TreeMap<>();
            for (String type : types) {
                Predicate<String> matches = type.endsWith("*")
                        ? name -> name.startsWith(type.substring(0, type.length() - 1))
                        : name -> name.equals(type + ".java");
                Map<String, String> hits = new TreeMap<>();
                generated.forEach((name, text) -> {
                    if (matches.test(name)) {
                        hits.put(name, text);
                    }
                });
                assertThat(hits)
                        .as("curated type %s of %s is not generated any more; update the list", type, family)
                        .isNotEmpty();
                selected.putAll(hits);
            }
            return selected;
        }
    }

    private static Path kernel(String family) {
        return Corpus.kernelSpecs().resolve(family + ".yaml");
    }

    private void check(Curated curated) throws IOException {
        String family = curated.family();
        Path spec = curated.spec();
        Path out = dir.resolve(family);
        GenerationResult result =
                Generator.run(new GenerationRequest(List.of(SpecSource.file(spec)), out, GeneratorOptions.defaults()));
        assertThat(result.isOk()).as(result.renderDiagnostics()).isTrue();
        Path pkg = out.resolve(result.files().get(0)).getParent();
        Map<String, String> generated = files(pkg);
        assertThat(generated.size()).isEqualTo(result.files().size());
        Map<String, String> actual = curated.select(generated);
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
