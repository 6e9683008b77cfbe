package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A multicast group.
 *
 * @param name the spec name
 * @param value the group number for netlink-raw families; genetlink ids are resolved at run time
 * @param cDefineName a C define name override, if given
 * @param flags group flags such as {@code admin-perm}
 * @param location where
 */
public record McastGroup(
        String name, OptionalInt value, Optional<String> cDefineName, List<String> flags, SourceLocation location) {
    public McastGroup {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        requireNonNull(cDefineName, "cDefineName");
        flags = List.copyOf(flags);
        requireNonNull(location, "location");
    }
}
