package io.ynl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The wake-up of a blocked receive on a real netlink socket (no root needed: a NETLINK_USERSOCK
 * socket that nobody sends to). The eventfd is made by the first poll, so a wake-up can come before
 * it exists, while a receive polls, or after the socket was closed.
 */
class FfmTransportWakeUpTest {
    private static final int LONG_WAIT_MS = 30_000;

    @Test
    void aWakeUpBeforeAnyPollEndsTheNextReceiveAtOnce() {
        try (FfmTransport t = FfmTransport.open(NetlinkProtocol.USERSOCK, Optional.empty())) {
            t.wakeUp(); // no eventfd yet
            long start = System.nanoTime();
            assertThat(t.receive(LONG_WAIT_MS)).isEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(LONG_WAIT_MS / 2);
            // consumed: the next receive waits for its time-out again
            start = System.nanoTime();
            assertThat(t.receive(200)).isEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
        }
    }

    @Test
    void aWakeUpFromAnotherThreadEndsABlockedReceive() throws Exception {
        try (FfmTransport t = FfmTransport.open(NetlinkProtocol.USERSOCK, Optional.empty())) {
            assertThat(t.receive(0)).isEmpty(); // the first poll makes the eventfd
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                CompletableFuture<Optional<NetlinkTransport.Datagram>> blocked =
                        CompletableFuture.supplyAsync(() -> t.receive(LONG_WAIT_MS));
                Thread.sleep(100);
                t.wakeUp();
                assertThat(blocked.get(LONG_WAIT_MS / 2, TimeUnit.MILLISECONDS)).isEmpty();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .isLessThan(LONG_WAIT_MS / 2);
            }
        }
    }

    @Test
    void aClosedTransportRefusesToWaitAndIgnoresWakeUps() {
        FfmTransport t = FfmTransport.open(NetlinkProtocol.USERSOCK, Optional.empty());
        t.close();
        t.wakeUp(); // nothing to wake, no error
        assertThatThrownBy(() -> t.receive(LONG_WAIT_MS)).isInstanceOf(IllegalStateException.class);
        t.close(); // twice is fine
    }
}
