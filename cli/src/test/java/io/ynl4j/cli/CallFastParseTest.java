package io.ynl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps {@code call}'s picocli-free parser ({@link CallCommand#parseFast}) in step with picocli's
 * model of the command: the same option names with the same arity, and the same settings for every
 * command line the fast parser accepts; everything else is left to picocli.
 */
class CallFastParseTest {
    /** What a parsed command line sets, as one comparable string. */
    private static String settings(CallCommand c) {
        WireTarget t = c.target;
        CallCommand.What w = c.what;
        return String.join(
                "|",
                "spec=" + (t.choice == null ? null : t.choice.spec),
                "family=" + (t.choice == null ? null : t.choice.family),
                "schemaDir=" + t.schemaDir,
                "specDir=" + (t.catalog == null ? null : t.catalog.specDir),
                "lenient=" + t.lenient,
                "do=" + (w == null ? null : w.doOp),
                "dump=" + (w == null ? null : w.dumpOp),
                "multi=" + (w == null ? null : w.multi),
                "json=" + c.json,
                "subscribe=" + c.subscribe,
                "duration=" + c.duration,
                "netns=" + c.netns,
                "outputJson=" + c.outputJson,
                "processUnknown=" + c.processUnknown,
                "flags=" + c.flags.bits());
    }

    private static CallCommand picocli(String... callArgs) {
        CallCommand c = new CallCommand();
        new CommandLine(c).parseArgs(callArgs);
        return c;
    }

    private static String[] withCall(String... callArgs) {
        List<String> all = new ArrayList<>();
        all.add("call");
        all.addAll(Arrays.asList(callArgs));
        return all.toArray(String[]::new);
    }

    @Test
    void knowsExactlyPicocliOptionsWithTheSameArity() {
        CommandLine cl = new CommandLine(new CallCommand());
        Set<String> picocliValues = new TreeSet<>();
        Set<String> picocliFlags = new TreeSet<>();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            for (String name : o.names()) {
                if (Set.of("-h", "--help", "-V", "--version", "--multi").contains(name)) {
                    continue;
                }
                (o.typeInfo().isBoolean() ? picocliFlags : picocliValues).add(name);
                if (o.negatable()) {
                    picocliFlags.add(name.replaceFirst("^--", "--no-"));
                }
            }
        }
        Set<String> fastFlags = new TreeSet<>(CallCommand.FAST_FLAG_OPTIONS);
        fastFlags.remove("--debug"); // the root command's option, inherited by every subcommand

        assertThat(new TreeSet<>(CallCommand.FAST_VALUE_OPTIONS)).isEqualTo(picocliValues);
        assertThat(fastFlags).isEqualTo(picocliFlags);
        assertThat(cl.getCommandSpec().findOption("--multi").arity().min()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--spec specs/rt-addr.yaml --dump getaddr",
                "--spec=specs/rt-addr.yaml --dump=getaddr --output-json",
                "--family rt-addr --spec-dir /tmp/k --do newaddr --json {\"ifa-index\":1} --create --excl",
                "--family nlctrl --do getfamily --json {} --replace --append --lenient --schema-dir /s",
                "--spec f.yaml --multi newaddr {} --multi deladdr {\"a\":1} --netns ns1",
                "--spec f.yaml --subscribe g --duration 2.5 --process-unknown",
                "--spec f.yaml --subscribe g --sleep 3 --no-process-unknown",
                "--spec f.yaml --dump getaddr --subscribe g",
                "--netns x --output-json --spec f.yaml --do op",
            })
    void acceptedCommandLinesMeanWhatPicocliMakesOfThem(String line) {
        String[] args = line.split(" ");

        CallCommand fast = CallCommand.parseFast(withCall(args));

        assertThat(fast).as("fast parser accepts %s", line).isNotNull();
        assertThat(settings(fast)).isEqualTo(settings(picocli(args)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--help",
                "--spec f.yaml --dump getaddr -h",
                "--spec f.yaml --version",
                "--spec f.yaml --dump getaddr --bogus",
                "--spec f.yaml --family rt-addr --dump getaddr",
                "--dump getaddr",
                "--spec f.yaml --do a --dump b",
                "--spec f.yaml --do a --multi b {}",
                "--spec f.yaml --dump a --dump b",
                "--spec f.yaml --dump",
                "--spec f.yaml --dump --output-json",
                "--spec f.yaml --multi op",
                "--spec f.yaml --subscribe g --duration soon",
                "--spec f.yaml --create --create --do op",
                "--spec f.yaml --output-json=true --do op",
                "--spec f.yaml --do op extra",
            })
    void everythingElseIsLeftToPicocli(String line) {
        assertThat(CallCommand.parseFast(withCall(line.split(" ")))).isNull();
    }

    @Test
    void debugBeforeOrAfterTheSubcommand() {
        CallCommand before = CallCommand.parseFast(new String[] {"--debug", "call", "--spec", "f", "--do", "o"});
        CallCommand after = CallCommand.parseFast(new String[] {"call", "--spec", "f", "--do", "o", "--debug"});

        assertThat(before).isNotNull();
        assertThat(before.debug).isTrue();
        assertThat(after).isNotNull();
        assertThat(after.debug).isTrue();
        assertThat(CallCommand.parseFast(new String[] {"--debug", "check", "f"}))
                .isNull();
    }
}
