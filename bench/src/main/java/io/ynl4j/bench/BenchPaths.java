package io.ynl4j.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the benchmarks find their inputs: the ynl4j checkout, or folders given as system properties. */
final class BenchPaths {
    private BenchPaths() {}

    /**
     * A folder from a system property, else {@code fallback} relative to the repository root.
     *
     * @param property e.g. {@code ynl4j.specs}
     * @param fallback e.g. {@code ../shared/kernel-specs/specs}
     * @return the existing folder
     */
    static Path folder(String property, String fallback) {
        String given = System.getProperty(property);
        Path dir = given != null ? Path.of(given) : repositoryRoot().resolve(fallback);
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(property + ": " + dir + " is not a directory (set -D" + property + "=DIR)");
        }
        return dir;
    }

    /**
     * The ynl4j checkout: the first folder holding {@code bench/pom.xml} above the working
     * directory or this jar.
     *
     * @return the repository root
     */
    static Path repositoryRoot() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(starts::add);
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("bench/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("cannot find the ynl4j repository root from " + starts
                + "; run from the checkout or give the inputs as -D properties");
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = BenchPaths.class.getProtectionDomain().getCodeSource();
            return source == null
                    ? Optional.empty()
                    : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
