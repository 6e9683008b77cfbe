package io.ynl4j.examples.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the files of {@code /proc/net} as the calling thread sees them: {@code
 * /proc/thread-self/net/NAME} shows the network namespace of the thread (plain {@code /proc/net} is
 * {@code /proc/self/net}, the namespace of the process's main thread).
 */
@FunctionalInterface
public interface ProcNet {
    /**
     * The text of {@code /proc/net/NAME}, or empty when the file does not exist (e.g. {@code igmp6}
     * without IPv6).
     */
    Optional<String> read(String name) throws IOException;

    /** The files of the calling thread's namespace. */
    static ProcNet ofCallingThread() {
        return name -> {
            Path dir = Files.isDirectory(Path.of("/proc/thread-self/net"))
                    ? Path.of("/proc/thread-self/net")
                    : Path.of("/proc/net");
            try {
                return Optional.of(Files.readString(dir.resolve(name)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        };
    }
}
