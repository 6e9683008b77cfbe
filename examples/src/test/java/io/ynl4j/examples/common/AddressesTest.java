package io.ynl4j.examples.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Addresses are printed as iproute2 prints them ({@code inet_ntop}, colon-separated MACs). */
class AddressesTest {
    static String v6(String hex) {
        return Addresses.ip(Addresses.fromHex(hex));
    }

    @Test
    void ipv6LikeInetNtop() {
        assertThat(v6("ff020000000000000000000000000001")).isEqualTo("ff02::1");
        assertThat(v6("ff0200000000000000000001ff1d9305")).isEqualTo("ff02::1:ff1d:9305");
        assertThat(v6("ff0e0000000000000000000000010014")).isEqualTo("ff0e::1:14");
        assertThat(v6("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(v6("00000000000000000000000000000001")).isEqualTo("::1");
        assertThat(v6("20010db8000000010000000000000000")).isEqualTo("2001:db8:0:1::");
        // A single zero group is not shortened; of equal runs the first is.
        assertThat(v6("20010db8000000010001000100010001")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(v6("20010000000000010000000000000001")).isEqualTo("2001:0:0:1::1");
        assertThat(v6("20010000000000010001000000000001")).isEqualTo("2001::1:1:0:0:1");
        assertThat(v6("00000000000000000000ffffc0000201")).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void ipv4AndMac() {
        assertThat(Addresses.ip(new byte[] {(byte) 239, 1, 1, 20})).isEqualTo("239.1.1.20");
        assertThat(Addresses.mac(Addresses.fromHex("01005e010114"))).isEqualTo("01:00:5e:01:01:14");
    }
}
