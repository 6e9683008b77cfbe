package io.ynl4j.codegen.write;

import static java.util.Objects.requireNonNull;

/**
 * One file to write.
 *
 * @param path where, relative to the output directory, with {@code /} between folders, e.g. {@code
 *     io/ynl4j/generated/rtaddr/AddrAttrs.java}; no {@code .} or {@code ..} segments
 * @param content the text (line breaks are written as {@code \n})
 */
public record GeneratedFile(String path, String content) {
    public GeneratedFile {
        requireNonNull(path, "path");
        requireNonNull(content, "content");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("not a relative path with '/' separators: '" + path + "'");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("path '" + path + "' has an empty, '.' or '..' segment");
            }
        }
    }
}
