package io.ynl4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.codegen.emit.JavaCompilation;
import io.ynl4j.codegen.write.OutputWriter;
import io.ynl4j.spec.Diagnostic;
import io.ynl4j.spec.load.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine end to end: every kernel spec generates and compiles; output is deterministic; files
 * are written only when they change, stale ones deleted; an error anywhere writes nothing.
 */
class GeneratorTest {
    /** The project's rt-addr spec (Surefire runs in the module folder). */
    private static final Path PROJECT_RT_ADDR = Path.of("../specs/rt-addr.yaml");

    private static final String RT_ADDR_DIR = "io/ynl4j/generated/rtaddr/";
    private static final String NETDEV_DIR = "io/ynl4j/generated/netdev/";

    private static List<SpecSource> kernelSources() {
        return Corpus.kernelSpecFiles().stream().map(SpecSource::file).toList();
    }

    private static GenerationResult generate(Path out, List<SpecSource> sources) {
        return Generator.run(new GenerationRequest(sources, out, GeneratorOptions.defaults()));
    }

    private static GenerationResult generate(Path out, Path... specs) {
        return generate(out, Stream.of(specs).map(SpecSource::file).toList());
    }

    /** Every regular file under a folder by relative path ({@code /}-separated), with its bytes. */
    private static Map<String, byte[]> tree(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.toString().replace('\\', '/')).toList();
    }

    /** The project's rt-addr spec without the mc-users attribute (as in Linux 7.2). */
    private static Path rtAddrWithoutMcUsers(Path dir) throws IOException {
        String spec = Files.readString(PROJECT_RT_ADDR, StandardCharsets.UTF_8);
        String without =
                spec.replaceFirst("(?s)      - name: mc-users.*?\n\n", "\n").replace("            - mc-users\n", "");
        assertThat(without).doesNotContain("mc-users");
        Files.createDirectories(dir);
        Path file = dir.resolve("rt-addr.yaml");
        Files.writeString(file, without, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void everyKernelSpecGeneratesAndCompiles(@TempDir Path dir) {
        Path out = dir.resolve("gen");
        long start = System.nanoTime();
        GenerationResult result = generate(out, kernelSources());
        long cold = System.nanoTime() - start;
        start = System.nanoTime();
        GenerationResult again = generate(out, kernelSources());
        long warm = System.nanoTime() - start;
        System.out.printf(
                "GeneratorTest: %d specs, %d files; first run %d ms, second run %d ms (%s)%n",
                Corpus.kernelSpecFiles().size(),
                result.files().size(),
                cold / 1_000_000,
                warm / 1_000_000,
                again.summary());

        assertThat(result.diagnostics().stream().filter(Diagnostic::isError)).isEmpty();
        assertThat(result.isOk()).isTrue();
        assertThat(result.families()).hasSize(33);
        assertThat(result.unchanged()).isEmpty();
        assertThat(result.written()).hasSizeGreaterThan(800).isSorted();
        assertThat(again.written()).isEmpty();
        assertThat(Files.isRegularFile(out.resolve(OutputWriter.MANIFEST))).isTrue();

        List<Path> sources = result.written().stream().map(out::resolve).toList();
        assertThat(JavaCompilation.compileSources(sources, dir.resolve("classes")))
                .isEmpty();
    }

    @Test
    void generatingTwiceOrInAnotherOrderGivesTheSameBytes(@TempDir Path dir) {
        List<SpecSource> sources = new ArrayList<>(kernelSources());
        List<SpecSource> shuffled = new ArrayList<>(sources);
        Collections.shuffle(shuffled, new Random(42));
        Collections.reverse(sources);

        GenerationResult first = generate(dir.resolve("a"), sources);
        GenerationResult second = generate(dir.resolve("b"), sources);
        GenerationResult third = generate(dir.resolve("c"), shuffled);

        assertThat(first.isOk()).isTrue();
        Map<String, byte[]> a = tree(dir.resolve("a"));
        assertThat(a).containsKey(OutputWriter.MANIFEST);
        assertThat(tree(dir.resolve("b"))).containsExactlyEntriesOf(a);
        assertThat(tree(dir.resolve("c"))).containsExactlyEntriesOf(a);
        assertThat(second.summary()).isEqualTo(first.summary());
        assertThat(third.summary()).isEqualTo(first.summary());
    }

    @Test
    void aSecondRunWritesNothingAndKeepsTimestamps(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gen");
        Path netdev = Corpus.kernelSpecs().resolve("netdev.yaml");
        GenerationResult first = generate(out, PROJECT_RT_ADDR, netdev);
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        for (Path p : first.files()) {
            Files.setLastModifiedTime(out.resolve(p), old);
        }
        Files.setLastModifiedTime(out.resolve(OutputWriter.MANIFEST), old);

        GenerationResult second = generate(out, PROJECT_RT_ADDR, netdev);

        assertThat(second.written()).isEmpty();
        assertThat(second.deleted()).isEmpty();
        assertThat(second.unchanged()).isEqualTo(first.written());
        assertThat(second.summary())
                .isEqualTo("ynl4j: 2 families, " + first.written().size() + " files ("
                        + first.written().size() + " unchanged, 0 written, 0 deleted)");
        for (Path p : second.files()) {
            assertThat(Files.getLastModifiedTime(out.resolve(p)))
                    .as(p.toString())
                    .isEqualTo(old);
        }
        assertThat(Files.getLastModifiedTime(out.resolve(OutputWriter.MANIFEST)))
                .isEqualTo(old);
    }

    @Test
    void aSpecChangeRewritesOnlyThatFamilysFiles(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gen");
        Path netdev = Corpus.kernelSpecs().resolve("netdev.yaml");
        GenerationResult before = generate(out, rtAddrWithoutMcUsers(dir.resolve("old-specs")), netdev);
        assertThat(before.isOk()).isTrue();
        String attrsBefore = Files.readString(out.resolve(RT_ADDR_DIR + "AddrAttrs.java"));
        assertThat(attrsBefore).doesNotContain("mcUsers");

        GenerationResult after = generate(out, PROJECT_RT_ADDR, netdev);

        assertThat(after.isOk()).isTrue();
        assertThat(names(after.written()))
                .contains(RT_ADDR_DIR + "AddrAttrs.java")
                .allMatch(p -> p.startsWith(RT_ADDR_DIR));
        assertThat(names(after.unchanged()))
                .filteredOn(p -> p.startsWith(NETDEV_DIR))
                .isNotEmpty();
        assertThat(names(after.unchanged())).noneMatch(p -> p.startsWith(RT_ADDR_DIR) && p.endsWith("Attrs.java"));
        assertThat(after.deleted()).isEmpty();
        assertThat(Files.readString(out.resolve(RT_ADDR_DIR + "AddrAttrs.java")))
                .contains("OptionalLong mcUsers", "IFA_MC_USERS = 12");
    }

    @Test
    void filesNoLongerProducedAreDeletedAndOthersLeftAlone(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gen");
        Path netdev = Corpus.kernelSpecs().resolve("netdev.yaml");
        GenerationResult first = generate(out, PROJECT_RT_ADDR, netdev);
        Path mine = out.resolve("io/ynl4j/generated/netdev/Mine.java");
        Files.writeString(mine, "class Mine {}\n");

        GenerationResult second = generate(out, PROJECT_RT_ADDR);

        List<String> netdevFiles = names(first.written()).stream()
                .filter(p -> p.startsWith(NETDEV_DIR))
                .toList();
        assertThat(netdevFiles).isNotEmpty();
        assertThat(names(second.deleted())).containsExactlyElementsOf(netdevFiles);
        assertThat(second.written()).isEmpty();
        assertThat(mine).as("a file the generator did not write").exists();
        assertThat(Files.readString(out.resolve(OutputWriter.MANIFEST)))
                .contains("spec.rt-addr=rt-addr.yaml ")
                .doesNotContain("netdev");

        Files.delete(mine);
        generate(out, PROJECT_RT_ADDR, netdev);
        GenerationResult third = generate(out, PROJECT_RT_ADDR);
        assertThat(third.deleted()).hasSize(netdevFiles.size());
        assertThat(out.resolve("io/ynl4j/generated/netdev"))
                .as("emptied folder")
                .doesNotExist();
    }

    @Test
    void aSpecWithAnErrorWritesNothing(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gen");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(
                broken,
                Files.readString(PROJECT_RT_ADDR).replace("            - mc-users\n", "            - mc-user\n"));

        GenerationResult fresh = generate(out, PROJECT_RT_ADDR, broken);

        assertThat(fresh.isOk()).isFalse();
        assertThat(fresh.files()).isEmpty();
        assertThat(out).doesNotExist();
        assertThat(fresh.renderDiagnostics()).contains("broken.yaml:", "error[Y201]: unknown attribute 'mc-user'");
        assertThat(fresh.summary()).matches("ynl4j: \\d+ errors?(, \\d+ warnings?)?; nothing written");

        GenerationResult good = generate(out, PROJECT_RT_ADDR);
        Map<String, byte[]> before = tree(out);
        GenerationResult bad = generate(out, broken);
        assertThat(bad.isOk()).isFalse();
        assertThat(bad.deleted()).isEmpty();
        assertThat(tree(out)).as("previous output untouched").containsExactlyEntriesOf(before);
        assertThat(good.isOk()).isTrue();
    }

    @Test
    void twoFamiliesInOnePackageAreAnError(@TempDir Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("rt-addr.yaml");
        Files.copy(PROJECT_RT_ADDR, copy);
        Path other = dir.resolve("rtaddr.yaml");
        Files.writeString(other, Files.readString(PROJECT_RT_ADDR).replace("name: rt-addr\n", "name: rtaddr\n"));

        GenerationResult same = generate(dir.resolve("gen"), PROJECT_RT_ADDR, copy);
        GenerationResult similar = generate(dir.resolve("gen"), other, PROJECT_RT_ADDR);

        assertThat(same.isOk()).isFalse();
        assertThat(same.renderDiagnostics())
                .contains("error[Y401]: family 'rt-addr' maps to Java package io.ynl4j.generated.rtaddr, as does"
                        + " family 'rt-addr' of ");
        assertThat(similar.renderDiagnostics()).contains("error[Y401]: family 'r");
        assertThat(dir.resolve("gen")).doesNotExist();
    }

    @Test
    void warningsStopGenerationOnlyWhenAsked(@TempDir Path dir) throws IOException {
        Path typo = dir.resolve("rt-addr.yaml");
        Files.writeString(
                typo, Files.readString(PROJECT_RT_ADDR).replace("            - mc-users\n", "            - mc-user\n"));
        GeneratorOptions lenient = GeneratorOptions.defaults().withLenientReferences(true);

        GenerationResult warned =
                Generator.run(new GenerationRequest(List.of(SpecSource.file(typo)), dir.resolve("a"), lenient));
        GenerationResult failed = Generator.run(new GenerationRequest(
                List.of(SpecSource.file(typo)), dir.resolve("b"), lenient.withFailOnWarnings(true)));

        assertThat(warned.isOk()).isTrue();
        assertThat(warned.renderDiagnostics()).contains("warning[Y304]");
        assertThat(warned.summary()).endsWith(" deleted), 2 warnings");
        assertThat(failed.isOk()).isFalse();
        assertThat(failed.renderDiagnostics()).contains("error[Y304]", "hint: warnings are errors");
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void everyFileStartsWithItsProvenance(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gen");
        GenerationResult result = generate(out, PROJECT_RT_ADDR);
        String sha = Files.readString(out.resolve(OutputWriter.MANIFEST))
                .replaceAll("(?s).*spec\\.rt-addr=rt-addr\\.yaml ([0-9a-f]{64}).*", "$1");

        assertThat(sha).hasSize(64);
        assertThat(Files.readString(out.resolve(RT_ADDR_DIR + "AddrAttrs.java")))
                .startsWith("// Generated by ynl4j from rt-addr.yaml (sha256 " + sha.substring(0, 12)
                        + "), family rt-addr, attribute-set addr-attrs. Do not edit.\npackage"
                        + " io.ynl4j.generated.rtaddr;\n");
        assertThat(Files.readString(out.resolve(RT_ADDR_DIR + "IfaFlags.java")))
                .startsWith("// Generated by ynl4j from rt-addr.yaml (sha256 " + sha.substring(0, 12)
                        + "), family rt-addr, flags ifa-flags. Do not edit.\n");
        assertThat(Files.readString(out.resolve(RT_ADDR_DIR + "package-info.java")))
                .contains("package io.ynl4j.generated.rtaddr;\n");
        for (Path p : result.files()) {
            String text = Files.readString(out.resolve(p));
            assertThat(text)
                    .startsWith("// Generated by ynl4j from rt-addr.yaml (sha256 ")
                    .doesNotContain("\r", dir.toString());
        }
        assertThat(Files.readString(out.resolve(OutputWriter.MANIFEST)))
                .startsWith("# Written by ynl4j")
                .contains("generator.version=" + Generator.version() + "\n")
                .contains("file." + RT_ADDR_DIR + "AddrAttrs.java=");
        assertThat(Generator.version()).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void basePackageIsChecked() {
        assertThat(GeneratorOptions.defaults()
                        .withBasePackage("com.acme.netlink")
                        .basePackage())
                .isEqualTo("com.acme.netlink");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> GeneratorOptions.defaults().withBasePackage("com..acme"))
                .withMessageContaining("not a Java package name");
    }
}
