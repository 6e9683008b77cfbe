package io.ynl4j.codegen.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one run generated into an output directory, stored there as {@value OutputWriter#MANIFEST}:
 *
 * <pre>
 * # Written by ynl4j: the files it generated in this folder and the specs they come from. Do not edit.
 * generator.version=0.1.0-SNAPSHOT
 * spec.rt-addr=rt-addr.yaml 1c9e0a2b3c4d…(64 hex digits)
 * file.io/ynl4j/generated/rtaddr/AddrAttrs.java=5be1…(SHA-256 of the file)
 * </pre>
 *
 * The next run deletes the files listed here that it no longer produces. Entries are sorted and the
 * text has no timestamp, so the same run writes the same bytes.
 *
 * @param generatorVersion the version of ynl4j that generated the files
 * @param specs per family name, the spec's file name and its SHA-256
 * @param files per generated file (relative path, {@code /}-separated), the SHA-256 of its content
 */
public record Manifest(String generatorVersion, SortedMap<String, String> specs, SortedMap<String, String> files) {
    private static final String VERSION = "generator.version";
    private static final String SPEC = "spec.";
    private static final String FILE = "file.";

    public Manifest {
        requireNonNull(generatorVersion, "generatorVersion");
        specs = new TreeMap<>(specs);
        files = new TreeMap<>(files);
    }

    /**
     * The manifest's text.
     *
     * @return properties text with {@code \n} line ends
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Written by ynl4j: the files it generated in this folder and the specs they come from.")
                .append(" Do not edit.\n");
        line(out, VERSION, generatorVersion);
        specs.forEach((family, spec) -> line(out, SPEC + family, spec));
        files.forEach((path, sha) -> line(out, FILE + path, sha));
        return out.toString();
    }

    /**
     * Reads a manifest's text; lenient, since a damaged manifest only costs stale files.
     *
     * @param text the text
     * @return the manifest, or empty when the text cannot be parsed
     */
    public static Optional<Manifest> parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        SortedMap<String, String> specs = new TreeMap<>();
        SortedMap<String, String> files = new TreeMap<>();
        for (Map.Entry<Object, Object> e : p.entrySet()) {
            String key = (String) e.getKey();
            String value = (String) e.getValue();
            if (key.startsWith(SPEC)) {
                specs.put(key.substring(SPEC.length()), value);
            } else if (key.startsWith(FILE)) {
                files.put(key.substring(FILE.length()), value);
            }
        }
        return Optional.of(new Manifest(p.getProperty(VERSION, ""), specs, files));
    }

    private static void line(StringBuilder out, String key, String value) {
        escape(out, key, true);
        out.append('=');
        escape(out, value, false);
        out.append('\n');
    }

    /** Escapes as {@link Properties#load} expects; everything outside printable ASCII as {@code \\uXXXX}. */
    private static void escape(StringBuilder out, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '=', ':', '#', '!' -> out.append('\\').append(c);
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
