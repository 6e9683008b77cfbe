package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The kernel's input validation for an attribute ({@code checks}), with limits resolved to numbers.
 * Limits may be written as numbers, names of {@code const} definitions, or type limits such as
 * {@code u32-max}; {@link Limit#expression} keeps what was written.
 *
 * @param min the smallest value
 * @param max the largest value
 * @param minLen the shortest payload
 * @param maxLen the longest payload
 * @param exactLen the exact payload length
 * @param flagsMask the flags definition whose mask limits the value
 * @param unterminatedOk whether a string may lack its NUL
 */
public record Checks(
        Optional<Limit> min,
        Optional<Limit> max,
        Optional<Limit> minLen,
        Optional<Limit> maxLen,
        Optional<Limit> exactLen,
        Optional<String> flagsMask,
        boolean unterminatedOk) {
    /** No checks. */
    public static final Checks NONE = new Checks(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false);

    public Checks {
        requireNonNull(min, "min");
        requireNonNull(max, "max");
        requireNonNull(minLen, "minLen");
        requireNonNull(maxLen, "maxLen");
        requireNonNull(exactLen, "exactLen");
        requireNonNull(flagsMask, "flagsMask");
    }

    /**
     * Whether no check is set.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * A resolved limit.
     *
     * @param value the number
     * @param expression what the spec wrote ({@code 255}, {@code u32-max}, {@code wg-key-len})
     */
    public record Limit(long value, String expression) {
        public Limit {
            requireNonNull(expression, "expression");
        }
    }
}
