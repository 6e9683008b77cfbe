package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A value of an open enum: the raw number as received and the entry it names, if this version of
 * the spec knows it. Kernels add enum values over time; unknown ones survive a decode/encode cycle
 * and print as numbers.
 *
 * @param raw the number
 * @param known the entry, if known
 * @param <E> the generated enum
 */
public record EnumValue<E extends Enum<E> & NetlinkEnum>(long raw, Optional<E> known) {
    public EnumValue {
        requireNonNull(known, "known");
        if (known.isPresent() && known.get().value() != raw) {
            throw new IllegalArgumentException(
                    "entry " + known.get() + " has value " + known.get().value() + ", not " + raw);
        }
    }

    /**
     * The value for a raw number.
     *
     * @param raw the number
     * @param universe every entry ({@code E.values()})
     * @param <E> the enum
     * @return the value
     */
    public static <E extends Enum<E> & NetlinkEnum> EnumValue<E> of(long raw, E[] universe) {
        for (E e : universe) {
            if (e.value() == raw) {
                return new EnumValue<>(raw, Optional.of(e));
            }
        }
        return new EnumValue<E>(raw, Optional.empty());
    }

    /**
     * The value of an entry.
     *
     * @param entry the entry
     * @param <E> the enum
     * @return the value
     */
    public static <E extends Enum<E> & NetlinkEnum> EnumValue<E> of(E entry) {
        return new EnumValue<>(entry.value(), Optional.of(entry));
    }

    /**
     * Whether this is the given entry.
     *
     * @param entry the entry
     * @return {@code true} if it is
     */
    public boolean is(E entry) {
        return known.isPresent() && known.get() == entry;
    }

    /** The entry's spec name, or the number when unknown. */
    @Override
    public String toString() {
        return known.map(NetlinkEnum::specName).orElse(Long.toString(raw));
    }
}
