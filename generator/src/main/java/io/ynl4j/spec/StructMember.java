package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A member of a struct definition, with its place in the C layout.
 *
 * @param name the spec name
 * @param type the member's type
 * @param order the byte order of a scalar member
 * @param enumName the enum the value belongs to, if any
 * @param enumAsFlags whether the enum's values are bit numbers of a mask here
 * @param hint the display hint, if any
 * @param offset the byte offset in the struct
 * @param size the size in bytes
 * @param doc the documentation, possibly empty
 * @param location where
 */
public record StructMember(
        String name,
        MemberType type,
        ByteOrder order,
        Optional<String> enumName,
        boolean enumAsFlags,
        Optional<DisplayHint> hint,
        int offset,
        int size,
        String doc,
        SourceLocation location) {
    public StructMember {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(order, "order");
        requireNonNull(enumName, "enumName");
        requireNonNull(hint, "hint");
        requireNonNull(doc, "doc");
        requireNonNull(location, "location");
    }

    /** The type of a struct member. */
    public sealed interface MemberType {
        /**
         * An integer.
         *
         * @param kind u8…s64
         */
        record Scalar(IntKind kind) implements MemberType {
            public Scalar {
                requireNonNull(kind, "kind");
            }
        }

        /**
         * A fixed-size character array.
         *
         * @param len its length in bytes
         */
        record Str(int len) implements MemberType {}

        /**
         * A fixed-size byte array.
         *
         * @param len its length in bytes
         */
        record Binary(int len) implements MemberType {}

        /**
         * Explicit padding.
         *
         * @param len its length in bytes
         */
        record Pad(int len) implements MemberType {}

        /**
         * A nested struct.
         *
         * @param struct the struct definition's name
         */
        record Nested(String struct) implements MemberType {
            public Nested {
                requireNonNull(struct, "struct");
            }
        }
    }
}
