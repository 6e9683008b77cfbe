package io.ynl4j.spec.load;

import static java.util.Objects.requireNonNull;

import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.SourceLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Finds specs by family name. The folders are searched in this order, the first spec found wins:
 *
 * <ol>
 *   <li>the project's own {@code specs/} folder, when known ({@link Builder#projectSpecs}; the CLI
 *       passes {@code $YNL4J_HOME/specs});
 *   <li>every folder of {@code YNL4J_SPEC_PATH} ({@link Builder#specPath}, colon-separated);
 *   <li>a kernel tree's {@code Documentation/netlink/specs} ({@link Builder#kernelTree}; the tree's
 *       root or the specs folder itself);
 *   <li>Debian's {@code linux-doc-*} packages, {@code /usr/share/doc/linux-doc-VERSION/Documentation/netlink/specs}
 *       (gzipped {@code *.yaml.gz}), the newest version first ({@link Builder#debianDocs}).
 * </ol>
 *
 * <p>A spec's family name is its top-level {@code name:} (read from the first lines, without parsing
 * the YAML), not its file name: {@code drm_ras.yaml} is {@code drm-ras}. {@link #find} also accepts
 * the file's stem when no family has the name. Files without a top-level {@code name:} are not
 * listed. Folders are scanned when first needed; a missing folder is skipped.
 */
public final class SpecCatalog {
    /** The environment variable holding extra spec folders, colon-separated. */
    public static final String SPEC_PATH_VARIABLE = "YNL4J_SPEC_PATH";

    /** Where Debian installs package documentation. */
    public static final Path DEBIAN_DOCS = Path.of("/usr/share/doc");

    private static final Path KERNEL_SPECS = Path.of("Documentation", "netlink", "specs");
    private static final Pattern TOP_KEY = Pattern.compile("^(name|protocol):\\s*(.*?)\\s*$");
    private static final int MAX_HEADER_LINES = 200;

    private final List<Folder> folders;
    private volatile List<Entry> entries;

    /**
     * One spec the catalog found.
     *
     * @param name the family name (the spec's top-level {@code name:})
     * @param protocol the spec's top-level {@code protocol:}, {@code genetlink} when it has none
     * @param path the file ({@code .yaml} or {@code .yaml.gz})
     * @param source which folder it came from: {@code project}, {@code YNL4J_SPEC_PATH}, {@code
     *     spec-dir} or the Debian package's name, e.g. {@code linux-doc-6.12}
     */
    public record Entry(String name, String protocol, Path path, String source) {
        public Entry {
            requireNonNull(name, "name");
            requireNonNull(protocol, "protocol");
            requireNonNull(path, "path");
            requireNonNull(source, "source");
        }

        /**
         * The file name without {@code .yaml} or {@code .yaml.gz}.
         *
         * @return e.g. {@code drm_ras}
         */
        public String stem() {
            return stem(path);
        }

        static String stem(Path path) {
            String file = path.getFileName().toString();
            if (file.endsWith(".yaml.gz")) {
                return file.substring(0, file.length() - ".yaml.gz".length());
            }
            return file.endsWith(".yaml") ? file.substring(0, file.length() - ".yaml".length()) : file;
        }
    }

    /** One folder to search and how entries from it are labelled. */
    private record Folder(Path dir, String source) {}

    private SpecCatalog(List<Folder> folders) {
        this.folders = List.copyOf(folders);
    }

    /**
     * A catalog that finds nothing.
     *
     * @return the empty catalog
     */
    public static SpecCatalog empty() {
        return new SpecCatalog(List.of());
    }

    /**
     * Starts a catalog.
     *
     * @return a builder with no folders
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The usual catalog: the project's specs (when {@code home} is known), {@code YNL4J_SPEC_PATH}
     * read through {@code env}, the kernel tree (when given) and Debian's {@code linux-doc}.
     *
     * @param env reads an environment variable (null when unset); tests pass their own
     * @param projectSpecs the project's {@code specs/} folder, or null
     * @param kernelTree a kernel tree or its specs folder, or null
     * @return the catalog
     */
    public static SpecCatalog standard(Function<String, String> env, Path projectSpecs, Path kernelTree) {
        Builder b = builder();
        if (projectSpecs != null) {
            b.projectSpecs(projectSpecs);
        }
        b.specPath(env.apply(SPEC_PATH_VARIABLE));
        if (kernelTree != null) {
            b.kernelTree(kernelTree);
        }
        return b.debianDocs(DEBIAN_DOCS).build();
    }

    /** Collects the folders of a {@link SpecCatalog}; call each method at most once, in any order. */
    public static final class Builder {
        private Path project;
        private final List<Path> specPath = new ArrayList<>();
        private Path kernel;
        private Path debian;

        private Builder() {}

        /**
         * The project's own {@code specs/} folder, searched first.
         *
         * @param dir the folder
         * @return this builder
         */
        public Builder projectSpecs(Path dir) {
            this.project = requireNonNull(dir, "dir");
            return this;
        }

        /**
         * The folders of a {@code YNL4J_SPEC_PATH} value, searched second.
         *
         * @param value colon-separated folders; null or empty for none (empty elements are skipped)
         * @return this builder
         */
        public Builder specPath(String value) {
            if (value != null) {
                for (String part : value.split(":")) {
                    if (!part.isBlank()) {
                        specPath.add(Path.of(part));
                    }
                }
            }
            return this;
        }

        /**
         * A kernel tree, searched third: its root (holding {@code Documentation/netlink/specs}) or the
         * specs folder itself.
         *
         * @param dir the folder
         * @return this builder
         */
        public Builder kernelTree(Path dir) {
            this.kernel = requireNonNull(dir, "dir");
            return this;
        }

        /**
         * The folder holding Debian's {@code linux-doc-VERSION} package folders, searched last, the
         * newest version first.
         *
         * @param dir usually {@link SpecCatalog#DEBIAN_DOCS}
         * @return this builder
         */
        public Builder debianDocs(Path dir) {
            this.debian = requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Builds the catalog (folders are scanned later, when first needed).
         *
         * @return the catalog
         */
        public SpecCatalog build() {
            List<Folder> folders = new ArrayList<>();
            if (project != null) {
                folders.add(new Folder(project, "project"));
            }
            specPath.forEach(dir -> folders.add(new Folder(dir, SPEC_PATH_VARIABLE)));
            if (kernel != null) {
                Path specs = kernel.resolve(KERNEL_SPECS);
                folders.add(new Folder(Files.isDirectory(specs) ? specs : kernel, "spec-dir"));
            }
            if (debian != null) {
                debianPackages(debian)
                        .forEach(pkg -> folders.add(new Folder(
                                pkg.resolve(KERNEL_SPECS), pkg.getFileName().toString())));
            }
            return new SpecCatalog(folders);
        }
    }

    /**
     * Every spec found, in search order (within a folder, by file name). A family may appear more
     * than once; {@link #find} returns its first entry.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        List<Entry> result = entries;
        if (result == null) {
            List<Entry> all = new ArrayList<>();
            folders.forEach(f -> all.addAll(scan(f)));
            result = List.copyOf(all);
            entries = result;
        }
        return result;
    }

    /**
     * The first spec of a family: by family name, else by file stem.
     *
     * @param name e.g. {@code drm-ras} (or {@code drm_ras})
     * @return the entry, or empty
     */
    public Optional<Entry> find(String name) {
        requireNonNull(name, "name");
        List<Entry> all = entries();
        return all.stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .or(() -> all.stream().filter(e -> e.stem().equals(name)).findFirst());
    }

    /**
     * The distinct family names found, in search order.
     *
     * @return the names
     */
    public List<String> names() {
        return entries().stream().map(Entry::name).distinct().toList();
    }

    /**
     * Family names close to {@code name}: a small edit distance, or one contains the other; the
     * closest first, at most five.
     *
     * @param name the unknown name
     * @return the near names, possibly none
     */
    public List<String> nearNames(String name) {
        int allowed = Math.max(2, Math.min(4, name.length() / 3));
        return names().stream()
                .filter(n -> Diagnostics.distance(name, n) <= allowed || n.contains(name) || name.contains(n))
                .sorted(Comparator.comparingInt((String n) -> Diagnostics.distance(name, n))
                        .thenComparing(n -> n))
                .limit(5)
                .toList();
    }

    /**
     * The folders searched, in order, as text for diagnostics.
     *
     * @return e.g. {@code [/home/me/ynl4j/specs (project), /usr/share/doc/linux-doc-6.12/… (linux-doc-6.12)]}
     */
    public List<String> describeFolders() {
        return folders.stream().map(f -> f.dir() + " (" + f.source() + ")").toList();
    }

    /**
     * Loads the spec of a family, or reports that the catalog has none ({@code Y011}, listing near
     * names).
     *
     * @param name the family name
     * @param loader the loader to use
     * @return the result; its {@link LoadResult#file()} is the spec's path, or {@code family NAME}
     */
    public LoadResult load(String name, SpecLoader loader) {
        Optional<Entry> entry = find(name);
        if (entry.isPresent()) {
            Path path = entry.get().path();
            return loader.load(path, path.toString());
        }
        return unknownFamily(name);
    }

    /**
     * The result for a family the catalog does not have: one {@code Y011} error, with the near names
     * and the folders searched as hints.
     *
     * @param name the family name
     * @return the result
     */
    public LoadResult unknownFamily(String name) {
        String display = "family " + name;
        List<String> hints = new ArrayList<>();
        List<String> near = nearNames(name);
        if (!near.isEmpty()) {
            hints.add("near names: " + String.join(", ", near));
        }
        List<String> searched = describeFolders();
        hints.add(searched.isEmpty() ? "no spec folders are configured" : "searched: " + String.join(", ", searched));
        hints.add("'ynl4j families' lists the families found; add folders with YNL4J_SPEC_PATH or --spec-dir");
        Diagnostics d = new Diagnostics();
        d.reportWithHints(Problem.UNKNOWN_FAMILY, SourceLocation.ofFile(display), hints, name);
        return new LoadResult(display, Optional.empty(), d.all());
    }

    private static List<Entry> scan(Folder folder) {
        if (!Files.isDirectory(folder.dir())) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder.dir())) {
            for (Path p : stream) {
                String n = p.getFileName().toString();
                if ((n.endsWith(".yaml") || n.endsWith(".yaml.gz")) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Entry> result = new ArrayList<>();
        for (Path p : files) {
            header(p).ifPresent(h -> result.add(new Entry(h[0], h[1], p, folder.source())));
        }
        return result;
    }

    /** Reads the top-level {@code name:} and {@code protocol:} from a spec's first lines. */
    static Optional<String[]> header(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            String protocol = null;
            String line;
            int count = 0;
            while ((line = reader.readLine()) != null && count++ < MAX_HEADER_LINES) {
                Matcher m = TOP_KEY.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String value = unquote(m.group(2));
                if (m.group(1).equals("name") && name == null) {
                    name = value;
                } else if (m.group(1).equals("protocol") && protocol == null) {
                    protocol = value;
                }
                if (name != null && protocol != null) {
                    break;
                }
            }
            if (name == null || name.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new String[] {name, protocol == null || protocol.isEmpty() ? "genetlink" : protocol});
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String unquote(String value) {
        String v = value;
        int hash = v.indexOf(" #");
        if (hash >= 0 && !v.startsWith("'") && !v.startsWith("\"")) {
            v = v.substring(0, hash).strip();
        }
        if (v.length() >= 2 && ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith("\"") && v.endsWith("\"")))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** The {@code linux-doc-*} folders under {@code docs}, the newest version first. */
    private static List<Path> debianPackages(Path docs) {
        if (!Files.isDirectory(docs)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(docs)) {
            return list.filter(p -> p.getFileName().toString().startsWith("linux-doc-"))
                    .filter(Files::isDirectory)
                    .sorted(Comparator.comparing(
                                    (Path p) -> p.getFileName().toString().substring("linux-doc-".length()),
                                    SpecCatalog::compareVersions)
                            .reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Compares versions such as {@code 6.9} and {@code 6.12} by their numbers, then as text. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[^0-9]+");
        String[] y = b.split("[^0-9]+");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].isEmpty() || y[i].isEmpty()) {
                continue;
            }
            int c = new BigInteger(x[i]).compareTo(new BigInteger(y[i]));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(x.length, y.length);
        return c != 0 ? c : a.compareTo(b);
    }
}
