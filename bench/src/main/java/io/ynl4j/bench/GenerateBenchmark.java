package io.ynl4j.bench;

import io.ynl4j.codegen.GenerationRequest;
import io.ynl4j.codegen.GenerationResult;
import io.ynl4j.codegen.Generator;
import io.ynl4j.codegen.GeneratorOptions;
import io.ynl4j.codegen.SpecSource;
import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Generating Java for the kernel's spec corpus in a warm JVM with {@link Generator#run}; one
 * operation is the whole corpus (every {@code *.yaml} of the specs folder, 33 files and 1,433
 * generated sources in the kernel's tree).
 *
 * <ul>
 *   <li>{@link #generateFresh}: into a new, empty folder each operation: every file is written.
 *   <li>{@link #generateUpToDate}: into a folder that already holds this very output: nothing is
 *       written (the incremental no-op of a second build).
 *   <li>{@link #loadCorpusAsGenerator}: the generator's own load step alone (its loader, spec files
 *       read from disk, in parallel as {@link Generator#run} does): generation minus this is plan,
 *       emit and write.
 *   <li>{@link #loadLinkValidateCorpus}: the baseline, {@link SpecLoadBenchmark}'s operation of the
 *       same name (bytes in memory, one spec after the other): load, validate against the kernel's
 *       JSON schema, link. Report the others as ratios to it.
 * </ul>
 *
 * <p>Every benchmark validates against the same schemas ({@link
 * GeneratorOptions#withSchemaDirectory}), as {@code ynl4j generate} does for the kernel's tree, where
 * the schemas sit next to the specs. Folders: system properties {@code ynl4j.specs} and {@code
 * ynl4j.schemas}, by default {@code ../shared/kernel-specs/{specs,schemas}} relative to the
 * repository root, as for {@link SpecLoadBenchmark}. Output goes under {@code java.io.tmpdir}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class GenerateBenchmark {
    private static final String DEFAULT_SPECS = "../shared/kernel-specs/specs";
    private static final String DEFAULT_SCHEMAS = "../shared/kernel-specs/schemas";

    private List<SpecSource> sources;
    private List<String> names;
    private List<byte[]> bytes;
    private GeneratorOptions options;
    private SpecLoader validating;
    private Path work;
    private Path upToDate;
    private int fileCount;
    private int freshRuns;

    /**
     * Reads the corpus, generates it once into the up-to-date folder and checks that a second run
     * writes nothing, so that a broken corpus or a non-idempotent generator fails loudly.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path specs = BenchPaths.folder("ynl4j.specs", DEFAULT_SPECS);
        Path schemas = BenchPaths.folder("ynl4j.schemas", DEFAULT_SCHEMAS);
        sources = new ArrayList<>();
        names = new ArrayList<>();
        bytes = new ArrayList<>();
        try (Stream<Path> files = Files.list(specs)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList()) {
                sources.add(SpecSource.file(file));
                names.add(file.getFileName().toString());
                bytes.add(Files.readAllBytes(file));
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("no *.yaml spec in " + specs);
        }
        options = GeneratorOptions.defaults().withSchemaDirectory(schemas);
        validating = SpecLoader.create().withSchemaDirectory(schemas);
        work = Files.createTempDirectory("ynl4j-generate-bench");
        upToDate = work.resolve("up-to-date");
        GenerationResult first = generate(upToDate);
        fileCount = first.written().size();
        GenerationResult second = generate(upToDate);
        if (!second.written().isEmpty()
                || !second.deleted().isEmpty()
                || second.unchanged().size() != fileCount) {
            throw new IllegalStateException("a second run is not a no-op: " + second.summary());
        }
        System.out.println("# ynl4j corpus: " + sources.size() + " specs from " + specs + ", schemas from " + schemas
                + "; " + fileCount + " files generated under " + work);
    }

    /** Deletes the fresh folders of the iteration (not measured). */
    @TearDown(Level.Iteration)
    public void deleteFreshOutput() throws IOException {
        try (Stream<Path> dirs = Files.list(work)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("fresh-"))
                    .toList()) {
                deleteTree(dir);
            }
        }
    }

    /** Deletes everything the trial wrote. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        deleteTree(work);
    }

    /**
     * The whole corpus generated into a new folder: every file written.
     *
     * @return the result
     */
    @Benchmark
    public GenerationResult generateFresh() {
        GenerationResult result = generate(work.resolve("fresh-" + freshRuns++));
        if (result.written().size() != fileCount) {
            throw new IllegalStateException("fresh run: " + result.summary());
        }
        return result;
    }

    /**
     * The whole corpus generated into a folder that is up to date: nothing written.
     *
     * @return the result
     */
    @Benchmark
    public GenerationResult generateUpToDate() {
        GenerationResult result = generate(upToDate);
        if (!result.written().isEmpty()) {
            throw new IllegalStateException("no-op run: " + result.summary());
        }
        return result;
    }

    /**
     * The load step of {@link Generator#run} alone: the spec files read, loaded, validated and linked
     * in parallel, sorted by file.
     *
     * @return the loads
     */
    @Benchmark
    public List<LoadResult> loadCorpusAsGenerator() {
        return sources.parallelStream()
                .map(s -> validating.load(((SpecSource.File) s).path(), s.displayName()))
                .sorted(Comparator.comparing(LoadResult::file))
                .toList();
    }

    /**
     * Baseline: the corpus loaded, validated and linked one spec after the other from bytes in memory
     * (as {@link SpecLoadBenchmark#loadLinkValidateCorpus}).
     *
     * @param bh sink
     */
    @Benchmark
    public void loadLinkValidateCorpus(Blackhole bh) {
        for (int i = 0; i < names.size(); i++) {
            bh.consume(validating.load(names.get(i), bytes.get(i)));
        }
    }

    private GenerationResult generate(Path out) {
        GenerationResult result = Generator.run(new GenerationRequest(sources, out, options));
        if (!result.isOk()) {
            throw new IllegalStateException("generation failed:\n" + result.renderDiagnostics());
        }
        return result;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
