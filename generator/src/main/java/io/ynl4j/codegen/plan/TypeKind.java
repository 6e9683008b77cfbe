package io.ynl4j.codegen.plan;

/**
 * What a generated top-level type is for, in the order names are allocated: when two elements of a
 * family want the same Java name, the earlier kind keeps it and the later one gets its suffix.
 */
public enum TypeKind {
    /** The family facade, client and notification types: always keep their names. */
    FAMILY("family type", "Family"),
    /** A {@code struct} definition. */
    STRUCT("struct", "Struct"),
    /** An {@code enum} or {@code flags} definition. */
    ENUM("enum", "Enum"),
    /** An attribute set. */
    ATTRIBUTE_SET("attribute-set", "Attrs"),
    /** A sub-message interface, one of its format records, or its record for unlisted selectors. */
    SUB_MESSAGE("sub-message", "Msg"),
    /** A message record (allocated by the message planner). */
    MESSAGE("message", "Message");

    private final String description;
    private final String suffix;

    TypeKind(String description, String suffix) {
        this.description = description;
        this.suffix = suffix;
    }

    /**
     * How diagnostics name the kind.
     *
     * @return e.g. {@code attribute-set}
     */
    public String description() {
        return description;
    }

    /**
     * The suffix a type of this kind gets when its name is taken.
     *
     * @return e.g. {@code Attrs}
     */
    public String suffix() {
        return suffix;
    }
}
