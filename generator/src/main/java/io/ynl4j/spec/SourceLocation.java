package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

/**
 * A position in a spec file: the file name as given to the loader (relative to the spec root, never
 * an absolute path in output), and a 1-based line and column.
 *
 * @param file the spec file name, e.g. {@code rt-addr.yaml}
 * @param line the 1-based line
 * @param column the 1-based column
 */
public record SourceLocation(String file, int line, int column) {
    public SourceLocation {
        requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /**
     * A location for a whole file, when no position inside it is known.
     *
     * @param file the file name
     * @return the location of the file's first character
     */
    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 1, 1);
    }

    /** Renders {@code file:line:column}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
