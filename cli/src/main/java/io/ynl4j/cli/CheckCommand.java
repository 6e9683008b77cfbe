package io.ynl4j.cli;

import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecCatalog;
import io.ynl4j.spec.load.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ynl4j check (--family NAME | SPEC)...}: loads, validates and links specs and reports what is wrong. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Load, validate and link each spec; print its diagnostics to standard error and"
                    + " 'SPEC: ok' to standard output when it has no errors.",
            "Specs are files, or families found by name (--family) in $YNL4J_HOME/specs, YNL4J_SPEC_PATH,"
                    + " --spec-dir and Debian's linux-doc packages.",
            "Exits with 1 if any spec has errors, with 3 if a spec cannot be read or found (and none has errors)."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SchemaOptions schema;

    @Mixin
    CatalogOptions catalog;

    @Option(
            names = "--family",
            paramLabel = "NAME",
            description = "Check the spec of family NAME (repeatable), e.g. rt-addr.")
    List<String> families = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "SPEC", description = "The spec files (YAML, or gzipped YAML).")
    List<Path> specs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (specs.isEmpty() && families.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: SPEC or --family NAME");
        }
        SpecLoader loader = schema.loader();
        SpecCatalog found = families.isEmpty() ? SpecCatalog.empty() : catalog.catalog();
        List<Object> inputs = new ArrayList<>(specs);
        inputs.addAll(families);
        int exit = ExitCodes.OK;
        for (Object input : inputs) {
            LoadResult result = input instanceof Path file ? loader.load(file) : found.load((String) input, loader);
            String file = result.file();
            err.print(result.render());
            err.flush();
            int code = ExitCodes.of(result);
            if (code == ExitCodes.OK) {
                long warnings =
                        result.diagnostics().stream().filter(d -> !d.isError()).count();
                out.println(file + ": ok" + warningSuffix(warnings));
                out.flush();
            }
            exit = ExitCodes.combine(exit, code);
        }
        return exit;
    }

    private static String warningSuffix(long warnings) {
        if (warnings == 0) {
            return "";
        }
        return " (" + warnings + (warnings == 1 ? " warning)" : " warnings)");
    }
}
