package io.ynl4j.codegen.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes generated files into an output directory, touching only what changed:
 *
 * <ul>
 *   <li>files are handled in sorted order, encoded as UTF-8 with {@code \n} line breaks;
 *   <li>a file whose bytes on disk already equal the new content is left alone (it keeps its
 *       timestamp, so incremental compilers see no change);
 *   <li>a changed file is written to a temporary file beside it and moved into place;
 *   <li>files the previous {@linkplain Manifest manifest} lists but this run does not produce are
 *       deleted, and folders that become empty with them; files the manifest does not list are never
 *       touched;
 *   <li>the new manifest is written last, also only when it changed.
 * </ul>
 */
public final class OutputWriter {
    /** The manifest's file name in the output directory. */
    public static final String MANIFEST = "ynl4j-manifest.properties";

    private OutputWriter() {}

    /**
     * What a write did; paths relative to the output directory, sorted.
     *
     * @param written files created or changed
     * @param unchanged files already holding their content
     * @param deleted stale files removed
     */
    public record Outcome(List<Path> written, List<Path> unchanged, List<Path> deleted) {
        public Outcome {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
        }
    }

    /**
     * Writes the files and the manifest.
     *
     * @param outputDirectory the folder (created if missing)
     * @param files the files; paths must be distinct
     * @param generatorVersion recorded in the manifest
     * @param specs recorded in the manifest: per family name, {@code <spec file name> <sha256>}
     * @return what was written, left alone and deleted (the manifest is not listed)
     * @throws IOException when a file cannot be read, written or deleted
     */
    public static Outcome write(
            Path outputDirectory, List<GeneratedFile> files, String generatorVersion, SortedMap<String, String> specs)
            throws IOException {
        requireNonNull(outputDirectory, "outputDirectory");
        List<GeneratedFile> sorted =
                files.stream().sorted(Comparator.comparing(GeneratedFile::path)).toList();
        SortedMap<String, String> digests = new TreeMap<>();
        for (GeneratedFile f : sorted) {
            if (f.path().equals(MANIFEST)) {
                throw new IllegalArgumentException("a generated file may not be named " + MANIFEST);
            }
            if (digests.put(f.path(), "") != null) {
                throw new IllegalArgumentException("two generated files at " + f.path());
            }
        }
        Files.createDirectories(outputDirectory);
        Path manifestFile = outputDirectory.resolve(MANIFEST);
        Optional<Manifest> previous = Files.isRegularFile(manifestFile)
                ? Manifest.parse(Files.readString(manifestFile, StandardCharsets.ISO_8859_1))
                : Optional.empty();

        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        for (GeneratedFile f : sorted) {
            byte[] bytes = f.content().replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            digests.put(f.path(), sha256(bytes));
            Path relative = relative(outputDirectory, f.path());
            if (writeIfChanged(outputDirectory.resolve(relative), bytes)) {
                written.add(relative);
            } else {
                unchanged.add(relative);
            }
        }

        List<Path> deleted = new ArrayList<>();
        if (previous.isPresent()) {
            for (String stale : previous.get().files().keySet()) {
                if (digests.containsKey(stale) || !isSafe(stale)) {
                    continue;
                }
                Path relative = relative(outputDirectory, stale);
                Path file = outputDirectory.resolve(relative);
                if (Files.deleteIfExists(file)) {
                    deleted.add(relative);
                    removeEmptyParents(outputDirectory, file.getParent());
                }
            }
        }

        Manifest manifest = new Manifest(generatorVersion, specs, digests);
        writeIfChanged(manifestFile, manifest.render().getBytes(StandardCharsets.ISO_8859_1));
        return new Outcome(written, unchanged, deleted);
    }

    /** Writes {@code bytes} unless the file already holds them; returns whether it wrote. */
    private static boolean writeIfChanged(Path file, byte[] bytes) throws IOException {
        if (Files.isRegularFile(file)
                && Files.size(file) == bytes.length
                && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".ynl4j-tmp");
        Files.write(
                temp, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /** Deletes {@code dir} and its parents while they are empty, stopping at the output directory. */
    private static void removeEmptyParents(Path outputDirectory, Path dir) throws IOException {
        Path root = outputDirectory.toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path abs = d.toAbsolutePath().normalize();
            if (abs.equals(root) || !abs.startsWith(root)) {
                return;
            }
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
        }
    }

    /** Whether a path from a manifest stays inside the output directory. */
    private static boolean isSafe(String path) {
        try {
            new GeneratedFile(path, "");
            return !path.equals(MANIFEST);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Path relative(Path outputDirectory, String path) {
        String[] segments = path.split("/");
        return outputDirectory.getFileSystem().getPath(segments[0], Arrays.copyOfRange(segments, 1, segments.length));
    }

    /**
     * The SHA-256 of bytes, in hex.
     *
     * @param bytes the bytes
     * @return 64 hex digits
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
