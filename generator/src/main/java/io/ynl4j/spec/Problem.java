package io.ynl4j.spec;

import java.util.Locale;

/**
 * Every diagnostic message ynl4j can report about a spec, in one place, each with its stable code.
 * {@code Y0xx} loading, {@code Y1xx} shape (read), {@code Y2xx} meaning (link), {@code Y3xx}
 * unsupported constructs and generator warnings, {@code Y4xx} generation runs (several specs, the
 * output directory).
 */
public enum Problem {
    // Loading (bytes and YAML).
    IO_ERROR("Y001", Severity.ERROR, "cannot read the spec: %s"),
    NOT_UTF8("Y002", Severity.ERROR, "the spec is not valid UTF-8: %s"),
    YAML_SYNTAX("Y003", Severity.ERROR, "YAML syntax error: %s"),
    YAML_LIMIT("Y004", Severity.ERROR, "the spec exceeds a safety limit: %s"),
    EMPTY_SPEC(
            "Y005",
            Severity.ERROR,
            "the spec is empty (expected: a mapping with 'name', 'doc', 'attribute-sets' and 'operations')"),
    NO_SPDX(
            "Y006",
            Severity.WARNING,
            "the first line is not an SPDX license tag ('# SPDX-License-Identifier: ...'); the kernel's tools refuse such specs"),
    DUPLICATE_KEY("Y007", Severity.ERROR, "duplicate key '%s' (first at line %d)"),
    MULTIPLE_DOCUMENTS("Y008", Severity.ERROR, "the spec holds more than one YAML document (expected: one)"),
    SCHEMA_VIOLATION("Y009", Severity.ERROR, "schema %s: %s"),
    SCHEMA_UNREADABLE("Y010", Severity.ERROR, "cannot use schema %s: %s"),
    UNKNOWN_FAMILY("Y011", Severity.ERROR, "no spec found for family '%s'"),

    // Shape (read).
    UNKNOWN_KEY("Y101", Severity.ERROR, "unknown key '%s' in %s"),
    WRONG_KIND("Y102", Severity.ERROR, "'%s' must be %s, got %s"),
    MISSING_KEY("Y103", Severity.ERROR, "%s has no '%s' (it is required)"),
    BAD_ENUM_VALUE("Y104", Severity.ERROR, "'%s' must be one of %s, got '%s'"),
    BAD_NAME("Y105", Severity.ERROR, "%s name '%s' is not usable (expected: %s)"),
    OUT_OF_RANGE("Y106", Severity.ERROR, "'%s' is out of range: %s (expected: %s)"),
    KEY_NOT_FOR_PROTOCOL("Y107", Severity.ERROR, "key '%s' in %s is not allowed with protocol '%s'"),
    VALUE_NOT_FOR_PROTOCOL("Y108", Severity.ERROR, "'%s: %s' is not allowed with protocol '%s'"),

    // Meaning (link).
    UNKNOWN_ATTRIBUTE("Y201", Severity.ERROR, "unknown attribute '%s' in attribute-set '%s'"),
    UNKNOWN_ATTRIBUTE_SET("Y202", Severity.ERROR, "unknown attribute-set '%s'"),
    UNKNOWN_STRUCT("Y203", Severity.ERROR, "unknown struct '%s'"),
    UNKNOWN_ENUM("Y204", Severity.ERROR, "unknown enum or flags definition '%s'"),
    UNKNOWN_SUB_MESSAGE("Y205", Severity.ERROR, "unknown sub-message '%s'"),
    UNKNOWN_SELECTOR(
            "Y206",
            Severity.ERROR,
            "selector '%s' of attribute '%s' is not an attribute of '%s' or of a set enclosing it"),
    DUPLICATE_NAME("Y207", Severity.ERROR, "duplicate %s name '%s' (first at %s)"),
    DUPLICATE_VALUE("Y208", Severity.ERROR, "%s '%s' has value %d, already used by '%s'"),
    SUBSET_CYCLE("Y209", Severity.ERROR, "attribute-set '%s' is a subset of itself through %s"),
    NOT_IN_PARENT("Y210", Severity.ERROR, "attribute '%s' of subset '%s' is not in its parent set '%s'"),
    UNKNOWN_OPERATION("Y211", Severity.ERROR, "unknown operation '%s'"),
    MISSING_TYPE("Y212", Severity.ERROR, "attribute '%s' has no 'type' (required outside 'subset-of' sets)"),
    KEY_NEEDS_TYPE("Y213", Severity.ERROR, "'%s' does not apply to an attribute of type '%s' (it needs type %s)"),
    MISSING_FOR_TYPE("Y214", Severity.ERROR, "attribute '%s' of type '%s' needs '%s'"),
    UNKNOWN_CONST(
            "Y215", Severity.ERROR, "unknown constant '%s' (expected: a number or the name of a 'const' definition)"),
    NOT_A("Y216", Severity.ERROR, "'%s' is a %s definition, not %s"),
    NO_ATTRIBUTE_SET(
            "Y217",
            Severity.ERROR,
            "operation '%s' lists attributes but has no 'attribute-set' (and none can be inferred)"),
    NOTIFY_WITHOUT_REPLY("Y218", Severity.ERROR, "operation '%s' notifies with the reply of '%s', which has no reply"),
    UNKNOWN_MCAST_GROUP("Y220", Severity.ERROR, "unknown multicast group '%s'"),
    BAD_SELECTOR(
            "Y221",
            Severity.ERROR,
            "selector '%s' of attribute '%s' has type '%s' (expected: a string or integer attribute)"),
    DUPLICATE_FORMAT("Y222", Severity.ERROR, "sub-message '%s' has two formats for value '%s'"),
    STRUCT_MEMBER_LEN("Y223", Severity.ERROR, "struct member '%s' of type '%s' %s"),
    STRUCT_CYCLE("Y224", Severity.ERROR, "struct '%s' contains itself through %s"),
    ENUM_AS_FLAGS("Y225", Severity.ERROR, "'enum-as-flags' needs an 'enum' on the same element"),
    MIXED_MODES("Y226", Severity.ERROR, "operation '%s' mixes %s (expected: do/dump, or notify, or event)"),
    DIRECTIONAL_NO_VALUE("Y227", Severity.ERROR, "operation '%s' has no message id: %s"),
    VALUE_TOO_LARGE("Y228", Severity.ERROR, "%s '%s' has value %d (expected: at most %d)"),
    DUPLICATE_IN_LIST("Y229", Severity.WARNING, "attribute '%s' is listed twice in %s; the second is ignored"),
    TYPE_RENAMED("Y301", Severity.WARNING, "%s is generated as %s: the name %s is taken by the %s"),
    NAME_STYLE(
            "Y302",
            Severity.WARNING,
            "%s name '%s' does not follow the kernel's naming rule (%s); kept as written (older specs used such names)"),
    UNKNOWN_ATTRIBUTE_IGNORED(
            "Y304", Severity.WARNING, "unknown attribute '%s' in attribute-set '%s'; ignored (lenient mode)"),
    HEADER_MEMBER_LISTED(
            "Y303",
            Severity.WARNING,
            "'%s' is a member of the fixed header '%s', not an attribute of '%s'; ignored in this list (older specs"
                    + " listed header members here)"),
    TYPE_RENAMED_JAVA_LANG(
            "Y305",
            Severity.WARNING,
            "%s is generated as %s: the name %s would hide java.lang.%s in the generated package"),
    MCAST_NO_VALUE(
            "Y230",
            Severity.WARNING,
            "multicast group '%s' of a netlink-raw family has no 'value'; it cannot be joined by number"),
    // Generation runs.
    PACKAGE_CLASH(
            "Y401",
            Severity.ERROR,
            "family '%s' maps to Java package %s, as does family '%s' of %s (expected: one family per package)"),
    OUTPUT_ERROR("Y402", Severity.ERROR, "cannot write the generated sources: %s");

    private final String code;
    private final Severity severity;
    private final String format;

    Problem(String code, Severity severity, String format) {
        this.code = code;
        this.severity = severity;
        this.format = format;
    }

    /**
     * The stable code, e.g. {@code Y201}.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * The severity this problem is reported with.
     *
     * @return the severity
     */
    public Severity severity() {
        return severity;
    }

    /**
     * Formats the message with its arguments.
     *
     * @param args the values the message names
     * @return the message text
     */
    public String format(Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
