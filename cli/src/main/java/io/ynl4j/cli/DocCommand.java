package io.ynl4j.cli;

import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.Attribute;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.EnumEntry;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Operation;
import io.ynl4j.spec.SubMessage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ynl4j doc (--family NAME | SPEC) OP}: the request and reply attributes of an operation. */
@Command(
        name = "doc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Describe one operation: per mode (do, dump, notify, event) the attributes of its request and"
                    + " reply with their ids, types, enums and docs. Nested attribute sets are expanded one"
                    + " level; sub-messages list their formats.",
            "Usage: 'ynl4j doc SPEC OP' or 'ynl4j doc --family NAME OP'."
        })
final class DocCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SchemaOptions schema;

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--family", paramLabel = "NAME", description = "The family, found by name (instead of SPEC).")
    String family;

    @Parameters(
            arity = "1..2",
            paramLabel = "[SPEC] OP",
            description = "The spec file (unless --family is given) and the operation's name.")
    List<String> args;

    @Override
    public Integer call() {
        int expected = family == null ? 2 : 1;
        if (args.size() != expected) {
            throw new ParameterException(
                    spec.commandLine(),
                    family == null
                            ? "Expected SPEC OP (or --family NAME OP), got " + args.size() + " argument"
                            : "Expected only OP with --family, got " + args.size() + " arguments");
        }
        Path file = family == null ? Path.of(args.get(0)) : null;
        String opName = args.get(args.size() - 1);
        SpecChoice.Loaded loaded = SpecChoice.load(spec.commandLine(), schema.loader(), catalog, family, file);
        if (loaded.family().isEmpty()) {
            return loaded.exitCode();
        }
        Family model = loaded.family().get();
        Optional<Operation> op = model.operation(opName);
        if (op.isEmpty()) {
            List<String> names =
                    model.operations().stream().map(Operation::name).toList();
            String hint =
                    Diagnostics.didYouMean(opName, names).stream().findFirst().orElse("");
            throw new CliException(
                    ExitCodes.USAGE,
                    "family " + model.name() + " has no operation '" + opName + "'"
                            + (hint.isEmpty() ? "" : "; " + hint)
                            + " ('ynl4j list-ops' lists them)");
        }
        PrintWriter out = spec.commandLine().getOut();
        new Printer(model, out).operation(op.get());
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes the description of one operation. */
    private record Printer(Family family, PrintWriter out) {
        void operation(Operation op) {
            out.println(family.name() + " " + op.name() + ": " + oneLine(op.doc()));
            op.attributeSet().ifPresent(s -> out.println("  attribute set: " + s));
            op.fixedHeader().or(family::fixedHeader).ifPresent(h -> out.println("  fixed header: " + h));
            Optional<AttributeSet> set = op.attributeSet().flatMap(family::attributeSet);
            op.doMode().ifPresent(m -> mode("do", m, set));
            op.dumpMode().ifPresent(m -> mode("dump", m, set));
            op.notifies().ifPresent(n -> {
                out.println();
                out.println("notify: the message of operation " + n);
            });
            op.event().ifPresent(e -> message("event", Optional.of(e), set));
        }

        private void mode(String name, Operation.Mode mode, Optional<AttributeSet> set) {
            message(name + " request", mode.request(), set);
            message(name + " reply", mode.reply(), set);
        }

        private void message(String title, Optional<Operation.Message> message, Optional<AttributeSet> set) {
            out.println();
            if (message.isEmpty()) {
                out.println(title + ": none");
                return;
            }
            List<String> attrs = message.get().attributes();
            out.println(title + ":" + (attrs.isEmpty() ? " no attributes" : ""));
            for (String a : attrs) {
                Optional<Attribute> attr = set.flatMap(s -> s.attribute(a));
                if (attr.isPresent()) {
                    attribute(attr.get(), "  ", true);
                } else {
                    out.println("  " + a + " (not in the attribute set)");
                }
            }
        }

        private void attribute(Attribute a, String indent, boolean expand) {
            StringBuilder line = new StringBuilder(indent)
                    .append(a.name())
                    .append(" (")
                    .append(a.value())
                    .append(")  ")
                    .append(type(a.type()));
            if (a.multiAttr()) {
                line.append(", multi-attr");
            }
            if (!a.doc().isBlank()) {
                line.append("  -- ").append(oneLine(a.doc()));
            }
            out.println(line);
            enumName(a.type()).flatMap(family::enumDef).ifPresent(e -> out.println(indent + "    " + entries(e)));
            if (a.type() instanceof AttrType.SubMessage sm) {
                // Formats are listed at every level: each is one line, nothing recurses.
                family.subMessage(sm.subMessage()).ifPresent(s -> formats(s, sm, indent));
                return;
            }
            if (!expand) {
                return;
            }
            switch (a.type()) {
                case AttrType.Nest n -> nested(n.attributeSet(), indent);
                case AttrType.NestTypeValue n -> nested(n.attributeSet(), indent);
                case AttrType.IndexedArray arr
                when arr.element() instanceof AttrType.Nest n -> nested(n.attributeSet(), indent);
                default -> {}
            }
        }

        private void nested(String setName, String indent) {
            family.attributeSet(setName).ifPresent(s -> {
                for (Attribute inner : s.attributes()) {
                    attribute(inner, indent + "    ", false);
                }
            });
        }

        private void formats(SubMessage s, AttrType.SubMessage sm, String indent) {
            out.println(indent + "    formats by " + sm.selector() + ":");
            for (SubMessage.Format f : s.formats()) {
                StringBuilder line = new StringBuilder(indent + "      " + f.value() + ":");
                f.fixedHeader().ifPresent(h -> line.append(" fixed header ").append(h));
                f.attributeSet()
                        .ifPresent(a -> line.append(f.fixedHeader().isPresent() ? "," : "")
                                .append(" attribute set ")
                                .append(a));
                if (f.fixedHeader().isEmpty() && f.attributeSet().isEmpty()) {
                    line.append(" no payload");
                }
                out.println(line);
            }
        }

        private static String type(AttrType t) {
            return switch (t) {
                case AttrType.Scalar s ->
                    s.specName()
                            + s.enumName()
                                    .map(e -> " enum " + e + (s.enumAsFlags() ? " (as flags)" : ""))
                                    .orElse("")
                            + s.hint().map(h -> " display " + h).orElse("");
                case AttrType.Binary b ->
                    "binary" + b.struct().map(s -> " struct " + s).orElse("")
                            + b.subType().map(k -> " of " + k.specName()).orElse("");
                case AttrType.Nest n -> "nest " + n.attributeSet();
                case AttrType.NestTypeValue n -> "nest-type-value " + n.attributeSet();
                case AttrType.IndexedArray a -> "indexed-array of " + type(a.element());
                case AttrType.Bitfield32 b ->
                    "bitfield32" + b.enumName().map(e -> " enum " + e).orElse("");
                case AttrType.SubMessage s -> "sub-message " + s.subMessage() + " selected by " + s.selector();
                default -> t.specName();
            };
        }

        private static Optional<String> enumName(AttrType t) {
            return switch (t) {
                case AttrType.Scalar s -> s.enumName();
                case AttrType.Bitfield32 b -> b.enumName();
                case AttrType.IndexedArray a -> enumName(a.element());
                default -> Optional.empty();
            };
        }

        private static String entries(Definition.Enum e) {
            return (e.flags() ? "flags " : "values ") + e.name() + ": "
                    + e.entries().stream()
                            .map(EnumEntry::name)
                            .map(n -> n + "=" + e.entry(n).map(EnumEntry::value).orElseThrow())
                            .collect(Collectors.joining(", "));
        }

        private static String oneLine(String doc) {
            return doc.strip().replaceAll("\\s+", " ");
        }
    }
}
