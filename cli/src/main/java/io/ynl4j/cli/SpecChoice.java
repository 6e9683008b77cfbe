package io.ynl4j.cli;

import io.ynl4j.spec.Family;
import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Loads the one spec a subcommand works on: a file, or a family found by name ({@code --family}). */
final class SpecChoice {
    private SpecChoice() {}

    /**
     * Loads the spec, printing its diagnostics to the command's standard error.
     *
     * @param cl the subcommand (for usage errors and output)
     * @param loader the loader
     * @param catalog the catalog options, used when {@code family} is given
     * @param family the family name, or null
     * @param file the spec file, or null
     * @return the family, or the exit code when it has errors (as a failed {@link Loaded})
     * @throws ParameterException when neither or both are given
     */
    static Loaded load(CommandLine cl, SpecLoader loader, CatalogOptions catalog, String family, Path file) {
        if ((family == null) == (file == null)) {
            throw new ParameterException(
                    cl,
                    family == null
                            ? "Missing required parameter: SPEC or --family NAME"
                            : "Give SPEC or --family NAME, not both");
        }
        return loadOne(cl.getErr(), loader, catalog, family, file);
    }

    /**
     * Loads the spec named by exactly one of {@code family} and {@code file}, printing its
     * diagnostics to {@code err}.
     *
     * @param err where diagnostics go
     * @param loader the loader
     * @param catalog the catalog options, used when {@code family} is given
     * @param family the family name, or null
     * @param file the spec file, or null when {@code family} is given
     * @return the family, or the exit code when it has errors (as a failed {@link Loaded})
     */
    static Loaded loadOne(PrintWriter err, SpecLoader loader, CatalogOptions catalog, String family, Path file) {
        LoadResult result = family != null ? catalog.catalog().load(family, loader) : loader.load(file);
        err.print(result.render());
        err.flush();
        int code = ExitCodes.of(result);
        return new Loaded(code == ExitCodes.OK ? result.family() : Optional.empty(), code);
    }

    /**
     * What {@link #load} returned.
     *
     * @param family the linked family when it loaded without errors
     * @param exitCode the exit code of the load
     */
    record Loaded(Optional<Family> family, int exitCode) {}
}
