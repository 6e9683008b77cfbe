package io.ynl4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.codegen.write.GeneratedFile;
import io.ynl4j.codegen.write.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateTest {
    @TempDir
    Path dir;

    Path spec;
    Path out;
    Path stateFile;

    @BeforeEach
    void setUp() throws IOException {
        spec = dir.resolve("specs/rt-addr.yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, "name: rt-addr\n");
        out = dir.resolve("out");
        stateFile = dir.resolve("target/ynl4j/default.state");
        OutputWriter.write(out, List.of(new GeneratedFile("a/b/C.java", "class C {}\n")), "1.0", new TreeMap<>());
    }

    private BuildState state() throws IOException {
        return new BuildState().put("option.package", "p").putFile("spec", spec).putSchemasNextTo(spec);
    }

    @Test
    void upToDateOnlyAfterASaveWithTheSameInputsAndOutputs() throws IOException {
        assertThat(state().staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).startsWith("no state from an earlier run"));
        state().save(stateFile);
        assertThat(state().staleReason(stateFile, out)).isEmpty();
        assertThat(Files.readString(stateFile, StandardCharsets.UTF_8)).isEqualTo(state().render());
    }

    @Test
    void aChangedSpecOrOptionIsStaleAndNamesTheLine() throws IOException {
        state().save(stateFile);
        Files.writeString(spec, "name: rt-addr\ndoc: changed\n");
        assertThat(state().staleReason(stateFile, out))
                .hasValueSatisfying(
                        r -> assertThat(r).startsWith("inputs changed: - spec ").contains("+ spec "));
        state().save(stateFile);
        assertThat(state().put("option.package", "q").staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).contains("- option.package=p", "+ option.package=q"));
    }

    @Test
    void aSchemaNextToTheSpecFolderCounts() throws IOException {
        state().save(stateFile);
        Files.writeString(dir.resolve("netlink-raw.yaml"), "type: object\n");
        assertThat(state().staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).contains("+ schema ").contains("netlink-raw.yaml"));
    }

    @Test
    void aMissingOrEditedGeneratedFileIsStale() throws IOException {
        state().save(stateFile);
        Path generated = out.resolve("a/b/C.java");
        Files.writeString(generated, "class C { int edited; }\n");
        assertThat(state().staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).startsWith("generated file changed: "));
        Files.delete(generated);
        assertThat(state().staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).startsWith("generated file missing: "));
        Files.delete(out.resolve(OutputWriter.MANIFEST));
        assertThat(state().staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).startsWith("no manifest in "));
    }

    @Test
    void theTextIsSortedAndRecordsMissingFiles() throws IOException {
        String text = new BuildState()
                .put("z", "1")
                .put("a", "2")
                .putFile("spec", dir.resolve("nope.yaml"))
                .render();
        assertThat(text.lines().toList())
                .containsExactly(
                        "# ynl4j build state: the inputs of the last successful run. Do not edit.",
                        "a=2",
                        "spec " + dir.resolve("nope.yaml") + "=missing",
                        "z=1");
    }

    @Test
    void stampsReuseAHashWhileSizeAndTimeAreUnchangedAndHashAgainOtherwise() throws IOException {
        Path stamps = dir.resolve("target/ynl4j/default.stamps");
        Path generated = out.resolve("a/b/C.java");
        BuildState.Stamps first = BuildState.Stamps.load(stamps);
        String real = first.sha256(generated);
        assertThat(real).isEqualTo(OutputWriter.sha256("class C {}\n".getBytes(StandardCharsets.UTF_8)));
        first.saveIfChanged(stamps);
        assertThat(Files.readString(stamps)).contains(real + " " + generated);

        // A stamp is trusted while size and time match: prove it by a stamp that lies about the hash.
        FileTime time = Files.getLastModifiedTime(generated);
        String lie = "0".repeat(64);
        Files.writeString(
                stamps,
                Files.size(generated) + " " + time.to(TimeUnit.NANOSECONDS) + " " + lie + " " + generated + "\n");
        assertThat(BuildState.Stamps.load(stamps).sha256(generated)).isEqualTo(lie);

        // Same size, other content and time: hashed again.
        Files.writeString(generated, "class D {}\n");
        Files.setLastModifiedTime(generated, FileTime.fromMillis(time.toMillis() + 5_000));
        assertThat(BuildState.Stamps.load(stamps).sha256(generated))
                .isEqualTo(OutputWriter.sha256("class D {}\n".getBytes(StandardCharsets.UTF_8)));

        // A damaged stamps file costs only hashing.
        Files.writeString(stamps, "garbage\n1 2 3\n");
        assertThat(BuildState.Stamps.load(stamps).sha256(generated))
                .isEqualTo(OutputWriter.sha256("class D {}\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEditedGeneratedFileIsStaleEvenWithStampsOfTheEarlierRun() throws IOException {
        Path stamps = dir.resolve("target/ynl4j/default.stamps");
        BuildState saved = new BuildState(BuildState.Stamps.load(stamps))
                .put("option.package", "p")
                .putFile("spec", spec);
        assertThat(saved.staleReason(stateFile, out)).isPresent();
        saved.save(stateFile);
        saved.stamps()
                .record(
                        out.resolve("a/b/C.java"),
                        OutputWriter.sha256("class C {}\n".getBytes(StandardCharsets.UTF_8)));
        saved.stamps().saveIfChanged(stamps);

        BuildState next = new BuildState(BuildState.Stamps.load(stamps))
                .put("option.package", "p")
                .putFile("spec", spec);
        assertThat(next.staleReason(stateFile, out)).isEmpty();

        Path generated = out.resolve("a/b/C.java");
        Files.writeString(generated, "class C { int edited; }\n");
        BuildState after = new BuildState(BuildState.Stamps.load(stamps))
                .put("option.package", "p")
                .putFile("spec", spec);
        assertThat(after.staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).startsWith("generated file changed: "));
    }

    @Test
    void theFastPathTrustsTheManifestAndOutputStampsUntilOneChanges() throws IOException {
        Path stamps = dir.resolve("target/ynl4j/default.stamps");
        Path manifestFile = out.resolve(OutputWriter.MANIFEST);
        Path generated = out.resolve("a/b/C.java");

        // First check: no stamps, so the manifest is read and every listed file hashed; then the
        // output folder is recorded as complete.
        BuildState first = new BuildState(BuildState.Stamps.load(stamps)).put("option.package", "p");
        first.save(stateFile);
        assertThat(first.stamps().outputsUnchanged(manifestFile)).isFalse();
        assertThat(first.staleReason(stateFile, out)).isEmpty();
        first.stamps().saveIfChanged(stamps);
        assertThat(Files.readAllLines(stamps))
                .anyMatch(
                        l -> l.startsWith("manifest ") && l.endsWith(" 0 " + manifestFile)) // the fixture lists no spec
                .anyMatch(l -> l.startsWith("o ") && l.endsWith(" " + generated));

        BuildState.Stamps loaded = BuildState.Stamps.load(stamps);
        assertThat(loaded.outputsUnchanged(manifestFile)).isTrue();
        assertThat(loaded.families()).hasValue(0);

        // An edit gives the file another time: the fast path says no, the full check says why.
        Files.writeString(generated, "class C { int edited; }\n");
        Files.setLastModifiedTime(
                generated,
                FileTime.fromMillis(Files.getLastModifiedTime(generated).toMillis() + 2_000));
        BuildState edited = new BuildState(BuildState.Stamps.load(stamps)).put("option.package", "p");
        assertThat(edited.stamps().outputsUnchanged(manifestFile)).isFalse();
        assertThat(edited.staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).startsWith("generated file changed: "));

        // A deleted file: the same.
        Files.delete(generated);
        BuildState deleted = new BuildState(BuildState.Stamps.load(stamps)).put("option.package", "p");
        assertThat(deleted.stamps().outputsUnchanged(manifestFile)).isFalse();
        assertThat(deleted.staleReason(stateFile, out))
                .hasValueSatisfying(r -> assertThat(r).startsWith("generated file missing: "));
    }
}
