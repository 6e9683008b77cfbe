package io.ynl4j.cli;

import io.ynl4j.cli.json.Json;
import io.ynl4j.cli.json.JsonException;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Operation;
import io.ynl4j.spec.load.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that choose a spec for the subcommands that encode and decode messages ({@code call},
 * {@code encode}, {@code decode}), spelled as the kernel's ynl spells them: {@code --spec FILE} or
 * {@code --family NAME}. Specs are validated against a JSON schema only with {@code --schema-dir}
 * (linking catches what matters for encoding; validation would cost start-up time).
 */
final class WireTarget {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    @Mixin
    CatalogOptions catalog;

    @Option(
            names = "--schema-dir",
            paramLabel = "DIR",
            description = "Validate the spec against DIR/<protocol>.yaml first (off by default here).")
    Path schemaDir;

    @Option(
            names = "--lenient",
            description = "Warn (Y304) instead of failing when an operation lists an attribute its set lacks.")
    boolean lenient;

    /** One of the two. */
    static final class Choice {
        @Option(names = "--spec", paramLabel = "FILE", description = "The spec file (YAML, or gzipped YAML).")
        Path spec;

        @Option(names = "--family", paramLabel = "NAME", description = "The family, found by name in the catalog.")
        String family;
    }

    /**
     * Loads the spec, printing its diagnostics to standard error.
     *
     * @param err where diagnostics go
     * @return the family
     * @throws CliException with the load's exit code when the spec has errors or is not found
     */
    Family load(PrintWriter err) {
        SpecLoader loader = SpecLoader.create().withLenientReferences(lenient).withDigest(false);
        loader = schemaDir != null ? loader.withSchemaDirectory(schemaDir) : loader.withAutoSchema(false);
        SpecChoice.Loaded loaded = SpecChoice.loadOne(err, loader, catalog, choice.family, choice.spec);
        if (loaded.family().isEmpty()) {
            throw new CliException(loaded.exitCode(), "the spec could not be loaded (see above)");
        }
        return loaded.family().get();
    }

    /**
     * An operation of the family, by name.
     *
     * @param family the family
     * @param name the operation's name
     * @param option the option that named it, for the message
     * @return the operation
     * @throws CliException (usage) when the family has no such operation
     */
    static Operation operation(Family family, String name, String option) {
        Optional<Operation> op = family.operation(name).filter(o -> !o.isReserved());
        if (op.isEmpty()) {
            List<String> ops = family.operations().stream()
                    .filter(o -> !o.isReserved())
                    .map(Operation::name)
                    .toList();
            throw CliException.usage(option + " " + name + ": family " + family.name()
                    + " has no such operation (it has: " + String.join(", ", ops) + ")");
        }
        return op.get();
    }

    /**
     * An operation of the family, by name, that has the mode asked for.
     *
     * @param family the family
     * @param name the operation's name
     * @param dump the dump mode, else do
     * @param option the option that named it, for the message
     * @return the operation
     * @throws CliException (usage) when the family has no such operation or it lacks the mode
     */
    static Operation operation(Family family, String name, boolean dump, String option) {
        Operation op = operation(family, name, option);
        if ((dump ? op.dumpMode() : op.doMode()).isEmpty()) {
            throw CliException.usage(option + " " + name + ": operation " + name + " has no " + (dump ? "dump" : "do")
                    + " mode (it has: " + String.join(", ", op.modes()) + ")");
        }
        return op;
    }

    /**
     * Parses a {@code --json} argument: an object (attributes and fixed-header members).
     *
     * @param text the JSON text, or null for none
     * @param option the option's name, for the message
     * @return the object (empty when {@code text} is null)
     * @throws CliException (usage) when the text is not a JSON object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(String text, String option) {
        if (text == null) {
            return new LinkedHashMap<>();
        }
        Object v;
        try {
            v = Json.parse(text);
        } catch (JsonException e) {
            throw CliException.usage(option + ": not JSON: " + e.getMessage());
        }
        if (!(v instanceof Map<?, ?>)) {
            throw CliException.usage(option + ": expected a JSON object, got " + Json.typeOf(v));
        }
        return (Map<String, Object>) v;
    }

    /** The request flags a user may add, as ynl spells them. */
    static final class RequestFlags {
        @Option(names = "--create", description = "Add NLM_F_CREATE.")
        boolean create;

        @Option(names = "--excl", description = "Add NLM_F_EXCL.")
        boolean excl;

        @Option(names = "--replace", description = "Add NLM_F_REPLACE.")
        boolean replace;

        @Option(names = "--append", description = "Add NLM_F_APPEND.")
        boolean append;

        /**
         * The flags named.
         *
         * @return the {@code NLM_F_*} bits
         */
        int bits() {
            return (create ? Netlink.NLM_F_CREATE : 0)
                    | (excl ? Netlink.NLM_F_EXCL : 0)
                    | (replace ? Netlink.NLM_F_REPLACE : 0)
                    | (append ? Netlink.NLM_F_APPEND : 0);
        }
    }

    /**
     * The flags of a request, exactly as ynl sends them: REQUEST|ACK for a do, REQUEST|ACK|DUMP for
     * a dump, plus only what the user named.
     *
     * @param dump whether it is a dump
     * @param extra the user's flags
     * @return the flags
     */
    static int requestFlags(boolean dump, int extra) {
        return Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | (dump ? Netlink.NLM_F_DUMP : 0) | extra;
    }
}
