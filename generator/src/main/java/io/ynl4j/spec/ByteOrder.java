package io.ynl4j.spec;

/** The byte order of a scalar. {@link #HOST} when the spec gives none. */
public enum ByteOrder {
    /** The machine's order (the spec names none). */
    HOST,
    /** {@code little-endian}. */
    LITTLE_ENDIAN,
    /** {@code big-endian} (network order). */
    BIG_ENDIAN;

    /**
     * The spec spelling, or {@code host} for {@link #HOST}.
     *
     * @return the name
     */
    public String specName() {
        return switch (this) {
            case HOST -> "host";
            case LITTLE_ENDIAN -> "little-endian";
            case BIG_ENDIAN -> "big-endian";
        };
    }
}
