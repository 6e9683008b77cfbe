package io.ynl4j.runtime;

import static java.util.Objects.requireNonNull;

/**
 * A generic netlink family is not known to this kernel (or not visible in the socket's network
 * namespace): nlctrl answered {@code CTRL_CMD_GETFAMILY} with {@code ENOENT}. The family's module
 * may not be loaded, or the kernel may be too old for it.
 */
public final class FamilyNotFoundException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final String family;

    /**
     * Creates the exception.
     *
     * @param family the family name that was asked for, e.g. {@code netdev}
     */
    public FamilyNotFoundException(String family) {
        super(describe(family));
        this.family = family;
    }

    /**
     * Creates the exception with the kernel's answer as its cause.
     *
     * @param family the family name that was asked for
     * @param cause the kernel's error
     */
    public FamilyNotFoundException(String family, Throwable cause) {
        super(describe(family), cause);
        this.family = family;
    }

    private static String describe(String family) {
        return "generic netlink family '" + requireNonNull(family, "family")
                + "' is not known to this kernel (nlctrl getfamily: ENOENT); is its module loaded?";
    }

    /**
     * The family name that was asked for.
     *
     * @return e.g. {@code netdev}
     */
    public String family() {
        return family;
    }
}
