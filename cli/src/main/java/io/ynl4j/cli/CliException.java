package io.ynl4j.cli;

/**
 * An expected failure of a subcommand (not a bug): its message is printed as {@code ynl4j: message}
 * without a stack trace, and the command exits with {@link #exitCode()}.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * Creates the exception.
     *
     * @param exitCode one of {@link ExitCodes}
     * @param message what went wrong, stating the value and the expectation
     */
    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
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
