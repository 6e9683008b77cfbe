package io.ynl4j.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.spi.ToolProvider;

/**
 * {@code ynl4j} as a {@link ToolProvider}, for running it in-process:
 *
 * <pre>{@code
 * ToolProvider ynl4j = ToolProvider.findFirst("ynl4j").orElseThrow();
 * int exit = ynl4j.run(System.out, System.err, "check", "rt-addr.yaml");
 * }</pre>
 *
 * <p>It never exits the JVM; the return value is the exit code the command would have had (see
 * {@link ExitCodes}).
 */
public final class Ynl4jToolProvider implements ToolProvider {
    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public Ynl4jToolProvider() {}

    @Override
    public String name() {
        return "ynl4j";
    }

    @Override
    public Optional<String> description() {
        return Optional.of("Generate Java from netlink YAML specs, check them and print their linked model.");
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return Main.run(args, out, err);
    }
}
