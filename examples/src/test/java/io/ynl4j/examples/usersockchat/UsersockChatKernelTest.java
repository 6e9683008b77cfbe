package io.ynl4j.examples.usersockchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.examples.ExampleProcess;
import io.ynl4j.runtime.Netns;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One {@code usersock-chat send} process multicasts 100 typed chat lines on group 1 of
 * NETLINK_USERSOCK; three {@code listen} processes, joined before, must each print all 100 in
 * order ({@code [tester #1] line 1} … {@code [tester #100] line 100}) and exit after {@code --count
 * 100}. All four run in a fresh namespace, so no other NETLINK_USERSOCK user can interfere.
 */
@Tag("kernel")
class UsersockChatKernelTest {
    static final int LINES = 100;

    @Test
    void threeListenersReceiveEveryLineInOrder() throws Exception {
        try (Netns ns = Netns.create()) {
            List<ExampleProcess> listeners = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    listeners.add(ExampleProcess.start(
                            UsersockChat.class, "listen", "--count", String.valueOf(LINES), "--netns", ns.name()));
                }
                for (ExampleProcess l : listeners) {
                    l.awaitErr(s -> s.startsWith("usersock-chat: listening"), 30);
                }
                String input = IntStream.rangeClosed(1, LINES)
                        .mapToObj(i -> "line " + i + "\n")
                        .collect(Collectors.joining());
                try (ExampleProcess sender = ExampleProcess.withInput(
                        UsersockChat.class, input, "send", "--name", "tester", "--netns", ns.name())) {
                    assertThat(sender.await(30)).as("sender: %s", sender.err()).isZero();
                    assertThat(sender.err()).containsExactly("usersock-chat: sent 100 lines as tester");
                }
                List<String> expected = IntStream.rangeClosed(1, LINES)
                        .mapToObj(i -> "[tester #" + i + "] line " + i)
                        .toList();
                for (ExampleProcess l : listeners) {
                    assertThat(l.await(30)).as("listener: %s", l.err()).isZero();
                    assertThat(l.out()).isEqualTo(expected);
                }
                System.out.println("UsersockChatKernelTest: 3 listeners got all " + LINES + " lines, e.g. "
                        + listeners.get(0).out().get(0) + " … "
                        + listeners.get(0).out().get(LINES - 1));
            } finally {
                listeners.forEach(ExampleProcess::close);
            }
        }
    }

    @Test
    void repeatSendsNumberedCopiesOfOneLine() throws Exception {
        try (Netns ns = Netns.create();
                ExampleProcess listener =
                        ExampleProcess.start(UsersockChat.class, "listen", "--count", "3", "--netns", ns.name())) {
            listener.awaitErr(s -> s.startsWith("usersock-chat: listening"), 30);
            try (ExampleProcess sender = ExampleProcess.start(
                    UsersockChat.class,
                    "send",
                    "--name",
                    "alice",
                    "--repeat",
                    "3",
                    "--netns",
                    ns.name(),
                    "hi",
                    "all")) {
                assertThat(sender.await(30)).isZero();
            }
            assertThat(listener.await(30)).isZero();
            assertThat(listener.out()).containsExactly("[alice #1] hi all", "[alice #2] hi all", "[alice #3] hi all");
        }
    }
}
