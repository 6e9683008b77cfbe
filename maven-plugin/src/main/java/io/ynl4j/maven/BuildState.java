package io.ynl4j.maven;

import static java.util.Objects.requireNonNull;

import io.ynl4j.codegen.write.Manifest;
import io.ynl4j.codegen.write.OutputWriter;
import io.ynl4j.spec.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The up-to-date check of one plugin execution: a text listing everything a run's output depends on
 * (generator version, options, output folder, and the SHA-256 of every spec and schema file that
 * may be read), stored in {@code target/ynl4j/<execution-id>.state} after a successful run.
 *
 * <p>A later run is up to date when it computes the same text and the output folder still holds
 * every file the generator's manifest lists, with the listed content. Then the engine is not run and
 * no file is touched. The state text is readable on purpose: {@code mvn -X} logs which lines differ.
 *
 * <p>Hashes are not computed again for files whose size and modification time are those recorded
 * with their hash in the {@link Stamps} of an earlier run (as make and Gradle trust time stamps): a
 * no-op build of the 33 kernel specs then reads 1,458 file attributes instead of hashing 30 MB.
 */
final class BuildState {
    private static final String HEADER = "# ynl4j build state: the inputs of the last successful run. Do not edit.";

    private final SortedMap<String, String> lines = new TreeMap<>();
    private final Stamps stamps;

    /** A state that hashes every file it is given. */
    BuildState() {
        this(new Stamps());
    }

    /**
     * A state that takes a file's hash from {@code stamps} while its size and modification time are
     * unchanged, and records the hashes it computes there.
     *
     * @param stamps the stamps of an earlier run (see {@link Stamps#load})
     */
    BuildState(Stamps stamps) {
        this.stamps = requireNonNull(stamps, "stamps");
    }

    /**
     * The stamps this state reads and adds to.
     *
     * @return the stamps
     */
    Stamps stamps() {
        return stamps;
    }

    /**
     * Records a setting.
     *
     * @param key the name, e.g. {@code option.package}
     * @param value the value
     * @return this
     */
    BuildState put(String key, String value) {
        lines.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
        return this;
    }

    /**
     * Records a file by its content's SHA-256, or as missing.
     *
     * @param kind what the file is to the run, e.g. {@code spec}
     * @param file the file
     * @return this
     * @throws IOException when the file exists but cannot be read
     */
    BuildState putFile(String kind, Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        String value = Files.isRegularFile(abs) ? stamps.sha256(abs) : "missing";
        return put(kind + " " + abs, value);
    }

    /**
     * Records the schema files that the spec loader may pick up next to a spec when no schema
     * directory is set: {@code ../<protocol>.yaml}, {@code ../<protocol>.yaml.gz} and {@code
     * ../schemas/<protocol>.yaml}, for every protocol, as far as they exist.
     *
     * @param spec the spec file
     * @return this
     * @throws IOException when a schema exists but cannot be read
     */
    BuildState putSchemasNextTo(Path spec) throws IOException {
        Path dir = spec.toAbsolutePath().normalize().getParent();
        Path parent = dir == null ? null : dir.getParent();
        if (parent == null) {
            return this;
        }
        for (Protocol p : Protocol.values()) {
            String name = p.specName() + ".yaml";
            for (Path candidate :
                    List.of(parent.resolve(name), parent.resolve(name + ".gz"), parent.resolve("schemas/" + name))) {
                if (Files.isRegularFile(candidate)) {
                    putFile("schema", candidate);
                }
            }
        }
        return this;
    }

    /**
     * Records every {@code *.yaml} and {@code *.yaml.gz} file of a schema directory.
     *
     * @param dir the directory
     * @return this
     * @throws IOException when it cannot be listed or a file cannot be read
     */
    BuildState putSchemaDirectory(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        put("option.schemaDirectory", abs.toString());
        if (Files.isDirectory(abs)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(abs)) {
                files = list.filter(p -> {
                            String n = p.getFileName().toString();
                            return n.endsWith(".yaml") || n.endsWith(".yaml.gz");
                        })
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                putFile("schema", f);
            }
        }
        return this;
    }

    /**
     * The state's text.
     *
     * @return sorted {@code key=value} lines after a comment line, {@code \n}-terminated
     */
    String render() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        lines.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /**
     * The lines that differ from an earlier state's text, for debug logs.
     *
     * @param previous the earlier text
     * @return lines prefixed {@code -} (only before) or {@code +} (only now), at most 20
     */
    List<String> differences(String previous) {
        TreeSet<String> before = new TreeSet<>(previous.lines().toList());
        TreeSet<String> now = new TreeSet<>(render().lines().toList());
        List<String> out = new ArrayList<>();
        before.stream().filter(l -> !now.contains(l)).forEach(l -> out.add("- " + l));
        now.stream().filter(l -> !before.contains(l)).forEach(l -> out.add("+ " + l));
        return out.size() > 20 ? out.subList(0, 20) : out;
    }

    /**
     * Why the output is not up to date, or empty when it is: the stored state must equal this one
     * and every file of the output folder's manifest must exist with its recorded content.
     *
     * @param stateFile the stored state
     * @param outputDirectory the generator's output folder
     * @return the reason for regenerating, or empty when nothing needs to be done
     * @throws IOException when a file cannot be read
     */
    Optional<String> staleReason(Path stateFile, Path outputDirectory) throws IOException {
        if (!Files.isRegularFile(stateFile)) {
            return Optional.of("no state from an earlier run (" + stateFile + ")");
        }
        String previous = Files.readString(stateFile, StandardCharsets.UTF_8);
        if (!previous.equals(render())) {
            return Optional.of("inputs changed: " + String.join("; ", differences(previous)));
        }
        Path manifestFile = outputDirectory.resolve(OutputWriter.MANIFEST);
        // Fast path: the manifest and every file it lists as they were when last found complete.
        if (stamps.outputsUnchanged(manifestFile)) {
            return Optional.empty();
        }
        Optional<Manifest> manifest = manifest(outputDirectory);
        if (manifest.isEmpty()) {
            return Optional.of("no manifest in " + outputDirectory);
        }
        for (Map.Entry<String, String> f : manifest.get().files().entrySet()) {
            Path file = outputDirectory.resolve(f.getKey());
            if (!Files.isRegularFile(file)) {
                return Optional.of("generated file missing: " + file);
            }
            if (!stamps.sha256(file).equals(f.getValue())) {
                return Optional.of("generated file changed: " + file);
            }
        }
        stamps.recordOutputs(manifestFile, manifest.get());
        return Optional.empty();
    }

    /**
     * The manifest the generator left in an output folder.
     *
     * @param outputDirectory the folder
     * @return the manifest, or empty when there is none or it cannot be parsed
     * @throws IOException when it exists but cannot be read
     */
    static Optional<Manifest> manifest(Path outputDirectory) throws IOException {
        Path file = outputDirectory.resolve(OutputWriter.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Manifest.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    /**
     * Stores this state (write-then-move, so a crash leaves no half-written state).
     *
     * @param stateFile where
     * @throws IOException when it cannot be written
     */
    void save(Path stateFile) throws IOException {
        Files.createDirectories(stateFile.getParent());
        Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.writeString(temp, render(), StandardCharsets.UTF_8);
        Files.move(temp, stateFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * File hashes with the size and modification time they were computed at, kept between runs in
     * {@code target/ynl4j/<execution-id>.stamps}: one {@code size mtime-nanos sha256 path} line per
     * file (prefixed {@code o } for the generated files), and a {@code manifest size mtime-nanos
     * families path} line for the generator's manifest when the output folder was last found (or
     * made) complete. A file whose size or time differs is hashed again; while the manifest and
     * every generated file keep their stamps, the output is up to date without reading either.
     */
    static final class Stamps {
        private record Stamp(long size, long mtimeNanos, String sha256) {}

        private record ManifestStamp(String path, long size, long mtimeNanos, int families) {}

        private final Map<String, Stamp> known = new HashMap<>(4096);
        private final Set<String> outputs = new HashSet<>(4096);
        private ManifestStamp manifest;
        private boolean changed;

        /**
         * Loads the stamps stored by an earlier run; none when the file is missing or unreadable.
         *
         * @param file the stamps file
         * @return the stamps
         */
        static Stamps load(Path file) {
            Stamps s = new Stamps();
            try {
                if (Files.isRegularFile(file)) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        s.parse(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                s.known.clear(); // a damaged file only costs hashing again
                s.outputs.clear();
                s.manifest = null;
                s.changed = true;
            }
            return s;
        }

        private void parse(String line) {
            if (line.startsWith("manifest ")) {
                String[] f = line.split(" ", 5);
                if (f.length == 5) {
                    manifest =
                            new ManifestStamp(f[4], Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]));
                }
                return;
            }
            // size mtime sha256 path, without split's arrays: a no-op build reads ~1,500 of these
            boolean output = line.startsWith("o ");
            int at = output ? 2 : 0;
            int s1 = line.indexOf(' ', at);
            int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
            int s3 = s2 < 0 ? -1 : line.indexOf(' ', s2 + 1);
            if (s3 < 0 || s3 - s2 - 1 != 64) {
                return;
            }
            String path = line.substring(s3 + 1);
            known.put(
                    path,
                    new Stamp(
                            Long.parseLong(line, at, s1, 10),
                            Long.parseLong(line, s1 + 1, s2, 10),
                            line.substring(s2 + 1, s3)));
            if (output) {
                outputs.add(path);
            }
        }

        private static long mtime(BasicFileAttributes a) {
            return a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        }

        /**
         * The SHA-256 of a file's content: the recorded one while size and time are unchanged,
         * else computed (and recorded).
         *
         * @param file the file (absolute)
         * @return lower-case hex
         * @throws IOException when it cannot be read
         */
        String sha256(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            String key = file.toString();
            Stamp s = known.get(key);
            if (s != null && s.size() == a.size() && s.mtimeNanos() == mtime(a)) {
                return s.sha256();
            }
            String sha = OutputWriter.sha256(Files.readAllBytes(file));
            known.put(key, new Stamp(a.size(), mtime(a), sha));
            changed = true;
            return sha;
        }

        /**
         * Records a file's hash, known from elsewhere (the generator's manifest right after a run),
         * with its present size and time; nothing when the file does not exist.
         *
         * @param file the file (absolute)
         * @param sha256 its content's SHA-256
         * @throws IOException when its attributes cannot be read
         */
        void record(Path file, String sha256) throws IOException {
            if (!Files.isRegularFile(file)) {
                return;
            }
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Stamp s = new Stamp(a.size(), mtime(a), sha256);
            if (!s.equals(known.put(file.toString(), s))) {
                changed = true;
            }
        }

        /**
         * Notes that the output folder is complete as {@code manifest} says, right now: the files it
         * lists (stamped already, by {@link #sha256} or {@link #record}) and the manifest file's
         * own stamp.
         *
         * @param manifestFile the manifest file
         * @param manifest its content
         * @throws IOException when its attributes cannot be read
         */
        void recordOutputs(Path manifestFile, Manifest manifest) throws IOException {
            Path dir = manifestFile.getParent();
            Set<String> now = new HashSet<>();
            for (String f : manifest.files().keySet()) {
                now.add(dir.resolve(f).toString());
            }
            BasicFileAttributes a = Files.readAttributes(manifestFile, BasicFileAttributes.class);
            ManifestStamp m = new ManifestStamp(
                    manifestFile.toString(),
                    a.size(),
                    mtime(a),
                    manifest.specs().size());
            if (!now.equals(outputs) || !m.equals(this.manifest)) {
                outputs.clear();
                outputs.addAll(now);
                this.manifest = m;
                changed = true;
            }
        }

        /**
         * Whether the manifest and every generated file it listed still have the size and time
         * they had when the output folder was last found complete (no file is read).
         *
         * @param manifestFile the manifest file
         * @return true when nothing changed; false also when there is no record
         */
        boolean outputsUnchanged(Path manifestFile) {
            if (manifest == null || outputs.isEmpty() || !manifest.path().equals(manifestFile.toString())) {
                return false;
            }
            try {
                BasicFileAttributes m = Files.readAttributes(manifestFile, BasicFileAttributes.class);
                if (m.size() != manifest.size() || mtime(m) != manifest.mtimeNanos()) {
                    return false;
                }
                // a stat per file (tried on every core with a parallel stream: no faster, cold)
                return outputs.stream().allMatch(this::unchanged);
            } catch (IOException e) {
                return false; // the manifest is gone: the full check says so
            }
        }

        private boolean unchanged(String file) {
            Stamp s = known.get(file);
            if (s == null) {
                return false;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(Path.of(file), BasicFileAttributes.class);
                return a.size() == s.size() && mtime(a) == s.mtimeNanos();
            } catch (IOException e) {
                return false; // gone: the full check says which
            }
        }

        /**
         * The number of families the manifest listed when the output was last found complete.
         *
         * @return the count, or empty when unknown
         */
        OptionalInt families() {
            return manifest == null ? OptionalInt.empty() : OptionalInt.of(manifest.families());
        }

        /**
         * Stores the stamps when this run added or changed any (write-then-move).
         *
         * @param file the stamps file
         * @throws IOException when it cannot be written
         */
        void saveIfChanged(Path file) throws IOException {
            if (!changed) {
                return;
            }
            StringBuilder out = new StringBuilder();
            if (manifest != null) {
                out.append("manifest ")
                        .append(manifest.size())
                        .append(' ')
                        .append(manifest.mtimeNanos())
                        .append(' ')
                        .append(manifest.families())
                        .append(' ')
                        .append(manifest.path())
                        .append('\n');
            }
            new TreeMap<>(known)
                    .forEach((p, s) -> out.append(outputs.contains(p) ? "o " : "")
                            .append(s.size())
                            .append(' ')
                            .append(s.mtimeNanos())
                            .append(' ')
                            .append(s.sha256())
                            .append(' ')
                            .append(p)
                            .append('\n'));
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, out, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            changed = false;
        }
    }
}
