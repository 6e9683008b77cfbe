package io.ynl4j.spec.load;

import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Problem;
import io.ynl4j.spec.Protocol;
import io.ynl4j.spec.SourceLocation;
import io.ynl4j.spec.decl.FamilyDecl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Loads spec files into linked families: read the bytes, compose the YAML, read the declarations
 * (shape), validate against the kernel's JSON schema when one is at hand, and link (meaning). All
 * problems are collected; a family is returned only when there is no error.
 *
 * <p>Schemas: {@link #withSchemaDirectory} names a folder holding {@code <protocol>.yaml}; without
 * it, and unless {@link #withAutoSchema} is off, the loader looks where the kernel's own tool does:
 * {@code ../<protocol>.yaml} next to the spec's folder (as in a kernel tree's
 * {@code Documentation/netlink/specs}), {@code ../<protocol>.yaml.gz} (Debian's {@code linux-doc}
 * packages), or {@code ../schemas/<protocol>.yaml}.
 *
 * <p>Instances are immutable and thread-safe; compiled schemas are cached by {@link SchemaValidator}.
 */
public final class SpecLoader {
    private final Optional<Path> schemaDirectory;
    private final boolean autoSchema;

    private final boolean lenient;
    private final boolean digest;

    private SpecLoader(Optional<Path> schemaDirectory, boolean autoSchema, boolean lenient, boolean digest) {
        this.schemaDirectory = schemaDirectory;
        this.autoSchema = autoSchema;
        this.lenient = lenient;
        this.digest = digest;
    }

    /**
     * A loader with defaults: schemas found next to the specs when present.
     *
     * @return the loader
     */
    public static SpecLoader create() {
        return new SpecLoader(Optional.empty(), true, false, true);
    }

    /**
     * Validates every spec against {@code <dir>/<protocol>.yaml}.
     *
     * @param dir the folder of the kernel's schema files
     * @return a new loader
     */
    public SpecLoader withSchemaDirectory(Path dir) {
        return new SpecLoader(Optional.of(dir), autoSchema, lenient, digest);
    }

    /**
     * Turns the search for schemas next to the spec on or off.
     *
     * @param on whether to look
     * @return a new loader
     */
    public SpecLoader withAutoSchema(boolean on) {
        return new SpecLoader(schemaDirectory, on, lenient, digest);
    }

    /**
     * Turns lenient linking on or off: operations naming attributes their set lacks get a warning
     * ({@code Y304}) instead of an error. For specs of older kernels (Linux 6.12's nftables and
     * rt-link specs have such slips); off by default, since for specs one writes it hides typos.
     *
     * @param on whether to be lenient
     * @return a new loader
     */
    public SpecLoader withLenientReferences(boolean on) {
        return new SpecLoader(schemaDirectory, autoSchema, on, digest);
    }

    /**
     * Turns the SHA-256 of each spec ({@link io.ynl4j.spec.Family#sha256()}) on or off. On by
     * default: generated sources and the generator's manifest record it. Off, the digest is the
     * empty string: for tools that only encode and decode messages ({@code ynl4j call}), where the
     * JDK's first message digest (security providers) costs a cold start about 20 ms.
     *
     * @param on whether to compute it
     * @return a new loader
     */
    public SpecLoader withDigest(boolean on) {
        return new SpecLoader(schemaDirectory, autoSchema, lenient, on);
    }

    /**
     * Loads a spec file; its display name is the path as given.
     *
     * @param file a {@code .yaml} or {@code .yaml.gz} file
     * @return the result
     */
    public LoadResult load(Path file) {
        return load(file, file.toString());
    }

    /**
     * Loads a spec file under a given display name.
     *
     * @param file the file
     * @param displayName the name used in diagnostics and in {@link Family#file()}
     * @return the result
     */
    public LoadResult load(Path file, String displayName) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<YamlLoader.Loaded> loaded = YamlLoader.load(file, displayName, diagnostics);
        return finish(displayName, loaded, Optional.of(file), diagnostics);
    }

    /**
     * Loads a spec from bytes (for tests and specs packed in jars); no schema is looked up next to
     * it, but a schema directory applies.
     *
     * @param displayName the name used in diagnostics
     * @param bytes the spec's bytes (gzip is detected)
     * @return the result
     */
    public LoadResult load(String displayName, byte[] bytes) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<YamlLoader.Loaded> loaded = YamlLoader.load(displayName, bytes, diagnostics);
        return finish(displayName, loaded, Optional.empty(), diagnostics);
    }

    private LoadResult finish(
            String displayName, Optional<YamlLoader.Loaded> loaded, Optional<Path> file, Diagnostics diagnostics) {
        Optional<Family> family = Optional.empty();
        try {
            if (loaded.isPresent()) {
                Optional<FamilyDecl> decl = SpecReader.read(loaded.get(), diagnostics);
                if (decl.isPresent()) {
                    Protocol protocol = decl.get()
                            .protocol()
                            .flatMap(Protocol::fromSpecName)
                            .orElse(Protocol.GENETLINK);
                    schemaFor(protocol, file)
                            .ifPresent(v -> v.validate(loaded.get().root(), displayName, diagnostics));
                    family = SpecLinker.link(
                            decl.get(),
                            displayName,
                            digest ? sha256(loaded.get().bytes()) : "",
                            diagnostics,
                            lenient);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            // A defect of ours; still no stack trace for the user, but say so plainly.
            diagnostics.report(
                    Problem.IO_ERROR,
                    SourceLocation.ofFile(displayName),
                    "internal error while reading the spec (" + e + "); please report it");
            family = Optional.empty();
        }
        if (diagnostics.hasErrors()) {
            family = Optional.empty();
        }
        return new LoadResult(displayName, family, diagnostics.all());
    }

    private Optional<SchemaValidator> schemaFor(Protocol protocol, Optional<Path> specFile) {
        String name = protocol.specName() + ".yaml";
        Optional<Path> schema = Optional.empty();
        if (schemaDirectory.isPresent()) {
            schema = Optional.of(schemaDirectory.get().resolve(name));
        } else if (autoSchema && specFile.isPresent()) {
            Path dir = specFile.get().toAbsolutePath().getParent();
            Path parent = dir == null ? null : dir.getParent();
            if (parent != null) {
                for (Path candidate : new Path[] {
                    parent.resolve(name),
                    parent.resolve(name + ".gz"),
                    parent.resolve("schemas").resolve(name)
                }) {
                    if (Files.isRegularFile(candidate)) {
                        schema = Optional.of(candidate);
                        break;
                    }
                }
            }
        }
        return schema.map(SchemaValidator::forSchema);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
