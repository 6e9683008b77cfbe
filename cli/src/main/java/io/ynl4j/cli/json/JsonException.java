package io.ynl4j.cli.json;

/** Malformed JSON text: the message names the position (1-based column) and what was expected. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * Creates the exception.
     *
     * @param position the 0-based character offset of the problem
     * @param message what was found and what was expected
     */
    public JsonException(int position, String message) {
        super(message);
        this.position = position;
    }

    /**
     * The 0-based character offset of the problem.
     *
     * @return the offset
     */
    public int position() {
        return position;
    }
}
