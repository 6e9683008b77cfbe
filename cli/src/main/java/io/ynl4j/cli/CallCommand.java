package io.ynl4j.cli;

import io.ynl4j.cli.json.Json;
import io.ynl4j.cli.wire.CodecException;
import io.ynl4j.cli.wire.SpecCodec;
import io.ynl4j.runtime.DumpInterruptedException;
import io.ynl4j.runtime.KernelErrorException;
import io.ynl4j.runtime.NetlinkException;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.SocketOptions;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.genl.GenlResolver;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.McastGroup;
import io.ynl4j.spec.Operation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ynl4j call}: sends a request built from JSON to the kernel and prints the replies as JSON,
 * and/or prints notifications of a multicast group, the way the kernel's {@code ynl} CLI does.
 */
@Command(
        name = "call",
        header = "Send a request built from JSON to the kernel (or subscribe to a group); print replies as JSON.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Talk to the kernel from a spec, as the kernel's ynl tool does: --do or --dump an operation with"
                    + " attributes and fixed-header members given as JSON, or several --multi operations in one"
                    + " datagram; print the replies as JSON. With --subscribe, print each notification of a"
                    + " multicast group as {\"name\": ..., \"msg\": {...}} as it arrives.",
            "JSON conventions are ynl's: names from the spec, enum values by entry name (numbers too), flags"
                    + " as lists of names, addresses/MACs/hex as text by display hint, other binary as hex"
                    + " digits, multi-attr and indexed arrays as lists, nests and sub-messages as objects."
                    + " Attributes are sent in the order the JSON gives them.",
            "Flags sent: exactly REQUEST|ACK for --do, REQUEST|ACK|DUMP for --dump, plus --create, --excl,"
                    + " --replace, --append when given.",
            "Kernel errors are printed with errno name, extended-ACK message and attribute path (exit 4)."
        })
final class CallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WireTarget target;

    @ArgGroup(exclusive = true)
    What what;

    @Option(names = "--json", paramLabel = "JSON", description = "The request: attributes and fixed-header members.")
    String json;

    @Option(
            names = "--subscribe",
            paramLabel = "GROUP",
            description = "Join the multicast GROUP (by its spec name) and print its notifications.")
    String subscribe;

    @Option(
            names = {"--duration", "--sleep"},
            paramLabel = "SECONDS",
            description = "With --subscribe: stop after SECONDS (default: run until interrupted).")
    Double duration;

    @Option(
            names = "--netns",
            paramLabel = "NAME",
            description = "Talk to the kernel inside the network namespace /run/netns/NAME.")
    String netns;

    @Option(names = "--output-json", description = "Print compact JSON, one value per line (default: indented).")
    boolean outputJson;

    @Option(
            names = "--process-unknown",
            negatable = true,
            description = "Accepted for compatibility with ynl: unknown attributes are always printed, as"
                    + " \"UnknownAttr(N)\": \"<hex>\".")
    boolean processUnknown;

    @Mixin
    WireTarget.RequestFlags flags;

    /** What to send: one of the three. */
    static final class What {
        @Option(names = "--do", paramLabel = "OP", description = "Run the operation's do mode.")
        String doOp;

        @Option(names = "--dump", paramLabel = "OP", description = "Run the operation's dump mode.")
        String dumpOp;

        @Option(
                names = "--multi",
                arity = "2",
                paramLabel = "OP JSON",
                description = "A do operation and its JSON; repeat to send several in one datagram.")
        List<String> multi;
    }

    /** {@code --debug} given after {@code call} (picocli sets it on the root command). */
    boolean debug;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        return run(cl.getOut(), cl.getErr());
    }

    /**
     * Runs the command with its options set (by picocli or by {@link #parseFast}).
     *
     * @param out where results go
     * @param err where diagnostics go
     * @return the exit code
     * @throws CliException for expected failures
     */
    int run(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        Timing timing = Timing.start();
        if (what == null && subscribe == null) {
            throw CliException.usage("Missing --do OP, --dump OP, --multi OP JSON or --subscribe GROUP");
        }
        if (duration != null && subscribe == null) {
            throw CliException.usage("--duration needs --subscribe");
        }
        if (duration != null && !(duration >= 0)) {
            throw CliException.usage("--duration: expected a number of seconds >= 0, got " + duration);
        }
        Family family = target.load(err);
        SpecCodec codec = new SpecCodec(family);
        timing.mark("spec-load");
        List<Request> requests = requests(family);
        SocketOptions options = SocketOptions.DEFAULTS.withStrictCheck(true);
        if (netns != null) {
            java.nio.file.Path file = java.nio.file.Path.of("/run/netns", netns);
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new CliException(ExitCodes.IO, "--netns " + netns + ": no such network namespace (" + file + ")");
            }
            options = options.withNamedNetworkNamespace(netns);
        }
        NetlinkProtocol protocol = family.protocol().isGeneric()
                ? NetlinkProtocol.GENERIC
                : NetlinkProtocol.of(family.protonum().orElse(0));
        try (NetlinkSocket socket = NetlinkSocket.open(protocol, options)) {
            GenlResolver resolver = family.protocol().isGeneric() ? GenlResolver.of(socket) : null;
            int familyId = resolver != null ? resolver.familyId(family.name()) : 0;
            timing.mark("socket-open");
            if (subscribe != null) {
                socket.joinGroup(group(family, resolver));
            }
            if (!requests.isEmpty()) {
                Object result = execute(codec, socket, requests, familyId, timing);
                String text = outputJson ? Json.write(result) : Json.pretty(result);
                timing.mark("json-text");
                out.println(text);
                out.flush();
                timing.mark("write");
            }
            if (subscribe != null) {
                listen(codec, socket, out);
            }
        } catch (KernelErrorException e) {
            throw new CliException(ExitCodes.KERNEL, e.getMessage());
        } catch (DumpInterruptedException e) {
            throw new CliException(ExitCodes.KERNEL, e.getMessage() + " (run it again)");
        } catch (CodecException e) {
            // Requests are encoded above; this is a reply or notification the spec cannot describe.
            throw new CliException(
                    ExitCodes.SPEC_ERRORS, "cannot decode what the kernel sent with this spec: " + e.getMessage());
        } catch (NetlinkException e) {
            throw new CliException(ExitCodes.KERNEL, e.getMessage());
        } catch (IllegalArgumentException e) {
            // e.g. a namespace that does not exist
            throw new CliException(ExitCodes.IO, e.getMessage());
        } finally {
            timing.print(err);
        }
        return ExitCodes.OK;
    }

    /** The value options {@link #parseFast} understands (each takes one value). */
    static final Set<String> FAST_VALUE_OPTIONS = Set.of(
            "--spec",
            "--family",
            "--schema-dir",
            "--spec-dir",
            "--do",
            "--dump",
            "--json",
            "--subscribe",
            "--duration",
            "--sleep",
            "--netns");

    /** The flag options {@link #parseFast} understands, plus {@code --multi OP JSON}. */
    static final Set<String> FAST_FLAG_OPTIONS = Set.of(
            "--lenient",
            "--output-json",
            "--process-unknown",
            "--no-process-unknown",
            "--create",
            "--excl",
            "--replace",
            "--append",
            "--debug");

    /**
     * Parses a plain {@code call} command line without picocli, whose model costs more start-up time
     * than a small request itself: only the options above, each at most once (but {@code --multi}),
     * as {@code --opt VALUE} or {@code --opt=VALUE}, exactly one of {@code --spec}/{@code --family},
     * at most one of {@code --do}/{@code --dump}/{@code --multi}. Anything else — help, version,
     * an unknown or repeated option, a missing value — returns null, and picocli parses the command
     * line instead (and reports what is wrong). A test keeps this parser and picocli's model of
     * {@code call} in step.
     *
     * @param args the whole command line ({@code [--debug] call ...})
     * @return the command with its options set, or null
     */
    static CallCommand parseFast(String[] args) {
        CallCommand c = new CallCommand();
        c.target = new WireTarget();
        c.target.catalog = new CatalogOptions();
        c.flags = new WireTarget.RequestFlags();
        Set<String> seen = new HashSet<>();
        List<String> multi = new ArrayList<>();
        boolean sawCall = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!sawCall) {
                if (a.equals("call")) {
                    sawCall = true;
                } else if (a.equals("--debug")) {
                    c.debug = true;
                } else {
                    return null;
                }
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (name.equals("--multi")) {
                if (value != null || i + 2 >= args.length || isOption(args[i + 1]) || isOption(args[i + 2])) {
                    return null;
                }
                multi.add(args[++i]);
                multi.add(args[++i]);
                continue;
            }
            if (FAST_FLAG_OPTIONS.contains(name)) {
                if (value != null || !seen.add(name.equals("--no-process-unknown") ? "--process-unknown" : name)) {
                    return null;
                }
                switch (name) {
                    case "--lenient" -> c.target.lenient = true;
                    case "--output-json" -> c.outputJson = true;
                    case "--process-unknown" -> c.processUnknown = true;
                    case "--no-process-unknown" -> c.processUnknown = false;
                    case "--create" -> c.flags.create = true;
                    case "--excl" -> c.flags.excl = true;
                    case "--replace" -> c.flags.replace = true;
                    case "--append" -> c.flags.append = true;
                    default -> c.debug = true; // --debug
                }
                continue;
            }
            if (!FAST_VALUE_OPTIONS.contains(name)) {
                return null;
            }
            if (value == null) {
                if (i + 1 >= args.length || isOption(args[i + 1])) {
                    return null;
                }
                value = args[++i];
            }
            String key = name.equals("--sleep") ? "--duration" : name;
            if (!seen.add(key)) {
                return null;
            }
            switch (key) {
                case "--spec" -> c.choice().spec = Path.of(value);
                case "--family" -> c.choice().family = value;
                case "--schema-dir" -> c.target.schemaDir = Path.of(value);
                case "--spec-dir" -> c.target.catalog.specDir = Path.of(value);
                case "--do" -> c.what().doOp = value;
                case "--dump" -> c.what().dumpOp = value;
                case "--json" -> c.json = value;
                case "--subscribe" -> c.subscribe = value;
                case "--netns" -> c.netns = value;
                default -> { // --duration
                    try {
                        c.duration = Double.valueOf(value);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        if (!multi.isEmpty()) {
            c.what().multi = multi;
        }
        boolean oneSpec = seen.contains("--spec") != seen.contains("--family");
        int modes = (seen.contains("--do") ? 1 : 0) + (seen.contains("--dump") ? 1 : 0) + (multi.isEmpty() ? 0 : 1);
        return sawCall && oneSpec && modes <= 1 ? c : null;
    }

    private static boolean isOption(String s) {
        String name = s.contains("=") ? s.substring(0, s.indexOf('=')) : s;
        return FAST_VALUE_OPTIONS.contains(name)
                || FAST_FLAG_OPTIONS.contains(name)
                || name.equals("--multi")
                || name.equals("-h")
                || name.equals("--help")
                || name.equals("-V")
                || name.equals("--version");
    }

    private WireTarget.Choice choice() {
        if (target.choice == null) {
            target.choice = new WireTarget.Choice();
        }
        return target.choice;
    }

    private What what() {
        if (what == null) {
            what = new What();
        }
        return what;
    }

    /** One message to send. */
    private record Request(Operation op, boolean dump, Map<String, Object> json) {}

    private List<Request> requests(Family family) {
        List<Request> out = new ArrayList<>();
        if (what == null) {
            return out;
        }
        if (what.multi != null) {
            if (json != null) {
                throw CliException.usage("--json does not go with --multi (each --multi has its JSON)");
            }
            for (int i = 0; i + 1 < what.multi.size(); i += 2) {
                Operation op = WireTarget.operation(family, what.multi.get(i), false, "--multi");
                out.add(new Request(op, false, WireTarget.jsonObject(what.multi.get(i + 1), "--multi " + op.name())));
            }
            return out;
        }
        boolean dump = what.dumpOp != null;
        Operation op = WireTarget.operation(family, dump ? what.dumpOp : what.doOp, dump, dump ? "--dump" : "--do");
        out.add(new Request(op, dump, WireTarget.jsonObject(json, "--json")));
        return out;
    }

    private Object execute(SpecCodec codec, NetlinkSocket socket, List<Request> requests, int familyId, Timing timing) {
        Family family = codec.family();
        MessageWriter w = new MessageWriter();
        for (Request r : requests) {
            try {
                codec.encodeRequest(
                        w, r.op(), r.dump(), r.json(), WireTarget.requestFlags(r.dump(), flags.bits()), familyId);
            } catch (CodecException e) {
                String option = what.multi != null ? "--multi " + r.op().name() : "--json";
                throw new CliException(ExitCodes.USAGE, option + ": " + e.getMessage());
            }
        }
        timing.mark("encode");
        if (requests.size() == 1) {
            Request r = requests.get(0);
            String name = family.name() + " " + r.op().name();
            List<NetlinkMessage> replies;
            if (r.dump()) {
                replies = new ArrayList<>();
                try (Stream<NetlinkMessage> s = socket.dump(name, w, codec.headerBytes(r.op()), codec.namer(r.op()))) {
                    s.forEach(replies::add);
                }
            } else {
                replies = socket.request(name, w, codec.headerBytes(r.op()), codec.namer(r.op()));
            }
            timing.mark(r.dump() ? "dump" : "do");
            Object result = result(codec, r, replies);
            timing.mark("decode");
            return result;
        }
        List<NetlinkSocket.Batched> batch = new ArrayList<>();
        for (Request r : requests) {
            batch.add(new NetlinkSocket.Batched(
                    family.name() + " " + r.op().name(), codec.headerBytes(r.op()), codec.namer(r.op())));
        }
        List<List<NetlinkMessage>> replies = socket.requestBatch(batch, w);
        timing.mark("multi");
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            out.add(result(codec, requests.get(i), replies.get(i)));
        }
        timing.mark("decode");
        return out;
    }

    /** As ynl: a dump's list; a do's single reply, its list when several, null when only acknowledged. */
    private static Object result(SpecCodec codec, Request r, List<NetlinkMessage> replies) {
        List<Object> decoded = new ArrayList<>(replies.size());
        for (NetlinkMessage m : replies) {
            decoded.add(codec.decode(m, r.op()));
        }
        if (r.dump()) {
            return decoded;
        }
        return switch (decoded.size()) {
            case 0 -> null;
            case 1 -> decoded.get(0);
            default -> decoded;
        };
    }

    private int group(Family family, GenlResolver resolver) {
        Optional<McastGroup> g = family.mcastGroups().stream()
                .filter(m -> m.name().equals(subscribe))
                .findFirst();
        if (g.isEmpty()) {
            List<String> names =
                    family.mcastGroups().stream().map(McastGroup::name).toList();
            throw CliException.usage(
                    "--subscribe " + subscribe + ": family " + family.name() + " has no such multicast group"
                            + (names.isEmpty() ? " (it has none)" : " (it has: " + String.join(", ", names) + ")"));
        }
        if (resolver != null) {
            return resolver.mcastGroup(family.name(), subscribe);
        }
        if (g.get().value().isEmpty()) {
            throw new CliException(ExitCodes.SPEC_ERRORS, "multicast group " + subscribe + " has no value in the spec");
        }
        return g.get().value().getAsInt();
    }

    /** Prints notifications until the duration is over (or forever). */
    private void listen(SpecCodec codec, NetlinkSocket socket, PrintWriter out) {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + (long) (duration * 1e9);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Duration wait = duration == null ? Duration.ofSeconds(3600) : Duration.ofNanos(left);
            Optional<NetlinkMessage> m = socket.receive(wait);
            if (m.isEmpty()) {
                continue;
            }
            Object n = notification(codec, m.get());
            out.println(outputJson ? Json.write(n) : Json.pretty(n));
            out.flush();
        }
    }

    /**
     * A notification as ynl prints it: {@code {"name": OP, "msg": {...}}}; messages the spec does not
     * describe as {@code {"name": null, "type": N, "raw": HEX}}.
     */
    static Map<String, Object> notification(SpecCodec codec, NetlinkMessage m) {
        Map<String, Object> n = new LinkedHashMap<>();
        Optional<Operation> op =
                m.type() < Netlink.NLMSG_MIN_TYPE ? Optional.empty() : codec.operationFor(codec.messageId(m), false);
        if (op.isPresent()) {
            try {
                Map<String, Object> msg = codec.decode(m, op.get());
                n.put("name", op.get().name());
                n.put("msg", msg);
                return n;
            } catch (CodecException e) {
                n.put("error", e.getMessage());
            }
        }
        n.put("name", null);
        n.put("type", (long) m.type());
        n.put("raw", java.util.HexFormat.of().formatHex(m.toByteArray()));
        return n;
    }
}
