package io.ynl4j.runtime;

import java.util.List;

/**
 * A dump saw {@code NLM_F_DUMP_INTR}: the kernel's table changed while it was being dumped, so the
 * result may be inconsistent. Keeps what was received; the usual cure is to dump again.
 */
public final class DumpInterruptedException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final transient List<?> received;

    /**
     * Creates the exception.
     *
     * @param operation the dump, e.g. {@code rt-addr getaddr}
     * @param count how many replies the dump delivered
     * @param received what the dump returned, when collected (empty for a streamed dump, whose
     *     replies went to the consumer)
     */
    public DumpInterruptedException(String operation, int count, List<?> received) {
        super(operation + " dump was interrupted by a change (NLM_F_DUMP_INTR); the " + count
                + " replies delivered may be inconsistent; dump again");
        this.received = List.copyOf(received);
    }

    /**
     * What the dump returned, when it was collected into a list.
     *
     * @return the messages or decoded replies; empty for a streamed dump
     */
    public List<?> received() {
        return received;
    }
}
