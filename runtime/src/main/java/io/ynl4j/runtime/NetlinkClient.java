package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.genl.GenlResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The generic layer under generated clients: runs {@link OperationDescriptor operations} of one
 * family over a {@link NetlinkSocket}. It writes the {@code nlmsghdr} (type: the request id for
 * classic families, the family id for generic ones, resolved through nlctrl once and cached), lets a
 * payload writer add the rest (for generic families starting with {@code genlmsghdr}), and decodes
 * each reply with a decoder, so hand-written code can use it as generated code does:
 *
 * <pre>{@code
 * NetlinkClient client = NetlinkClient.of(socket, family);
 * List<Foo> foos = client.dumpList(op, out -> out.fixedHeader(8).u8(0, 2), Foo::decode);
 * }</pre>
 *
 * <p>Thread-safe as far as the socket is: exchanges on one socket are serialised.
 */
public final class NetlinkClient implements AutoCloseable {
    private final NetlinkSocket socket;
    private final FamilyDescriptor family;
    private final boolean ownsSocket;
    private volatile int familyId = -1;

    private NetlinkClient(NetlinkSocket socket, FamilyDescriptor family, boolean ownsSocket) {
        this.socket = requireNonNull(socket, "socket");
        this.family = requireNonNull(family, "family");
        this.ownsSocket = ownsSocket;
        if (!socket.protocol().equals(family.protocol())) {
            throw new IllegalArgumentException("family " + family.name() + " is spoken on a "
                    + family.protocol().name() + " socket, got a "
                    + socket.protocol().name() + " socket");
        }
    }

    /**
     * A client over a socket the caller owns (and closes); {@link #close()} leaves it open. Several
     * clients may share a socket.
     *
     * @param socket a socket of the family's protocol
     * @param family the family
     * @return the client
     * @throws IllegalArgumentException when the socket is of another protocol
     */
    public static NetlinkClient of(NetlinkSocket socket, FamilyDescriptor family) {
        return new NetlinkClient(socket, family, false);
    }

    /**
     * A client owning a new socket, which {@link #close()} closes.
     *
     * @param family the family
     * @param options the socket's options
     * @return the client
     */
    public static NetlinkClient open(FamilyDescriptor family, SocketOptions options) {
        NetlinkSocket socket = NetlinkSocket.open(family.protocol(), options);
        try {
            return new NetlinkClient(socket, family, true);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The socket.
     *
     * @return the socket
     */
    public NetlinkSocket socket() {
        return socket;
    }

    /**
     * The family.
     *
     * @return the descriptor
     */
    public FamilyDescriptor family() {
        return family;
    }

    /**
     * The generic netlink family id, resolved through nlctrl on first use and cached.
     *
     * @return the id
     * @throws IllegalStateException for a classic family
     * @throws FamilyNotFoundException when the kernel does not know the family
     */
    public int familyId() {
        if (!family.generic()) {
            throw new IllegalStateException(family.name() + " is not a generic netlink family");
        }
        int id = familyId;
        if (id < 0) {
            id = GenlResolver.of(socket).familyId(family.name());
            familyId = id;
        }
        return id;
    }

    /**
     * Writes one request message: the {@code nlmsghdr}, then the payload.
     *
     * @param requestId the request's message type (classic) or command (generic; the payload
     *     writes it in {@code genlmsghdr})
     * @param flags the request flags
     * @param payload writes what follows the {@code nlmsghdr}
     * @return the writer holding the message
     */
    public MessageWriter message(int requestId, int flags, Consumer<? super MessageWriter> payload) {
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(family.generic() ? familyId() : requestId, flags);
        payload.accept(w);
        w.endMessage(msg);
        return w;
    }

    /**
     * Runs a {@code do} request with given flags and decodes its replies (until the ACK).
     *
     * @param <R> the reply type
     * @param op the operation
     * @param flags the request flags (include {@code NLM_F_ACK})
     * @param payload writes what follows the {@code nlmsghdr}
     * @param decoder decodes one reply
     * @return the replies, possibly none
     * @throws KernelErrorException when the kernel answers with an error
     */
    public <R> List<R> execute(
            OperationDescriptor op,
            int flags,
            Consumer<? super MessageWriter> payload,
            Function<? super NetlinkMessage, ? extends R> decoder) {
        OperationDescriptor.Mode mode = op.requireDo();
        List<NetlinkMessage> replies = socket.request(
                op.displayName(), message(mode.requestId(), flags, payload), op.headerBytes(), op.attrNamer());
        List<R> out = new ArrayList<>(replies.size());
        for (NetlinkMessage m : replies) {
            out.add(decoder.apply(m));
        }
        return List.copyOf(out);
    }

    /**
     * Runs a {@code do} request with the mode's default flags.
     *
     * @param <R> the reply type
     * @param op the operation
     * @param payload writes what follows the {@code nlmsghdr}
     * @param decoder decodes one reply
     * @return the replies, possibly none
     */
    public <R> List<R> execute(
            OperationDescriptor op,
            Consumer<? super MessageWriter> payload,
            Function<? super NetlinkMessage, ? extends R> decoder) {
        return execute(op, op.requireDo().flags(), payload, decoder);
    }

    /**
     * Runs a {@code do} request that is answered by one reply and decodes it (if the kernel sends
     * more, the first counts).
     *
     * @param <R> the reply type
     * @param op the operation
     * @param flags the request flags
     * @param payload writes what follows the {@code nlmsghdr}
     * @param decoder decodes the reply
     * @return the reply
     * @throws MalformedMessageException when the kernel acknowledged without replying
     */
    public <R> R executeOne(
            OperationDescriptor op,
            int flags,
            Consumer<? super MessageWriter> payload,
            Function<? super NetlinkMessage, ? extends R> decoder) {
        List<R> replies = execute(op, flags, payload, decoder);
        if (replies.isEmpty()) {
            throw new MalformedMessageException(0, "", op.displayName() + " expects a reply, got only an ACK");
        }
        return replies.get(0);
    }

    /**
     * Runs a {@code do} request that is only acknowledged; replies, if any, are ignored.
     *
     * @param op the operation
     * @param flags the request flags (include {@code NLM_F_ACK})
     * @param payload writes what follows the {@code nlmsghdr}
     * @throws KernelErrorException when the kernel answers with an error
     */
    public void executeAck(OperationDescriptor op, int flags, Consumer<? super MessageWriter> payload) {
        OperationDescriptor.Mode mode = op.requireDo();
        socket.request(op.displayName(), message(mode.requestId(), flags, payload), op.headerBytes(), op.attrNamer());
    }

    /**
     * Starts a dump: a lazy stream of decoded replies, which must be closed (try-with-resources);
     * closing early drains the rest. See {@link NetlinkSocket#dump}.
     *
     * @param <R> the reply type
     * @param op the operation
     * @param payload writes what follows the {@code nlmsghdr}
     * @param decoder decodes one reply
     * @return the replies
     */
    public <R> Stream<R> dump(
            OperationDescriptor op,
            Consumer<? super MessageWriter> payload,
            Function<? super NetlinkMessage, ? extends R> decoder) {
        OperationDescriptor.Mode mode = op.requireDump();
        Stream<NetlinkMessage> replies = socket.dump(
                op.displayName(), message(mode.requestId(), mode.flags(), payload), op.headerBytes(), op.attrNamer());
        return replies.map(decoder);
    }

    /**
     * Runs a dump to its end and decodes every reply.
     *
     * @param <R> the reply type
     * @param op the operation
     * @param payload writes what follows the {@code nlmsghdr}
     * @param decoder decodes one reply
     * @return the replies
     * @throws DumpInterruptedException when the kernel flagged the dump inconsistent
     */
    public <R> List<R> dumpList(
            OperationDescriptor op,
            Consumer<? super MessageWriter> payload,
            Function<? super NetlinkMessage, ? extends R> decoder) {
        OperationDescriptor.Mode mode = op.requireDump();
        List<NetlinkMessage> replies = socket.dumpList(
                op.displayName(), message(mode.requestId(), mode.flags(), payload), op.headerBytes(), op.attrNamer());
        List<R> out = new ArrayList<>(replies.size());
        for (NetlinkMessage m : replies) {
            out.add(decoder.apply(m));
        }
        return List.copyOf(out);
    }

    /** Closes the socket if this client opened it ({@link #open}); otherwise does nothing. */
    @Override
    public void close() {
        if (ownsSocket) {
            socket.close();
        }
    }

    @Override
    public String toString() {
        return "NetlinkClient[" + family.name() + " on " + socket.protocol().name() + "]";
    }
}
