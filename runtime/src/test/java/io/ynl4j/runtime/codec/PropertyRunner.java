package io.ynl4j.runtime.codec;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small runner for property tests: runs a check a number of times, each try with its own
 * {@link SplittableRandom} split from one base seed, and on failure names the property, the try
 * and the seed that reproduces the whole run ({@code -Dynl4j.property.seed=…}).
 *
 * <p>The runtime's property tests use this instead of jqwik: jqwik 1.10 comes with an "Anti-AI
 * Usage Clause" asking that it not be used by AI coding agents, which write part of this project.
 */
public final class PropertyRunner {
    /** Fixes the base seed, e.g. to rerun a failure: {@code -Dynl4j.property.seed=0x5eed}. */
    public static final String SEED_PROPERTY = "ynl4j.property.seed";

    private PropertyRunner() {}

    /** One try of a property. */
    @FunctionalInterface
    public interface Try {
        /**
         * Checks the property for one random input.
         *
         * @param random the try's source of randomness
         * @throws Exception when the property does not hold
         */
        void run(SplittableRandom random) throws Exception;
    }

    /**
     * Runs {@code tries} tries; throws on the first that fails.
     *
     * @param name the property, for messages
     * @param tries how many tries
     * @param check the property
     * @return the number of tries run (all of them)
     */
    public static int check(String name, int tries, Try check) {
        String fixed = System.getProperty(SEED_PROPERTY, "");
        long seed = fixed.isBlank()
                ? ThreadLocalRandom.current().nextLong()
                : Long.parseUnsignedLong(fixed.replaceFirst("^0[xX]", ""), 16);
        long started = System.nanoTime();
        // On a thread of its own: the expected exceptions of a try then fill in a short stack trace
        // rather than JUnit's and Surefire's ~80 frames, which makes the tries several times faster.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("property " + name).start(() -> {
            SplittableRandom base = new SplittableRandom(seed);
            for (int i = 0; i < tries; i++) {
                SplittableRandom random = base.split();
                try {
                    check.run(random);
                } catch (Throwable t) {
                    failure.set(new AssertionError(
                            "property '" + name + "' failed at try " + (i + 1) + " of " + tries + "; rerun with -D"
                                    + SEED_PROPERTY + "=0x" + Long.toHexString(seed) + ": " + t,
                            t));
                    return;
                }
            }
        });
        try {
            runner.join();
        } catch (InterruptedException e) {
            runner.interrupt();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking property '" + name + "'", e);
        }
        if (failure.get() != null) {
            throw (AssertionError) failure.get();
        }
        System.out.printf(
                "property '%s': %d tries passed in %d ms (seed 0x%s)%n",
                name, tries, (System.nanoTime() - started) / 1_000_000, Long.toHexString(seed));
        return tries;
    }
}
