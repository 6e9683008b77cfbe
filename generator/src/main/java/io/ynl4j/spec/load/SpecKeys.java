package io.ynl4j.spec.load;

import io.ynl4j.spec.Protocol;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys a spec may use, per place and per protocol, written by hand from the kernel's four
 * schemas ({@code genetlink}, {@code genetlink-c}, {@code genetlink-legacy}, {@code netlink-raw});
 * a test cross-checks these tables against the schema files so they cannot drift. Also the allowed
 * values of enumerated keys.
 */
public final class SpecKeys {
    private SpecKeys() {}

    /** A place in a spec where a mapping occurs. */
    public enum Place {
        TOP("the spec"),
        DEFINITION("definition"),
        ENTRY("enum entry"),
        MEMBER("struct member"),
        ATTR_SET("attribute-set"),
        ATTR("attribute"),
        CHECKS("checks"),
        SUB_MESSAGE("sub-message"),
        FORMAT("sub-message format"),
        OPERATIONS("operations"),
        OP("operation"),
        MODE("do/dump"),
        MSG("message"),
        EVENT("event"),
        MCAST_GROUPS("mcast-groups"),
        MCAST_GROUP("multicast group"),
        KERNEL_FAMILY("kernel-family");

        private final String description;

        Place(String description) {
            this.description = description;
        }

        /**
         * How diagnostics name this place.
         *
         * @return e.g. {@code attribute}
         */
        public String description() {
            return description;
        }
    }

    // Columns: genetlink, genetlink-c, genetlink-legacy, netlink-raw.
    private static final String[][] TABLE = {
        {
            "TOP",
            "name XXXX",
            "doc XXXX",
            "protocol XXXX",
            "uapi-header XXXX",
            "definitions XXXX",
            "attribute-sets XXXX",
            "operations XXXX",
            "mcast-groups XXXX",
            "kernel-family XXX.",
            "c-family-name .XXX",
            "c-version-name .XXX",
            "max-by-define .XXX",
            "cmd-max-name .XXX",
            "cmd-cnt-name .XXX",
            "kernel-policy ..XX",
            "version ..X.",
            "protonum ...X",
            "sub-messages ...X"
        },
        {
            "DEFINITION",
            "name XXXX",
            "type XXXX",
            "doc XXXX",
            "header XXXX",
            "scope XXXX",
            "value XXXX",
            "value-start XXXX",
            "entries XXXX",
            "render-max XXXX",
            "enum-name .XXX",
            "name-prefix .XXX",
            "enum-cnt-name .XX.",
            "members ..XX"
        },
        {"ENTRY", "name XXXX", "value XXXX", "doc XXXX"},
        {
            "MEMBER",
            "name ..XX",
            "type ..XX",
            "len ..XX",
            "byte-order ..XX",
            "doc ..XX",
            "enum ..XX",
            "display-hint ..XX",
            "struct ..XX",
            "enum-as-flags ...X"
        },
        {
            "ATTR_SET",
            "name XXXX",
            "doc XXXX",
            "name-prefix XXXX",
            "enum-name XXXX",
            "subset-of XXXX",
            "attributes XXXX",
            "attr-cnt-name .XXX",
            "attr-max-name .XXX",
            "header .XXX"
        },
        {
            "ATTR",
            "name XXXX",
            "type XXXX",
            "doc XXXX",
            "value XXXX",
            "type-value XXXX",
            "byte-order XXXX",
            "multi-attr XXXX",
            "nested-attributes XXXX",
            "enum XXXX",
            "enum-as-flags XXXX",
            "checks XXXX",
            "sub-type XXXX",
            "display-hint XXXX",
            "name-prefix .XXX",
            "struct ..XX",
            "sub-message ...X",
            "selector ...X"
        },
        {
            "CHECKS",
            "flags-mask XXXX",
            "min XXXX",
            "max XXXX",
            "min-len XXXX",
            "max-len XXXX",
            "exact-len XXXX",
            "unterminated-ok .XXX"
        },
        {"SUB_MESSAGE", "name ...X", "formats ...X"},
        {"FORMAT", "value ...X", "fixed-header ...X", "attribute-set ...X"},
        {
            "OPERATIONS",
            "enum-model XXXX",
            "name-prefix XXXX",
            "enum-name XXXX",
            "async-prefix XXXX",
            "async-enum XXXX",
            "list XXXX",
            "fixed-header ..XX"
        },
        {
            "OP",
            "name XXXX",
            "doc XXXX",
            "value XXXX",
            "attribute-set XXXX",
            "flags XXXX",
            "dont-validate XXXX",
            "do XXXX",
            "dump XXXX",
            "notify XXXX",
            "event XXXX",
            "mcgrp XXXX",
            "config-cond XXX.",
            "fixed-header ..XX"
        },
        {"MODE", "request XXXX", "reply XXXX", "pre XXXX", "post XXXX"},
        {"MSG", "attributes XXXX", "value ..XX"},
        {"EVENT", "attributes XXXX"},
        {"MCAST_GROUPS", "list XXXX"},
        {"MCAST_GROUP", "name XXXX", "flags XXXX", "c-define-name .XXX", "value ...X"},
        {"KERNEL_FAMILY", "headers XXX.", "sock-priv XXX."},
    };

    private static final Map<Place, Map<String, Set<Protocol>>> KEYS = build();

    private static Map<Place, Map<String, Set<Protocol>>> build() {
        Map<Place, Map<String, Set<Protocol>>> keys = new LinkedHashMap<>();
        Protocol[] columns = {Protocol.GENETLINK, Protocol.GENETLINK_C, Protocol.GENETLINK_LEGACY, Protocol.NETLINK_RAW
        };
        for (String[] row : TABLE) {
            Map<String, Set<Protocol>> place = new LinkedHashMap<>();
            for (int i = 1; i < row.length; i++) {
                String[] parts = row[i].split(" ");
                EnumSet<Protocol> allowed = EnumSet.noneOf(Protocol.class);
                for (int c = 0; c < 4; c++) {
                    if (parts[1].charAt(c) == 'X') {
                        allowed.add(columns[c]);
                    }
                }
                place.put(parts[0], Collections.unmodifiableSet(allowed));
            }
            keys.put(Place.valueOf(row[0]), Collections.unmodifiableMap(place));
        }
        return Collections.unmodifiableMap(keys);
    }

    /**
     * The keys allowed in a place, each with the protocols that allow it, in table order.
     *
     * @param place the place
     * @return key to protocols
     */
    public static Map<String, Set<Protocol>> keys(Place place) {
        return KEYS.get(place);
    }

    /** Attribute types; {@code bitfield32} needs legacy or raw, {@code sub-message} raw. */
    static final List<String> ATTR_TYPES = List.of(
            "unused",
            "pad",
            "flag",
            "binary",
            "bitfield32",
            "uint",
            "sint",
            "u8",
            "u16",
            "u32",
            "u64",
            "s8",
            "s16",
            "s32",
            "s64",
            "string",
            "nest",
            "indexed-array",
            "nest-type-value",
            "sub-message");

    /** Struct member types; {@code pad} needs netlink-raw. */
    static final List<String> MEMBER_TYPES =
            List.of("u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "string", "binary", "pad");

    static final List<String> DEFINITION_TYPES = List.of("const", "enum", "flags", "struct");
    static final List<String> SCOPES = List.of("uapi", "kernel", "user");
    static final List<String> BYTE_ORDERS = List.of("little-endian", "big-endian");
    static final List<String> DISPLAY_HINTS = List.of("hex", "mac", "fddi", "ipv4", "ipv6", "ipv4-or-v6", "uuid");
    static final List<String> ENUM_MODELS = List.of("unified", "directional");
    static final List<String> KERNEL_POLICIES = List.of("split", "per-op", "global");
    static final List<String> OP_FLAGS = List.of("admin-perm", "uns-admin-perm");
    static final List<String> DONT_VALIDATE = List.of("strict", "dump", "dump-strict");

    /**
     * Whether an enumerated value is allowed with a protocol (for values the schemas restrict).
     *
     * @param key the key
     * @param value the value
     * @param protocol the protocol
     * @return {@code true} if allowed
     */
    static boolean valueAllowed(String key, String value, Protocol protocol) {
        boolean legacyOrRaw = protocol == Protocol.GENETLINK_LEGACY || protocol == Protocol.NETLINK_RAW;
        return switch (key + "=" + value) {
            case "type=bitfield32", "sub-type=bitfield32", "definition=struct", "enum-model=directional" -> legacyOrRaw;
            case "type=sub-message", "sub-type=sub-message", "member=pad" -> protocol == Protocol.NETLINK_RAW;
            case "flags=uns-admin-perm" -> protocol == Protocol.GENETLINK || protocol == Protocol.GENETLINK_LEGACY;
            case "dont-validate=dump-strict" -> protocol != Protocol.NETLINK_RAW;
            default -> true;
        };
    }
}
