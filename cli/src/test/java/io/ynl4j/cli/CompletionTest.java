package io.ynl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ynl4j completion}: a bash script that bash accepts and that completes every subcommand. */
class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void printsAValidBashScriptCoveringEverySubcommandAndCallsOptions() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new String[] {"completion"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        String script = out.toString();
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_ynl4j");
        for (String sub : Ynl4jCommand.SUBCOMMANDS) {
            assertThat(script).as("subcommand %s", sub).contains(sub);
        }
        assertThat(script).contains("--spec", "--family", "--dump", "--subscribe", "--netns", "--output-json");

        // bash parses it (-n: syntax only)
        Path file = dir.resolve("ynl4j.bash");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Process bash = new ProcessBuilder("bash", "-n", file.toString())
                .redirectErrorStream(true)
                .start();
        String bashSays = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(bashSays).isZero();
    }
}
