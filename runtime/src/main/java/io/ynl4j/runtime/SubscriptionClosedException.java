package io.ynl4j.runtime;

/**
 * The {@link Subscription} was closed: thrown by {@link Subscription#take()} and
 * {@link Subscription#poll} when they are called after {@link Subscription#close()}, or when
 * {@code close()} is called from another thread while they wait. {@link Subscription#stream()}
 * turns it into the end of the stream.
 */
public final class SubscriptionClosedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which subscription
     */
    public SubscriptionClosedException(String message) {
        super(message);
    }
}
