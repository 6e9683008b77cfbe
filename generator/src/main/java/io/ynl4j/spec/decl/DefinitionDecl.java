package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An entry of {@code definitions} as written: const, enum, flags or struct.
 *
 * @param name {@code name}
 * @param type {@code type}
 * @param doc {@code doc}
 * @param header {@code header}
 * @param scope {@code scope}
 * @param value {@code value} (const)
 * @param valueStart {@code value-start} (enum, flags)
 * @param entries {@code entries} (enum, flags)
 * @param renderMax {@code render-max}
 * @param enumName {@code enum-name}: empty when absent, "" when written empty or null
 * @param namePrefix {@code name-prefix}
 * @param enumCntName {@code enum-cnt-name}
 * @param members {@code members} (struct)
 * @param pos positions
 */
public record DefinitionDecl(
        String name,
        String type,
        String doc,
        Optional<String> header,
        Optional<String> scope,
        Optional<NumberOrName> value,
        Optional<NumberOrName> valueStart,
        List<EntryDecl> entries,
        boolean renderMax,
        Optional<String> enumName,
        Optional<String> namePrefix,
        Optional<String> enumCntName,
        List<MemberDecl> members,
        Positions pos) {
    public DefinitionDecl {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(doc, "doc");
        requireNonNull(header, "header");
        requireNonNull(scope, "scope");
        requireNonNull(value, "value");
        requireNonNull(valueStart, "valueStart");
        entries = List.copyOf(entries);
        requireNonNull(enumName, "enumName");
        requireNonNull(namePrefix, "namePrefix");
        requireNonNull(enumCntName, "enumCntName");
        members = List.copyOf(members);
        requireNonNull(pos, "pos");
    }

    /**
     * An enum or flags entry as written (a bare name, or a mapping).
     *
     * @param name {@code name}
     * @param value {@code value}
     * @param doc {@code doc}
     * @param pos positions
     */
    public record EntryDecl(String name, java.util.OptionalLong value, String doc, Positions pos) {
        public EntryDecl {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
            requireNonNull(doc, "doc");
            requireNonNull(pos, "pos");
        }
    }

    /**
     * A struct member as written.
     *
     * @param name {@code name}
     * @param type {@code type}
     * @param len {@code len}
     * @param byteOrder {@code byte-order}
     * @param enumName {@code enum}
     * @param enumAsFlags {@code enum-as-flags}
     * @param displayHint {@code display-hint}
     * @param struct {@code struct}
     * @param doc {@code doc}
     * @param pos positions
     */
    public record MemberDecl(
            String name,
            String type,
            Optional<NumberOrName> len,
            Optional<String> byteOrder,
            Optional<String> enumName,
            boolean enumAsFlags,
            Optional<String> displayHint,
            Optional<String> struct,
            String doc,
            Positions pos) {
        public MemberDecl {
            requireNonNull(name, "name");
            requireNonNull(type, "type");
            requireNonNull(len, "len");
            requireNonNull(byteOrder, "byteOrder");
            requireNonNull(enumName, "enumName");
            requireNonNull(displayHint, "displayHint");
            requireNonNull(struct, "struct");
            requireNonNull(doc, "doc");
            requireNonNull(pos, "pos");
        }
    }
}
