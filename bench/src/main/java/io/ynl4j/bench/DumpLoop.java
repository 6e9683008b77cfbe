package io.ynl4j.bench;

import io.ynl4j.bench.gen.rtaddr.GetaddrReply;
import io.ynl4j.bench.gen.rtaddr.GetaddrRequest;
import io.ynl4j.bench.gen.rtaddr.GetmulticastReply;
import io.ynl4j.bench.gen.rtaddr.GetmulticastRequest;
import io.ynl4j.bench.gen.rtaddr.Ifaddrmsg;
import io.ynl4j.bench.gen.rtaddr.RtAddr;
import io.ynl4j.bench.gen.rtaddr.RtAddrClient;
import io.ynl4j.bench.gen.rtlink.GetlinkDumpRequest;
import io.ynl4j.bench.gen.rtlink.GetlinkReply;
import io.ynl4j.bench.gen.rtlink.Ifinfomsg;
import io.ynl4j.bench.gen.rtlink.RtLink;
import io.ynl4j.bench.gen.rtlink.RtLinkClient;
import io.ynl4j.runtime.NetlinkClient;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.OperationDescriptor;
import io.ynl4j.runtime.SocketOptions;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The warm-JVM side of {@code bench/run.sh}: one rtnetlink dump run many times in one JVM through
 * the bindings generated from {@code specs/rt-addr.yaml} and the kernel's {@code rt-link} spec,
 * each timed, after an untimed warm-up; the median per dump is set against {@code bench/c/dump.c
 * --loop}, the C floor of the same dump.
 *
 * <p>Dumps: {@code addr} ({@code RTM_GETADDR}, {@code ifa-family} AF_INET), {@code maddr} ({@code
 * RTM_GETMULTICAST}, AF_INET), {@code link} ({@code RTM_GETLINK}, no filter) — the requests
 * {@code dump.c} sends. Modes:
 *
 * <ul>
 *   <li>{@code decode} (default): the generated client's {@code …DumpList}, every message decoded
 *       into its reply record, nests and structs included — what a user of the bindings does.
 *   <li>{@code walk}: the runtime alone, no generated decoder: {@link NetlinkSocket#dump} and an
 *       {@link AttrReader} over every top-level attribute of every message, summing the types and
 *       lengths as {@code dump.c} does (the checksum printed must equal {@code dump.c}'s).
 * </ul>
 *
 * <p>Both use one socket with a 1 MiB receive buffer, as {@code dump.c} does. Run it in the
 * namespace to measure ({@code ip netns exec NS java --enable-native-access=ALL-UNNAMED -cp
 * bench/target/benchmarks.jar io.ynl4j.bench.DumpLoop addr 200}). Prints {@code key=value} lines:
 * {@code dump}, {@code mode}, {@code messages}, {@code loops}, {@code warmup} (untimed dumps run;
 * by default as many as the timed ones and for at least 3 s), {@code median_ns},
 * {@code min_ns}, {@code max_ns} (per dump, {@link System#nanoTime}) and, in walk mode, {@code
 * checksum} (of the first dump).
 */
public final class DumpLoop {
    static final int AF_INET = 2;
    static final int RECEIVE_BUFFER = 1 << 20;

    static final String USAGE = """
            Usage: DumpLoop addr|maddr|link LOOPS [--walk] [--warmup N] [--warmup-ms MS]
              LOOPS           timed dumps (at least 1)
              --walk          walk the attributes with the runtime's AttrReader instead of decoding records
              --warmup N      at least N untimed dumps first (default: LOOPS)
              --warmup-ms MS  and for at least MS milliseconds (default 3000)
            """;

    private DumpLoop() {}

    /** One dump, run again and again; returns the number of messages it got. */
    @FunctionalInterface
    interface Dump {
        int run();
    }

    /** Keeps what the dumps produced reachable, so that the JIT cannot drop any of the work. */
    static volatile long sink;

    /**
     * Entry point.
     *
     * @param args see {@link #USAGE}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.print(USAGE);
            return 2;
        }
        String kind = args[0];
        int loops;
        int warmup = -1;
        long warmupMs = 3000;
        boolean walk = false;
        try {
            loops = Integer.parseInt(args[1]);
            for (int i = 2; i < args.length; i++) {
                switch (args[i]) {
                    case "--walk" -> walk = true;
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--warmup-ms" -> warmupMs = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (RuntimeException e) {
            err.println("DumpLoop: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (loops < 1 || !List.of("addr", "maddr", "link").contains(kind)) {
            err.print(USAGE);
            return 2;
        }
        if (warmup < 0) {
            warmup = loops;
        }
        SocketOptions options = SocketOptions.DEFAULTS.withReceiveBufferSize(RECEIVE_BUFFER);
        try (NetlinkSocket socket = NetlinkSocket.open(RtAddr.FAMILY.protocol(), options)) {
            Walker walker = walk ? new Walker(socket, kind) : null;
            Dump dump = walk ? walker : decoder(socket, kind);
            int messages = dump.run();
            // Untimed: until both the count and the time are reached (C2 needs thousands of calls).
            long warmupEnd = System.nanoTime() + warmupMs * 1_000_000;
            int warmed = 0;
            while (warmed < warmup || System.nanoTime() - warmupEnd < 0) {
                check(kind, messages, dump.run());
                warmed++;
            }
            long[] ns = new long[loops];
            for (int i = 0; i < loops; i++) {
                long t0 = System.nanoTime();
                int n = dump.run();
                ns[i] = System.nanoTime() - t0;
                check(kind, messages, n);
            }
            Arrays.sort(ns);
            long median = loops % 2 == 1 ? ns[loops / 2] : (ns[loops / 2 - 1] + ns[loops / 2]) / 2;
            out.println("dump=" + kind);
            out.println("mode=" + (walk ? "walk" : "decode"));
            out.println("messages=" + messages);
            out.println("loops=" + loops);
            out.println("warmup=" + warmed);
            out.println("median_ns=" + median);
            out.println("min_ns=" + ns[0]);
            out.println("max_ns=" + ns[loops - 1]);
            if (walk) {
                out.println("checksum=" + Long.toUnsignedString(walker.firstChecksum()));
            }
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            err.println("DumpLoop: " + e);
            return 1;
        }
    }

    private static void check(String kind, int expected, int got) {
        if (got != expected) {
            throw new IllegalStateException(
                    String.format(Locale.ROOT, "a %s dump had %d messages, the first %d", kind, got, expected));
        }
    }

    /** Decodes every reply into its generated record, through the generated client. */
    static Dump decoder(NetlinkSocket socket, String kind) {
        return switch (kind) {
            case "addr" -> {
                RtAddrClient client = RtAddr.client(socket);
                GetaddrRequest request =
                        GetaddrRequest.of(Ifaddrmsg.builder().ifaFamily(AF_INET).build());
                yield () -> {
                    List<GetaddrReply> replies = client.getaddrDumpList(request);
                    long sum = 0;
                    for (GetaddrReply r : replies) {
                        sum += r.header().ifaIndex() + r.unknown().attributes().size();
                    }
                    sink += sum;
                    return replies.size();
                };
            }
            case "maddr" -> {
                RtAddrClient client = RtAddr.client(socket);
                GetmulticastRequest request = GetmulticastRequest.of(
                        Ifaddrmsg.builder().ifaFamily(AF_INET).build());
                yield () -> {
                    List<GetmulticastReply> replies = client.getmulticastDumpList(request);
                    long sum = 0;
                    for (GetmulticastReply r : replies) {
                        sum += r.header().ifaIndex() + r.unknown().attributes().size();
                    }
                    sink += sum;
                    return replies.size();
                };
            }
            default -> {
                RtLinkClient client = RtLink.client(socket);
                GetlinkDumpRequest request =
                        GetlinkDumpRequest.of(Ifinfomsg.builder().build());
                yield () -> {
                    List<GetlinkReply> replies = client.getlinkDumpList(request);
                    long sum = 0;
                    for (GetlinkReply r : replies) {
                        sum += r.header().ifiIndex() + r.unknown().attributes().size();
                    }
                    sink += sum;
                    return replies.size();
                };
            }
        };
    }

    /**
     * Walks the top-level attributes of every reply with an {@link AttrReader}; nothing decoded.
     * The request is the one the generated client sends, written by the generic layer.
     */
    static final class Walker implements Dump {
        private final NetlinkSocket socket;
        private final NetlinkClient client;
        private final OperationDescriptor op;
        private final Consumer<MessageWriter> payload;
        private final int headerBytes;
        private long firstChecksum = -1;

        Walker(NetlinkSocket socket, String kind) {
            this.socket = socket;
            switch (kind) {
                case "addr" -> {
                    op = RtAddrClient.GETADDR;
                    client = RtAddr.client(socket).netlinkClient();
                    payload = GetaddrRequest.of(
                            Ifaddrmsg.builder().ifaFamily(AF_INET).build())::encode;
                    headerBytes = Ifaddrmsg.SIZE;
                }
                case "maddr" -> {
                    op = RtAddrClient.GETMULTICAST;
                    client = RtAddr.client(socket).netlinkClient();
                    payload = GetmulticastRequest.of(
                            Ifaddrmsg.builder().ifaFamily(AF_INET).build())::encode;
                    headerBytes = Ifaddrmsg.SIZE;
                }
                default -> {
                    op = RtLinkClient.GETLINK;
                    client = RtLink.client(socket).netlinkClient();
                    payload = GetlinkDumpRequest.of(Ifinfomsg.builder().build())::encode;
                    headerBytes = Ifinfomsg.SIZE;
                }
            }
        }

        @Override
        public int run() {
            OperationDescriptor.Mode mode = op.requireDump();
            MessageWriter request = client.message(mode.requestId(), mode.flags(), payload);
            long sum = 0;
            int messages = 0;
            try (Stream<NetlinkMessage> replies =
                    socket.dump(op.displayName(), request, op.headerBytes(), op.attrNamer())) {
                for (NetlinkMessage m : (Iterable<NetlinkMessage>) replies::iterator) {
                    messages++;
                    sum += m.type();
                    AttrReader in = m.attributes(headerBytes);
                    while (in.next()) {
                        // The nlattr's type field (flags included) and length (header included).
                        sum += ((long) in.rawType() << 16) + in.length() + 4;
                    }
                }
            }
            if (firstChecksum == -1) {
                firstChecksum = sum;
            }
            sink += sum;
            return messages;
        }

        /** The first dump's checksum, as {@code dump.c} prints it. */
        long firstChecksum() {
            return firstChecksum;
        }
    }
}
