package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A {@link Subscription} whose messages are decoded into a family's notification type, e.g. the
 * sealed {@code RtAddrNotification} of generated code, so a {@code switch} over them is exhaustive.
 * Generated family facades return one from {@code subscribe}. Closing it closes the subscription.
 *
 * @param <N> the notification type
 */
public final class NotificationSubscription<N> implements AutoCloseable {
    private final Subscription subscription;
    private final Function<? super NetlinkMessage, ? extends N> decoder;

    /**
     * Wraps a subscription.
     *
     * @param subscription the subscription, now owned by the result
     * @param decoder decodes one message; messages it does not know should decode to a catch-all
     */
    public NotificationSubscription(Subscription subscription, Function<? super NetlinkMessage, ? extends N> decoder) {
        this.subscription = requireNonNull(subscription, "subscription");
        this.decoder = requireNonNull(decoder, "decoder");
    }

    /**
     * The raw subscription, e.g. to join or leave groups.
     *
     * @return the subscription
     */
    public Subscription subscription() {
        return subscription;
    }

    /**
     * Waits until a notification arrives. See {@link Subscription#take()}.
     *
     * @return the notification
     * @throws SubscriptionClosedException when the subscription is or gets closed
     * @throws NotificationsLostException when notifications were lost
     * @throws MalformedMessageException when a message does not decode
     */
    public N take() {
        return decoder.apply(subscription.take());
    }

    /**
     * Waits for the next notification. See {@link Subscription#poll}.
     *
     * @param timeout how long to wait at most
     * @return the notification, or empty when none arrived in time
     */
    public Optional<N> poll(Duration timeout) {
        return subscription.poll(timeout).map(decoder);
    }

    /**
     * The notifications as they arrive, until the subscription is closed. See
     * {@link Subscription#stream()}.
     *
     * @return the stream
     */
    public Stream<N> stream() {
        return subscription.stream().map(decoder);
    }

    /** Closes the subscription; safe from any thread. */
    @Override
    public void close() {
        subscription.close();
    }

    @Override
    public String toString() {
        return "NotificationSubscription[" + subscription + "]";
    }
}
