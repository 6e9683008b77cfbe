package io.ynl4j.cli;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads environment variables ({@code YNL4J_HOME}, {@code YNL4J_SPEC_PATH}) through a replaceable
 * lookup: {@code ynl4j} also runs in-process as a {@link java.util.spi.ToolProvider}, where tests
 * cannot change the real environment.
 */
final class Environment {
    /** The variable {@code bin/ynl4j} sets to the project's root; its {@code specs/} folder is searched first. */
    static final String HOME = "YNL4J_HOME";

    private static volatile UnaryOperator<String> lookup = System::getenv;

    private Environment() {}

    /**
     * The value of a variable.
     *
     * @param name the variable
     * @return its value, or null when unset
     */
    static String get(String name) {
        return lookup.apply(name);
    }

    /**
     * Replaces the lookup (for tests); {@link #reset()} restores {@link System#getenv(String)}.
     *
     * @param replacement the new lookup, returning null for unset variables
     */
    static void set(UnaryOperator<String> replacement) {
        lookup = Objects.requireNonNull(replacement, "replacement");
    }

    /** Restores the real environment. */
    static void reset() {
        lookup = System::getenv;
    }
}
