package io.ynl4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A breakdown of where a command's time goes, printed to standard error as
 * {@code ynl4j-timing: PHASE N.N ms} lines when the environment sets {@code YNL4J_TIMING=1}. The
 * first phase, {@code jvm-start}, runs from the process's start (as the kernel records it) to the
 * first mark.
 */
final class Timing {
    private final boolean on;
    private final List<String> lines = new ArrayList<>();
    private long last;

    private Timing(boolean on) {
        this.on = on;
        this.last = System.nanoTime();
        if (on) {
            long startMillis = ProcessHandle.current()
                    .info()
                    .startInstant()
                    .map(i -> i.toEpochMilli())
                    .orElse(0L);
            if (startMillis > 0) {
                double jvm = System.currentTimeMillis() - startMillis;
                lines.add(String.format("ynl4j-timing: %-12s %7.1f ms", "jvm-start", jvm));
            }
            last = System.nanoTime();
        }
    }

    /**
     * Starts timing if {@code YNL4J_TIMING=1}.
     *
     * @return the timer (inert when off)
     */
    static Timing start() {
        return new Timing("1".equals(Environment.get("YNL4J_TIMING")));
    }

    /**
     * Ends a phase.
     *
     * @param phase its name
     */
    void mark(String phase) {
        if (!on) {
            return;
        }
        long now = System.nanoTime();
        lines.add(String.format("ynl4j-timing: %-12s %7.1f ms", phase, (now - last) / 1e6));
        last = now;
    }

    /**
     * Prints the phases.
     *
     * @param err where
     */
    void print(PrintWriter err) {
        if (!on) {
            return;
        }
        for (String l : lines) {
            err.println(l);
        }
        err.flush();
    }
}
