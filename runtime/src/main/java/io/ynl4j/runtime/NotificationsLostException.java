package io.ynl4j.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * The kernel dropped notifications for this socket because its receive buffer was full
 * ({@code ENOBUFS}). The socket keeps working; the usual cure is to dump again to resynchronise.
 */
public final class NotificationsLostException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final int portId;
    private final int[] groups;

    /**
     * Creates the exception.
     *
     * @param portId the socket's port id
     */
    public NotificationsLostException(int portId) {
        this(portId, List.of());
    }

    /**
     * Creates the exception naming the groups the socket had joined.
     *
     * @param portId the socket's port id
     * @param groups the groups joined (one of them lost messages), ascending
     */
    public NotificationsLostException(int portId, List<Integer> groups) {
        super("the kernel dropped notifications for netlink port " + Integer.toUnsignedString(portId)
                + (groups.isEmpty() ? "" : " (groups " + groups + ")")
                + " (ENOBUFS: receive buffer full); dump again to resynchronise");
        this.portId = portId;
        this.groups = groups.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The port id of the socket that lost messages.
     *
     * @return the port id
     */
    public int portId() {
        return portId;
    }

    /**
     * The groups the socket had joined, when known.
     *
     * @return group numbers, possibly empty
     */
    public List<Integer> groups() {
        return Arrays.stream(groups).boxed().toList();
    }
}
