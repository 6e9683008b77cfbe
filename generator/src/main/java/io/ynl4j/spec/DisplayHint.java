package io.ynl4j.spec;

import java.util.Optional;

/** How a value is best shown to a person ({@code display-hint}). */
public enum DisplayHint {
    HEX("hex"),
    MAC("mac"),
    FDDI("fddi"),
    IPV4("ipv4"),
    IPV6("ipv6"),
    IPV4_OR_V6("ipv4-or-v6"),
    UUID("uuid");

    private final String specName;

    DisplayHint(String specName) {
        this.specName = specName;
    }

    /**
     * The name as written in a spec.
     *
     * @return e.g. {@code ipv4-or-v6}
     */
    public String specName() {
        return specName;
    }

    /**
     * Finds a hint by its spec name.
     *
     * @param specName e.g. {@code mac}
     * @return the hint, or empty
     */
    public static Optional<DisplayHint> fromSpecName(String specName) {
        for (DisplayHint h : values()) {
            if (h.specName.equals(specName)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
