package io.ynl4j.examples.addrmonitor;

import io.ynl4j.examples.common.Addresses;
import io.ynl4j.examples.common.Netns;
import io.ynl4j.examples.gen.rtaddr.DeladdrNotification;
import io.ynl4j.examples.gen.rtaddr.GetaddrReply;
import io.ynl4j.examples.gen.rtaddr.GetmulticastReply;
import io.ynl4j.examples.gen.rtaddr.RtAddr;
import io.ynl4j.examples.gen.rtaddr.RtAddrNotification;
import io.ynl4j.examples.gen.rtaddr.RtAddrUnknownNotification;
import io.ynl4j.runtime.NotificationSubscription;
import io.ynl4j.runtime.NotificationsLostException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Prints every IPv4 and IPv6 address change as one line: {@code + 10.0.0.1/24 dev v0} for an
 * address added (or changed: the kernel announces both as {@code RTM_NEWADDR}), {@code - …} for one
 * removed. Subscribes to the rtnetlink groups {@code RTNLGRP_IPV4_IFADDR} and {@code
 * RTNLGRP_IPV6_IFADDR} through the generated {@code rt-addr} notifications: {@link GetaddrReply}
 * for {@code RTM_NEWADDR}, {@link DeladdrNotification} for {@code RTM_DELADDR}. Any number of
 * monitors can run at once; each receives every change.
 */
public final class AddrMonitor {
    private AddrMonitor() {}

    static final String USAGE = """
            Usage: examples/run addr-monitor [--netns NAME] [--count N]
            Prints IPv4 and IPv6 address changes as they happen: '+ ADDR/LEN dev NAME' when an address is
            added or changed, '- ADDR/LEN dev NAME' when one is removed.
              --netns NAME   watch the named network namespace (ip netns), needs root
              --count N      exit after N changes (default: run until interrupted)
            """;

    /**
     * One notification as a line, or empty for messages that are not address changes.
     *
     * @param n the notification
     * @param names the interface name of an ifindex, if known
     * @return {@code + ADDR/LEN dev NAME} or {@code - ADDR/LEN dev NAME}
     */
    public static Optional<String> line(RtAddrNotification n, java.util.function.IntFunction<Optional<String>> names) {
        return switch (n) {
            case GetaddrReply added -> Optional.of("+ " + describe(added, names));
            case DeladdrNotification removed -> Optional.of("- " + describe(removed.message(), names));
            case GetmulticastReply ignored -> Optional.empty();
            case RtAddrUnknownNotification ignored -> Optional.empty();
        };
    }

    private static String describe(GetaddrReply a, java.util.function.IntFunction<Optional<String>> names) {
        // IFA_LOCAL is the address itself; IFA_ADDRESS is the peer on point-to-point links (IPv4
        // sends both, IPv6 sends IFA_LOCAL only when a peer is set).
        byte[] address = a.local().or(a::address).map(b -> b.toByteArray()).orElse(new byte[0]);
        int ifindex = (int) a.header().ifaIndex();
        String dev = names.apply(ifindex).or(a::label).orElse("if" + ifindex);
        return Addresses.ip(address) + "/" + a.header().ifaPrefixlen() + " dev " + dev;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String netns = null;
        long count = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--netns" -> {
                    if (++i == args.length) {
                        err.println("addr-monitor: --netns needs a namespace name");
                        return 2;
                    }
                    netns = args[i];
                }
                case "--count" -> {
                    if (++i == args.length || !args[i].matches("\\d+")) {
                        err.println("addr-monitor: --count needs a number");
                        return 2;
                    }
                    count = Long.parseLong(args[i]);
                }
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.println("addr-monitor: unknown argument '" + args[i] + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        long limit = count;
        try {
            return Netns.run(netns, () -> monitor(limit, out, err));
        } catch (IllegalArgumentException e) {
            err.println("addr-monitor: " + e.getMessage());
            return 3;
        } catch (Exception e) {
            err.println("addr-monitor: " + e);
            return 3;
        }
    }

    private static int monitor(long limit, PrintStream out, PrintStream err) {
        try (NotificationSubscription<RtAddrNotification> sub =
                RtAddr.subscribe(RtAddr.RTNLGRP_IPV4_IFADDR, RtAddr.RTNLGRP_IPV6_IFADDR)) {
            // Subscribed: every change from now on is delivered (tests wait for this line).
            err.println("addr-monitor: listening on rtnlgrp-ipv4-ifaddr and rtnlgrp-ipv6-ifaddr");
            err.flush();
            long seen = 0;
            while (limit < 0 || seen < limit) {
                RtAddrNotification n;
                try {
                    n = sub.take();
                } catch (NotificationsLostException e) {
                    err.println("addr-monitor: the kernel dropped notifications (receive buffer full)");
                    continue;
                }
                Optional<String> line = line(n, Netns::interfaceName);
                if (line.isPresent()) {
                    out.println(line.get());
                    out.flush();
                    seen++;
                }
            }
        }
        return 0;
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
