package io.ynl4j.runtime.codec;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The selector values in scope while decoding: what picks the format of a {@code sub-message}
 * attribute (rt-link's {@code kind} for {@code data}, tc's {@code kind} for {@code options}). The
 * selector lives in the sub-message's own attribute set or in one enclosing it, and may come after
 * the sub-message in the stream, so a set that holds selector attributes scans its attribute run
 * for them first and passes them down to nested decoders.
 *
 * <p>Scopes nest like the attribute sets: {@link #declare} says "this set has an attribute of that
 * name" (so an outer set's value of the same name is hidden, as the kernel's own tools resolve
 * selectors in the nearest set that defines them), {@link #with} gives it a value. Lookups see the
 * most recent entry of a name. Immutable; sharing an instance between decoders is safe.
 */
public final class Selectors {
    private static final Selectors NONE = new Selectors(null, "", null);

    private final Selectors outer;
    private final String name;
    private final String value; // null: declared, no value

    private Selectors(Selectors outer, String name, String value) {
        this.outer = outer;
        this.name = name;
        this.value = value;
    }

    /**
     * No selectors: the context of a top-level decode.
     *
     * @return the empty context
     */
    public static Selectors none() {
        return NONE;
    }

    /**
     * This context with {@code name} declared by an inner set and (so far) without a value: an
     * outer value of the same name is no longer visible.
     *
     * @param name the selector attribute's spec name
     * @return the new context
     */
    public Selectors declare(String name) {
        requireNonNull(name, "name");
        return new Selectors(this, name, null);
    }

    /**
     * This context with {@code name} set to {@code value}; later values of a name win, as the last
     * of duplicated attributes does in the kernel's {@code nla_parse}.
     *
     * @param name the selector attribute's spec name
     * @param value the value: a string attribute's text, an enum entry's spec name, else the number
     *     in decimal
     * @return the new context
     */
    public Selectors with(String name, String value) {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        return new Selectors(this, name, value);
    }

    /**
     * The value of a selector, from the nearest set that declares it.
     *
     * @param name the selector attribute's spec name
     * @return the value, or empty when the nearest set declaring it did not receive it, or no set
     *     declares it
     */
    public Optional<String> get(String name) {
        for (Selectors s = this; s != NONE; s = s.outer) {
            if (s.name.equals(name)) {
                return Optional.ofNullable(s.value);
            }
        }
        return Optional.empty();
    }

    /** The entries, innermost first, e.g. {@code [kind=vlan, kind?]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (Selectors s = this; s != NONE; s = s.outer) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(s.name).append(s.value == null ? "?" : "=" + s.value);
        }
        return out.append(']').toString();
    }
}
