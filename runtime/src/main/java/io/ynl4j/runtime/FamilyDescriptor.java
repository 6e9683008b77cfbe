package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.codec.Netlink;

/**
 * What the generic client layer needs to know about a netlink family: its name, the netlink protocol
 * it is spoken on, whether it is a generic netlink family (resolved by name through nlctrl, with a
 * {@code genlmsghdr} before every payload) and the size of its default fixed header. Generated
 * family facades hold one as {@code FAMILY}.
 *
 * @param name the family name, e.g. {@code rt-addr} or {@code netdev} (what nlctrl resolves)
 * @param protocol the netlink protocol, e.g. {@link NetlinkProtocol#ROUTE}
 * @param generic whether this is a generic netlink family
 * @param version the generic netlink family version written in {@code genlmsghdr} (0 for
 *     classic families)
 * @param fixedHeaderSize the size of the family's default fixed header (e.g. 8 for rt-addr's
 *     {@code struct ifaddrmsg}), 0 when there is none
 */
public record FamilyDescriptor(
        String name, NetlinkProtocol protocol, boolean generic, int version, int fixedHeaderSize) {
    public FamilyDescriptor {
        requireNonNull(name, "name");
        requireNonNull(protocol, "protocol");
        if (generic && !protocol.equals(NetlinkProtocol.GENERIC)) {
            throw new IllegalArgumentException(
                    "generic netlink family '" + name + "' must use the generic protocol, got " + protocol.name());
        }
        if (version < 0 || version > 0xff) {
            throw new IllegalArgumentException("genetlink version must be 0..255, got " + version);
        }
        if (fixedHeaderSize < 0) {
            throw new IllegalArgumentException("fixed header size must not be negative, got " + fixedHeaderSize);
        }
    }

    /**
     * A classic ("raw") netlink family, such as {@code rt-addr} on {@link NetlinkProtocol#ROUTE}.
     *
     * @param name the family name
     * @param protocol the protocol
     * @param fixedHeaderSize the default fixed header's size, 0 for none
     * @return the descriptor
     */
    public static FamilyDescriptor raw(String name, NetlinkProtocol protocol, int fixedHeaderSize) {
        return new FamilyDescriptor(name, protocol, false, 0, fixedHeaderSize);
    }

    /**
     * A generic netlink family, resolved by name at run time.
     *
     * @param name the family name as nlctrl knows it
     * @param version the family version
     * @param fixedHeaderSize the default fixed header's size (after {@code genlmsghdr}), 0 for none
     * @return the descriptor
     */
    public static FamilyDescriptor genetlink(String name, int version, int fixedHeaderSize) {
        return new FamilyDescriptor(name, NetlinkProtocol.GENERIC, true, version, fixedHeaderSize);
    }

    /**
     * Bytes of payload before the attributes with the default fixed header: {@code genlmsghdr} (4,
     * generic families only) plus the fixed header.
     *
     * @return bytes
     */
    public int headerBytes() {
        return (generic ? Netlink.GENL_HDRLEN : 0) + fixedHeaderSize;
    }
}
