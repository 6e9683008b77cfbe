package io.ynl4j.runtime;

import io.ynl4j.runtime.internal.ffm.Errno;

/** A system call on a netlink socket failed ({@code socket}, {@code bind}, {@code sendto}, …). */
public final class NetlinkSyscallException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param syscall the call, e.g. {@code setsockopt(NETLINK_EXT_ACK)}
     * @param errno the errno it set
     */
    public NetlinkSyscallException(String syscall, int errno) {
        super(syscall + " failed: " + Errno.name(errno) + " (" + Errno.text(errno) + ")");
        this.syscall = syscall;
        this.errno = errno;
    }

    /**
     * The call that failed.
     *
     * @return e.g. {@code bind}
     */
    public String syscall() {
        return syscall;
    }

    /**
     * The errno.
     *
     * @return e.g. 1 for EPERM
     */
    public int errno() {
        return errno;
    }

    /**
     * The errno's name.
     *
     * @return e.g. {@code EPERM}
     */
    public String errnoName() {
        return Errno.name(errno);
    }
}
