package io.ynl4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of ARCHITECTURE.md §3, checked on the sources: the runtime depends on
 * nothing outside {@code java.base}; the spec model knows nothing of JavaPoet or code generation;
 * the front ends hold no generation logic; generated code (the committed goldens) uses only the
 * runtime and {@code java.*}; every package has a {@code package-info.java}.
 */
class ProjectStructureTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);

    private static List<Path> javaFiles(String dir) {
        try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> imports(Path file) {
        try {
            Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            Set<String> out = new TreeSet<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> violations(String dir, java.util.function.Predicate<String> allowed) {
        List<String> out = new ArrayList<>();
        for (Path f : javaFiles(dir)) {
            for (String i : imports(f)) {
                if (!allowed.test(i)) {
                    out.add(ROOT.relativize(f) + " imports " + i);
                }
            }
        }
        return out;
    }

    @Test
    void runtimeDependsOnNothingButTheJdkBase() {
        assertThat(violations("runtime/src/main/java", i -> i.startsWith("java.") || i.startsWith("io.ynl4j.runtime")))
                .isEmpty();
    }

    @Test
    void specModelKnowsNothingOfCodeGeneration() {
        assertThat(violations(
                        "generator/src/main/java/io/ynl4j/spec",
                        i -> !i.startsWith("com.palantir.javapoet") && !i.startsWith("io.ynl4j.codegen")))
                .isEmpty();
    }

    @Test
    void generatorNeverLoadsTheRuntime() {
        // The generator runs inside Maven at release 21 and names runtime types only (RuntimeNames).
        assertThat(violations("generator/src/main/java", i -> !i.startsWith("io.ynl4j.runtime")))
                .isEmpty();
    }

    @Test
    void frontEndsHoldNoGenerationLogic() {
        for (String frontEnd : List.of("cli/src/main/java", "maven-plugin/src/main/java")) {
            assertThat(violations(
                            frontEnd,
                            i -> !i.startsWith("com.palantir.javapoet")
                                    && !i.startsWith("io.ynl4j.codegen.emit")
                                    && !i.startsWith("io.ynl4j.codegen.plan")))
                    .as(frontEnd)
                    .isEmpty();
        }
    }

    @Test
    void generatedCodeUsesOnlyTheRuntimeAndTheJdk() {
        assertThat(violations(
                        "generator/src/test/golden/java",
                        i -> i.startsWith("java.")
                                || i.startsWith("io.ynl4j.runtime")
                                || i.startsWith("gen.")
                                || i.startsWith("io.ynl4j.generated")))
                .isEmpty();
    }

    @Test
    void everyPackageHasAPackageInfo() {
        List<String> missing = new ArrayList<>();
        for (String module : List.of("runtime", "generator", "cli", "maven-plugin", "examples")) {
            Set<Path> dirs = new TreeSet<>();
            javaFiles(module + "/src/main/java").stream()
                    .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                    .forEach(p -> dirs.add(p.getParent()));
            for (Path d : dirs) {
                if (!Files.exists(d.resolve("package-info.java"))) {
                    missing.add(ROOT.relativize(d).toString());
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
