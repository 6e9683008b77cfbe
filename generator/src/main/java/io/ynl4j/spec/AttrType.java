package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** The type of an attribute, with everything its encoding needs. */
public sealed interface AttrType {
    /**
     * The spec name of the type ({@code u32}, {@code nest}, {@code sub-message}, …).
     *
     * @return the name
     */
    String specName();

    /** {@code unused}: a reserved attribute id. */
    record Unused() implements AttrType {
        @Override
        public String specName() {
            return "unused";
        }
    }

    /** {@code pad}: alignment padding for 64-bit values. */
    record Pad() implements AttrType {
        @Override
        public String specName() {
            return "pad";
        }
    }

    /** {@code flag}: present or absent, no payload. */
    record Flag() implements AttrType {
        @Override
        public String specName() {
            return "flag";
        }
    }

    /**
     * An integer: u8…s64, {@code uint} or {@code sint}.
     *
     * @param kind the integer kind
     * @param order the byte order
     * @param enumName the enum its values come from, if any
     * @param enumAsFlags whether the enum's values are bit numbers of a mask here
     * @param hint the display hint, if any
     */
    record Scalar(
            IntKind kind, ByteOrder order, Optional<String> enumName, boolean enumAsFlags, Optional<DisplayHint> hint)
            implements AttrType {
        public Scalar {
            requireNonNull(kind, "kind");
            requireNonNull(order, "order");
            requireNonNull(enumName, "enumName");
            requireNonNull(hint, "hint");
        }

        @Override
        public String specName() {
            return kind.specName();
        }
    }

    /** {@code string}: NUL-terminated text (see the attribute's checks for limits). */
    record Str() implements AttrType {
        @Override
        public String specName() {
            return "string";
        }
    }

    /**
     * {@code binary}: bytes, possibly a struct, or an array of scalars ({@code sub-type}).
     *
     * @param struct the struct laid out in the payload, if any
     * @param subType the scalar kind of an array payload, if any
     * @param order the byte order of array elements
     * @param hint the display hint, if any
     */
    record Binary(Optional<String> struct, Optional<IntKind> subType, ByteOrder order, Optional<DisplayHint> hint)
            implements AttrType {
        public Binary {
            requireNonNull(struct, "struct");
            requireNonNull(subType, "subType");
            requireNonNull(order, "order");
            requireNonNull(hint, "hint");
        }

        @Override
        public String specName() {
            return "binary";
        }
    }

    /**
     * {@code nest}: attributes of another set inside this one.
     *
     * @param attributeSet the nested set's name
     */
    record Nest(String attributeSet) implements AttrType {
        public Nest {
            requireNonNull(attributeSet, "attributeSet");
        }

        @Override
        public String specName() {
            return "nest";
        }
    }

    /**
     * {@code indexed-array}: a nest whose attribute types are indices (from 1 when encoding), each
     * holding one element of {@code subType}.
     *
     * @param subType the element type's spec name ({@code nest}, {@code u32}, {@code binary}, …)
     * @param element the element type, with its set, struct or integer kind
     */
    record IndexedArray(String subType, AttrType element) implements AttrType {
        public IndexedArray {
            requireNonNull(subType, "subType");
            requireNonNull(element, "element");
        }

        @Override
        public String specName() {
            return "indexed-array";
        }
    }

    /**
     * {@code nest-type-value}: nests whose attribute types carry values ({@code type-value}), e.g.
     * a policy id and an attribute id, two levels deep.
     *
     * @param attributeSet the set of the innermost attributes
     * @param typeValue the names given to the attribute types of each level, outermost first
     */
    record NestTypeValue(String attributeSet, List<String> typeValue) implements AttrType {
        public NestTypeValue {
            requireNonNull(attributeSet, "attributeSet");
            typeValue = List.copyOf(typeValue);
        }

        @Override
        public String specName() {
            return "nest-type-value";
        }
    }

    /**
     * {@code bitfield32}: a value and a selector mask, 32 bits each.
     *
     * @param enumName the enum naming the bits, if any
     * @param enumAsFlags whether the enum's values are bit numbers
     */
    record Bitfield32(Optional<String> enumName, boolean enumAsFlags) implements AttrType {
        public Bitfield32 {
            requireNonNull(enumName, "enumName");
        }

        @Override
        public String specName() {
            return "bitfield32";
        }
    }

    /**
     * {@code sub-message}: a payload whose format is chosen by the value of another attribute.
     *
     * @param subMessage the sub-message definition's name
     * @param selector the selecting attribute's name, in this set or a set enclosing it
     * @param selectorSet the set in which the selector was found
     */
    record SubMessage(String subMessage, String selector, String selectorSet) implements AttrType {
        public SubMessage {
            requireNonNull(subMessage, "subMessage");
            requireNonNull(selector, "selector");
            requireNonNull(selectorSet, "selectorSet");
        }

        @Override
        public String specName() {
            return "sub-message";
        }
    }
}
