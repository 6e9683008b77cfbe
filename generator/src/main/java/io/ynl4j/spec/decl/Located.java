package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import io.ynl4j.spec.SourceLocation;

/**
 * A value with the place it was written.
 *
 * @param value the value
 * @param location where
 * @param <T> the value's type
 */
public record Located<T>(T value, SourceLocation location) {
    public Located {
        requireNonNull(value, "value");
        requireNonNull(location, "location");
    }
}
