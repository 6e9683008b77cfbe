package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An attribute set as written.
 *
 * @param name {@code name}
 * @param doc {@code doc}
 * @param subsetOf {@code subset-of}
 * @param namePrefix {@code name-prefix}
 * @param enumName {@code enum-name} ("" when written empty or null)
 * @param attrCntName {@code attr-cnt-name}
 * @param attrMaxName {@code attr-max-name}
 * @param header {@code header}
 * @param attributes {@code attributes}
 * @param pos positions
 */
public record AttrSetDecl(
        String name,
        String doc,
        Optional<String> subsetOf,
        Optional<String> namePrefix,
        Optional<String> enumName,
        Optional<String> attrCntName,
        Optional<String> attrMaxName,
        Optional<String> header,
        List<AttrDecl> attributes,
        Positions pos) {
    public AttrSetDecl {
        requireNonNull(name, "name");
        requireNonNull(doc, "doc");
        requireNonNull(subsetOf, "subsetOf");
        requireNonNull(namePrefix, "namePrefix");
        requireNonNull(enumName, "enumName");
        requireNonNull(attrCntName, "attrCntName");
        requireNonNull(attrMaxName, "attrMaxName");
        requireNonNull(header, "header");
        attributes = List.copyOf(attributes);
        requireNonNull(pos, "pos");
    }

    /**
     * An attribute as written. Every key is optional here (a subset entry may carry only its name).
     *
     * @param name {@code name}
     * @param type {@code type}
     * @param doc {@code doc}
     * @param value {@code value}
     * @param typeValue {@code type-value}
     * @param byteOrder {@code byte-order}
     * @param multiAttr {@code multi-attr}
     * @param nestedAttributes {@code nested-attributes}
     * @param enumName {@code enum}
     * @param enumAsFlags {@code enum-as-flags}
     * @param checks {@code checks}
     * @param subType {@code sub-type}
     * @param displayHint {@code display-hint}
     * @param namePrefix {@code name-prefix}
     * @param struct {@code struct}
     * @param subMessage {@code sub-message}
     * @param selector {@code selector}
     * @param pos positions
     */
    public record AttrDecl(
            String name,
            Optional<String> type,
            Optional<String> doc,
            OptionalLong value,
            Optional<List<String>> typeValue,
            Optional<String> byteOrder,
            Optional<Boolean> multiAttr,
            Optional<String> nestedAttributes,
            Optional<String> enumName,
            Optional<Boolean> enumAsFlags,
            Optional<ChecksDecl> checks,
            Optional<String> subType,
            Optional<String> displayHint,
            Optional<String> namePrefix,
            Optional<String> struct,
            Optional<String> subMessage,
            Optional<String> selector,
            Positions pos) {
        public AttrDecl {
            requireNonNull(name, "name");
            requireNonNull(type, "type");
            requireNonNull(doc, "doc");
            requireNonNull(value, "value");
            requireNonNull(typeValue, "typeValue");
            requireNonNull(byteOrder, "byteOrder");
            requireNonNull(multiAttr, "multiAttr");
            requireNonNull(nestedAttributes, "nestedAttributes");
            requireNonNull(enumName, "enumName");
            requireNonNull(enumAsFlags, "enumAsFlags");
            requireNonNull(checks, "checks");
            requireNonNull(subType, "subType");
            requireNonNull(displayHint, "displayHint");
            requireNonNull(namePrefix, "namePrefix");
            requireNonNull(struct, "struct");
            requireNonNull(subMessage, "subMessage");
            requireNonNull(selector, "selector");
            requireNonNull(pos, "pos");
        }
    }

    /**
     * An attribute's {@code checks} as written.
     *
     * @param min {@code min}
     * @param max {@code max}
     * @param minLen {@code min-len}
     * @param maxLen {@code max-len}
     * @param exactLen {@code exact-len}
     * @param flagsMask {@code flags-mask}
     * @param unterminatedOk {@code unterminated-ok}
     * @param pos positions
     */
    public record ChecksDecl(
            Optional<NumberOrName> min,
            Optional<NumberOrName> max,
            Optional<NumberOrName> minLen,
            Optional<NumberOrName> maxLen,
            Optional<NumberOrName> exactLen,
            Optional<String> flagsMask,
            boolean unterminatedOk,
            Positions pos) {
        public ChecksDecl {
            requireNonNull(min, "min");
            requireNonNull(max, "max");
            requireNonNull(minLen, "minLen");
            requireNonNull(maxLen, "maxLen");
            requireNonNull(exactLen, "exactLen");
            requireNonNull(flagsMask, "flagsMask");
            requireNonNull(pos, "pos");
        }
    }
}
