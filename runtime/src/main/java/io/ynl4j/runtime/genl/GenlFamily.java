package io.ynl4j.runtime.genl;

import static java.util.Objects.requireNonNull;

import io.ynl4j.runtime.MalformedMessageException;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.Netlink;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A generic netlink family as nlctrl describes it ({@code CTRL_CMD_GETFAMILY}). Maps keep the
 * kernel's order and are unmodifiable.
 *
 * @param name the family name, e.g. {@code netdev} ({@code CTRL_ATTR_FAMILY_NAME})
 * @param id the family id, the message type of its requests ({@code CTRL_ATTR_FAMILY_ID}); ids
 *     are assigned when the family registers, so they differ between boots and kernels
 * @param version the family's version ({@code CTRL_ATTR_VERSION}), to put in the genetlink header
 * @param hdrsize the size of the family's fixed header after the genetlink header
 *     ({@code CTRL_ATTR_HDRSIZE}), 0 for most families
 * @param maxattr the highest attribute type of its top-level attribute set
 *     ({@code CTRL_ATTR_MAXATTR})
 * @param ops the operations: command → {@code GENL_*} flags ({@code CTRL_ATTR_OPS}); see the
 *     {@code GENL_CMD_CAP_*} constants in {@link Nlctrl}
 * @param mcastGroups the multicast groups: name → group number to join
 *     ({@code CTRL_ATTR_MCAST_GROUPS})
 */
public record GenlFamily(
        String name,
        int id,
        int version,
        int hdrsize,
        int maxattr,
        Map<Integer, Integer> ops,
        Map<String, Integer> mcastGroups) {

    /**
     * Checks the components and copies the maps, keeping their order.
     *
     * @param name the family name
     * @param id the family id
     * @param version the family's version
     * @param hdrsize the fixed header size
     * @param maxattr the highest attribute type
     * @param ops command → flags
     * @param mcastGroups group name → group number
     */
    public GenlFamily {
        requireNonNull(name, "name");
        ops = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(ops, "ops")));
        mcastGroups = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(mcastGroups, "mcastGroups")));
    }

    /**
     * The number of a multicast group.
     *
     * @param group the group's name, e.g. {@code mgmt}
     * @return the group number, or empty when the family has no such group
     */
    public OptionalInt mcastGroup(String group) {
        Integer id = mcastGroups.get(requireNonNull(group, "group"));
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * Whether the family offers a command.
     *
     * @param cmd the command
     * @return {@code true} when it is among {@link #ops}
     */
    public boolean supports(int cmd) {
        return ops.containsKey(cmd);
    }

    /**
     * Decodes a {@code CTRL_CMD_NEWFAMILY} message, the reply to {@code CTRL_CMD_GETFAMILY}.
     * Attributes nlctrl adds in later kernels are skipped.
     *
     * @param m the message (type {@link Nlctrl#GENL_ID_CTRL})
     * @return the family
     * @throws MalformedMessageException when the message does not decode or lacks the family's
     *     id or name
     */
    public static GenlFamily decode(NetlinkMessage m) {
        if (m.type() != Nlctrl.GENL_ID_CTRL) {
            throw new MalformedMessageException(
                    m.offset(),
                    "",
                    "nlctrl reply has message type " + m.type() + " (expected: " + Nlctrl.GENL_ID_CTRL + ")");
        }
        int cmd = m.genlCommand();
        if (cmd != Nlctrl.CTRL_CMD_NEWFAMILY) {
            throw new MalformedMessageException(
                    m.payloadOffset(),
                    "",
                    "nlctrl reply has command " + cmd + " (expected: CTRL_CMD_NEWFAMILY, " + Nlctrl.CTRL_CMD_NEWFAMILY
                            + ")");
        }
        String name = null;
        int id = -1;
        int version = 0;
        int hdrsize = 0;
        int maxattr = 0;
        Map<Integer, Integer> ops = new LinkedHashMap<>();
        Map<String, Integer> groups = new LinkedHashMap<>();
        AttrReader r = m.attributes(Netlink.GENL_HDRLEN);
        while (r.next()) {
            switch (r.type()) {
                case Nlctrl.CTRL_ATTR_FAMILY_ID -> id = r.u16();
                case Nlctrl.CTRL_ATTR_FAMILY_NAME -> name = r.string();
                case Nlctrl.CTRL_ATTR_VERSION -> version = (int) r.u32();
                case Nlctrl.CTRL_ATTR_HDRSIZE -> hdrsize = (int) r.u32();
                case Nlctrl.CTRL_ATTR_MAXATTR -> maxattr = (int) r.u32();
                case Nlctrl.CTRL_ATTR_OPS -> readOps(r.nested(), ops);
                case Nlctrl.CTRL_ATTR_MCAST_GROUPS -> readGroups(r.nested(), groups);
                default -> {} // CTRL_ATTR_POLICY and later additions
            }
        }
        if (name == null || id < 0) {
            throw new MalformedMessageException(
                    m.payloadOffset(),
                    "",
                    "nlctrl reply lacks " + (name == null ? "CTRL_ATTR_FAMILY_NAME (2)" : "CTRL_ATTR_FAMILY_ID (1)"));
        }
        return new GenlFamily(name, id, version, hdrsize, maxattr, ops, groups);
    }

    /** Reads {@code CTRL_ATTR_OPS}: one nest per operation, typed by index. */
    private static void readOps(AttrReader list, Map<Integer, Integer> out) {
        while (list.next()) {
            AttrReader op = list.nested();
            long cmd = -1;
            int flags = 0;
            while (op.next()) {
                switch (op.type()) {
                    case Nlctrl.CTRL_ATTR_OP_ID -> cmd = op.u32();
                    case Nlctrl.CTRL_ATTR_OP_FLAGS -> flags = (int) op.u32();
                    default -> {}
                }
            }
            if (cmd < 0) {
                throw new MalformedMessageException(
                        list.payloadOffset(), list.path(), "operation lacks CTRL_ATTR_OP_ID (1)");
            }
            out.put((int) cmd, flags);
        }
    }

    /** Reads {@code CTRL_ATTR_MCAST_GROUPS}: one nest per group, typed by index. */
    private static void readGroups(AttrReader list, Map<String, Integer> out) {
        while (list.next()) {
            AttrReader group = list.nested();
            String name = null;
            long id = -1;
            while (group.next()) {
                switch (group.type()) {
                    case Nlctrl.CTRL_ATTR_MCAST_GRP_NAME -> name = group.string();
                    case Nlctrl.CTRL_ATTR_MCAST_GRP_ID -> id = group.u32();
                    default -> {}
                }
            }
            if (name == null || id < 0) {
                throw new MalformedMessageException(
                        list.payloadOffset(),
                        list.path(),
                        "multicast group lacks "
                                + (name == null ? "CTRL_ATTR_MCAST_GRP_NAME (1)" : "CTRL_ATTR_MCAST_GRP_ID (2)"));
            }
            out.put(name, (int) id);
        }
    }
}
