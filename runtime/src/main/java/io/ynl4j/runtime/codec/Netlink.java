package io.ynl4j.runtime.codec;

/** Netlink wire constants (from {@code linux/netlink.h} and {@code linux/genetlink.h}). */
public final class Netlink {
    private Netlink() {}

    /** Size of {@code struct nlmsghdr}. */
    public static final int NLMSG_HDRLEN = 16;
    /** Size of {@code struct nlattr}. */
    public static final int NLA_HDRLEN = 4;
    /** Size of {@code struct genlmsghdr}. */
    public static final int GENL_HDRLEN = 4;

    /** {@code NLMSG_NOOP}. */
    public static final int NLMSG_NOOP = 1;
    /** {@code NLMSG_ERROR}. */
    public static final int NLMSG_ERROR = 2;
    /** {@code NLMSG_DONE}. */
    public static final int NLMSG_DONE = 3;
    /** {@code NLMSG_OVERRUN}. */
    public static final int NLMSG_OVERRUN = 4;
    /** The first type available to families. */
    public static final int NLMSG_MIN_TYPE = 0x10;

    /** {@code NLM_F_REQUEST}. */
    public static final int NLM_F_REQUEST = 0x1;
    /** {@code NLM_F_MULTI}. */
    public static final int NLM_F_MULTI = 0x2;
    /** {@code NLM_F_ACK}. */
    public static final int NLM_F_ACK = 0x4;
    /** {@code NLM_F_ECHO}. */
    public static final int NLM_F_ECHO = 0x8;
    /** {@code NLM_F_DUMP_INTR}. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    /** {@code NLM_F_DUMP_FILTERED}. */
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    /** {@code NLM_F_ROOT}. */
    public static final int NLM_F_ROOT = 0x100;
    /** {@code NLM_F_MATCH}. */
    public static final int NLM_F_MATCH = 0x200;
    /** {@code NLM_F_ATOMIC}. */
    public static final int NLM_F_ATOMIC = 0x400;
    /** {@code NLM_F_DUMP}. */
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    /** {@code NLM_F_REPLACE}. */
    public static final int NLM_F_REPLACE = 0x100;
    /** {@code NLM_F_EXCL}. */
    public static final int NLM_F_EXCL = 0x200;
    /** {@code NLM_F_CREATE}. */
    public static final int NLM_F_CREATE = 0x400;
    /** {@code NLM_F_APPEND}. */
    public static final int NLM_F_APPEND = 0x800;
    /** {@code NLM_F_CAPPED} (on an ACK: the request was not echoed back). */
    public static final int NLM_F_CAPPED = 0x100;
    /** {@code NLM_F_ACK_TLVS} (on an ACK: extended-ACK attributes follow). */
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** {@code NLA_F_NESTED}. */
    public static final int NLA_F_NESTED = 0x8000;
    /** {@code NLA_F_NET_BYTEORDER}. */
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    /** {@code NLA_TYPE_MASK}. */
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /** {@code NLMSGERR_ATTR_MSG}. */
    public static final int NLMSGERR_ATTR_MSG = 1;
    /** {@code NLMSGERR_ATTR_OFFS}. */
    public static final int NLMSGERR_ATTR_OFFS = 2;
    /** {@code NLMSGERR_ATTR_COOKIE}. */
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    /** {@code NLMSGERR_ATTR_POLICY}. */
    public static final int NLMSGERR_ATTR_POLICY = 4;
    /** {@code NLMSGERR_ATTR_MISS_TYPE}. */
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    /** {@code NLMSGERR_ATTR_MISS_NEST}. */
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;

    /**
     * Rounds up to netlink's 4-byte alignment ({@code NLMSG_ALIGN}, {@code NLA_ALIGN}).
     *
     * @param n a length
     * @return the aligned length
     */
    public static int align(int n) {
        return (n + 3) & ~3;
    }
}
