package io.ynl4j.runtime;

/**
 * The value of a {@code bitfield32} attribute ({@code struct nla_bitfield32}): the bits, and the
 * selector saying which of them this message sets.
 *
 * @param value the bits' values
 * @param selector the bits that count
 */
public record Bitfield32(int value, int selector) {
    /**
     * Sets every bit of {@code bits} to one, selecting exactly those bits.
     *
     * @param bits the bits to set
     * @return the bitfield
     */
    public static Bitfield32 set(int bits) {
        return new Bitfield32(bits, bits);
    }

    /**
     * The value as an unsigned number.
     *
     * @return the value bits
     */
    public long valueBits() {
        return Integer.toUnsignedLong(value);
    }

    /**
     * The selector as an unsigned number.
     *
     * @return the selector bits
     */
    public long selectorBits() {
        return Integer.toUnsignedLong(selector);
    }

    @Override
    public String toString() {
        return "0x" + Integer.toHexString(value) + "/0x" + Integer.toHexString(selector);
    }
}
