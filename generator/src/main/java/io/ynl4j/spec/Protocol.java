package io.ynl4j.spec;

import java.util.Optional;

/** The schema level a spec declares with {@code protocol:}; {@code genetlink} when absent. */
public enum Protocol {
    /** Generic netlink, the recommended level. */
    GENETLINK("genetlink"),
    /** Generic netlink with C naming overrides. */
    GENETLINK_C("genetlink-c"),
    /** Generic netlink with the legacy constructs (structs, directional ids, bitfield32). */
    GENETLINK_LEGACY("genetlink-legacy"),
    /** Classic ("raw") netlink families such as rtnetlink, with a protocol number. */
    NETLINK_RAW("netlink-raw");

    private final String specName;

    Protocol(String specName) {
        this.specName = specName;
    }

    /**
     * The name as written in a spec.
     *
     * @return e.g. {@code netlink-raw}
     */
    public String specName() {
        return specName;
    }

    /**
     * Whether this is one of the generic netlink levels.
     *
     * @return {@code true} for every level but {@link #NETLINK_RAW}
     */
    public boolean isGeneric() {
        return this != NETLINK_RAW;
    }

    /**
     * Finds a level by its spec name.
     *
     * @param specName e.g. {@code genetlink-legacy}
     * @return the level, or empty
     */
    public static Optional<Protocol> fromSpecName(String specName) {
        for (Protocol p : values()) {
            if (p.specName.equals(specName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
