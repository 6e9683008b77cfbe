package io.ynl4j.codegen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where a spec comes from. Today a file; a family name that a spec catalog resolves (the project's
 * specs, {@code YNL4J_SPEC_PATH}, a kernel tree, Debian's {@code linux-doc}) is to follow as another
 * case of this sealed interface.
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
}
