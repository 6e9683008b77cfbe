package io.ynl4j.runtime;

/**
 * The root of the runtime's exceptions. All are unchecked: dumps are {@code Stream}s, and checked
 * exceptions fight lambdas.
 */
public class NetlinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public NetlinkException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened
     * @param cause the cause
     */
    public NetlinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
