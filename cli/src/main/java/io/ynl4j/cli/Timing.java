package io.ynl4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A breakdown of where a command's time goes, printed to standard error as
 * {@code ynl4j-timing: PHASE N.N ms} lines when the environment sets {@code YNL4J_TIMING=1}. The
 * first phase, {@code jvm-start}, runs from the launcher's time stamp ({@code YNL4J_LAUNCH_NS}, set
 * by {@code bin/ynl4j}) to {@link Main#main}; {@code cli-setup} from there to the subcommand (the
 * command line parsed by picocli).
 */
final class Timing {
    private final boolean on;
    // Phases and their nanoseconds; formatted only when printed (formatting is slow on a cold JVM
    // and would be counted in the next phase).
    private final List<String> phases = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();
    private long last;

    /** When {@link Main#main} began ({@link System#nanoTime()}), 0 when run in-process. */
    static volatile long mainEntry;

    /** The same instant in epoch nanoseconds, to compare with the launcher's time stamp. */
    static volatile long mainEntryEpochNanos;

    private Timing(boolean on) {
        this.on = on;
        this.last = System.nanoTime();
        if (on && mainEntry != 0) {
            // bin/ynl4j exports YNL4J_LAUNCH_NS (date +%s%N) just before it starts the JVM.
            String launch = Environment.get("YNL4J_LAUNCH_NS");
            if (launch != null && launch.matches("[0-9]+")) {
                phases.add("jvm-start");
                nanos.add(mainEntryEpochNanos - Long.parseLong(launch));
            }
            phases.add("cli-setup");
            nanos.add(last - mainEntry);
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
        phases.add(phase);
        nanos.add(now - last);
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
        for (int i = 0; i < phases.size(); i++) {
            err.println(String.format("ynl4j-timing: %-12s %7.1f ms", phases.get(i), nanos.get(i) / 1e6));
        }
        err.flush();
    }
}
