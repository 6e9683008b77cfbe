package io.ynl4j.spec.load;

import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a spec file into a SnakeYAML node tree (compose API, YAML 1.1 like the kernel's PyYAML), so
 * that every value keeps its line and column. Reads {@code .yaml} and gzipped {@code .yaml.gz}
 * alike. Guards: at most {@link #MAX_BYTES} bytes (after decompression), strict UTF-8, at most
 * {@link #MAX_ALIASES} aliases to collections (devlink needs 62; SnakeYAML's default is 50), and
 * SnakeYAML's nesting and code-point limits.
 */
public final class YamlLoader {
    /** The largest spec accepted, in bytes (the largest kernel spec is about 200 KiB). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** The most aliases to collections accepted in one spec. */
    public static final int MAX_ALIASES = 500;

    private static final String SPDX = "# SPDX-License-Identifier: ";

    private YamlLoader() {}

    /**
     * A spec read into a node tree.
     *
     * @param file the display name used in locations
     * @param text the decoded text
     * @param bytes the raw (decompressed) bytes
     * @param root the document's root node
     */
    public record Loaded(String file, String text, byte[] bytes, Node root) {}

    /**
     * Reads a spec file; problems go to {@code diagnostics}.
     *
     * @param path the file ({@code .yaml} or {@code .yaml.gz})
     * @param displayName the name used in locations
     * @param diagnostics where problems are reported
     * @return the loaded spec, or empty when it could not be read
     */
    public static Optional<Loaded> load(Path path, String displayName, Diagnostics diagnostics) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                diagnostics.report(Problem.IO_ERROR, SourceLocation.ofFile(displayName), "it is a directory");
                return Optional.empty();
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                diagnostics.report(
                        Problem.YAML_LIMIT,
                        SourceLocation.ofFile(displayName),
                        "the file has " + size + " bytes (expected: at most " + MAX_BYTES + ")");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            diagnostics.report(Problem.IO_ERROR, SourceLocation.ofFile(displayName), "no such file");
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            diagnostics.report(Problem.IO_ERROR, SourceLocation.ofFile(displayName), describe(e));
            return Optional.empty();
        }
        return load(displayName, bytes, diagnostics);
    }

    /**
     * Reads a spec from bytes (gzip is detected by its magic number).
     *
     * @param displayName the name used in locations
     * @param raw the bytes
     * @param diagnostics where problems are reported
     * @return the loaded spec, or empty when it could not be read
     */
    public static Optional<Loaded> load(String displayName, byte[] raw, Diagnostics diagnostics) {
        SourceLocation whole = SourceLocation.ofFile(displayName);
        byte[] bytes = raw;
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            } catch (IOException e) {
                diagnostics.report(Problem.IO_ERROR, whole, "bad gzip data: " + describe(e));
                return Optional.empty();
            }
            if (bytes.length > MAX_BYTES) {
                diagnostics.report(Problem.YAML_LIMIT, whole, "the decompressed spec exceeds " + MAX_BYTES + " bytes");
                return Optional.empty();
            }
        } else if (raw.length > MAX_BYTES) {
            diagnostics.report(
                    Problem.YAML_LIMIT,
                    whole,
                    "the file has " + raw.length + " bytes (expected: at most " + MAX_BYTES + ")");
            return Optional.empty();
        }

        String text;
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int offset = firstBadUtf8(bytes);
            diagnostics.report(
                    Problem.NOT_UTF8,
                    locationOfByte(displayName, bytes, offset),
                    String.format(java.util.Locale.ROOT, "byte 0x%02x at offset %d", bytes[offset] & 0xff, offset));
            return Optional.empty();
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        diagnostics.addSource(displayName, text);

        if (text.isBlank()) {
            diagnostics.report(Problem.EMPTY_SPEC, whole);
            return Optional.empty();
        }
        if (!text.startsWith(SPDX)) {
            diagnostics.report(Problem.NO_SPDX, whole);
        }

        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        Yaml yaml = new Yaml(options);
        Node root;
        try {
            var documents = yaml.composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                diagnostics.report(Problem.EMPTY_SPEC, whole);
                return Optional.empty();
            }
            root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                diagnostics.report(Problem.MULTIPLE_DOCUMENTS, at(displayName, second.getStartMark()));
                return Optional.empty();
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null && !e.getContext().equals(message)) {
                // Say where the construct being parsed began (an unclosed '[' may be lines above).
                Mark context = e.getContextMark();
                String where = context != null && context != mark
                        ? " that starts at " + (context.getLine() + 1) + ":" + (context.getColumn() + 1)
                        : "";
                message = message + " (" + e.getContext() + where + ")";
            }
            Problem problem = isLimit(message) ? Problem.YAML_LIMIT : Problem.YAML_SYNTAX;
            diagnostics.report(problem, mark == null ? whole : at(displayName, mark), oneLine(message));
            return Optional.empty();
        } catch (YAMLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (message.startsWith("Number of aliases for non-scalar nodes exceeds")) {
                message = "more than " + MAX_ALIASES + " aliases to lists or mappings (expected: at most " + MAX_ALIASES
                        + ")";
            }
            Problem problem = isLimit(message) ? Problem.YAML_LIMIT : Problem.YAML_SYNTAX;
            diagnostics.report(problem, whole, oneLine(message));
            return Optional.empty();
        } catch (StackOverflowError e) {
            diagnostics.report(Problem.YAML_LIMIT, whole, "the YAML nests too deeply");
            return Optional.empty();
        }
        if (root == null) {
            diagnostics.report(Problem.EMPTY_SPEC, whole);
            return Optional.empty();
        }
        return Optional.of(new Loaded(displayName, text, bytes, root));
    }

    /**
     * The location of a SnakeYAML mark.
     *
     * @param file the display name
     * @param mark the mark (0-based)
     * @return the 1-based location
     */
    public static SourceLocation at(String file, Mark mark) {
        return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static boolean isLimit(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("aliases")
                || m.contains("nesting depth")
                || m.contains("code point")
                || m.contains("exceeds");
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static int firstBadUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : 0;
    }

    private static SourceLocation locationOfByte(String file, byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // Column in characters: count UTF-8 lead bytes between the line start and the offset.
        int column = 1;
        for (int i = lineStart; i < offset; i++) {
            if ((bytes[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        return new SourceLocation(file, line, column);
    }
}
