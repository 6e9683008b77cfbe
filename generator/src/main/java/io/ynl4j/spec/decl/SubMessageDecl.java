package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A sub-message definition as written.
 *
 * @param name {@code name}
 * @param formats {@code formats}
 * @param pos positions
 */
public record SubMessageDecl(String name, List<FormatDecl> formats, Positions pos) {
    public SubMessageDecl {
        requireNonNull(name, "name");
        formats = List.copyOf(formats);
        requireNonNull(pos, "pos");
    }

    /**
     * One format as written.
     *
     * @param value {@code value}
     * @param fixedHeader {@code fixed-header}
     * @param attributeSet {@code attribute-set}
     * @param pos positions
     */
    public record FormatDecl(String value, Optional<String> fixedHeader, Optional<String> attributeSet, Positions pos) {
        public FormatDecl {
            requireNonNull(value, "value");
            requireNonNull(fixedHeader, "fixedHeader");
            requireNonNull(attributeSet, "attributeSet");
            requireNonNull(pos, "pos");
        }
    }
}
