package io.ynl4j.runtime.genl;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.FamilyNotFoundException;
import io.ynl4j.runtime.KernelErrorException;
import io.ynl4j.runtime.NetlinkException;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.NetlinkProtocol;
import io.ynl4j.runtime.NetlinkSocket;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Resolves generic netlink families by name through nlctrl ({@code CTRL_CMD_GETFAMILY}) on a
 * {@link NetlinkProtocol#GENERIC} socket, and caches the answers. {@link #of} gives every caller of
 * one socket the same resolver, so a socket asks for each family once however many clients share
 * it.
 *
 * <p>Thread-safe. Requests go over the socket like any other exchange, so they wait for the
 * socket's lock and fail with {@link IllegalStateException} while a dump stream on the same socket
 * is open. Unknown families are not cached (a module may load later). Family ids are assigned when
 * a family registers; if a family's module is unloaded and loaded again, its id may change: call
 * {@link #forget} and resolve again.
 *
 * <p>Family ids are global, but families that do not support network namespaces are only visible
 * in the initial one: in another namespace nlctrl answers as if they did not exist.
 */
public final class GenlResolver {
    private static final int MAX_NAME_BYTES = Nlctrl.GENL_NAMSIZ - 1;

    private final NetlinkSocket socket;
    private final ConcurrentHashMap<String, GenlFamily> cache = new ConcurrentHashMap<>();

    private GenlResolver(NetlinkSocket socket) {
        this.socket = socket;
    }

    /**
     * The resolver of a socket: the same instance, with the same cache, for every call with that
     * socket.
     *
     * @param socket a {@link NetlinkProtocol#GENERIC} socket
     * @return its resolver
     * @throws IllegalArgumentException when the socket is of another protocol
     */
    public static GenlResolver of(NetlinkSocket socket) {
        requireNonNull(socket, "socket");
        if (!socket.protocol().equals(NetlinkProtocol.GENERIC)) {
            throw new IllegalArgumentException("generic netlink families resolve on a " + NetlinkProtocol.GENERIC.name()
                    + " socket, got a " + socket.protocol().name() + " socket");
        }
        return socket.attachment(GenlResolver.class, GenlResolver::new);
    }

    /**
     * The socket the resolver asks through.
     *
     * @return the socket
     */
    public NetlinkSocket socket() {
        return socket;
    }

    /**
     * A family, from the cache or asked for.
     *
     * @param name the family name, e.g. {@code netdev}
     * @return the family
     * @throws FamilyNotFoundException when the kernel does not know it (in this namespace)
     * @throws KernelErrorException when nlctrl refuses otherwise
     */
    public GenlFamily family(String name) {
        return find(name).orElseThrow(() -> new FamilyNotFoundException(name));
    }

    /**
     * A family, from the cache or asked for; empty when the kernel does not know it.
     *
     * @param name the family name, e.g. {@code netdev}
     * @return the family, or empty
     * @throws KernelErrorException when nlctrl refuses for another reason than {@code ENOENT}
     * @throws IllegalArgumentException when the name is empty or contains NUL
     */
    public Optional<GenlFamily> find(String name) {
        requireNonNull(name, "name");
        GenlFamily cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<GenlFamily> asked = ask(name);
        // A concurrent resolution may have won; both answers come from the same kernel.
        asked.ifPresent(f -> cache.putIfAbsent(name, f));
        return asked.map(f -> cache.getOrDefault(name, f));
    }

    /**
     * A family's id, the message type of its requests.
     *
     * @param name the family name
     * @return the id
     * @throws FamilyNotFoundException when the kernel does not know it
     */
    public int familyId(String name) {
        return family(name).id();
    }

    /**
     * The number of a family's multicast group, to join.
     *
     * @param family the family name, e.g. {@code ethtool}
     * @param group the group name, e.g. {@code monitor}
     * @return the group number
     * @throws FamilyNotFoundException when the kernel does not know the family
     * @throws NetlinkException when the family has no such group
     */
    public int mcastGroup(String family, String group) {
        GenlFamily f = family(family);
        OptionalInt id = f.mcastGroup(group);
        if (id.isEmpty()) {
            throw new NetlinkException("generic netlink family '" + family + "' has no multicast group '" + group
                    + "' (its groups: "
                    + (f.mcastGroups().isEmpty()
                            ? "none"
                            : String.join(", ", f.mcastGroups().keySet()))
                    + ")");
        }
        return id.getAsInt();
    }

    /**
     * What the cache holds for a family, without asking the kernel.
     *
     * @param name the family name
     * @return the cached family, or empty
     */
    public Optional<GenlFamily> cached(String name) {
        return Optional.ofNullable(cache.get(requireNonNull(name, "name")));
    }

    /**
     * Drops a family from the cache, so the next resolution asks the kernel again.
     *
     * @param name the family name
     */
    public void forget(String name) {
        cache.remove(requireNonNull(name, "name"));
    }

    /** Empties the cache. */
    public void forgetAll() {
        cache.clear();
    }

    /**
     * Every family the kernel knows (in this namespace): a {@code CTRL_CMD_GETFAMILY} dump. Each
     * answer replaces the cache's entry for its family.
     *
     * @return the families in the kernel's order
     */
    public List<GenlFamily> dumpFamilies() {
        MessageWriter w = new MessageWriter(64);
        int msg = w.beginMessage(Nlctrl.GENL_ID_CTRL, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        w.genlHeader(Nlctrl.CTRL_CMD_GETFAMILY, Nlctrl.VERSION);
        w.endMessage(msg);
        List<GenlFamily> out = new ArrayList<>();
        try (Stream<NetlinkMessage> replies = socket.dump("nlctrl getfamily", w, Netlink.GENL_HDRLEN, Nlctrl.NAMER)) {
            replies.forEach(m -> out.add(GenlFamily.decode(m)));
        }
        for (GenlFamily f : out) {
            cache.put(f.name(), f);
        }
        return List.copyOf(out);
    }

    private Optional<GenlFamily> ask(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a generic netlink family name is non-empty text without NUL, got '"
                    + name.replace("\0", "\\0") + "'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return Optional.empty(); // cannot be registered (GENL_NAMSIZ); nlctrl would say ERANGE
        }
        MessageWriter w = new MessageWriter(64);
        int msg = w.beginMessage(Nlctrl.GENL_ID_CTRL, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        w.genlHeader(Nlctrl.CTRL_CMD_GETFAMILY, Nlctrl.VERSION);
        w.string(Nlctrl.CTRL_ATTR_FAMILY_NAME, name);
        w.endMessage(msg);
        List<NetlinkMessage> replies;
        try {
            replies = socket.request("nlctrl getfamily", w, Netlink.GENL_HDRLEN, Nlctrl.NAMER);
        } catch (KernelErrorException e) {
            if (e.errnoName().equals("ENOENT")) {
                return Optional.empty();
            }
            throw e;
        }
        for (NetlinkMessage m : replies) {
            GenlFamily f = GenlFamily.decode(m);
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        throw new NetlinkException("nlctrl getfamily '" + name + "' was acknowledged without a reply for that family ("
                + replies.size() + " other replies)");
    }

    @Override
    public String toString() {
        return "GenlResolver[" + socket.protocol().name() + " port " + Integer.toUnsignedString(socket.portId())
                + ", cached " + cache.keySet() + "]";
    }
}
