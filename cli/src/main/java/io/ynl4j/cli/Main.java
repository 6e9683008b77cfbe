package io.ynl4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of the {@code ynl4j} command ({@code bin/ynl4j}, {@code java -jar
 * ynl4j-cli.jar}). {@link Ynl4jToolProvider} runs the same code in-process.
 */
public final class Main {
    private Main() {}

    /**
     * Runs {@code ynl4j} and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Timing.mainEntry = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        Timing.mainEntryEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()));
        System.exit(run(args, out, err));
    }

    /**
     * Runs {@code ynl4j} without exiting: results are written to {@code out}, diagnostics and errors
     * to {@code err}; both are flushed before returning.
     *
     * @param args the command line
     * @param out where results go
     * @param err where diagnostics and errors go
     * @return the exit code, one of {@link ExitCodes}
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        try {
            // `call` starts without picocli when its command line is plain (see CallCommand.parseFast):
            // building picocli's model costs more than the rest of a small request.
            if ("call".equals(subcommandName(args))) {
                CallCommand fast = CallCommand.parseFast(args);
                if (fast != null) {
                    try {
                        return fast.run(out, err);
                    } catch (CliException e) {
                        return reportCliException(e, "ynl4j call", err);
                    } catch (RuntimeException e) {
                        return internalError(e, fast.debug, err);
                    }
                }
            }
            return commandLine(out, err, args).execute(args);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Thrown outside a subcommand (e.g. while setting up picocli): still no raw stack trace.
            return internalError(e, Arrays.asList(args).contains("--debug"), err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        Ynl4jCommand root = new Ynl4jCommand();
        CommandLine cl = new CommandLine(root);
        // Only the subcommand the command line names (its model is all picocli builds); every one
        // for anything else (help, usage errors, suggestions).
        String named = subcommandName(args);
        if (named != null && !named.equals("help") && !named.equals("completion")) {
            cl.addSubcommand(named, Ynl4jCommand.create(named));
        } else {
            for (String name : Ynl4jCommand.SUBCOMMANDS) {
                cl.addSubcommand(name, Ynl4jCommand.create(name));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        // Plain text: output may go to files, pipes or a ToolProvider caller's StringWriter.
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((Exception e, CommandLine command, ParseResult parsed) -> {
            if (e instanceof CliException cli) {
                return reportCliException(cli, command.getCommandSpec().qualifiedName(), command.getErr());
            }
            return internalError(e, root.debug, command.getErr());
        });
        return cl;
    }

    /** The first argument when it names a subcommand (global options come before it), else null. */
    private static String subcommandName(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                continue;
            }
            return Ynl4jCommand.SUBCOMMANDS.contains(a) ? a : null;
        }
        return null;
    }

    /** Prints an expected failure as {@code ynl4j: message} (plus where help is) and returns its exit code. */
    private static int reportCliException(CliException e, String command, PrintWriter err) {
        err.println("ynl4j: " + e.getMessage());
        if (e.helpHint()) {
            err.println("Try '" + command + " --help' for more information.");
        }
        return e.exitCode();
    }

    /** Prints a usage error briefly (message, suggestions, where to find help) and returns 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String message = String.valueOf(e.getMessage());
        // Some picocli messages start with "Error: "; the "ynl4j: " prefix already says as much.
        err.println("ynl4j: " + (message.startsWith("Error: ") ? message.substring(7) : message));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    private static int internalError(Throwable e, boolean debug, PrintWriter err) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        if (debug) {
            err.println("ynl4j: internal error: " + message);
            e.printStackTrace(err);
        } else {
            err.println("ynl4j: internal error: " + message + " (run with --debug for the stack trace)");
        }
        return ExitCodes.INTERNAL;
    }
}
