package io.ynl4j.runtime;

/**
 * The kernel dropped notifications for this socket because its receive buffer was full
 * ({@code ENOBUFS}). The socket keeps working; the usual cure is to dump again to resynchronise.
 */
public final class NotificationsLostException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param portId the socket's port id
     */
    public NotificationsLostException(int portId) {
        super("the kernel dropped notifications for netlink port " + Integer.toUnsignedString(portId)
                + " (ENOBUFS: receive buffer full); dump again to resynchronise");
    }
}
