package io.ynl4j.examples.mcastjoin;

import io.ynl4j.examples.common.Netns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code examples/run mcast-join [--netns NAME] DEV GROUP...}: one socket joins every GROUP (IPv4
 * or IPv6) on DEV, prints {@code joined N groups on DEV}, and holds the memberships until standard
 * input ends (or the process is killed). Two of them joining the same group give it two users, as
 * in the seeds' example of several listeners on one group; {@code maddr} then shows the counts.
 */
public final class McastJoin {
    private McastJoin() {}

    /**
     * Runs the example.
     *
     * @param args the command line
     * @throws Exception when joining fails
     */
    public static void main(String[] args) throws Exception {
        String netns = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--netns") && i + 1 < args.length) {
                netns = args[++i];
            } else if (args[i].equals("-h") || args[i].equals("--help")) {
                usage();
                return;
            } else {
                rest.add(args[i]);
            }
        }
        if (rest.size() < 2) {
            usage();
            System.exit(2);
        }
        String dev = rest.get(0);
        List<String> groups = rest.subList(1, rest.size());
        // The socket is made (and joins) inside the namespace; it stays there afterwards.
        DatagramChannel socket;
        try {
            socket = Netns.run(netns, () -> join(dev, groups));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("mcast-join: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("joined " + groups.size() + " groups on " + dev);
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream()); // until stdin ends
        socket.close();
    }

    private static DatagramChannel join(String dev, List<String> groups) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(dev);
        if (nif == null) {
            throw new IllegalArgumentException("no interface " + dev);
        }
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET6); // dual stack: both families
        for (String g : groups) {
            InetAddress group = InetAddress.ofLiteral(g);
            if (!group.isMulticastAddress()) {
                throw new IllegalArgumentException(g + " is not a multicast group");
            }
            c.join(group, nif);
        }
        return c;
    }

    private static void usage() {
        System.err.println("usage: examples/run mcast-join [--netns NAME] DEV GROUP...");
    }
}
