package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import io.ynl4j.spec.SourceLocation;
import java.util.Map;

/**
 * Where a mapping starts and where each of its keys' values is.
 *
 * @param start where the mapping starts
 * @param values the location of each key's value, by key
 */
public record Positions(SourceLocation start, Map<String, SourceLocation> values) {
    public Positions {
        requireNonNull(start, "start");
        values = Map.copyOf(values);
    }

    /**
     * The location of a key's value, or the mapping's start when the key is absent.
     *
     * @param key the key
     * @return the location
     */
    public SourceLocation at(String key) {
        return values.getOrDefault(key, start);
    }

    /**
     * Whether the key was present.
     *
     * @param key the key
     * @return {@code true} if the mapping had it
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }
}
