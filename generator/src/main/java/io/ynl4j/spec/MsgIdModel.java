package io.ynl4j.spec;

/** How operations get their message ids ({@code operations.enum-model}). */
public enum MsgIdModel {
    /** One id per operation, used in both directions. */
    UNIFIED,
    /** Requests and replies are counted separately (classic netlink and some legacy families). */
    DIRECTIONAL;

    /**
     * The name as written in a spec.
     *
     * @return {@code unified} or {@code directional}
     */
    public String specName() {
        return this == UNIFIED ? "unified" : "directional";
    }
}
