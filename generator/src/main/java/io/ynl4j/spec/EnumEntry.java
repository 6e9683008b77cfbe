package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

/**
 * An entry of an enum or flags definition. For flags, {@code value} is the bit number; use {@link
 * Definition.Enum#wireValue} for the mask.
 *
 * @param name the entry's spec name
 * @param value the computed value (explicit, else previous + 1, else {@code value-start})
 * @param doc the documentation, possibly empty
 * @param location where
 */
public record EnumEntry(String name, long value, String doc, SourceLocation location) {
    public EnumEntry {
        requireNonNull(name, "name");
        requireNonNull(doc, "doc");
        requireNonNull(location, "location");
    }
}
