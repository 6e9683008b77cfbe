package io.ynl4j.runtime.genl;

import io.ynl4j.runtime.AttrNamer;

/**
 * Wire constants of nlctrl, the generic netlink controller ({@code linux/genetlink.h}), and of the
 * operation flags it reports.
 */
public final class Nlctrl {
    private Nlctrl() {}

    /** {@code GENL_ID_CTRL}: nlctrl's fixed family id (its message type). */
    public static final int GENL_ID_CTRL = 0x10;
    /** The nlctrl version requests carry. */
    public static final int VERSION = 2;
    /** {@code GENL_NAMSIZ}: family and group names are at most 15 bytes plus NUL. */
    public static final int GENL_NAMSIZ = 16;

    /** {@code CTRL_CMD_NEWFAMILY}: the command of replies and of family-added notifications. */
    public static final int CTRL_CMD_NEWFAMILY = 1;
    /** {@code CTRL_CMD_DELFAMILY}: a family was unregistered (notification). */
    public static final int CTRL_CMD_DELFAMILY = 2;
    /** {@code CTRL_CMD_GETFAMILY}: ask for one family (by name or id) or dump all. */
    public static final int CTRL_CMD_GETFAMILY = 3;
    /** {@code CTRL_CMD_NEWMCAST_GRP}: a multicast group was added (notification). */
    public static final int CTRL_CMD_NEWMCAST_GRP = 7;
    /** {@code CTRL_CMD_DELMCAST_GRP}: a multicast group was removed (notification). */
    public static final int CTRL_CMD_DELMCAST_GRP = 8;

    /** {@code CTRL_ATTR_FAMILY_ID}: u16. */
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    /** {@code CTRL_ATTR_FAMILY_NAME}: NUL-terminated string. */
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    /** {@code CTRL_ATTR_VERSION}: u32. */
    public static final int CTRL_ATTR_VERSION = 3;
    /** {@code CTRL_ATTR_HDRSIZE}: u32, the family's fixed header size after the genetlink header. */
    public static final int CTRL_ATTR_HDRSIZE = 4;
    /** {@code CTRL_ATTR_MAXATTR}: u32. */
    public static final int CTRL_ATTR_MAXATTR = 5;
    /** {@code CTRL_ATTR_OPS}: nest of nests of {@code CTRL_ATTR_OP_*}. */
    public static final int CTRL_ATTR_OPS = 6;
    /** {@code CTRL_ATTR_MCAST_GROUPS}: nest of nests of {@code CTRL_ATTR_MCAST_GRP_*}. */
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;

    /** {@code CTRL_ATTR_OP_ID}: u32, the command. */
    public static final int CTRL_ATTR_OP_ID = 1;
    /** {@code CTRL_ATTR_OP_FLAGS}: u32, {@code GENL_*} flags. */
    public static final int CTRL_ATTR_OP_FLAGS = 2;

    /** {@code CTRL_ATTR_MCAST_GRP_NAME}: string. */
    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    /** {@code CTRL_ATTR_MCAST_GRP_ID}: u32, the group number to join. */
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    /** {@code GENL_ADMIN_PERM}: the operation needs {@code CAP_NET_ADMIN}. */
    public static final int GENL_ADMIN_PERM = 0x01;
    /** {@code GENL_CMD_CAP_DO}: the operation has a do handler. */
    public static final int GENL_CMD_CAP_DO = 0x02;
    /** {@code GENL_CMD_CAP_DUMP}: the operation has a dump handler. */
    public static final int GENL_CMD_CAP_DUMP = 0x04;
    /** {@code GENL_CMD_CAP_HASPOL}: the operation has an attribute policy. */
    public static final int GENL_CMD_CAP_HASPOL = 0x08;
    /** {@code GENL_UNS_ADMIN_PERM}: the operation needs {@code CAP_NET_ADMIN} in the namespace's user namespace. */
    public static final int GENL_UNS_ADMIN_PERM = 0x10;

    private static final String[] CTRL_ATTRS = {
        null, "family-id", "family-name", "version", "hdrsize", "maxattr", "ops", "mcast-groups"
    };

    /** Names nlctrl request attributes in errors, e.g. {@code ctrl-attrs.family-name}. */
    static final AttrNamer NAMER = types -> {
        StringBuilder out = new StringBuilder("ctrl-attrs.");
        for (int i = 0; i < types.length; i++) {
            int t = types[i];
            if (i > 0) {
                out.append('.').append(t);
            } else if (t > 0 && t < CTRL_ATTRS.length) {
                out.append(CTRL_ATTRS[t]);
            } else {
                out.append(t);
            }
        }
        return out.toString();
    };
}
