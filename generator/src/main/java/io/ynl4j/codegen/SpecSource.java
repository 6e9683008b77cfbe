package io.ynl4j.codegen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where a spec comes from: a file, or a family name that the run's {@link
 * io.ynl4j.spec.load.SpecCatalog} resolves (see {@link GeneratorOptions#withCatalog}).
 */
public sealed interface SpecSource {
    /**
     * A spec file.
     *
     * @param file a {@code .yaml} or {@code .yaml.gz} file
     * @return the source
     */
    static SpecSource file(Path file) {
        return new File(file);
    }

    /**
     * A family found by name in the run's spec catalog ({@link GeneratorOptions#catalog()}): the
     * project's specs, {@code YNL4J_SPEC_PATH}, a kernel tree, Debian's {@code linux-doc}. An unknown
     * name is reported as error {@code Y011}, listing near names.
     *
     * @param name the family name, e.g. {@code rt-addr} (the file stem, e.g. {@code drm_ras}, also works)
     * @return the source
     */
    static SpecSource family(String name) {
        return new Family(name);
    }

    /**
     * How diagnostics name the source.
     *
     * @return e.g. the path as given
     */
    String displayName();

    /**
     * A spec file. Diagnostics name it by the path as given; generated code only by its file name.
     *
     * @param path the file
     */
    record File(Path path) implements SpecSource {
        public File {
            requireNonNull(path, "path");
        }

        @Override
        public String displayName() {
            return path.toString();
        }
    }

    /**
     * A family name, resolved through the spec catalog. Diagnostics name the file it resolves to.
     *
     * @param name the family name
     */
    record Family(String name) implements SpecSource {
        public Family {
            requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("family name is blank (expected: e.g. rt-addr)");
            }
        }

        @Override
        public String displayName() {
            return "family " + name;
        }
    }
}
