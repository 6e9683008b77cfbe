package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A value written as a number or as a name (a constant, a type limit such as {@code u32-max}, or
 * a string value), exactly one of which is present.
 *
 * @param number the number, if a number was written
 * @param name the text, if text was written
 */
public record NumberOrName(OptionalLong number, Optional<String> name) {
    public NumberOrName {
        requireNonNull(number, "number");
        requireNonNull(name, "name");
        if (number.isPresent() == name.isPresent()) {
            throw new IllegalArgumentException("exactly one of number and name");
        }
    }

    /**
     * A number.
     *
     * @param n the number
     * @return the value
     */
    public static NumberOrName of(long n) {
        return new NumberOrName(OptionalLong.of(n), Optional.empty());
    }

    /**
     * A name.
     *
     * @param s the text
     * @return the value
     */
    public static NumberOrName of(String s) {
        return new NumberOrName(OptionalLong.empty(), Optional.of(s));
    }

    @Override
    public String toString() {
        return number.isPresent() ? Long.toString(number.getAsLong()) : name.orElseThrow();
    }
}
