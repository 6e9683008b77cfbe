package io.ynl4j.runtime;

/**
 * A netlink protocol (the third argument of {@code socket(AF_NETLINK, SOCK_RAW, protocol)}).
 *
 * @param number the protocol number
 * @param name a readable name
 */
public record NetlinkProtocol(int number, String name) {
    /** {@code NETLINK_ROUTE}: rtnetlink (links, addresses, routes, …). */
    public static final NetlinkProtocol ROUTE = new NetlinkProtocol(0, "route");
    /** {@code NETLINK_USERSOCK}: reserved for user-space protocols. */
    public static final NetlinkProtocol USERSOCK = new NetlinkProtocol(2, "usersock");
    /** {@code NETLINK_SOCK_DIAG}. */
    public static final NetlinkProtocol SOCK_DIAG = new NetlinkProtocol(4, "sock_diag");
    /** {@code NETLINK_XFRM}. */
    public static final NetlinkProtocol XFRM = new NetlinkProtocol(6, "xfrm");
    /** {@code NETLINK_AUDIT}. */
    public static final NetlinkProtocol AUDIT = new NetlinkProtocol(9, "audit");
    /** {@code NETLINK_NETFILTER}: nftables, conntrack. */
    public static final NetlinkProtocol NETFILTER = new NetlinkProtocol(12, "netfilter");
    /** {@code NETLINK_KOBJECT_UEVENT}. */
    public static final NetlinkProtocol KOBJECT_UEVENT = new NetlinkProtocol(15, "kobject_uevent");
    /** {@code NETLINK_GENERIC}: generic netlink. */
    public static final NetlinkProtocol GENERIC = new NetlinkProtocol(16, "generic");

    public NetlinkProtocol {
        if (number < 0 || number > 31) {
            throw new IllegalArgumentException("netlink protocol numbers are 0..31, got " + number);
        }
        java.util.Objects.requireNonNull(name, "name");
    }

    /**
     * The protocol with a given number; a known name when there is one.
     *
     * @param number 0…31
     * @return the protocol
     */
    public static NetlinkProtocol of(int number) {
        for (NetlinkProtocol p :
                new NetlinkProtocol[] {ROUTE, USERSOCK, SOCK_DIAG, XFRM, AUDIT, NETFILTER, KOBJECT_UEVENT, GENERIC}) {
            if (p.number == number) {
                return p;
            }
        }
        return new NetlinkProtocol(number, "netlink-" + number);
    }
}
