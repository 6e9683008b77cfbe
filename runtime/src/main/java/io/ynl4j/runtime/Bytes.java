package io.ynl4j.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with content equality and a hex {@code toString}: the value of binary
 * attributes. Records compare arrays by identity; {@code Bytes} compares contents.
 */
public final class Bytes implements Comparable<Bytes> {
    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /**
     * A copy of {@code data}.
     *
     * @param data the bytes
     * @return the value
     */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /**
     * Wraps an array the caller will never change again (no copy).
     *
     * @param data the bytes, now owned by the result
     * @return the value
     */
    public static Bytes wrap(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    /**
     * Parses hex, with or without a {@code 0x} prefix and {@code :} or space separators.
     *
     * @param hex e.g. {@code 02:00:00:00:00:01}
     * @return the value
     */
    public static Bytes fromHex(String hex) {
        String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        s = s.replace(":", "").replace(" ", "");
        return wrap(HexFormat.of().parseHex(s));
    }

    /**
     * The bytes of an IP address (4 or 16 bytes).
     *
     * @param address the address
     * @return the value
     */
    public static Bytes of(InetAddress address) {
        return wrap(address.getAddress());
    }

    /**
     * The length.
     *
     * @return the number of bytes
     */
    public int length() {
        return data.length;
    }

    /**
     * One byte.
     *
     * @param index the index
     * @return the byte
     */
    public byte get(int index) {
        return data[index];
    }

    /**
     * A copy of the bytes.
     *
     * @return a new array
     */
    public byte[] toByteArray() {
        return data.clone();
    }

    /**
     * Copies the bytes into an array, allocating nothing (encoders use it).
     *
     * @param destination the array
     * @param offset where the first byte goes
     * @throws IndexOutOfBoundsException when they do not fit
     */
    public void copyTo(byte[] destination, int offset) {
        System.arraycopy(data, 0, destination, offset, data.length);
    }

    /**
     * The bytes as an IP address: 4 bytes IPv4, 16 bytes IPv6.
     *
     * @return the address
     * @throws IllegalStateException when the length is neither 4 nor 16
     */
    public InetAddress toInetAddress() {
        try {
            if (data.length != 4 && data.length != 16) {
                throw new IllegalStateException("an IP address has 4 or 16 bytes, got " + data.length);
            }
            return InetAddress.getByAddress(data);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lower-case hex without separators.
     *
     * @return e.g. {@code 0a000001}
     */
    public String toHex() {
        return HexFormat.of().formatHex(data);
    }

    /**
     * Colon-separated hex, as MAC addresses are shown.
     *
     * @return e.g. {@code 02:00:00:00:00:01}
     */
    public String toMac() {
        return HexFormat.ofDelimiter(":").formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    /** Hex, e.g. {@code 0x0a000001}. */
    @Override
    public String toString() {
        return "0x" + toHex();
    }
}
