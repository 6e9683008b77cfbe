package io.ynl4j.runtime;

import java.util.Optional;

/**
 * What a {@link NetlinkSocket} sends and receives through: the kernel (the FFM implementation
 * behind {@link NetlinkSocket#open}) or, in tests, a scripted fake
 * ({@code io.ynl4j.runtime.testing.FakeKernel}). Datagrams are whole: one call, one datagram.
 */
public interface NetlinkTransport extends AutoCloseable {
    /**
     * The port id of this end.
     *
     * @return the port id
     */
    int portId();

    /**
     * Sends one datagram.
     *
     * @param data the bytes (messages with sequence and port id already stamped)
     * @param length how many bytes of {@code data}
     * @param destinationPort the destination port (0: the kernel)
     * @param groups the destination group mask, 0 for none
     */
    void send(byte[] data, int length, int destinationPort, int groups);

    /**
     * Receives one datagram, whole (a transport must never truncate silently).
     *
     * @param timeoutMillis how long to wait; -1 waits until a datagram arrives or {@link #wakeUp}
     * @return the datagram, or empty on time-out or wake-up
     * @throws NotificationsLostException when the kernel dropped messages for this end (ENOBUFS)
     */
    Optional<Datagram> receive(int timeoutMillis);

    /**
     * Sets an integer socket option.
     *
     * @param level e.g. {@code SOL_NETLINK} (270)
     * @param option the option number
     * @param value the value
     * @param name the option's name, for errors
     */
    void setOption(int level, int option, int value, String name);

    /**
     * Reads a socket option.
     *
     * @param level the level
     * @param option the option number
     * @param maxLength the buffer size
     * @param name the option's name, for errors
     * @return the value's bytes
     */
    byte[] getOption(int level, int option, int maxLength, String name);

    /** Makes a {@link #receive} blocked in another thread return empty. */
    void wakeUp();

    /** Releases the transport. */
    @Override
    void close();

    /**
     * A received datagram.
     *
     * @param data its bytes
     * @param senderPort the sender's port id (0: the kernel)
     * @param groups the group mask it was multicast to ({@code nl_groups} of the source address:
     *     {@code 1 << (group - 1)}), 0 for a unicast; a multicast is never a reply
     */
    record Datagram(byte[] data, int senderPort, int groups) {
        /**
         * A unicast datagram.
         *
         * @param data its bytes
         * @param senderPort the sender's port id (0: the kernel)
         */
        public Datagram(byte[] data, int senderPort) {
            this(data, senderPort, 0);
        }
    }
}
