package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A multicast group as written.
 *
 * @param name {@code name}
 * @param value {@code value}
 * @param cDefineName {@code c-define-name}
 * @param flags {@code flags}
 * @param pos positions
 */
public record McastGroupDecl(
        String name, OptionalLong value, Optional<String> cDefineName, List<String> flags, Positions pos) {
    public McastGroupDecl {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        requireNonNull(cDefineName, "cDefineName");
        flags = List.copyOf(flags);
        requireNonNull(pos, "pos");
    }
}
