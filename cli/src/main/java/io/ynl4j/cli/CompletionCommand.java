package io.ynl4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ynl4j completion}: prints a bash (and zsh) completion script for every subcommand and option. */
@Command(
        name = "completion",
        header = "Print a bash/zsh completion script.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print a completion script for bash and zsh covering every subcommand and option.",
            "Use it with: source <(ynl4j completion)   (or save it under /etc/bash_completion.d/ynl4j)."
        })
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("ynl4j", spec.root().commandLine()));
        out.flush();
        return ExitCodes.OK;
    }
}
