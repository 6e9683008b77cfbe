package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An attribute of an attribute set, with its value (the attribute type on the wire) computed.
 *
 * @param name the spec name
 * @param value the attribute id: explicit, else the previous attribute's + 1, starting at 1; in a
 *     subset, the parent's
 * @param type the type and everything its encoding needs
 * @param multiAttr whether the attribute may repeat ({@code multi-attr})
 * @param checks the kernel's validation
 * @param namePrefix a C name prefix override for this attribute's enum, if any
 * @param typeValue names of the values carried in attribute types ({@code type-value}): for
 *     {@code nest-type-value} the levels of the nest; on other types (ethtool's {@code stat}) the
 *     attribute's own type is an id within its parent nest
 * @param doc the documentation, possibly empty
 * @param location where (for a subset attribute: the subset's entry)
 */
public record Attribute(
        String name,
        int value,
        AttrType type,
        boolean multiAttr,
        Checks checks,
        Optional<String> namePrefix,
        List<String> typeValue,
        String doc,
        SourceLocation location) {
    public Attribute {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(checks, "checks");
        requireNonNull(namePrefix, "namePrefix");
        typeValue = List.copyOf(typeValue);
        requireNonNull(doc, "doc");
        requireNonNull(location, "location");
    }
}
