package io.ynl4j.runtime;

import io.ynl4j.runtime.codec.AttrReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the policy an extended ACK sends with an error ({@code NLMSGERR_ATTR_POLICY}, a nest of
 * {@code NL_POLICY_TYPE_ATTR_*}): what the kernel would have accepted, e.g.
 * {@code u16, range 1..4094}.
 */
final class ExtAckPolicy {
    private ExtAckPolicy() {}

    private static final String[] TYPES = {
        "invalid",
        "flag",
        "u8",
        "u16",
        "u32",
        "u64",
        "s8",
        "s16",
        "s32",
        "s64",
        "binary",
        "string",
        "nul-string",
        "nested",
        "nested-array",
        "bitfield32",
        "sint",
        "uint"
    };

    static String render(AttrReader policy) {
        String type = null;
        Long minS = null;
        Long maxS = null;
        Long minU = null;
        Long maxU = null;
        Long minLen = null;
        Long maxLen = null;
        Long mask = null;
        Long bitfieldMask = null;
        while (policy.next()) {
            switch (policy.type()) {
                case 1 -> {
                    long t = policy.u32();
                    type = t < TYPES.length ? TYPES[(int) t] : "type " + t;
                }
                case 2 -> minS = policy.length() == 8 ? policy.s64() : policy.s32();
                case 3 -> maxS = policy.length() == 8 ? policy.s64() : policy.s32();
                case 4 -> minU = policy.length() == 8 ? policy.u64() : policy.u32();
                case 5 -> maxU = policy.length() == 8 ? policy.u64() : policy.u32();
                case 6 -> minLen = policy.u32();
                case 7 -> maxLen = policy.u32();
                case 10 -> bitfieldMask = policy.u32();
                case 12 -> mask = policy.length() == 8 ? policy.u64() : policy.u32();
                default -> {}
            }
        }
        List<String> parts = new ArrayList<>();
        if (type != null) {
            parts.add(type);
        }
        if (minS != null || maxS != null) {
            parts.add("range " + (minS == null ? "" : minS) + ".." + (maxS == null ? "" : maxS));
        }
        if (minU != null || maxU != null) {
            parts.add("range " + (minU == null ? "" : Long.toUnsignedString(minU)) + ".."
                    + (maxU == null ? "" : Long.toUnsignedString(maxU)));
        }
        if (minLen != null || maxLen != null) {
            parts.add("length " + (minLen == null ? "" : minLen) + ".." + (maxLen == null ? "" : maxLen));
        }
        if (mask != null) {
            parts.add("mask 0x" + Long.toHexString(mask));
        }
        if (bitfieldMask != null) {
            parts.add("bits 0x" + Long.toHexString(bitfieldMask));
        }
        return String.join(", ", parts);
    }
}
