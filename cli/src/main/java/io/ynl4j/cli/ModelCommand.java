package io.ynl4j.cli;

import io.ynl4j.spec.Family;
import io.ynl4j.spec.ModelJson;
import io.ynl4j.spec.ModelPrinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ynl4j model (--family NAME | SPEC)}: prints the linked model of a spec, as text or JSON. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print the linked model of a spec to standard output: every computed value (attribute ids,"
                    + " enum values and masks, struct layout, message ids), in the model golden format.",
            "Diagnostics go to standard error; nothing is printed when the spec has errors."
        })
final class ModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SchemaOptions schema;

    @Option(
            names = "--json",
            description = "Print JSON instead: attribute ids per set, enum values on the wire, and per"
                    + " operation its attribute set, fixed header, modes and message ids.")
    boolean json;

    @Mixin
    CatalogOptions catalog;

    @Option(
            names = "--family",
            paramLabel = "NAME",
            description = "Print the model of family NAME, found in $YNL4J_HOME/specs, YNL4J_SPEC_PATH,"
                    + " --spec-dir or Debian's linux-doc packages (instead of SPEC).")
    String family;

    @Parameters(arity = "0..1", paramLabel = "SPEC", description = "The spec file (YAML, or gzipped YAML).")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SpecChoice.Loaded loaded = SpecChoice.load(spec.commandLine(), schema.loader(), catalog, family, file);
        if (loaded.family().isEmpty()) {
            return loaded.exitCode();
        }
        Family model = loaded.family().get();
        out.print(json ? ModelJson.toJson(model) : ModelPrinter.print(model));
        out.flush();
        return ExitCodes.OK;
    }
}
