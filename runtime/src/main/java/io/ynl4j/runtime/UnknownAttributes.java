package io.ynl4j.runtime;

import io.ynl4j.runtime.codec.MessageWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Attributes a message carried that its spec does not list, kept verbatim and re-encoded, never
 * dropped: bindings generated from an older spec still see (and forward) what a newer kernel sends.
 *
 * @param attributes the attributes in the order received
 */
public record UnknownAttributes(List<RawAttribute> attributes) {
    /** No unknown attributes. */
    public static final UnknownAttributes NONE = new UnknownAttributes(List.of());

    public UnknownAttributes {
        attributes = List.copyOf(attributes);
    }

    /**
     * Whether there are none.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    /**
     * The first kept attribute of a type.
     *
     * @param type the attribute type
     * @return it, if kept
     */
    public java.util.Optional<RawAttribute> get(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    /**
     * Writes every kept attribute back, in order.
     *
     * @param out the writer
     */
    public void encode(MessageWriter out) {
        for (RawAttribute a : attributes) {
            a.encode(out);
        }
    }

    /**
     * A builder, for decoders.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects unknown attributes while decoding; allocates only when there is one. */
    public static final class Builder {
        private List<RawAttribute> list;

        private Builder() {}

        /**
         * Adds one.
         *
         * @param a the attribute
         * @return this
         */
        public Builder add(RawAttribute a) {
            if (list == null) {
                list = new ArrayList<>(2);
            }
            list.add(a);
            return this;
        }

        /**
         * The result.
         *
         * @return the attributes, or {@link #NONE}
         */
        public UnknownAttributes build() {
            return list == null ? NONE : new UnknownAttributes(list);
        }
    }

    @Override
    public String toString() {
        return attributes.toString();
    }
}
