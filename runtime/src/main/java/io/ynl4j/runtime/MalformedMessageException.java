package io.ynl4j.runtime;

/**
 * A received message does not decode: a length is out of bounds, a payload is shorter than its
 * type needs, a string lacks its NUL, nesting is too deep. Says where (byte offset, attribute path)
 * and what was expected.
 */
public final class MalformedMessageException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String path;

    /**
     * Creates the exception.
     *
     * @param offset the byte offset of the problem within the buffer being read
     * @param path the attribute path, e.g. {@code 3/1}; empty at top level
     * @param problem what is wrong, with value and expectation
     */
    public MalformedMessageException(long offset, String path, String problem) {
        super("malformed netlink data at byte " + offset + (path.isEmpty() ? "" : " (attribute " + path + ")") + ": "
                + problem);
        this.offset = offset;
        this.path = path;
    }

    /**
     * The byte offset of the problem.
     *
     * @return the offset
     */
    public long offset() {
        return offset;
    }

    /**
     * The attribute path (attribute types from the outermost in), e.g. {@code 18/1}.
     *
     * @return the path, possibly empty
     */
    public String path() {
        return path;
    }
}
