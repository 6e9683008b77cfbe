package io.ynl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.StructWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leak checks, not speed tests: 100,000 requests on one socket ({@code RTM_GETLINK} for
 * {@code lo} with an ACK) leave the process's open file descriptors unchanged and its heap flat;
 * so do a thousand sockets and subscriptions opened and closed.
 */
@Tag("kernel")
class ManyRequestsKernelTest {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;
    private static final int IFINFOMSG = 16;
    private static final int IFLA_IFNAME = 3;
    private static final int LO = 1;
    private static final int WARM_UP = 10_000;
    private static final int TOTAL = 100_000;
    private static final long HEAP_SLACK = 16L * 1024 * 1024;

    @Test
    @Timeout(90)
    void aHundredThousandRequestsLeakNeitherFileDescriptorsNorHeap() {
        try (Netns ns = Netns.create();
                NetlinkSocket socket = NetlinkSocket.open(NetlinkProtocol.ROUTE, ns.options())) {
            MessageWriter w = new MessageWriter();
            int msg = w.beginMessage(RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
            StructWriter h = w.fixedHeader(IFINFOMSG);
            h.u32(4, LO, false); // ifi_index
            w.endMessage(msg);

            long fdsBefore = openFileDescriptors();
            long heapAtWarmUp = 0;
            long fdsAtWarmUp = 0;
            long start = System.nanoTime();
            for (int i = 1; i <= TOTAL; i++) {
                List<NetlinkMessage> replies = socket.request("rt-link getlink", w);
                if (i % 1000 == 1) { // check the answer now and then, cheaply
                    assertThat(replies).hasSize(1);
                    assertThat(replies.get(0).type()).isEqualTo(RTM_NEWLINK);
                    assertThat(ifname(replies.get(0))).isEqualTo("lo");
                }
                if (i == WARM_UP) {
                    heapAtWarmUp = usedHeapAfterGc();
                    fdsAtWarmUp = openFileDescriptors();
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000L;
            long heapAtEnd = usedHeapAfterGc();
            long fdsAtEnd = openFileDescriptors();

            System.out.printf(
                    "ManyRequestsKernelTest: %,d requests in %,d ms; heap after GC %,d → %,d bytes; fds %d/%d/%d%n",
                    TOTAL, millis, heapAtWarmUp, heapAtEnd, fdsBefore, fdsAtWarmUp, fdsAtEnd);
            assertThat(fdsAtEnd)
                    .as("open fds after %,d requests", TOTAL)
                    .isEqualTo(fdsAtWarmUp)
                    .isEqualTo(fdsBefore);
            assertThat(heapAtEnd - heapAtWarmUp)
                    .as("heap growth between request %,d and %,d", WARM_UP, TOTAL)
                    .isLessThan(HEAP_SLACK);
        }
    }

    @Test
    @Timeout(60)
    void openingAndClosingSocketsAndSubscriptionsLeavesNoFileDescriptors() {
        try (Netns ns = Netns.create()) {
            long before = openFileDescriptors();
            for (int i = 0; i < 500; i++) {
                NetlinkSocket.open(NetlinkProtocol.GENERIC, ns.options()).close();
                Subscription.open(NetlinkProtocol.ROUTE, ns.options(), 5).close();
            }
            assertThat(openFileDescriptors()).isEqualTo(before);
        }
    }

    private static String ifname(NetlinkMessage m) {
        AttrReader r = m.attributes(IFINFOMSG);
        while (r.next()) {
            if (r.type() == IFLA_IFNAME) {
                return r.string();
            }
        }
        return "";
    }

    /**
     * The process's open file descriptors ({@code /proc/self/fd}), pipes excepted: the JDK closes
     * the pipes of a finished child process (the test's {@code ip} commands) asynchronously, in its
     * process-reaper thread, so their number drifts for a moment after {@code waitFor} returns.
     * Sockets, eventfds and files are counted.
     */
    private static long openFileDescriptors() {
        List<Path> fds;
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            fds = list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long count = 0;
        for (Path fd : fds) {
            try {
                if (!Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
                    count++;
                }
            } catch (IOException e) {
                // Closed meanwhile (e.g. the listing's own descriptor): not open.
            }
        }
        return count;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
