package io.ynl4j.runtime;

/**
 * The on/off options of a netlink socket at level {@code SOL_NETLINK}, for
 * {@link NetlinkSocket#setFlag} and {@link NetlinkSocket#flag}.
 */
public enum SocketFlag {
    /** {@code NETLINK_PKTINFO}: deliver the destination group in a control message. */
    PKTINFO(3),
    /** {@code NETLINK_BROADCAST_ERROR}: report a failed delivery of a broadcast to the sender. */
    BROADCAST_ERROR(4),
    /** {@code NETLINK_NO_ENOBUFS}: do not report dropped notifications. */
    NO_ENOBUFS(5),
    /** {@code NETLINK_LISTEN_ALL_NSID}: receive notifications of every peer namespace with an id. */
    LISTEN_ALL_NSID(8),
    /** {@code NETLINK_CAP_ACK}: errors do not echo the whole request. */
    CAP_ACK(10),
    /** {@code NETLINK_EXT_ACK}: the kernel explains errors (message, attribute offset, policy). */
    EXT_ACK(11),
    /** {@code NETLINK_GET_STRICT_CHK}: strict checking of dump requests. */
    GET_STRICT_CHK(12);

    private final int option;

    SocketFlag(int option) {
        this.option = option;
    }

    /**
     * The option number at {@code SOL_NETLINK}.
     *
     * @return the number
     */
    public int option() {
        return option;
    }

    /**
     * The C name, e.g. {@code NETLINK_EXT_ACK}.
     *
     * @return the name
     */
    public String cName() {
        return "NETLINK_" + name();
    }
}
