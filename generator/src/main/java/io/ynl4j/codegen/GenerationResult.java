package io.ynl4j.codegen;

import static java.util.Objects.requireNonNull;

import io.ynl4j.spec.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run of the generator did. When any diagnostic is an error nothing was written or deleted
 * and the file lists are empty.
 *
 * @param families the names of the families generated, sorted
 * @param outputDirectory the output directory of the request
 * @param written the files written because they were new or their content changed, relative to the
 *     output directory, sorted
 * @param unchanged the files produced with the content they already had (not touched, so they keep
 *     their timestamps), relative, sorted
 * @param deleted the files the previous run produced and this one did not, now deleted; relative,
 *     sorted
 * @param diagnostics every error and warning, sorted by spec and position
 */
public record GenerationResult(
        List<String> families,
        Path outputDirectory,
        List<Path> written,
        List<Path> unchanged,
        List<Path> deleted,
        List<Diagnostic> diagnostics) {
    public GenerationResult {
        families = List.copyOf(families);
        requireNonNull(outputDirectory, "outputDirectory");
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Whether the run succeeded: no diagnostic is an error (warnings do not count, unless the
     * options made them errors).
     *
     * @return {@code true} on success
     */
    public boolean isOk() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /**
     * Every file the run produced, written or unchanged, relative to the output directory.
     *
     * @return the files, sorted
     */
    public List<Path> files() {
        return Stream.concat(written.stream(), unchanged.stream()).sorted().toList();
    }

    /**
     * One line for a log: {@code ynl4j: 2 families, 41 files (39 unchanged, 2 written, 0 deleted)},
     * or on failure {@code ynl4j: 2 errors, 1 warning; nothing written}.
     *
     * @return the line, without a line break
     */
    public String summary() {
        if (!isOk()) {
            long errors = diagnostics.stream().filter(Diagnostic::isError).count();
            long warnings = diagnostics.size() - errors;
            return "ynl4j: " + count(errors, "error", "errors")
                    + (warnings > 0 ? ", " + count(warnings, "warning", "warnings") : "")
                    + "; nothing written";
        }
        long warnings = diagnostics.size();
        return "ynl4j: " + count(families.size(), "family", "families") + ", "
                + count(written.size() + unchanged.size(), "file", "files")
                + " (" + unchanged.size() + " unchanged, " + written.size() + " written, " + deleted.size()
                + " deleted)"
                + (warnings > 0 ? ", " + count(warnings, "warning", "warnings") : "");
    }

    /**
     * Every diagnostic rendered, compiler-style.
     *
     * @return the text (empty when there is nothing to say)
     */
    public String renderDiagnostics() {
        StringBuilder out = new StringBuilder();
        diagnostics.forEach(d -> out.append(d.render()));
        return out.toString();
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
