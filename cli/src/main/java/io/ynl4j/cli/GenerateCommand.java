package io.ynl4j.cli;

import io.ynl4j.codegen.GenerationRequest;
import io.ynl4j.codegen.GenerationResult;
import io.ynl4j.codegen.Generator;
import io.ynl4j.codegen.GeneratorOptions;
import io.ynl4j.codegen.SpecSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ynl4j generate --out DIR (--family NAME | SPEC)...}: generates Java sources from specs. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Generate Java sources from specs into DIR, one package per family below the base package.",
            "Only files whose content changed are written; files an earlier run generated and this one does"
                    + " not are deleted (DIR/ynl4j-manifest.properties lists them). If any spec has an"
                    + " error, nothing is written.",
            "Specs are files, or families found by name (--family) in $YNL4J_HOME/specs, YNL4J_SPEC_PATH,"
                    + " --spec-dir and Debian's linux-doc packages.",
            "Diagnostics go to standard error, a one-line summary to standard output."
        })
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SchemaOptions schema;

    @Option(
            names = "--package",
            paramLabel = "P",
            defaultValue = GeneratorOptions.DEFAULT_BASE_PACKAGE,
            description = "The base package; family rt-addr goes to P.rtaddr (default: ${DEFAULT-VALUE}).")
    String basePackage;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The source folder to write into (created if missing).")
    Path out;

    @Option(names = "--fail-on-warnings", description = "Treat warnings as errors: write nothing if there are any.")
    boolean failOnWarnings;

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--family", paramLabel = "NAME", description = "Generate family NAME (repeatable), e.g. rt-addr.")
    List<String> families = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "SPEC", description = "The spec files (YAML, or gzipped YAML).")
    List<Path> specs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (specs.isEmpty() && families.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: SPEC or --family NAME");
        }
        GeneratorOptions options;
        try {
            options = GeneratorOptions.defaults().withBasePackage(basePackage);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--package: " + e.getMessage());
        }
        options = schema.apply(options).withFailOnWarnings(failOnWarnings);
        if (!families.isEmpty()) {
            options = options.withCatalog(catalog.catalog());
        }
        List<SpecSource> sources = Stream.concat(
                        specs.stream().map(SpecSource::file), families.stream().map(SpecSource::family))
                .toList();
        GenerationResult result = Generator.run(new GenerationRequest(sources, out, options));
        stderr.print(result.renderDiagnostics());
        stderr.flush();
        if (result.isOk()) {
            stdout.println(result.summary());
            stdout.flush();
        } else {
            stderr.println(result.summary());
            stderr.flush();
        }
        return ExitCodes.of(result);
    }
}
