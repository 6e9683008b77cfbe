package io.ynl4j.runtime.codec;

import static io.ynl4j.runtime.codec.RandomAttributes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.MalformedMessageException;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.codec.RandomAttributes.Attr;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Properties of the attribute codec over random input (see {@link PropertyRunner}): reading
 * anything — random bytes, or valid attribute streams with flipped bytes, changed lengths and
 * types, cuts, insertions — fails only with {@link MalformedMessageException}; and writing any
 * attribute tree then reading it back gives the same tree.
 */
class AttrCodecPropertiesTest {
    /** Walks the bytes; only {@link MalformedMessageException} may escape, and is swallowed. */
    private static void walkExpectingOnlyMalformed(byte[] bytes) {
        try {
            RandomAttributes.walk(AttrReader.of(bytes));
        } catch (MalformedMessageException expected) {
            // fine
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("reading " + hex(bytes) + " threw " + e, e);
        }
    }

    @Test
    void readingRandomBytesThrowsOnlyMalformedMessageException() {
        int tries = PropertyRunner.check("random bytes throw only MalformedMessageException", 50_000, r -> {
            int size = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(9);
                case 1 -> r.nextInt(33);
                default -> r.nextInt(257);
            };
            walkExpectingOnlyMalformed(RandomAttributes.bytes(r, size));
        });
        assertThat(tries).isEqualTo(50_000);
    }

    @Test
    void readingMutatedAttributeStreamsThrowsOnlyMalformedMessageException() {
        int[] unchanged = {0};
        int tries =
                PropertyRunner.check("mutated attribute streams throw only MalformedMessageException", 60_000, r -> {
                    byte[] valid = RandomAttributes.encode(RandomAttributes.attrs(r, r.nextInt(3), 1));
                    byte[] mutated = RandomAttributes.mutate(r, valid, RandomAttributes.headerOffsets(valid));
                    if (Arrays.equals(valid, mutated)) {
                        unchanged[0]++;
                    }
                    walkExpectingOnlyMalformed(mutated);
                });
        assertThat(tries).isEqualTo(60_000);
        // A guard on the mutator: (almost) every try must change something.
        assertThat(unchanged[0]).isLessThan(3_000);
    }

    @Test
    void writingThenReadingAnyAttributeTreeGivesItBack() {
        int tries = PropertyRunner.check("encode then decode returns the tree", 20_000, r -> {
            List<Attr> tree = RandomAttributes.attrs(r, r.nextInt(4));
            byte[] bytes = RandomAttributes.encode(tree);
            List<Attr> decoded = RandomAttributes.decode(AttrReader.of(bytes), tree);
            if (bytes.length % 4 != 0 || !decoded.equals(tree)) {
                throw new AssertionError("wrote " + tree + " as " + hex(bytes) + ", read " + decoded);
            }
        });
        assertThat(tries).isEqualTo(20_000);
    }

    @Test
    void writingThenReadingWholeMessagesWithFixedHeadersOfAnySizeGivesThemBack() {
        int tries = PropertyRunner.check("message encode then decode", 10_000, r -> {
            List<Attr> tree = RandomAttributes.attrs(r, r.nextInt(3));
            int headerBytes = r.nextInt(10);
            byte[] header = RandomAttributes.bytes(r, headerBytes);
            int type = r.nextInt(Netlink.NLMSG_MIN_TYPE, 0x10000);
            int flags = r.nextInt(0x10000);
            MessageWriter w = new MessageWriter(16);
            int msg = w.beginMessage(type, flags);
            StructWriter h = w.fixedHeader(headerBytes);
            h.bytes(0, headerBytes, Bytes.of(header));
            RandomAttributes.encode(w, tree);
            w.endMessage(msg);
            byte[] bytes = w.toByteArray();

            NetlinkMessage m = new NetlinkMessage(MemorySegment.ofArray(bytes), 0, bytes.length);
            assertThat(m.length())
                    .isEqualTo(bytes.length)
                    .isEqualTo(MemorySegment.ofArray(bytes).get(ValueLayout.JAVA_INT_UNALIGNED, 0));
            assertThat(m.type()).isEqualTo(type);
            assertThat(m.flags()).isEqualTo(flags);
            assertThat(m.fixedHeader(0, headerBytes).bytes(0, headerBytes)).isEqualTo(Bytes.of(header));
            List<Attr> decoded = RandomAttributes.decode(m.attributes(headerBytes), tree);
            if (!decoded.equals(tree)) {
                throw new AssertionError("wrote " + tree + " as " + hex(bytes) + ", read " + decoded);
            }
        });
        assertThat(tries).isEqualTo(10_000);
    }

    @Test
    void randomTreesCoverEveryKindAndBothScalarSizes() {
        // A guard on the generator: the properties above mean little if it never makes these.
        SplittableRandom r = new SplittableRandom(42);
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 2_000; i++) {
            collectKinds(RandomAttributes.attrs(r, 3), seen);
        }
        assertThat(seen)
                .contains(
                        "Binary",
                        "Flag",
                        "Nest",
                        "Nest-legacy",
                        "Text",
                        "Text-supplementary",
                        "U8",
                        "U16",
                        "U16-be",
                        "U32",
                        "U32-be",
                        "U64",
                        "U64-be",
                        "S8",
                        "S16",
                        "S32",
                        "S64",
                        "UINT-4",
                        "UINT-8",
                        "SINT-4",
                        "SINT-8");
    }

    private static void collectKinds(List<Attr> attrs, Set<String> seen) {
        for (Attr a : attrs) {
            switch (a) {
                case RandomAttributes.Scalar s -> {
                    String base = s.width().name();
                    switch (s.width()) {
                        case UINT -> seen.add(base + ((s.value() >>> 32) == 0 ? "-4" : "-8"));
                        case SINT -> seen.add(base + (s.value() == (int) s.value() ? "-4" : "-8"));
                        default -> seen.add(base + (s.bigEndian() ? "-be" : ""));
                    }
                }
                case RandomAttributes.Text t -> {
                    seen.add("Text");
                    if (t.value().codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
                        seen.add("Text-supplementary");
                    }
                }
                case RandomAttributes.Binary b -> seen.add("Binary");
                case RandomAttributes.Flag f -> seen.add("Flag");
                case RandomAttributes.Nest n -> {
                    seen.add(n.nestedFlag() ? "Nest" : "Nest-legacy");
                    collectKinds(n.members(), seen);
                }
            }
        }
    }
}
