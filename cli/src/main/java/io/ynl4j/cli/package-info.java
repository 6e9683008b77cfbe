/**
 * The {@code ynl4j} command line: {@code generate} for Java sources, {@code check} and {@code
 * model} for specs, {@code families}, {@code list-ops} and {@code doc} to find and read specs by
 * family name (through {@link io.ynl4j.spec.load.SpecCatalog}), built on picocli and also
 * offered in-process as the {@link java.util.spi.ToolProvider} named {@code ynl4j}. Results go to
 * standard output, diagnostics to standard error; the exit codes are listed in {@link
 * io.ynl4j.cli.ExitCodes}. The commands hold no spec or generation logic of their own: they call
 * the generator module and print what it returns.
 */
package io.ynl4j.cli;
