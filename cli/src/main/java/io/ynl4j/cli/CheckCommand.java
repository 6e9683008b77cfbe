package io.ynl4j.cli;

import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ynl4j check SPEC...}: loads, validates and links specs and reports what is wrong. */
@Command(
        name = "check",
        description = {
            "Load, validate and link each spec; print its diagnostics to standard error and"
                    + " 'SPEC: ok' to standard output when it has no errors.",
            "Exits with 1 if any spec has errors, with 3 if a spec cannot be read (and none has errors)."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SchemaOptions schema;

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "The spec files (YAML).")
    List<Path> specs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpecLoader loader = schema.loader();
        int exit = ExitCodes.OK;
        for (Path file : specs) {
            LoadResult result = loader.load(file);
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
