package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A sub-message definition: formats chosen by the value of a selector attribute.
 *
 * @param name the spec name
 * @param formats the formats in spec order
 * @param location where
 */
public record SubMessage(String name, List<Format> formats, SourceLocation location) {
    public SubMessage {
        requireNonNull(name, "name");
        formats = List.copyOf(formats);
        requireNonNull(location, "location");
    }

    /**
     * One format: for a selector value, a fixed header, an attribute set, both, or neither.
     *
     * @param value the selector value that picks this format (e.g. {@code vlan})
     * @param fixedHeader the struct at the start of the payload, if any
     * @param attributeSet the set of the attributes after it, if any
     * @param location where
     */
    public record Format(
            String value, Optional<String> fixedHeader, Optional<String> attributeSet, SourceLocation location) {
        public Format {
            requireNonNull(value, "value");
            requireNonNull(fixedHeader, "fixedHeader");
            requireNonNull(attributeSet, "attributeSet");
            requireNonNull(location, "location");
        }
    }
}
