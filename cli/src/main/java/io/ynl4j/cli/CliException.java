package io.ynl4j.cli;

/**
 * An expected failure of a subcommand (not a bug): its message is printed as {@code ynl4j: message}
 * without a stack trace, and the command exits with {@link #exitCode()}.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final boolean helpHint;

    /**
     * Creates the exception.
     *
     * @param exitCode one of {@link ExitCodes}
     * @param message what went wrong, stating the value and the expectation
     */
    CliException(int exitCode, String message) {
        this(exitCode, message, false);
    }

    private CliException(int exitCode, String message, boolean helpHint) {
        super(message);
        this.exitCode = exitCode;
        this.helpHint = helpHint;
    }

    /**
     * A wrong command line found while running (an unknown operation, JSON that is not an object):
     * reported like picocli's usage errors, with a pointer to the subcommand's help, exit code
     * {@link ExitCodes#USAGE}. Unlike picocli's {@code ParameterException} it needs no
     * {@code CommandLine}, so that {@code call}'s fast path can throw it too.
     *
     * @param message what is wrong
     * @return the exception
     */
    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message, true);
    }

    /**
     * Whether to point at the subcommand's {@code --help}.
     *
     * @return true for {@link #usage} errors
     */
    boolean helpHint() {
        return helpHint;
    }

    /**
     * The exit code to report.
     *
     * @return one of {@link ExitCodes}
     */
    int exitCode() {
        return exitCode;
    }
}
