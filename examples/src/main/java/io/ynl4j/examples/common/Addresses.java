package io.ynl4j.examples.common;

import java.util.HexFormat;

/** Addresses as iproute2 prints them: dotted IPv4, IPv6 as {@code inet_ntop(3)}, MACs with colons. */
public final class Addresses {
    private Addresses() {}

    /**
     * IPv4 dotted, IPv6 in {@code inet_ntop}'s form (the longest run of two or more zero groups,
     * the first of equal runs, as {@code ::}; IPv4-mapped as {@code ::ffff:a.b.c.d}), other
     * lengths as colon-separated hex.
     */
    public static String ip(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        if (a.length != 16) {
            return mac(a);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + ip(new byte[] {a[12], a[13], a[14], a[15]});
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Link-layer address bytes as {@code 33:33:00:00:00:01}. */
    public static String mac(byte[] a) {
        return HexFormat.ofDelimiter(":").formatHex(a);
    }

    /** Bytes from hex text such as {@code 333300000001}. */
    public static byte[] fromHex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
