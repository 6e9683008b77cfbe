package io.ynl4j.cli;

import io.ynl4j.cli.wire.CodecException;
import io.ynl4j.cli.wire.SpecCodec;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Operation;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ynl4j encode}: the bytes {@code call} would send, as hex, without sending them.
 */
@Command(
        name = "encode",
        header = "Print the bytes `call` would send, as hex, without sending them.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print the request `call` would send, as hex digits on one line, without sending it:"
                    + " deterministic (sequence --seq, port --port), for tests and bug reports. The same"
                    + " JSON conventions and flags as `call`.",
            "Generic netlink families get their id from the kernel at run time: give it with"
                    + " --genl-family-id (see `genl ctrl get name FAMILY`)."
        })
final class EncodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WireTarget target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--json", paramLabel = "JSON", description = "The request: attributes and fixed-header members.")
    String json;

    @Option(
            names = "--seq",
            paramLabel = "N",
            defaultValue = "1",
            description = "The sequence number (default: ${DEFAULT-VALUE}).")
    long seq;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "0",
            description = "The port id (default: ${DEFAULT-VALUE}).")
    long port;

    @Option(
            names = "--genl-family-id",
            paramLabel = "N",
            description = "The message type of a generic netlink family's requests (its id).")
    Integer genlFamilyId;

    @Mixin
    WireTarget.RequestFlags flags;

    /** Do or dump. */
    static final class Mode {
        @Option(names = "--do", paramLabel = "OP", description = "Encode the operation's do request.")
        String doOp;

        @Option(names = "--dump", paramLabel = "OP", description = "Encode the operation's dump request.")
        String dumpOp;
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (seq < 0 || seq > 0xffffffffL) {
            throw new ParameterException(cl, "--seq: expected 0 to 4294967295, got " + seq);
        }
        if (port < 0 || port > 0xffffffffL) {
            throw new ParameterException(cl, "--port: expected 0 to 4294967295, got " + port);
        }
        if (genlFamilyId != null && (genlFamilyId < 0x10 || genlFamilyId > 0xffff)) {
            throw new ParameterException(cl, "--genl-family-id: expected 16 to 65535, got " + genlFamilyId);
        }
        Family family = target.load(cl.getErr());
        if (family.protocol().isGeneric() && genlFamilyId == null) {
            throw new ParameterException(
                    cl,
                    "family " + family.name() + " is generic netlink: give its id with --genl-family-id N"
                            + " (the kernel assigns it; `genl ctrl get name " + family.name() + "` shows it)");
        }
        if (!family.protocol().isGeneric() && genlFamilyId != null) {
            throw new ParameterException(cl, "--genl-family-id: family " + family.name() + " is not generic netlink");
        }
        boolean dump = mode.dumpOp != null;
        Operation op = WireTarget.operation(family, dump ? mode.dumpOp : mode.doOp, dump, dump ? "--dump" : "--do");
        SpecCodec codec = new SpecCodec(family);
        MessageWriter w = new MessageWriter();
        try {
            codec.encodeRequest(
                    w,
                    op,
                    dump,
                    WireTarget.jsonObject(json, "--json"),
                    WireTarget.requestFlags(dump, flags.bits()),
                    genlFamilyId == null ? 0 : genlFamilyId);
        } catch (CodecException e) {
            throw new CliException(ExitCodes.USAGE, "--json: " + e.getMessage());
        }
        byte[] bytes = w.toByteArray();
        stamp(bytes, 8, seq);
        stamp(bytes, 12, port);
        PrintWriter out = cl.getOut();
        out.println(HexFormat.of().formatHex(bytes));
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes a host-order (little-endian here) u32 into the header. */
    private static void stamp(byte[] b, int at, long v) {
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder()).putInt(at, (int) v);
    }
}
