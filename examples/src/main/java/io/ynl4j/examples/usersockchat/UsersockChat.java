package io.ynl4j.examples.usersockchat;

import io.ynl4j.examples.common.Netns;
import io.ynl4j.examples.gen.usersockchat.LineNotification;
import io.ynl4j.examples.gen.usersockchat.UsersockChatClient;
import io.ynl4j.examples.gen.usersockchat.UsersockChatNotification;
import io.ynl4j.examples.gen.usersockchat.UsersockChatUnknownNotification;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.NotificationSubscription;
import io.ynl4j.runtime.NotificationsLostException;
import io.ynl4j.runtime.codec.MessageWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat between processes over {@code NETLINK_USERSOCK}, with the typed messages of our own family
 * spec {@code specs/usersock-chat.yaml}: {@code send} multicasts each line as a {@link
 * LineNotification} (sender, sequence number, text, time) to group 1; every {@code listen}er
 * joined to the group receives every line. The kernel only routes the datagrams: there is no kernel
 * side to this protocol, and the seeds' "one broadcaster, several listeners" example runs here in
 * user space alone.
 */
public final class UsersockChat {
    private UsersockChat() {}

    static final String USAGE = """
            Usage: examples/run usersock-chat listen [--count N] [--netns NAME]
                   examples/run usersock-chat send [--name NAME] [--repeat N] [--netns NAME] [TEXT...]
            listen  print every chat line multicast to the group, as '[NAME #SEQ] TEXT'
            send    multicast TEXT (all words, one line), or each line of standard input when no TEXT
              --name NAME    the sender's name (default: $USER, else 'anonymous')
              --repeat N     send the line N times (sequence numbers 1..N)
              --count N      (listen) exit after N lines
              --netns NAME   in the named network namespace (ip netns), needs root
            """;

    /** A received line as the listener prints it: {@code [NAME #SEQ] TEXT}. */
    public static String format(LineNotification line) {
        return "[" + line.sender().orElse("?") + " #"
                + (line.seq().isPresent() ? line.seq().getAsLong() : 0) + "] "
                + line.text().orElse("");
    }

    /** Writes one chat line as a netlink message ({@code CHAT_MSG_LINE}) ready to multicast. */
    public static MessageWriter message(UsersockChatClient client, LineNotification line) {
        return client.netlinkClient()
                .message(io.ynl4j.examples.gen.usersockchat.UsersockChat.CHAT_MSG_LINE, 0, line::encode);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String mode = args[0];
        String netns = null;
        String name = System.getenv().getOrDefault("USER", "anonymous");
        long count = -1;
        long repeat = 1;
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!words.isEmpty() || !a.startsWith("--")) {
                words.add(a);
                continue;
            }
            if (a.equals("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (++i == args.length) {
                err.println("usersock-chat: " + a + " needs a value");
                return 2;
            }
            String v = args[i];
            switch (a) {
                case "--netns" -> netns = v;
                case "--name" -> name = v;
                case "--count", "--repeat" -> {
                    if (!v.matches("\\d+")) {
                        err.println("usersock-chat: " + a + " needs a number");
                        return 2;
                    }
                    if (a.equals("--count")) {
                        count = Long.parseLong(v);
                    } else {
                        repeat = Long.parseLong(v);
                    }
                }
                default -> {
                    err.println("usersock-chat: unknown option '" + a + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        String sender = name;
        long n = count;
        long times = repeat;
        try {
            return switch (mode) {
                case "listen" -> {
                    if (!words.isEmpty()) {
                        err.println("usersock-chat: listen takes no text");
                        yield 2;
                    }
                    yield Netns.run(netns, () -> listen(n, out, err));
                }
                case "send" -> Netns.run(netns, () -> send(sender, times, words, out, err));
                default -> {
                    err.println("usersock-chat: unknown command '" + mode + "' (listen or send)");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("usersock-chat: " + e.getMessage());
            return 3;
        } catch (Exception e) {
            err.println("usersock-chat: " + e);
            return 3;
        }
    }

    private static int listen(long count, PrintStream out, PrintStream err) {
        try (NotificationSubscription<UsersockChatNotification> sub =
                io.ynl4j.examples.gen.usersockchat.UsersockChat.subscribe(
                        io.ynl4j.examples.gen.usersockchat.UsersockChat.CHAT)) {
            err.println("usersock-chat: listening on group 1 of NETLINK_USERSOCK");
            err.flush();
            long seen = 0;
            while (count < 0 || seen < count) {
                UsersockChatNotification m;
                try {
                    m = sub.take();
                } catch (NotificationsLostException e) {
                    err.println("usersock-chat: lines were lost (receive buffer full)");
                    continue;
                }
                switch (m) {
                    case LineNotification line -> {
                        out.println(format(line));
                        out.flush();
                        seen++;
                    }
                    case UsersockChatUnknownNotification other ->
                        err.println("usersock-chat: ignoring a message of type " + other.messageType());
                }
            }
        }
        return 0;
    }

    private static int send(String sender, long times, List<String> words, PrintStream out, PrintStream err)
            throws IOException {
        try (UsersockChatClient client = io.ynl4j.examples.gen.usersockchat.UsersockChat.open()) {
            NetlinkSocket socket = client.netlinkClient().socket();
            long seq = 0;
            if (!words.isEmpty()) {
                String text = String.join(" ", words);
                for (long i = 0; i < times; i++) {
                    socket.multicast(
                            io.ynl4j.examples.gen.usersockchat.UsersockChat.CHAT,
                            message(client, line(sender, ++seq, text)));
                }
            } else {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String text; (text = in.readLine()) != null; ) {
                    for (long i = 0; i < times; i++) {
                        socket.multicast(
                                io.ynl4j.examples.gen.usersockchat.UsersockChat.CHAT,
                                message(client, line(sender, ++seq, text)));
                    }
                }
            }
            err.println("usersock-chat: sent " + seq + (seq == 1 ? " line" : " lines") + " as " + sender);
        }
        return 0;
    }

    private static LineNotification line(String sender, long seq, String text) {
        Instant now = Instant.now();
        return LineNotification.builder()
                .sender(sender)
                .seq(seq)
                .text(text)
                .sentNs(now.getEpochSecond() * 1_000_000_000L + now.getNano())
                .build();
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
