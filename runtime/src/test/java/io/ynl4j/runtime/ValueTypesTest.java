package io.ynl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
    enum Flags implements NetlinkFlag {
        SECONDARY(0, "secondary"),
        PERMANENT(7, "permanent"),
        STABLE_PRIVACY(11, "stable-privacy");

        private final long mask;
        private final String name;

        Flags(int bit, String name) {
            this.mask = 1L << bit;
            this.name = name;
        }

        @Override
        public long mask() {
            return mask;
        }

        @Override
        public String specName() {
            return name;
        }
    }

    enum Scope implements NetlinkEnum {
        UNIVERSE(0, "universe"),
        HOST(254, "host");

        private final long value;
        private final String name;

        Scope(long value, String name) {
            this.value = value;
            this.name = name;
        }

        @Override
        public long value() {
            return value;
        }

        @Override
        public String specName() {
            return name;
        }
    }

    @Test
    void flagSetKeepsUnknownBitsAndNamesKnownOnes() {
        FlagSet<Flags> f = FlagSet.of(0x80L | 0x800L | 0x10000L, Flags.values());
        assertThat(f.contains(Flags.PERMANENT)).isTrue();
        assertThat(f.contains(Flags.SECONDARY)).isFalse();
        assertThat(f.known()).isEqualTo(EnumSet.of(Flags.PERMANENT, Flags.STABLE_PRIVACY));
        assertThat(f.unknownBits()).isEqualTo(0x10000L);
        assertThat(f.raw()).isEqualTo(0x10880L);
        assertThat(f).hasToString("permanent|stable-privacy|0x10000");
        assertThat(f.without(Flags.PERMANENT).with(Flags.SECONDARY).raw()).isEqualTo(0x10801L);
        assertThat(FlagSet.of(Flags.values()).toString()).isEqualTo("0");
        assertThat(FlagSet.of(Flags.values(), Flags.PERMANENT)).isEqualTo(FlagSet.of(0x80, Flags.values()));
    }

    @Test
    void enumValueKeepsUnknownNumbers() {
        EnumValue<Scope> host = EnumValue.of(254, Scope.values());
        assertThat(host.known()).contains(Scope.HOST);
        assertThat(host.is(Scope.HOST)).isTrue();
        assertThat(host).hasToString("host").isEqualTo(EnumValue.of(Scope.HOST));
        EnumValue<Scope> other = EnumValue.of(200, Scope.values());
        assertThat(other.known()).isEmpty();
        assertThat(other).hasToString("200");
        assertThat(other.raw()).isEqualTo(200);
        assertThatThrownBy(() -> new EnumValue<>(3, Optional.of(Scope.HOST)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry HOST has value 254, not 3");
    }

    @Test
    void bytesCompareByContentAndRender() {
        Bytes a = Bytes.of(new byte[] {10, 0, 0, 1});
        assertThat(a).isEqualTo(Bytes.fromHex("0a000001")).hasSameHashCodeAs(Bytes.fromHex("0x0a000001"));
        assertThat(a.toInetAddress().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(a).hasToString("0x0a000001");
        assertThat(Bytes.fromHex("02:00:00:00:00:01").toMac()).isEqualTo("02:00:00:00:00:01");
        assertThatThrownBy(() -> Bytes.of(new byte[] {1, 2, 3}).toInetAddress())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an IP address has 4 or 16 bytes, got 3");
        byte[] source = {1, 2};
        Bytes copy = Bytes.of(source);
        source[0] = 9;
        assertThat(copy.get(0)).isEqualTo((byte) 1);
    }

    @Test
    void unknownAttributesSurviveADecodeEncodeCycleWithTheirFlags() {
        MessageWriter w = new MessageWriter();
        w.u32(12, 2, false);
        int nest = w.beginNest(40);
        w.u8(1, 7);
        w.endNest(nest);
        byte[] original = w.toByteArray();

        AttrReader r = AttrReader.of(original);
        UnknownAttributes.Builder b = UnknownAttributes.builder();
        while (r.next()) {
            b.add(RawAttribute.of(r));
        }
        UnknownAttributes kept = b.build();
        assertThat(kept.attributes()).extracting(RawAttribute::type).containsExactly(12, 40);
        assertThat(kept.get(40).orElseThrow().rawType()).isEqualTo(40 | 0x8000);

        MessageWriter again = new MessageWriter();
        kept.encode(again);
        assertThat(again.toByteArray()).isEqualTo(original);
        assertThat(UnknownAttributes.builder().build()).isSameAs(UnknownAttributes.NONE);
        assertThat(new UnknownAttributes(List.of()).isEmpty()).isTrue();
    }
}
