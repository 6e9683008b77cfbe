package io.ynl4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code ynl4j} command: global options and the list of subcommands. */
@Command(
        name = "ynl4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Typed Java bindings for Linux netlink, from the kernel's YAML specs (YNL).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            GenerateCommand.class,
            CallCommand.class,
            EncodeCommand.class,
            DecodeCommand.class,
            CheckCommand.class,
            ModelCommand.class,
            FamiliesCommand.class,
            ListOpsCommand.class,
            DocCommand.class,
            HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (warnings do not count)",
            "1:a spec has errors",
            "2:wrong command line",
            "3:a file cannot be read or written, or a family is not found",
            "4:the kernel answered with an error",
            "5:internal error (a bug in ynl4j; --debug shows the stack trace)"
        })
final class Ynl4jCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of internal errors.")
    boolean debug;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
