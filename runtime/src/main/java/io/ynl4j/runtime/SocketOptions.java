package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a {@link NetlinkSocket} is set up.
 *
 * @param extendedAck {@code NETLINK_EXT_ACK}: the kernel explains errors (default on)
 * @param capAck {@code NETLINK_CAP_ACK}: errors do not echo the whole request (default on)
 * @param strictCheck {@code NETLINK_GET_STRICT_CHK}: strict checking of dump requests; when asked
 *     for and the kernel refuses, opening fails (default off)
 * @param noEnobufs {@code NETLINK_NO_ENOBUFS}: do not report dropped notifications (default off)
 * @param receiveBufferSize {@code SO_RCVBUF} (or {@code SO_RCVBUFFORCE} as root) in bytes, if set
 * @param networkNamespace a namespace file (e.g. {@code /run/netns/NAME}) to open the socket in;
 *     the socket stays bound to it and may be used from any thread
 */
public record SocketOptions(
        boolean extendedAck,
        boolean capAck,
        boolean strictCheck,
        boolean noEnobufs,
        OptionalInt receiveBufferSize,
        Optional<Path> networkNamespace) {
    /** The defaults: extended ACK and capped ACK on, everything else off. */
    public static final SocketOptions DEFAULTS =
            new SocketOptions(true, true, false, false, OptionalInt.empty(), Optional.empty());

    public SocketOptions {
        requireNonNull(receiveBufferSize, "receiveBufferSize");
        requireNonNull(networkNamespace, "networkNamespace");
    }

    /**
     * The defaults with a receive buffer size.
     *
     * @param bytes the size
     * @return new options
     */
    public SocketOptions withReceiveBufferSize(int bytes) {
        return new SocketOptions(extendedAck, capAck, strictCheck, noEnobufs, OptionalInt.of(bytes), networkNamespace);
    }

    /**
     * These options, in a network namespace.
     *
     * @param namespaceFile e.g. {@code /run/netns/test}
     * @return new options
     */
    public SocketOptions withNetworkNamespace(Path namespaceFile) {
        return new SocketOptions(
                extendedAck, capAck, strictCheck, noEnobufs, receiveBufferSize, Optional.of(namespaceFile));
    }

    /**
     * These options, in the network namespace an open file descriptor refers to (from
     * {@code open("/proc/PID/ns/net")}, {@code pidfd}, or a namespace file): the socket is created
     * through {@code /proc/self/fd/FD}, which names the same namespace. The caller keeps owning
     * the descriptor; it must stay open until the socket is open.
     *
     * @param fd a network-namespace file descriptor of this process
     * @return new options
     */
    public SocketOptions withNetworkNamespaceFd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("file descriptors are not negative, got " + fd);
        }
        return withNetworkNamespace(Path.of("/proc/self/fd/" + fd));
    }

    /**
     * These options, in the namespace {@code ip netns} calls {@code name}.
     *
     * @param name the name under {@code /run/netns}
     * @return new options
     */
    public SocketOptions withNamedNetworkNamespace(String name) {
        return withNetworkNamespace(Path.of("/run/netns", name));
    }

    /**
     * These options with strict checking on or off.
     *
     * @param on whether to ask for it
     * @return new options
     */
    public SocketOptions withStrictCheck(boolean on) {
        return new SocketOptions(extendedAck, capAck, on, noEnobufs, receiveBufferSize, networkNamespace);
    }

    /**
     * These options with extended ACK on or off.
     *
     * @param on whether to ask for it
     * @return new options
     */
    public SocketOptions withExtendedAck(boolean on) {
        return new SocketOptions(on, capAck, strictCheck, noEnobufs, receiveBufferSize, networkNamespace);
    }
}
