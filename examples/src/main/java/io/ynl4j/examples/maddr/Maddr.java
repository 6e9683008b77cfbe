package io.ynl4j.examples.maddr;

import io.ynl4j.examples.common.Addresses;
import io.ynl4j.examples.common.Netns;
import io.ynl4j.examples.common.ProcNet;
import io.ynl4j.examples.gen.rtaddr.GetmulticastReply;
import io.ynl4j.examples.gen.rtaddr.GetmulticastRequest;
import io.ynl4j.examples.gen.rtaddr.Ifaddrmsg;
import io.ynl4j.examples.gen.rtaddr.RtAddr;
import io.ynl4j.examples.gen.rtaddr.RtAddrClient;
import io.ynl4j.runtime.KernelErrorException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * {@code ip maddr show} over rtnetlink: the multicast groups of every interface with their user
 * counts, in iproute2's format.
 *
 * <p>IPv4 and IPv6 groups come from {@code RTM_GETMULTICAST} dumps through the generated {@code
 * rt-addr} client. Their user counts come from {@code IFA_MC_USERS} ({@link
 * GetmulticastReply#mcUsers()}) when the kernel sends it (Linux 7.3 on), else from {@code
 * /proc/net/igmp} and {@code /proc/net/igmp6}. Link-layer groups are not reported over rtnetlink
 * at all (no {@code RTM_GETLINK} attribute lists them), so they and their users come from {@code
 * /proc/net/dev_mcast}, as {@code ip maddr} reads them.
 *
 * <p>Output: for each interface in ifindex order {@code N:\tNAME}, then its {@code link}, {@code
 * inet} and {@code inet6} groups, one per line, with {@code users N} when N is not 1 and {@code
 * static} for statically added link-layer groups, exactly as {@code ip maddr show} prints them.
 */
public final class Maddr {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** The kind of a group, with the label iproute2 prints (padded to five characters). */
    public enum Kind {
        LINK("link "),
        INET("inet "),
        INET6("inet6");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One membership.
     *
     * @param ifindex the interface
     * @param ifname its name
     * @param kind link-layer, IPv4 or IPv6
     * @param address the group as iproute2 prints it
     * @param users how many holders share it
     * @param isStatic a link-layer address added statically ({@code /proc/net/dev_mcast}'s global use)
     */
    public record Group(int ifindex, String ifname, Kind kind, String address, int users, boolean isStatic) {}

    /**
     * What was collected.
     *
     * @param groups the groups in print order
     * @param sources per kind, where the groups and the users came from (for {@code --verbose})
     */
    public record Report(List<Group> groups, Map<Kind, String> sources) {}

    private Maddr() {}

    /**
     * Collects the groups of every interface.
     *
     * @param client an rt-addr client
     * @param proc the {@code /proc/net} files of the same namespace
     * @param names interface names by ifindex (empty when unknown)
     * @return the groups, ordered as {@code ip maddr show} orders them
     */
    public static Report collect(RtAddrClient client, ProcNet proc, IntFunction<Optional<String>> names)
            throws IOException {
        Map<Kind, String> sources = new HashMap<>();
        List<Group> all = new ArrayList<>();

        List<ProcEntry> devMcast = parseDevMcast(proc.read("dev_mcast").orElse(""));
        for (ProcEntry e : devMcast) {
            all.add(new Group(e.ifindex, name(names, e.ifindex, e.ifname), Kind.LINK, e.address, e.users, e.isStatic));
        }
        sources.put(Kind.LINK, "groups and users from /proc/net/dev_mcast (rtnetlink does not list link-layer groups)");

        ipGroups(client, proc, names, AF_INET, Kind.INET, "igmp", all, sources);
        ipGroups(client, proc, names, AF_INET6, Kind.INET6, "igmp6", all, sources);

        // Stable: per interface, link groups first, then inet, then inet6, each in the order read.
        List<Group> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(Group::ifindex));
        return new Report(List.copyOf(sorted), Map.copyOf(sources));
    }

    private static void ipGroups(
            RtAddrClient client,
            ProcNet proc,
            IntFunction<Optional<String>> names,
            int family,
            Kind kind,
            String procFile,
            List<Group> out,
            Map<Kind, String> sources)
            throws IOException {
        List<GetmulticastReply> replies;
        try {
            replies = client.getmulticastDumpList(
                    GetmulticastRequest.of(Ifaddrmsg.builder().ifaFamily(family).build()));
        } catch (KernelErrorException e) {
            // Kernels without RTM_GETMULTICAST for this family: fall back to /proc entirely.
            List<ProcEntry> entries = kind == Kind.INET
                    ? parseIgmp(proc.read(procFile).orElse(""))
                    : parseIgmp6(proc.read(procFile).orElse(""));
            for (ProcEntry p : entries) {
                out.add(new Group(p.ifindex, name(names, p.ifindex, p.ifname), kind, p.address, p.users, false));
            }
            sources.put(
                    kind,
                    "groups and users from /proc/net/" + procFile + " (RTM_GETMULTICAST failed: " + e.getMessage()
                            + ")");
            return;
        }
        long withUsers = replies.stream().filter(r -> r.mcUsers().isPresent()).count();
        Map<String, ProcEntry> fromProc = Map.of();
        if (withUsers < replies.size()) {
            List<ProcEntry> entries = kind == Kind.INET
                    ? parseIgmp(proc.read(procFile).orElse(""))
                    : parseIgmp6(proc.read(procFile).orElse(""));
            Map<String, ProcEntry> m = new HashMap<>();
            entries.forEach(p -> m.put(p.ifindex + " " + p.address, p));
            fromProc = m;
        }
        for (GetmulticastReply r : replies) {
            if (r.multicast().isEmpty()) {
                continue;
            }
            int ifindex = (int) r.header().ifaIndex();
            String address = Addresses.ip(r.multicast().get().toByteArray());
            ProcEntry p = fromProc.get(ifindex + " " + address);
            int users = r.mcUsers().isPresent() ? (int) r.mcUsers().getAsLong() : p != null ? p.users : 1;
            out.add(new Group(ifindex, name(names, ifindex, p == null ? null : p.ifname), kind, address, users, false));
        }
        String what = replies.size() + " groups from RTM_GETMULTICAST";
        if (replies.isEmpty()) {
            sources.put(kind, what);
        } else if (withUsers == replies.size()) {
            sources.put(kind, what + ", users from IFA_MC_USERS");
        } else if (withUsers == 0) {
            sources.put(kind, what + ", users from /proc/net/" + procFile + " (the kernel sent no IFA_MC_USERS)");
        } else {
            sources.put(
                    kind,
                    what + ", users from IFA_MC_USERS for " + withUsers + ", from /proc/net/" + procFile + " for "
                            + (replies.size() - withUsers));
        }
    }

    private static String name(IntFunction<Optional<String>> names, int ifindex, String fallback) {
        return names.apply(ifindex).orElse(fallback != null ? fallback : "if" + ifindex);
    }

    /** A line of a {@code /proc/net} multicast file. */
    record ProcEntry(int ifindex, String ifname, String address, int users, boolean isStatic) {}

    /** {@code /proc/net/dev_mcast}: {@code index name users global-use hex-address}. */
    static List<ProcEntry> parseDevMcast(String text) {
        List<ProcEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[0].matches("\\d+")) {
                continue;
            }
            out.add(new ProcEntry(
                    Integer.parseInt(f[0]),
                    f[1],
                    Addresses.mac(Addresses.fromHex(f[4])),
                    Integer.parseInt(f[2]),
                    !f[3].equals("0")));
        }
        return out;
    }

    /**
     * {@code /proc/net/igmp}: a line per interface ({@code Idx Device : Count Querier}), then a
     * tab-indented line per group ({@code Group Users Timer Reporter}); the group is the address's
     * four bytes read as a host-order (little-endian) number, printed in hex.
     */
    static List<ProcEntry> parseIgmp(String text) {
        List<ProcEntry> out = new ArrayList<>();
        int ifindex = -1;
        String ifname = null;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("Idx")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (!line.startsWith("\t")) {
                ifindex = Integer.parseInt(f[0]);
                ifname = f[1].endsWith(":") ? f[1].substring(0, f[1].length() - 1) : f[1];
                continue;
            }
            byte[] hostOrder = Addresses.fromHex(f[0]);
            byte[] group = {hostOrder[3], hostOrder[2], hostOrder[1], hostOrder[0]};
            out.add(new ProcEntry(ifindex, ifname, Addresses.ip(group), Integer.parseInt(f[1]), false));
        }
        return out;
    }

    /** {@code /proc/net/igmp6}: {@code index name hex-group users flags timer}. */
    static List<ProcEntry> parseIgmp6(String text) {
        List<ProcEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].matches("\\d+")) {
                continue;
            }
            out.add(new ProcEntry(
                    Integer.parseInt(f[0]),
                    f[1],
                    Addresses.ip(Addresses.fromHex(f[2])),
                    Integer.parseInt(f[3]),
                    false));
        }
        return out;
    }

    /**
     * The groups in {@code ip maddr show}'s format.
     *
     * @param groups the groups, in print order
     * @param dev only this interface, or null for all
     * @return the text, one line per interface header and per group
     */
    public static String render(List<Group> groups, String dev) {
        StringBuilder sb = new StringBuilder();
        int current = -1;
        for (Group g : groups) {
            if (dev != null && !dev.equals(g.ifname())) {
                continue;
            }
            if (g.ifindex() != current) {
                sb.append(g.ifindex()).append(":\t").append(g.ifname()).append('\n');
                current = g.ifindex();
            }
            sb.append('\t').append(g.kind().label).append(' ').append(g.address());
            if (g.users() != 1) {
                sb.append(" users ").append(g.users());
            }
            if (g.isStatic()) {
                sb.append(" static");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static final String USAGE = """
            Usage: examples/run maddr [show] [dev NAME] [--netns NAME] [--verbose]
            Lists the multicast groups of every interface with their user counts, as ip maddr show does.
              dev NAME       only this interface
              --netns NAME   in the named network namespace (ip netns), needs root
              --verbose      say where the groups and user counts came from (on standard error)
            """;

    /**
     * Runs the command.
     *
     * @return the exit code: 0, 1 for an unknown device, 2 for bad usage, 3 for a failure
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String dev = null;
        String netns = null;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "show", "list", "lst" -> {
                    if (i != 0) {
                        err.print(USAGE);
                        return 2;
                    }
                }
                case "dev" -> {
                    if (++i == args.length) {
                        err.println("maddr: dev needs an interface name");
                        return 2;
                    }
                    dev = args[i];
                }
                case "--netns" -> {
                    if (++i == args.length) {
                        err.println("maddr: --netns needs a namespace name");
                        return 2;
                    }
                    netns = args[i];
                }
                case "--verbose", "-v" -> verbose = true;
                case "-h", "--help", "help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.println("maddr: unknown argument '" + a + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        String device = dev;
        try {
            Report report = Netns.run(netns, () -> {
                try (RtAddrClient client = RtAddr.open()) {
                    return collect(client, ProcNet.ofCallingThread(), Netns::interfaceName);
                }
            });
            if (device != null
                    && report.groups().stream().noneMatch(g -> g.ifname().equals(device))) {
                boolean exists = Boolean.TRUE.equals(Netns.run(netns, () -> interfaceExists(device)));
                if (!exists) {
                    err.println("Device \"" + device + "\" does not exist.");
                    return 1;
                }
            }
            if (verbose) {
                for (Kind k : Kind.values()) {
                    err.println("maddr: " + k.name().toLowerCase(Locale.ROOT) + ": "
                            + report.sources().get(k));
                }
            }
            out.print(render(report.groups(), device));
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("maddr: " + e.getMessage());
            return 3;
        } catch (Exception e) {
            err.println("maddr: " + e);
            return 3;
        }
    }

    private static boolean interfaceExists(String name) {
        try {
            return java.nio.file.Files.exists(java.nio.file.Path.of("/proc/thread-self/net/dev"))
                    && java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/thread-self/net/dev")).stream()
                            .anyMatch(l -> l.trim().startsWith(name + ":"));
        } catch (IOException e) {
            return false;
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
