package io.ynl4j.runtime;

import io.ynl4j.runtime.codec.Netlink;

/**
 * What a classic netlink "new" request ({@code RTM_NEWADDR}, {@code RTM_NEWLINK}, …) does when the
 * object exists or not: the {@code NLM_F_CREATE}, {@code NLM_F_EXCL}, {@code NLM_F_REPLACE} and
 * {@code NLM_F_APPEND} request flags, on top of {@code NLM_F_REQUEST | NLM_F_ACK}. Generated clients
 * default to {@link #CREATE_EXCL}, as {@code ip … add} does.
 */
public enum CreateMode {
    /** Create; fail with {@code EEXIST} if it exists ({@code ip … add}): flags {@code 0x605}. */
    CREATE_EXCL(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL),
    /** Create or replace ({@code ip … replace}): flags {@code 0x505}. */
    REPLACE(Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE),
    /** Create, adding to existing ones where the object allows it ({@code ip route append}): {@code 0xc05}. */
    APPEND(Netlink.NLM_F_CREATE | Netlink.NLM_F_APPEND),
    /** Change an existing object only ({@code ip … change}): flags {@code 0x005}. */
    NONE(0);

    private final int bits;

    CreateMode(int bits) {
        this.bits = bits;
    }

    /**
     * The flags this mode adds to {@code NLM_F_REQUEST | NLM_F_ACK}.
     *
     * @return e.g. {@code NLM_F_CREATE | NLM_F_EXCL}
     */
    public int bits() {
        return bits;
    }

    /**
     * The complete request flags: {@code NLM_F_REQUEST | NLM_F_ACK} plus {@link #bits()}.
     *
     * @return e.g. {@code 0x605} for {@link #CREATE_EXCL}
     */
    public int requestFlags() {
        return Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | bits;
    }
}
