package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;

/**
 * The attribute names of a family's attribute sets, for naming the attribute an extended ACK points
 * at ({@code addr-attrs.local}, {@code link-attrs.linkinfo.kind}), as the kernel's C library does
 * with its policy tables. Generated family facades build one; {@link #namer} gives the
 * {@link AttrNamer} of an operation's root set. Immutable once built.
 */
public final class AttrNameTable {
    private record Entry(String name, String nested) {}

    private final Map<String, Map<Integer, Entry>> sets;

    private AttrNameTable(Map<String, Map<Integer, Entry>> sets) {
        this.sets = Map.copyOf(sets);
    }

    /**
     * A builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects sets. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Map<Integer, Entry>> sets = new HashMap<>();

        private Builder() {}

        /**
         * Adds a set, its attributes given compactly as comma-separated {@code <type> <name>}
         * entries, with {@code >set} appended to an attribute that nests another set: {@code
         * "1 address,2 local,18 linkinfo>linkinfo-attrs"}.
         *
         * @param name the set's spec name
         * @param entries the attributes
         * @return this builder
         * @throws IllegalArgumentException when an entry is malformed
         */
        public Builder set(String name, String entries) {
            requireNonNull(name, "name");
            Map<Integer, Entry> attrs = new HashMap<>();
            if (!entries.isEmpty()) {
                for (String e : entries.split(",")) {
                    int space = e.indexOf(' ');
                    if (space <= 0) {
                        throw new IllegalArgumentException("malformed entry '" + e + "' of set " + name);
                    }
                    int type = Integer.parseInt(e.substring(0, space));
                    String rest = e.substring(space + 1);
                    int gt = rest.indexOf('>');
                    attrs.put(
                            type,
                            gt < 0 ? new Entry(rest, null) : new Entry(rest.substring(0, gt), rest.substring(gt + 1)));
                }
            }
            sets.put(name, Map.copyOf(attrs));
            return this;
        }

        /**
         * The table.
         *
         * @return the table
         */
        public AttrNameTable build() {
            return new AttrNameTable(sets);
        }
    }

    /**
     * Names a path of attribute types starting in a set: the set's name, then each attribute's name,
     * joined with dots; types the table does not know (or below them) print as numbers.
     *
     * @param rootSet the set of the outermost attribute
     * @param types the attribute types, outermost first
     * @return e.g. {@code addr-attrs.local}
     */
    public String name(String rootSet, int[] types) {
        StringBuilder out = new StringBuilder(rootSet);
        String set = rootSet;
        for (int t : types) {
            Entry e = set == null ? null : sets.getOrDefault(set, Map.of()).get(t);
            out.append('.');
            if (e == null) {
                out.append(t);
                set = null;
            } else {
                out.append(e.name());
                set = e.nested();
            }
        }
        return out.toString();
    }

    /**
     * The namer of paths starting in a set.
     *
     * @param rootSet the set's spec name
     * @return the namer
     */
    public AttrNamer namer(String rootSet) {
        requireNonNull(rootSet, "rootSet");
        return types -> name(rootSet, types);
    }
}
