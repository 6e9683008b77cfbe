package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A set of flags that keeps the raw bits: bits this version of the spec does not know survive a
 * decode/encode cycle and print as hex.
 *
 * @param <E> the generated flags enum
 */
public final class FlagSet<E extends Enum<E> & NetlinkFlag> {
    private final long raw;
    private final E[] universe;

    private FlagSet(long raw, E[] universe) {
        this.raw = raw;
        this.universe = universe;
    }

    /**
     * The flags of raw bits.
     *
     * @param raw the bits as received
     * @param universe every entry of the enum ({@code E.values()})
     * @param <E> the enum
     * @return the set
     */
    public static <E extends Enum<E> & NetlinkFlag> FlagSet<E> of(long raw, E[] universe) {
        requireNonNull(universe, "universe");
        return new FlagSet<>(raw, universe);
    }

    /**
     * A set of the given flags.
     *
     * @param universe every entry of the enum ({@code E.values()})
     * @param flags the flags to set
     * @param <E> the enum
     * @return the set
     */
    @SafeVarargs
    public static <E extends Enum<E> & NetlinkFlag> FlagSet<E> of(E[] universe, E... flags) {
        long raw = 0;
        for (E f : flags) {
            raw |= f.mask();
        }
        return new FlagSet<>(raw, universe);
    }

    /**
     * The raw bits.
     *
     * @return the bits
     */
    public long raw() {
        return raw;
    }

    /**
     * Whether a flag is set.
     *
     * @param flag the flag
     * @return {@code true} if its bits are set
     */
    public boolean contains(E flag) {
        return (raw & flag.mask()) == flag.mask() && flag.mask() != 0;
    }

    /**
     * The known flags that are set.
     *
     * @return an {@link EnumSet} (empty when none)
     */
    public EnumSet<E> known() {
        EnumSet<E> out = EnumSet.noneOf(universe[0].getDeclaringClass());
        for (E f : universe) {
            if (contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The set bits no known flag covers.
     *
     * @return the bits
     */
    public long unknownBits() {
        long known = 0;
        for (E f : universe) {
            known |= f.mask();
        }
        return raw & ~known;
    }

    /**
     * This set with a flag added.
     *
     * @param flag the flag
     * @return a new set
     */
    public FlagSet<E> with(E flag) {
        return new FlagSet<>(raw | flag.mask(), universe);
    }

    /**
     * This set with a flag removed.
     *
     * @param flag the flag
     * @return a new set
     */
    public FlagSet<E> without(E flag) {
        return new FlagSet<>(raw & ~flag.mask(), universe);
    }

    /**
     * The spec names of the set flags, then unknown bits in hex.
     *
     * @return e.g. {@code [permanent, noprefixroute, 0x10000]}
     */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (E f : universe) {
            if (contains(f)) {
                out.add(f.specName());
            }
        }
        long unknown = unknownBits();
        if (unknown != 0) {
            out.add("0x" + Long.toHexString(unknown));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlagSet<?> f && f.raw == raw && f.universe.getClass() == universe.getClass();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(raw);
    }

    /** Names joined by {@code |}, e.g. {@code permanent|noprefixroute}; {@code 0} when empty. */
    @Override
    public String toString() {
        List<String> names = names();
        return names.isEmpty() ? "0" : String.join("|", names);
    }
}
