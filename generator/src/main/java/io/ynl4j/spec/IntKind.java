package io.ynl4j.spec;

import java.util.Optional;

/**
 * The integer types of netlink attributes and struct members. {@code uint} and {@code sint} take 4
 * or 8 bytes on the wire depending on the value.
 */
public enum IntKind {
    U8("u8", 1, false),
    U16("u16", 2, false),
    U32("u32", 4, false),
    U64("u64", 8, false),
    S8("s8", 1, true),
    S16("s16", 2, true),
    S32("s32", 4, true),
    S64("s64", 8, true),
    UINT("uint", 8, false),
    SINT("sint", 8, true);

    private final String specName;
    private final int size;
    private final boolean signed;

    IntKind(String specName, int size, boolean signed) {
        this.specName = specName;
        this.size = size;
        this.signed = signed;
    }

    /**
     * The name as written in a spec.
     *
     * @return e.g. {@code u32}
     */
    public String specName() {
        return specName;
    }

    /**
     * The size in bytes; for {@code uint}/{@code sint} the largest (8).
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * Whether the type is signed.
     *
     * @return {@code true} for s8…s64 and sint
     */
    public boolean signed() {
        return signed;
    }

    /**
     * Whether the wire size depends on the value ({@code uint}, {@code sint}).
     *
     * @return {@code true} for the variable-size kinds
     */
    public boolean variableSize() {
        return this == UINT || this == SINT;
    }

    /**
     * The smallest value of the type.
     *
     * @return the minimum
     */
    public long min() {
        return signed ? -(1L << (size * 8 - 1)) : 0;
    }

    /**
     * The largest value of the type; for 64-bit unsigned the bits of 2^64-1 (i.e. -1).
     *
     * @return the maximum
     */
    public long max() {
        if (size == 8) {
            return signed ? Long.MAX_VALUE : -1L;
        }
        return signed ? (1L << (size * 8 - 1)) - 1 : (1L << (size * 8)) - 1;
    }

    /**
     * Finds a kind by its spec name.
     *
     * @param specName e.g. {@code s16}
     * @return the kind, or empty
     */
    public static Optional<IntKind> fromSpecName(String specName) {
        for (IntKind k : values()) {
            if (k.specName.equals(specName)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
