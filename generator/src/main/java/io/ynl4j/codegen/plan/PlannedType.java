package io.ynl4j.codegen.plan;

import static java.util.Objects.requireNonNull;

import com.palantir.javapoet.ClassName;
import io.ynl4j.spec.SourceLocation;

/**
 * One top-level type of a family's package, with the name the planner gave it.
 *
 * @param kind what it is for
 * @param key what it stands for: the spec name of the definition, set or sub-message; {@code
 *     <sub-message>/<format value>} for a format record, {@code <sub-message>/} for the record of
 *     unlisted selector values; for family types and messages, the key their planner chose
 * @param name the Java name
 * @param location the spec element it comes from
 */
public record PlannedType(TypeKind kind, String key, ClassName name, SourceLocation location) {
    public PlannedType {
        requireNonNull(kind, "kind");
        requireNonNull(key, "key");
        requireNonNull(name, "name");
        requireNonNull(location, "location");
    }
}
