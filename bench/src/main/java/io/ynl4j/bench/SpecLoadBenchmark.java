package io.ynl4j.bench;

import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecLoader;
import io.ynl4j.spec.load.YamlLoader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Loading the kernel's spec corpus in a warm JVM; one operation is the whole corpus (every
 * {@code *.yaml} of the specs folder, 33 files in the kernel's tree).
 *
 * <ul>
 *   <li>{@link #loadLinkValidateCorpus}: load, read, validate against the kernel's JSON schema, link.
 *   <li>{@link #loadLinkCorpus}: the same without schema validation.
 *   <li>{@link #parseYamlOnly}: the baseline, SnakeYAML compose of the same bytes with the
 *       loader's options: the floor any YAML-based loader pays. Report the others as ratios to it.
 * </ul>
 *
 * <p>Spec bytes are read once in {@link Setup}, so disk I/O is not measured. Folders: system
 * properties {@code ynl4j.specs} and {@code ynl4j.schemas}; by default
 * {@code ../shared/kernel-specs/specs} and {@code ../shared/kernel-specs/schemas} relative to the
 * repository root (found from the working directory or from this jar's location). JMH passes the
 * launching JVM's {@code -D} options on to its forks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class SpecLoadBenchmark {
    private static final String DEFAULT_SPECS = "../shared/kernel-specs/specs";
    private static final String DEFAULT_SCHEMAS = "../shared/kernel-specs/schemas";

    private List<String> names;
    private List<byte[]> bytes;
    private SpecLoader validating;
    private SpecLoader linkingOnly;

    /** Reads the corpus once and checks that every spec loads, so a broken corpus fails loudly. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path specs = BenchPaths.folder("ynl4j.specs", DEFAULT_SPECS);
        Path schemas = BenchPaths.folder("ynl4j.schemas", DEFAULT_SCHEMAS);
        names = new ArrayList<>();
        bytes = new ArrayList<>();
        try (Stream<Path> files = Files.list(specs)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList()) {
                names.add(file.getFileName().toString());
                bytes.add(Files.readAllBytes(file));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no *.yaml spec in " + specs);
        }
        // load(String, byte[]) never looks for a schema next to the file: name the folder.
        validating = SpecLoader.create().withSchemaDirectory(schemas);
        linkingOnly = SpecLoader.create().withAutoSchema(false);
        for (int i = 0; i < names.size(); i++) {
            for (SpecLoader loader : List.of(validating, linkingOnly)) {
                LoadResult result = loader.load(names.get(i), bytes.get(i));
                if (!result.ok()) {
                    throw new IllegalStateException("the corpus must load cleanly:\n" + result.render());
                }
            }
        }
        System.out.println("# ynl4j corpus: " + names.size() + " specs from " + specs + ", schemas from " + schemas);
    }

    /**
     * The whole corpus loaded, validated against its schema and linked.
     *
     * @param bh sink
     */
    @Benchmark
    public void loadLinkValidateCorpus(Blackhole bh) {
        for (int i = 0; i < names.size(); i++) {
            bh.consume(validating.load(names.get(i), bytes.get(i)));
        }
    }

    /**
     * The whole corpus loaded and linked, no schema validation.
     *
     * @param bh sink
     */
    @Benchmark
    public void loadLinkCorpus(Blackhole bh) {
        for (int i = 0; i < names.size(); i++) {
            bh.consume(linkingOnly.load(names.get(i), bytes.get(i)));
        }
    }

    /**
     * Baseline: UTF-8 decoding and SnakeYAML compose of the corpus with {@link YamlLoader}'s options.
     *
     * @param bh sink
     */
    @Benchmark
    public void parseYamlOnly(Blackhole bh) {
        for (byte[] spec : bytes) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(YamlLoader.MAX_ALIASES);
            options.setAllowRecursiveKeys(false);
            options.setCodePointLimit(YamlLoader.MAX_BYTES);
            options.setProcessComments(false);
            bh.consume(new Yaml(options).compose(new StringReader(new String(spec, StandardCharsets.UTF_8))));
        }
    }
}
