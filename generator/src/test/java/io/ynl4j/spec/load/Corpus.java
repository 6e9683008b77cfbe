package io.ynl4j.spec.load;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Where the test corpora are: the Linux 7.3-rc7 specs in ../shared and Debian's linux-doc specs. */
public final class Corpus {
    private Corpus() {}

    /** The shared folder (system property {@code ynl4j.shared}, else {@code ../../shared}). */
    public static Path shared() {
        return Path.of(System.getProperty("ynl4j.shared", "../../shared"))
                .toAbsolutePath()
                .normalize();
    }

    /** The kernel specs; under {@code CI=true} their absence fails the test, else it skips. */
    public static Path kernelSpecs() {
        Path dir = shared().resolve("kernel-specs/specs");
        requirePresent(dir, "the kernel spec corpus");
        return dir;
    }

    /** The kernel's four schema files. */
    public static Path kernelSchemas() {
        Path dir = shared().resolve("kernel-specs/schemas");
        requirePresent(dir, "the kernel schemas");
        return dir;
    }

    /** The 33 kernel spec files, sorted. */
    public static List<Path> kernelSpecFiles() {
        return list(kernelSpecs(), ".yaml");
    }

    /** Debian's linux-doc-6.12 specs (gzipped), or an empty list when the package is absent. */
    public static List<Path> debianSpecFiles() {
        Path dir = Path.of("/usr/share/doc/linux-doc-6.12/Documentation/netlink/specs");
        return Files.isDirectory(dir) ? list(dir, ".yaml.gz") : List.of();
    }

    /** Whether this is a CI run (where skipping corpus or kernel tests is a failure). */
    public static boolean isCi() {
        return "true".equals(System.getenv("CI"));
    }

    static void requirePresent(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            if (isCi()) {
                fail(what + " is missing at " + dir + " (required under CI=true)");
            }
            Assumptions.abort(what + " is missing at " + dir + "; skipping");
        }
    }

    static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
