/**
 * The command's run-time codec: JSON to netlink messages and back, driven by a linked spec with the
 * kernel ynl CLI's JSON conventions ({@link io.ynl4j.cli.wire.SpecCodec}), and display hints as
 * text both ways. It writes the same bytes as the generated code.
 */
package io.ynl4j.cli.wire;
