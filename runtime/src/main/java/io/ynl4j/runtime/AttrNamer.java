package io.ynl4j.runtime;

/**
 * Names an attribute path for error messages: given the attribute types from the outermost in,
 * e.g. {@code [18, 1]}, returns {@code linkinfo-attrs.kind}-style text. Generated code supplies
 * one per operation; {@link #NUMERIC} prints the numbers.
 */
@FunctionalInterface
public interface AttrNamer {
    /** Numbers joined with {@code /}, e.g. {@code 18/1}. */
    AttrNamer NUMERIC = types -> {
        StringBuilder out = new StringBuilder();
        for (int t : types) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(t);
        }
        return out.toString();
    };

    /**
     * The path's text.
     *
     * @param types attribute types, outermost first
     * @return e.g. {@code addr-attrs.local}
     */
    String name(int[] types);
}
