/**
 * A small JSON reader and writer for the CLI's {@code --json} input and {@code --output-json}
 * output: objects keep their key order (attributes are encoded in the order given), integers keep
 * all 64 bits (unsigned values above {@code Long.MAX_VALUE} as {@link java.math.BigInteger}).
 * Written here rather than taken from a library so that the command starts fast.
 */
package io.ynl4j.cli.json;
