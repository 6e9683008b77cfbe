package io.ynl4j.codegen;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.codegen.emit.FamilyEmitter;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.codegen.write.GeneratedFile;
import io.ynl4j.codegen.write.OutputWriter;
import io.ynl4j.spec.Diagnostic;
import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.Severity;
import io.ynl4j.spec.SourceLocation;
import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The generator engine, used the same way by the CLI, the Maven plugin and tests:
 *
 * <pre>{@code
 * GenerationResult result = Generator.run(new GenerationRequest(
 *         List.of(SpecSource.file(specDir.resolve("rt-addr.yaml"))),
 *         outputDirectory,
 *         GeneratorOptions.defaults().withBasePackage("com.acme.netlink")));
 * System.err.print(result.renderDiagnostics());
 * System.out.println(result.summary());
 * }</pre>
 *
 * <p>{@link SpecSource#family} sources are resolved through {@link GeneratorOptions#catalog()}
 * (set it with {@link GeneratorOptions#withCatalog}); an unknown family is error {@code Y011}.
 *
 * <p>A run loads every spec, checks that no two families share a Java package, plans and emits each
 * family, and writes through {@link OutputWriter}. If any error is reported (with {@link
 * GeneratorOptions#failOnWarnings()}, any warning), nothing is written or deleted. The output
 * depends only on the specs' bytes and file names and the options: not on the order of the sources,
 * the folders the specs are in, the file system, locale or time.
 */
public final class Generator {
    private static final String VERSION_RESOURCE = "generator.properties";

    private Generator() {}

    /**
     * Runs the generator.
     *
     * @param request what to generate and where
     * @return what happened; never throws for problems in specs or the output directory, which are
     *     reported as diagnostics
     */
    public static GenerationResult run(GenerationRequest request) {
        GeneratorOptions options = request.options();
        SpecLoader loader = options.loader();

        List<LoadResult> loads = request.sources().parallelStream()
                .map(source -> switch (source) {
                    case SpecSource.File f -> loader.load(f.path(), f.displayName());
                    case SpecSource.Family f -> options.catalog().load(f.name(), loader);
                })
                .sorted(Comparator.comparing(LoadResult::file))
                .toList();
        List<Diagnostic> diagnostics = new ArrayList<>();
        loads.forEach(l -> diagnostics.addAll(l.diagnostics()));

        List<Family> families = new ArrayList<>();
        loads.forEach(l -> l.family().ifPresent(families::add));
        List<FamilyPlan> plans = families.stream()
                .map(f -> FamilyEmitter.plan(f, options.basePackage()))
                .sorted(Comparator.comparing(FamilyPlan::packageName)
                        .thenComparing(p -> p.family().file())
                        .thenComparing(p -> p.family().sha256()))
                .toList();
        Diagnostics clashes = new Diagnostics();
        Map<String, Family> byPackage = new HashMap<>();
        for (FamilyPlan plan : plans) {
            diagnostics.addAll(plan.diagnostics());
            Family first = byPackage.putIfAbsent(plan.packageName(), plan.family());
            if (first != null) {
                clashes.report(
                        Problem.PACKAGE_CLASH,
                        plan.family().location(),
                        plan.family().name(),
                        plan.packageName(),
                        first.name(),
                        first.file());
            }
        }
        diagnostics.addAll(clashes.all());
        List<Diagnostic> all = sorted(
                options.failOnWarnings()
                        ? diagnostics.stream().map(Generator::asError).toList()
                        : diagnostics);
        List<String> names = plans.stream().map(p -> p.family().name()).sorted().toList();
        if (all.stream().anyMatch(Diagnostic::isError)) {
            return new GenerationResult(names, request.outputDirectory(), List.of(), List.of(), List.of(), all);
        }

        List<GeneratedFile> files =
                plans.parallelStream().flatMap(Generator::filesOf).toList();
        SortedMap<String, String> specs = new TreeMap<>();
        plans.forEach(p -> specs.put(
                p.family().name(),
                FamilyEmitter.specFileName(p.family()) + " " + p.family().sha256()));
        try {
            OutputWriter.Outcome outcome = OutputWriter.write(request.outputDirectory(), files, version(), specs);
            return new GenerationResult(
                    names, request.outputDirectory(), outcome.written(), outcome.unchanged(), outcome.deleted(), all);
        } catch (IOException | UncheckedIOException e) {
            List<Diagnostic> withError = new ArrayList<>(all);
            Diagnostics d = new Diagnostics();
            d.report(
                    Problem.OUTPUT_ERROR,
                    SourceLocation.ofFile(request.outputDirectory().toString()),
                    describe(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
            withError.addAll(d.all());
            return new GenerationResult(names, request.outputDirectory(), List.of(), List.of(), List.of(), withError);
        }
    }

    /**
     * The version of ynl4j's generator, as recorded in manifests.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} when run from unfiltered resources
     */
    public static String version() {
        try (InputStream in = Generator.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + VERSION_RESOURCE, e);
        }
        return Optional.ofNullable(Generator.class.getPackage().getImplementationVersion())
                .orElse("unknown");
    }

    private static Stream<GeneratedFile> filesOf(FamilyPlan plan) {
        String dir = plan.packageName().replace('.', '/') + "/";
        List<GeneratedFile> out = new ArrayList<>();
        for (JavaFile f : FamilyEmitter.emit(plan)) {
            out.add(new GeneratedFile(dir + f.typeSpec().name() + ".java", f.toString()));
        }
        out.add(new GeneratedFile(dir + "package-info.java", FamilyEmitter.packageInfo(plan)));
        return out.stream();
    }

    /** Stable sort by file and position; the input order (by spec) decides ties. */
    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .sorted(Comparator.comparing((Diagnostic d) -> d.location().file())
                        .thenComparingInt(d -> d.location().line())
                        .thenComparingInt(d -> d.location().column()))
                .toList();
    }

    private static Diagnostic asError(Diagnostic d) {
        if (d.isError()) {
            return d;
        }
        List<String> hints = new ArrayList<>(d.hints());
        hints.add("warnings are errors in this run (fail on warnings)");
        return new Diagnostic(Severity.ERROR, d.code(), d.location(), d.message(), d.sourceLine(), d.context(), hints);
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String reason =
                    fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
            return fs.getFile() + ": " + reason;
        }
        return String.valueOf(
                e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
}
