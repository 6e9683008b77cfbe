package io.ynl4j.cli;

import io.ynl4j.spec.Family;
import io.ynl4j.spec.ModelJson;
import io.ynl4j.spec.ModelPrinter;
import io.ynl4j.spec.load.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ynl4j model SPEC}: prints the linked model of a spec, as text or JSON. */
@Command(
        name = "model",
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

    @Parameters(arity = "1", paramLabel = "SPEC", description = "The spec file (YAML).")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult result = schema.loader().load(file);
        err.print(result.render());
        err.flush();
        int code = ExitCodes.of(result);
        if (code != ExitCodes.OK) {
            return code;
        }
        Family family = result.family().orElseThrow();
        out.print(json ? ModelJson.toJson(family) : ModelPrinter.print(family));
        out.flush();
        return ExitCodes.OK;
    }
}
