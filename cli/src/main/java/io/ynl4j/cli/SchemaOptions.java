package io.ynl4j.cli;

import io.ynl4j.codegen.GeneratorOptions;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options choosing the JSON schemas specs are validated against, shared by the subcommands that
 * load specs. Without either option, a spec is validated like the kernel's own tool does it: against
 * {@code ../<protocol>.yaml} (or {@code .yaml.gz}) next to the spec's folder, when that file
 * exists. {@code --lenient} relaxes one rule for specs of older kernels.
 */
final class SchemaOptions {
    @ArgGroup(exclusive = true)
    Choice choice;

    @Option(
            names = "--lenient",
            description = "Warn (Y304) instead of failing when an operation lists an attribute its set lacks;"
                    + " for specs of older kernels such as Debian's linux-doc-6.12.")
    boolean lenient;

    /** At most one of the two. */
    static final class Choice {
        @Option(
                names = "--schema-dir",
                paramLabel = "DIR",
                description = "Validate each spec against DIR/<protocol>.yaml (the kernel's"
                        + " Documentation/netlink folder holds these schemas).")
        Path schemaDir;

        @Option(
                names = "--no-schema",
                description = "Do not validate against a JSON schema, not even one found next to the spec's folder.")
        boolean noSchema;
    }

    /**
     * A loader configured by these options.
     *
     * @return the loader
     * @throws CliException with {@link ExitCodes#IO} when the schema directory does not exist
     */
    SpecLoader loader() {
        SpecLoader loader = SpecLoader.create().withLenientReferences(lenient);
        if (choice == null) {
            return loader;
        }
        if (choice.noSchema) {
            return loader.withAutoSchema(false);
        }
        return loader.withSchemaDirectory(schemaDir());
    }

    /**
     * Generator options with these settings applied.
     *
     * @param options the options to start from
     * @return the options
     * @throws CliException with {@link ExitCodes#IO} when the schema directory does not exist
     */
    GeneratorOptions apply(GeneratorOptions options) {
        GeneratorOptions result = options.withLenientReferences(lenient);
        if (choice == null) {
            return result;
        }
        if (choice.noSchema) {
            return result.withAutoSchema(false);
        }
        return result.withSchemaDirectory(schemaDir());
    }

    private Path schemaDir() {
        if (!Files.isDirectory(choice.schemaDir)) {
            throw new CliException(
                    ExitCodes.IO,
                    "--schema-dir " + choice.schemaDir + ": not a directory (expected: a folder"
                            + " holding genetlink.yaml, netlink-raw.yaml, ...)");
        }
        return choice.schemaDir;
    }
}
