package io.ynl4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Supplies {@code ynl4j --version}: the project version from the {@code version.properties}
 * resource Maven fills in, else from the jar manifest's {@code Implementation-Version}.
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "ynl4j " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
        };
    }

    /**
     * The version of ynl4j.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}
     */
    static String version() {
        return fromResource()
                .or(() -> Optional.ofNullable(VersionProvider.class.getPackage().getImplementationVersion()))
                .orElse("unknown");
    }

    private static Optional<String> fromResource() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            // An unfiltered resource (e.g. run from an IDE without Maven) still holds the placeholder.
            return version.isEmpty() || version.startsWith("${") ? Optional.empty() : Optional.of(version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
    }
}
