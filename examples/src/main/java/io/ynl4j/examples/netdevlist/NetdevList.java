package io.ynl4j.examples.netdevlist;

import io.ynl4j.examples.common.Netns;
import io.ynl4j.examples.gen.netdev.DevGetReply;
import io.ynl4j.examples.gen.netdev.Netdev;
import io.ynl4j.examples.gen.netdev.NetdevClient;
import io.ynl4j.runtime.FlagSet;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Lists the network devices the kernel's {@code netdev} generic netlink family reports ({@code
 * dev-get} dump) with their XDP and AF_XDP features. The family's id is resolved by name through
 * {@code nlctrl} when the generated client sends its first request.
 */
public final class NetdevList {
    private NetdevList() {}

    static final String USAGE = """
            Usage: examples/run netdev-list [--netns NAME] [--json]
            Lists the devices of the netdev generic netlink family with their XDP features.
              --netns NAME   in the named network namespace (ip netns), needs root
              --json         one JSON array, as [{"ifindex":1,"ifname":"lo","xdp-features":[...],...}]
            """;

    /** A device as one line: {@code 1: lo  xdp-features basic,redirect  xdp-zc-max-segs 1 ...}. */
    public static String line(DevGetReply d, IntFunction<Optional<String>> names) {
        int ifindex = (int) d.ifindex().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append(ifindex).append(": ").append(names.apply(ifindex).orElse("?"));
        sb.append("  xdp-features ").append(flags(d.xdpFeatures()));
        if (d.xdpZcMaxSegs().isPresent()) {
            sb.append("  xdp-zc-max-segs ").append(d.xdpZcMaxSegs().getAsLong());
        }
        sb.append("  xdp-rx-metadata ").append(flags(d.xdpRxMetadataFeatures()));
        sb.append("  xsk ").append(flags(d.xskFeatures()));
        return sb.toString();
    }

    /** The devices as a JSON array. */
    public static String json(List<DevGetReply> devices, IntFunction<Optional<String>> names) {
        StringBuilder sb = new StringBuilder("[");
        for (DevGetReply d : devices) {
            int ifindex = (int) d.ifindex().orElse(0);
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append("{\"ifindex\":").append(ifindex);
            names.apply(ifindex)
                    .ifPresent(n -> sb.append(",\"ifname\":\"").append(n).append('"'));
            sb.append(",\"xdp-features\":").append(jsonFlags(d.xdpFeatures()));
            d.xdpZcMaxSegs().ifPresent(v -> sb.append(",\"xdp-zc-max-segs\":").append(v));
            sb.append(",\"xdp-rx-metadata-features\":").append(jsonFlags(d.xdpRxMetadataFeatures()));
            sb.append(",\"xsk-features\":").append(jsonFlags(d.xskFeatures()));
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static String flags(Optional<? extends FlagSet<?>> f) {
        List<String> names = f.map(FlagSet::names).orElse(List.of());
        return names.isEmpty() ? "-" : String.join(",", names);
    }

    private static String jsonFlags(Optional<? extends FlagSet<?>> f) {
        List<String> names = f.map(FlagSet::names).orElse(List.of());
        return names.stream().map(n -> "\"" + n + "\"").toList().toString().replace(", ", ",");
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String netns = null;
        boolean asJson = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--netns" -> {
                    if (++i == args.length) {
                        err.println("netdev-list: --netns needs a namespace name");
                        return 2;
                    }
                    netns = args[i];
                }
                case "--json", "-j" -> asJson = true;
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.println("netdev-list: unknown argument '" + args[i] + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        boolean json = asJson;
        try {
            String text = Netns.run(netns, () -> {
                try (NetdevClient client = Netdev.open()) {
                    List<DevGetReply> devices = client.devGetDumpList();
                    if (json) {
                        return json(devices, Netns::interfaceName) + "\n";
                    }
                    StringBuilder sb = new StringBuilder();
                    devices.forEach(
                            d -> sb.append(line(d, Netns::interfaceName)).append('\n'));
                    return sb.toString();
                }
            });
            out.print(text);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("netdev-list: " + e.getMessage());
            return 3;
        } catch (Exception e) {
            err.println("netdev-list: " + e);
            return 3;
        }
    }

    /**
     * Entry point.
     *
     * @param args see {@link #USAGE}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
