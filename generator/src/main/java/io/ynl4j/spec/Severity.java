package io.ynl4j.spec;

import java.util.Locale;

/** How bad a {@link Diagnostic} is. Errors stop generation; warnings do not (unless asked to). */
public enum Severity {
    /** The input is wrong; nothing is generated. */
    ERROR,
    /** Something is odd or unsupported; generation goes on. */
    WARNING;

    /**
     * The lower-case word used when rendering, {@code error} or {@code warning}.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
