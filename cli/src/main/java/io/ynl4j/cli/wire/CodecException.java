package io.ynl4j.cli.wire;

/**
 * A JSON value that does not fit the spec (unknown attribute, wrong type, out of range, unknown
 * enum entry, no sub-message format), or a message that cannot be decoded with the spec. The
 * message starts with the path of the value, e.g. {@code linkinfo.data.id: expected an integer}.
 */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the path and what is wrong
     */
    public CodecException(String message) {
        super(message);
    }
}
