package io.ynl4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The work {@code bin/aot-train} records the JDK's AOT cache from: ynl4j's commands run in one JVM,
 * as {@code bin/ynl4j} would run them one per process. Not a command of its own; it lives in the
 * jar so that training needs no compiler (a source-file launcher would put javac's classes into the
 * cache, which every start then loads).
 */
public final class AotTraining {
    private AotTraining() {}

    /**
     * Runs the training work; exits 1 when a required command fails.
     *
     * @param args profile ({@code all}: every command; {@code wire}: {@code call}, {@code encode},
     *     {@code decode} only), schema folder (empty for none), a spec file, an output folder
     */
    public static void main(String[] args) {
        String profile = args[0];
        String schemas = args[1];
        String spec = args[2];
        String out = args[3];
        List<String> schema = schemas.isEmpty() ? List.of() : List.of("--schema-dir", schemas);
        List<List<String>> runs = new ArrayList<>();
        if (profile.equals("all")) {
            runs.add(List.of("--version"));
            runs.add(concat(List.of("check"), schema, List.of(spec)));
            runs.add(concat(List.of("model", "--json"), schema, List.of(spec)));
            runs.add(concat(List.of("model"), schema, List.of(spec)));
            runs.add(concat(List.of("generate"), schema, List.of("--out", out, spec)));
        }
        runs.add(List.of(
                "encode",
                "--spec",
                spec,
                "--do",
                "newaddr",
                "--create",
                "--json",
                "{\"ifa-family\": 2, \"ifa-prefixlen\": 24, \"ifa-index\": 1, \"local\": \"10.0.0.1\"}"));
        runs.add(List.of(
                "decode",
                "--spec",
                spec,
                "--output-json",
                "280000001400050601000000000000000218000001000000080002000a000001070003006c6f0000"));
        // Talking to the kernel: read-only dumps (no change to any interface). Optional: a build
        // sandbox may have no netlink; the cache then lacks only this path.
        List<List<String>> optional = List.of(
                List.of("call", "--spec", spec, "--dump", "getaddr", "--output-json"),
                List.of("call", "--spec", spec, "--dump", "getaddr"));
        for (List<String> run : optional) {
            int rc = Main.run(
                    run.toArray(String[]::new),
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()));
            if (rc != 0) {
                System.err.println("ynl4j " + String.join(" ", run) + ": exit " + rc + " (optional; not trained)");
            }
        }
        for (List<String> run : runs) {
            StringWriter err = new StringWriter();
            int rc = Main.run(run.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
            if (rc != 0) {
                System.err.println("ynl4j " + String.join(" ", run) + ": exit " + rc + "\n" + err);
                System.exit(1);
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
