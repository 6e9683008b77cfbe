package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An entry of the spec's {@code definitions}: a constant, an enum or flags set, or a struct.
 * Common keys: {@code name}, {@code doc}, {@code header} (a C header that already defines it) and
 * {@code scope} ({@code uapi}, {@code kernel} or {@code user}).
 */
public sealed interface Definition {
    /**
     * The definition's name as written in the spec.
     *
     * @return the name
     */
    String name();

    /**
     * The documentation, possibly empty.
     *
     * @return the doc text
     */
    String doc();

    /**
     * The C header that already defines this, if any.
     *
     * @return the header
     */
    Optional<String> header();

    /**
     * The visibility scope, {@code uapi} by default.
     *
     * @return the scope
     */
    String scope();

    /**
     * Where the definition starts.
     *
     * @return the location
     */
    SourceLocation location();

    /**
     * A {@code const}: a number, or a string value.
     *
     * @param name the name
     * @param value the numeric value, when the spec gives a number
     * @param text the string value, when the spec gives a string
     * @param doc the documentation
     * @param header the defining header
     * @param scope the scope
     * @param location where
     */
    record Const(
            String name,
            OptionalLong value,
            Optional<String> text,
            String doc,
            Optional<String> header,
            String scope,
            SourceLocation location)
            implements Definition {
        public Const {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
            requireNonNull(text, "text");
            requireNonNull(doc, "doc");
            requireNonNull(header, "header");
            requireNonNull(scope, "scope");
            requireNonNull(location, "location");
        }
    }

    /**
     * An {@code enum} or {@code flags} definition with its entries' values computed.
     *
     * @param name the name
     * @param flags {@code true} for {@code flags} (entry values are bit numbers, masks on the wire)
     * @param entries the entries in spec order
     * @param valueStart the first entry's value when it has none ({@code value-start}, default 0)
     * @param renderMax whether the C header renders a max entry
     * @param enumName the C enum name: absent to use the default, present and empty for an
     *     anonymous enum
     * @param namePrefix the C prefix of the entries, if given
     * @param enumCntName the name of the count entry, if given
     * @param doc the documentation
     * @param header the defining header
     * @param scope the scope
     * @param location where
     */
    record Enum(
            String name,
            boolean flags,
            List<EnumEntry> entries,
            long valueStart,
            boolean renderMax,
            Optional<String> enumName,
            Optional<String> namePrefix,
            Optional<String> enumCntName,
            String doc,
            Optional<String> header,
            String scope,
            SourceLocation location)
            implements Definition {
        public Enum {
            requireNonNull(name, "name");
            entries = List.copyOf(entries);
            requireNonNull(enumName, "enumName");
            requireNonNull(namePrefix, "namePrefix");
            requireNonNull(enumCntName, "enumCntName");
            requireNonNull(doc, "doc");
            requireNonNull(header, "header");
            requireNonNull(scope, "scope");
            requireNonNull(location, "location");
        }

        /**
         * Finds an entry by name.
         *
         * @param entryName the entry's spec name
         * @return the entry, or empty
         */
        public Optional<EnumEntry> entry(String entryName) {
            return entries.stream().filter(e -> e.name().equals(entryName)).findFirst();
        }

        /**
         * The value of an entry on the wire: the mask {@code 1 << value} for flags (or when used
         * {@code enum-as-flags}), the value itself otherwise.
         *
         * @param entry an entry of this enum
         * @param asFlags whether the use site says {@code enum-as-flags}
         * @return the wire value
         */
        public long wireValue(EnumEntry entry, boolean asFlags) {
            return flags || asFlags ? 1L << entry.value() : entry.value();
        }
    }

    /**
     * A {@code struct} with its C layout computed (natural alignment, as a C compiler lays out the
     * uapi struct).
     *
     * @param name the name
     * @param members the members in spec order, each with its offset
     * @param size the size in bytes, padded to the alignment
     * @param alignment the alignment in bytes
     * @param doc the documentation
     * @param header the defining header
     * @param scope the scope
     * @param location where
     */
    record Struct(
            String name,
            List<StructMember> members,
            int size,
            int alignment,
            String doc,
            Optional<String> header,
            String scope,
            SourceLocation location)
            implements Definition {
        public Struct {
            requireNonNull(name, "name");
            members = List.copyOf(members);
            requireNonNull(doc, "doc");
            requireNonNull(header, "header");
            requireNonNull(scope, "scope");
            requireNonNull(location, "location");
        }
    }
}
