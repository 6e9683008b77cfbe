package io.ynl4j.codegen.emit;

/** Turns spec {@code doc} text into safe Javadoc: no comment terminators, tags or raw HTML. */
public final class Javadocs {
    private Javadocs() {}

    /**
     * Escapes text for a Javadoc comment: {@code &}, {@code <}, {@code >} as entities, {@code @} as
     * {@code &#64;}, {@code *}{@code /} broken up, backslash-u escapes defused; trailing blanks
     * trimmed, paragraphs kept.
     *
     * @param doc the spec's text
     * @return Javadoc-safe text ending without a newline
     */
    public static String sanitize(String doc) {
        String s = doc.strip()
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("@", "&#64;")
                .replace("*/", "*&#47;")
                .replace("\\u", "&#92;u");
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            String l = line.stripTrailing();
            out.append(l.isEmpty() ? "<p>" : l).append('\n');
        }
        String text = out.toString().strip();
        while (text.endsWith("<p>")) {
            text = text.substring(0, text.length() - 3).strip();
        }
        return text;
    }
}
