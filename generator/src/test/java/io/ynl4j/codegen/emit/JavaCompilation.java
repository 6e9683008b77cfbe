package io.ynl4j.codegen.emit;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources in-process as users will: release 22, every lint, warnings as errors. */
public final class JavaCompilation {
    private JavaCompilation() {}

    /** Writes the files under {@code dir/src} and compiles them to {@code dir/classes}; returns javac's complaints. */
    static String compile(List<JavaFile> files, Path dir) {
        try {
            Path src = dir.resolve("src");
            List<Path> paths = new ArrayList<>();
            for (JavaFile f : files) {
                paths.add(f.writeToPath(src));
            }
            return compileSources(paths, dir.resolve("classes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles source files to {@code out}; returns javac's complaints (empty when there are none). */
    public static String compileSources(List<Path> paths, Path out) {
        try {
            Files.createDirectories(out);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            StringWriter log = new StringWriter();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
                boolean ok = javac.getTask(
                                log,
                                fm,
                                diagnostics,
                                List.of(
                                        "--release",
                                        "22",
                                        "-Xlint:all",
                                        "-Werror",
                                        "-Xdiags:verbose",
                                        "-classpath",
                                        System.getProperty("java.class.path"),
                                        "-d",
                                        out.toString()),
                                null,
                                fm.getJavaFileObjectsFromPaths(paths))
                        .call();
                StringBuilder problems = new StringBuilder(log.toString());
                diagnostics.getDiagnostics().forEach(d -> problems.append(d).append('\n'));
                return ok && problems.isEmpty() ? "" : problems.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
