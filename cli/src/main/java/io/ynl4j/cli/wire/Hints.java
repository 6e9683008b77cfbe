package io.ynl4j.cli.wire;

import io.ynl4j.spec.DisplayHint;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Display hints as text, both ways, as the kernel's ynl CLI shows them: addresses in their usual
 * notation, MACs as {@code 00:11:22:33:44:55}, hex scalars as {@code 0x1f} and hex binaries as
 * {@code "01 02 03"}, UUIDs in their canonical form.
 */
final class Hints {
    private static final HexFormat HEX = HexFormat.of();
    /** Compiled on first use: decoding never needs it. */
    private static final class Quad {
        static final java.util.regex.Pattern DOTTED_QUAD = java.util.regex.Pattern.compile(
                "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    }

    private Hints() {}

    /**
     * Formats binary bytes with a hint. Bytes that do not fit the hint (an {@code ipv4} address
     * that is not 4 bytes long, an {@code ipv6} one not 16, a UUID not 16) are shown as plain hex
     * digits, which {@link #parseBytes} reads back.
     *
     * @param hint the display hint
     * @param b the bytes
     * @return the text
     */
    static String format(DisplayHint hint, byte[] b) {
        return switch (hint) {
            case HEX -> HexFormat.ofDelimiter(" ").formatHex(b);
            case MAC, FDDI -> HexFormat.ofDelimiter(":").formatHex(b);
            case IPV4 -> b.length == 4 ? address(b) : HEX.formatHex(b);
            case IPV6 -> b.length == 16 ? address(b) : HEX.formatHex(b);
            case IPV4_OR_V6 -> (b.length == 4 || b.length == 16) ? address(b) : HEX.formatHex(b);
            case UUID -> {
                if (b.length != 16) {
                    yield HEX.formatHex(b);
                }
                long hi = 0;
                long lo = 0;
                for (int i = 0; i < 8; i++) {
                    hi = (hi << 8) | (b[i] & 0xff);
                    lo = (lo << 8) | (b[i + 8] & 0xff);
                }
                yield new UUID(hi, lo).toString();
            }
        };
    }

    /**
     * Formats an integer with a hint.
     *
     * @param hint the display hint
     * @param value the value (unsigned when {@code unsigned})
     * @param size the integer's size in bytes
     * @return the text, or empty when the hint does not apply to integers
     */
    static String format(DisplayHint hint, long value, int size, boolean unsigned) {
        return switch (hint) {
            case HEX -> "0x" + (unsigned ? Long.toHexString(value & mask(size)) : Long.toHexString(value));
            case IPV4, IPV4_OR_V6 -> {
                if (size != 4) {
                    yield Long.toUnsignedString(value);
                }
                byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
                yield address(b);
            }
            default -> unsigned ? Long.toUnsignedString(value & mask(size)) : Long.toString(value);
        };
    }

    private static long mask(int size) {
        return size >= 8 ? -1L : (1L << (size * 8)) - 1;
    }

    /**
     * An address as {@code inet_ntop} writes it (the form {@code ip} prints): dotted quad for 4
     * bytes; for 16, lower-case groups with the longest run of two or more zero groups as
     * {@code ::} (RFC 5952) and a dotted tail for IPv4-mapped and IPv4-compatible addresses.
     *
     * @param b 4 or 16 bytes
     * @return the text
     */
    static String address(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        boolean firstFiveZero = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
        boolean mapped = firstFiveZero && g[5] == 0xffff;
        boolean compatible = firstFiveZero && g[5] == 0 && g[6] != 0;
        int groups = mapped || compatible ? 6 : 8;
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < groups; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        if (groups == 6) {
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.');
            out.append(b[14] & 0xff).append('.').append(b[15] & 0xff);
        }
        return out.toString();
    }

    /**
     * Parses text with a hint into bytes. For the address hints, text without {@code .} or
     * {@code :} is hex digits (how {@link #format(DisplayHint, byte[])} shows bytes that are no
     * address), so {@code "0a000001"} is four bytes, not the number 0x0a000001 as an address.
     *
     * @param hint the display hint
     * @param text the text
     * @return the bytes
     * @throws IllegalArgumentException when the text does not fit the hint
     */
    static byte[] parseBytes(DisplayHint hint, String text) {
        return switch (hint) {
            case IPV4, IPV6, IPV4_OR_V6 -> {
                if (!text.contains(".") && !text.contains(":")) {
                    yield hex(text); // bytes that are no address of the hint's kind are shown as hex
                }
                byte[] b = parseAddress(text);
                if (hint == DisplayHint.IPV4 && b.length != 4) {
                    throw new IllegalArgumentException("expected an IPv4 address, got \"" + text + "\"");
                }
                if (hint == DisplayHint.IPV6 && b.length != 16) {
                    throw new IllegalArgumentException("expected an IPv6 address, got \"" + text + "\"");
                }
                yield b;
            }
            case MAC, FDDI -> {
                String t = text.trim();
                if (t.contains(":") || t.contains("-")) {
                    String[] parts = t.split("[:-]");
                    byte[] b = new byte[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        if (parts[i].isEmpty() || parts[i].length() > 2) {
                            throw new IllegalArgumentException(
                                    "expected a MAC address like 00:11:22:33:44:55, got \"" + text + "\"");
                        }
                        b[i] = (byte) Integer.parseInt(parts[i], 16);
                    }
                    yield b;
                }
                yield hex(t);
            }
            case UUID -> {
                if (!text.contains("-")) {
                    yield hex(text); // bytes that are no UUID are shown as hex
                }
                UUID u;
                try {
                    u = UUID.fromString(text.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("expected a UUID, got \"" + text + "\"");
                }
                byte[] b = new byte[16];
                for (int i = 0; i < 8; i++) {
                    b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
                    b[i + 8] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
                }
                yield b;
            }
            case HEX -> hex(text);
        };
    }

    /**
     * Parses text with a hint into an integer.
     *
     * @param hint the display hint
     * @param text the text
     * @return the value, or null when the hint does not describe integers as text
     */
    static BigInteger parseInteger(DisplayHint hint, String text) {
        return switch (hint) {
            case IPV4, IPV4_OR_V6 -> {
                byte[] b = parseAddress(text);
                if (b.length != 4) {
                    throw new IllegalArgumentException("expected an IPv4 address, got \"" + text + "\"");
                }
                yield new BigInteger(1, b);
            }
            case HEX -> {
                String t = text.trim().toLowerCase(Locale.ROOT);
                yield new BigInteger(t.startsWith("0x") ? t.substring(2) : t, 16);
            }
            default -> null;
        };
    }

    /**
     * Parses an IPv4 or IPv6 address literal (no name look-up); an IPv6 literal always gives 16
     * bytes, an IPv4-mapped one ({@code ::ffff:192.0.2.1}) included.
     *
     * @param text the text
     * @return 4 or 16 bytes
     */
    static byte[] parseAddress(String text) {
        String t = text.trim();
        if (!t.contains(":") && !Quad.DOTTED_QUAD.matcher(t).matches()) {
            // InetAddress also takes inet_aton's short forms ("1.2.3" is 1.2.0.3, "1" is 0.0.0.1);
            // ynl (Python's ipaddress) and ip accept only the dotted quad.
            throw new IllegalArgumentException("expected an IP address, got \"" + text + "\"");
        }
        try {
            byte[] b = InetAddress.ofLiteral(t).getAddress();
            if (b.length == 4 && text.contains(":")) {
                // InetAddress turns an IPv4-mapped IPv6 address (::ffff:a.b.c.d) into its IPv4 address.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected an IP address, got \"" + text + "\"");
        }
    }

    /**
     * Parses hex digits, ignoring white space and {@code :} separators and an {@code 0x} prefix.
     *
     * @param text the text
     * @return the bytes
     */
    static byte[] hex(String text) {
        String t = text.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        StringBuilder digits = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || c == ':') {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                throw new IllegalArgumentException("expected hex digits, got \"" + text + "\"");
            }
            digits.append(c);
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits in \"" + text + "\"");
        }
        return HEX.parseHex(digits);
    }

    /**
     * Bytes as plain hex digits (binary without a hint, as ynl prints it).
     *
     * @param b the bytes
     * @return the digits
     */
    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
