package io.ynl4j.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An example's main class started as a separate process on the test class path ({@code java
 * --enable-native-access=ALL-UNNAMED -cp … MAIN ARGS}), its output lines collected as they come.
 */
public final class ExampleProcess implements AutoCloseable {
    final Process process;
    final List<String> out = Collections.synchronizedList(new ArrayList<>());
    final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> readers = new ArrayList<>();

    /** Starts {@code main} with {@code args} and an empty standard input. */
    public static ExampleProcess start(Class<?> main, String... args) throws IOException {
        return new ExampleProcess(main, null, args);
    }

    /** Starts {@code main} with {@code args}, writing {@code stdin} to its standard input. */
    public static ExampleProcess withInput(Class<?> main, String stdin, String... args) throws IOException {
        return new ExampleProcess(main, stdin, args);
    }

    private ExampleProcess(Class<?> main, String stdin, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    private void collect(java.io.InputStream stream, List<String> lines) {
        readers.add(Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** Waits until a line of standard error matches (e.g. the example's "listening" line). */
    public void awaitErr(Predicate<String> line, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            synchronized (err) {
                if (err.stream().anyMatch(line)) {
                    return;
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no such line on standard error (alive " + process.isAlive() + "): " + err + " / out: " + out);
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the process to end; returns its exit code. */
    public int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not end in " + seconds + " s; out: " + out + " err: " + err);
        }
        for (Thread t : readers) {
            t.join(TimeUnit.SECONDS.toMillis(seconds));
        }
        return process.exitValue();
    }

    public List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    public List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
