package io.ynl4j.runtime;

/** An entry of a generated {@code flags} enum: its mask on the wire and its spec name. */
public interface NetlinkFlag {
    /**
     * The entry's mask ({@code 1 << bit}).
     *
     * @return the mask
     */
    long mask();

    /**
     * The entry's name in the spec, e.g. {@code stable-privacy}.
     *
     * @return the name
     */
    String specName();
}
