package io.ynl4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
     * The subcommands, in the order {@code --help} lists them. {@link Main} adds only the one a
     * command line names (building every subcommand's model costs start-up time), or all of them.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("generate", GenerateCommand::new);
        m.put("call", CallCommand::new);
        m.put("encode", EncodeCommand::new);
        m.put("decode", DecodeCommand::new);
        m.put("check", CheckCommand::new);
        m.put("model", ModelCommand::new);
        m.put("families", FamiliesCommand::new);
        m.put("list-ops", ListOpsCommand::new);
        m.put("doc", DocCommand::new);
        m.put("completion", CompletionCommand::new);
        m.put("help", HelpCommand::new);
        return java.util.Collections.unmodifiableMap(m);
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
