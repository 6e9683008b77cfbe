package io.ynl4j.maven;

import static java.util.Objects.requireNonNull;

import io.ynl4j.codegen.write.Manifest;
import io.ynl4j.codegen.write.OutputWriter;
import io.ynl4j.spec.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The up-to-date check of one plugin execution: a text listing everything a run's output depends on
 * (generator version, options, output folder, and the SHA-256 of every spec and schema file that
 * may be read), stored in {@code target/ynl4j/<execution-id>.state} after a successful run.
 *
 * <p>A later run is up to date when it computes the same text and the output folder still holds
 * every file the generator's manifest lists, with the listed content. Then the engine is not run and
 * no file is touched. The state text is readable on purpose: {@code mvn -X} logs which lines differ.
 */
final class BuildState {
    private static final String HEADER = "# ynl4j build state: the inputs of the last successful run. Do not edit.";

    private final SortedMap<String, String> lines = new TreeMap<>();

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
        String value = Files.isRegularFile(abs) ? OutputWriter.sha256(Files.readAllBytes(abs)) : "missing";
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
        Optional<Manifest> manifest = manifest(outputDirectory);
        if (manifest.isEmpty()) {
            return Optional.of("no manifest in " + outputDirectory);
        }
        for (Map.Entry<String, String> f : manifest.get().files().entrySet()) {
            Path file = outputDirectory.resolve(f.getKey());
            if (!Files.isRegularFile(file)) {
                return Optional.of("generated file missing: " + file);
            }
            if (!OutputWriter.sha256(Files.readAllBytes(file)).equals(f.getValue())) {
                return Optional.of("generated file changed: " + file);
            }
        }
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
}
