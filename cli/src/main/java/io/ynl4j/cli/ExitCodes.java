package io.ynl4j.cli;

import io.ynl4j.codegen.GenerationResult;
import io.ynl4j.spec.Diagnostic;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.load.LoadResult;
import java.util.List;

/** The exit codes of {@code ynl4j}, the same for every subcommand. */
public final class ExitCodes {
    /** Everything went well (warnings do not count). */
    public static final int OK = 0;

    /** A spec has errors. */
    public static final int SPEC_ERRORS = 1;

    /** The command line is wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;

    /** A file could not be read or written, or no spec was found for a family name. */
    public static final int IO = 3;

    /** The kernel answered with an error (subcommands that talk to the kernel). */
    public static final int KERNEL = 4;

    /** A bug in ynl4j: an unexpected exception. */
    public static final int INTERNAL = 5;

    private ExitCodes() {}

    /**
     * The exit code for one loaded spec: {@link #OK} when it loaded without errors, {@link #IO} when
     * its only errors are that it could not be read or found ({@code Y001}, {@code Y011}), {@link #SPEC_ERRORS} otherwise.
     *
     * @param result what the loader returned
     * @return the exit code
     */
    static int of(LoadResult result) {
        if (result.ok()) {
            return OK;
        }
        List<Diagnostic> errors =
                result.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty() && errors.stream().allMatch(ExitCodes::isIo)) {
            return IO;
        }
        return SPEC_ERRORS;
    }

    /**
     * The exit code for a generator run: {@link #OK} when it succeeded, {@link #IO} when its only
     * errors are that a spec could not be read or found ({@code Y001}, {@code Y011}) or the output could not be written
     * ({@code Y402}), {@link #SPEC_ERRORS} otherwise.
     *
     * @param result what the generator returned
     * @return the exit code
     */
    static int of(GenerationResult result) {
        if (result.isOk()) {
            return OK;
        }
        boolean onlyIo = result.diagnostics().stream()
                .filter(Diagnostic::isError)
                .allMatch(d -> isIo(d) || d.code().equals(Problem.OUTPUT_ERROR.code()));
        return onlyIo ? IO : SPEC_ERRORS;
    }

    private static boolean isIo(Diagnostic d) {
        return d.code().equals(Problem.IO_ERROR.code()) || d.code().equals(Problem.UNKNOWN_FAMILY.code());
    }

    /**
     * Combines the codes of several specs: spec errors first, then I/O problems, else success.
     *
     * @param a one code
     * @param b another code
     * @return the code to report for both
     */
    static int combine(int a, int b) {
        if (a == SPEC_ERRORS || b == SPEC_ERRORS) {
            return SPEC_ERRORS;
        }
        return Math.max(a, b);
    }
}
