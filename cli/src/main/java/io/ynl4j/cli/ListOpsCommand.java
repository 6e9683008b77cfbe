package io.ynl4j.cli;

import io.ynl4j.spec.Family;
import io.ynl4j.spec.Operation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ynl4j list-ops (--family NAME | SPEC)}: the operations of a family with modes and ids. */
@Command(
        name = "list-ops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the operations of a spec: name, modes (do, dump, notify, event) and the message ids of"
                    + " requests and replies ('-' when there is none). Operations that only reserve an id"
                    + " are left out.",
            "Diagnostics go to standard error; nothing is printed when the spec has errors."
        })
final class ListOpsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SchemaOptions schema;

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--family", paramLabel = "NAME", description = "The family, found by name (instead of SPEC).")
    String family;

    @Parameters(arity = "0..1", paramLabel = "SPEC", description = "The spec file (YAML, or gzipped YAML).")
    Path file;

    @Override
    public Integer call() {
        SpecChoice.Loaded loaded = SpecChoice.load(spec.commandLine(), schema.loader(), catalog, family, file);
        if (loaded.family().isEmpty()) {
            return loaded.exitCode();
        }
        Family model = loaded.family().get();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"OPERATION", "MODES", "REQUEST-ID", "REPLY-ID"});
        for (Operation op : model.operations()) {
            if (op.isReserved()) {
                continue;
            }
            rows.add(new String[] {op.name(), String.join(",", op.modes()), id(op.requestId()), id(op.replyId())});
        }
        PrintWriter out = spec.commandLine().getOut();
        Table.print(out, rows);
        out.flush();
        return ExitCodes.OK;
    }

    private static String id(OptionalInt id) {
        return id.isPresent() ? Integer.toString(id.getAsInt()) : "-";
    }
}
