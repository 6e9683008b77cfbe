package io.ynl4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.codegen.write.GeneratedFile;
import io.ynl4j.codegen.write.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
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
}
