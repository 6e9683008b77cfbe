package io.ynl4j.codegen;

import static java.util.Objects.requireNonNull;

import io.ynl4j.spec.load.SpecCatalog;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How {@link Generator} turns specs into Java: the base package and how specs are loaded. Immutable;
 * start from {@link #defaults()} and change one setting at a time with the {@code with…} methods.
 *
 * @param basePackage the package under which each family gets its own package, e.g. {@code
 *     com.acme.netlink} gives {@code com.acme.netlink.rtaddr} for {@code rt-addr}
 * @param failOnWarnings whether warnings stop generation like errors do
 * @param schemaDirectory a folder holding the kernel's {@code <protocol>.yaml} JSON schemas to
 *     validate every spec against; when empty, see {@code autoSchema}
 * @param autoSchema whether, without a schema directory, a schema is looked for next to each spec's
 *     folder as the kernel's tool does (see {@link SpecLoader})
 * @param lenientReferences whether operations naming attributes their set lacks only get a warning
 *     ({@code Y304}); for specs of older kernels
 * @param catalog where {@link SpecSource#family} names are looked up; {@link SpecCatalog#empty()}
 *     by default, so a run finds families only when the caller supplies a catalog
 */
public record GeneratorOptions(
        String basePackage,
        boolean failOnWarnings,
        Optional<Path> schemaDirectory,
        boolean autoSchema,
        boolean lenientReferences,
        SpecCatalog catalog) {
    /** The base package of {@link #defaults()}. */
    public static final String DEFAULT_BASE_PACKAGE = "io.ynl4j.generated";

    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    public GeneratorOptions {
        requireNonNull(basePackage, "basePackage");
        requireNonNull(schemaDirectory, "schemaDirectory");
        requireNonNull(catalog, "catalog");
        if (!PACKAGE.matcher(basePackage).matches()) {
            throw new IllegalArgumentException("base package '" + basePackage
                    + "' is not a Java package name (expected: dot-separated identifiers, e.g. com.acme.netlink)");
        }
    }

    /**
     * The defaults: base package {@value #DEFAULT_BASE_PACKAGE}, warnings do not fail, schemas looked
     * for next to the specs, strict references.
     *
     * @return the options
     */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_BASE_PACKAGE, false, Optional.empty(), true, false, SpecCatalog.empty());
    }

    /**
     * Sets the base package.
     *
     * @param pkg e.g. {@code com.acme.netlink}
     * @return new options
     * @throws IllegalArgumentException when {@code pkg} is not a package name
     */
    public GeneratorOptions withBasePackage(String pkg) {
        return new GeneratorOptions(pkg, failOnWarnings, schemaDirectory, autoSchema, lenientReferences, catalog);
    }

    /**
     * Sets whether warnings stop generation: when on, every warning is reported as an error and
     * nothing is written.
     *
     * @param on whether to fail on warnings
     * @return new options
     */
    public GeneratorOptions withFailOnWarnings(boolean on) {
        return new GeneratorOptions(basePackage, on, schemaDirectory, autoSchema, lenientReferences, catalog);
    }

    /**
     * Validates every spec against {@code <dir>/<protocol>.yaml}.
     *
     * @param dir the folder of the kernel's schema files
     * @return new options
     */
    public GeneratorOptions withSchemaDirectory(Path dir) {
        return new GeneratorOptions(
                basePackage,
                failOnWarnings,
                Optional.of(requireNonNull(dir, "dir")),
                autoSchema,
                lenientReferences,
                catalog);
    }

    /**
     * Turns the search for schemas next to the specs on or off (it applies only without a schema
     * directory).
     *
     * @param on whether to look
     * @return new options
     */
    public GeneratorOptions withAutoSchema(boolean on) {
        return new GeneratorOptions(basePackage, failOnWarnings, schemaDirectory, on, lenientReferences, catalog);
    }

    /**
     * Turns lenient references on or off (see {@link SpecLoader#withLenientReferences}).
     *
     * @param on whether to be lenient
     * @return new options
     */
    public GeneratorOptions withLenientReferences(boolean on) {
        return new GeneratorOptions(basePackage, failOnWarnings, schemaDirectory, autoSchema, on, catalog);
    }

    /**
     * Sets the catalog that resolves {@link SpecSource#family} sources.
     *
     * @param catalog e.g. {@link SpecCatalog#standard}
     * @return new options
     */
    public GeneratorOptions withCatalog(SpecCatalog catalog) {
        return new GeneratorOptions(
                basePackage, failOnWarnings, schemaDirectory, autoSchema, lenientReferences, catalog);
    }

    /** The spec loader these options describe. */
    SpecLoader loader() {
        SpecLoader loader = SpecLoader.create().withAutoSchema(autoSchema).withLenientReferences(lenientReferences);
        return schemaDirectory.map(loader::withSchemaDirectory).orElse(loader);
    }
}
