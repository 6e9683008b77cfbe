package io.ynl4j.cli;

import java.util.List;
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
    /**
     * The subcommands' names, in the order {@code --help} lists them. {@link Main} adds only the one a
     * command line names (building every subcommand's model costs start-up time), or all of them.
     */
    static final List<String> SUBCOMMANDS = List.of(
            "generate",
            "call",
            "encode",
            "decode",
            "check",
            "model",
            "families",
            "list-ops",
            "doc",
            "completion",
            "help");

    /**
     * A new instance of a subcommand. (A switch rather than a map of constructor references: the JDK
     * 25 AOT cache writer crashed on the archived lambdas of such a map.)
     *
     * @param name one of {@link #SUBCOMMANDS}
     * @return the command object
     */
    static Object create(String name) {
        return switch (name) {
            case "generate" -> new GenerateCommand();
            case "call" -> new CallCommand();
            case "encode" -> new EncodeCommand();
            case "decode" -> new DecodeCommand();
            case "check" -> new CheckCommand();
            case "model" -> new ModelCommand();
            case "families" -> new FamiliesCommand();
            case "list-ops" -> new ListOpsCommand();
            case "doc" -> new DocCommand();
            case "completion" -> new CompletionCommand();
            case "help" -> new HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of internal errors.")
    boolean debug;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
