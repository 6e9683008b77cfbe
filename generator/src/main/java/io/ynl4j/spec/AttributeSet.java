package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An attribute set (attribute space). A {@code subset-of} set holds the attributes it names,
 * merged with the parent's definitions (its own keys override) and with the parent's values.
 *
 * @param name the spec name
 * @param subsetOf the parent set, for a subset
 * @param namePrefix the C prefix of the attribute constants (own, or the parent's for a subset),
 *     if the spec gives one
 * @param enumName the C enum name: absent for the default, present and empty for anonymous
 * @param attrCntName the C name of the count constant, if given
 * @param attrMaxName the C name of the max constant, if given
 * @param header the C header that defines the set, if given
 * @param doc the documentation, possibly empty
 * @param attributes the attributes in spec order
 * @param location where
 */
public record AttributeSet(
        String name,
        Optional<String> subsetOf,
        Optional<String> namePrefix,
        Optional<String> enumName,
        Optional<String> attrCntName,
        Optional<String> attrMaxName,
        Optional<String> header,
        String doc,
        List<Attribute> attributes,
        SourceLocation location) {
    public AttributeSet {
        requireNonNull(name, "name");
        requireNonNull(subsetOf, "subsetOf");
        requireNonNull(namePrefix, "namePrefix");
        requireNonNull(enumName, "enumName");
        requireNonNull(attrCntName, "attrCntName");
        requireNonNull(attrMaxName, "attrMaxName");
        requireNonNull(header, "header");
        requireNonNull(doc, "doc");
        attributes = List.copyOf(attributes);
        requireNonNull(location, "location");
    }

    /**
     * Finds an attribute by name.
     *
     * @param attrName the attribute's spec name
     * @return the attribute, or empty
     */
    public Optional<Attribute> attribute(String attrName) {
        return attributes.stream().filter(a -> a.name().equals(attrName)).findFirst();
    }
}
