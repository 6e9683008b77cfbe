package io.ynl4j.cli;

import io.ynl4j.spec.load.SpecCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The option adding a kernel tree to the spec catalog, shared by the subcommands that find specs by
 * family name. The catalog searches {@code $YNL4J_HOME/specs}, the folders of {@code YNL4J_SPEC_PATH},
 * the {@code --spec-dir} folder and Debian's {@code linux-doc-*} packages, in that order.
 */
final class CatalogOptions {
    @Option(
            names = "--spec-dir",
            paramLabel = "DIR",
            description = "Also find families in DIR: a kernel tree (its Documentation/netlink/specs) or a"
                    + " folder of specs. Searched after $YNL4J_HOME/specs and YNL4J_SPEC_PATH, before"
                    + " Debian's linux-doc packages.")
    Path specDir;

    /**
     * The catalog these options and the environment describe.
     *
     * @return the catalog
     * @throws CliException with {@link ExitCodes#IO} when {@code --spec-dir} is not a directory
     */
    SpecCatalog catalog() {
        if (specDir != null && !Files.isDirectory(specDir)) {
            throw new CliException(
                    ExitCodes.IO,
                    "--spec-dir " + specDir + ": not a directory (expected: a kernel tree or a folder of specs)");
        }
        String home = Environment.get(Environment.HOME);
        Path projectSpecs =
                home == null || home.isBlank() ? null : Path.of(home).resolve("specs");
        return SpecCatalog.standard(Environment::get, projectSpecs, specDir);
    }
}
