package io.ynl4j.runtime;

/** An entry of a generated {@code enum}: its value on the wire and its spec name. */
public interface NetlinkEnum {
    /**
     * The entry's value.
     *
     * @return the value
     */
    long value();

    /**
     * The entry's name in the spec, e.g. {@code universe}.
     *
     * @return the name
     */
    String specName();
}
