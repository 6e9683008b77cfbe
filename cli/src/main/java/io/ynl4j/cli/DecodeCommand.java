package io.ynl4j.cli;

import io.ynl4j.cli.json.Json;
import io.ynl4j.cli.wire.CodecException;
import io.ynl4j.cli.wire.SpecCodec;
import io.ynl4j.runtime.MalformedMessageException;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Operation;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ynl4j decode}: raw netlink messages (hex, or a file of bytes) as JSON.
 */
@Command(
        name = "decode",
        header = "Decode raw netlink messages (hex, or a file) into JSON.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Decode raw netlink messages with a spec and print each as JSON: {\"name\": OP, \"type\": N,"
                    + " \"flags\": N, \"seq\": N, \"port\": N, \"msg\": {...}}. The operation is found by"
                    + " message id (requests, with NLM_F_REQUEST, by request id; others as replies or"
                    + " notifications), or given with --op. NLMSG_ERROR and NLMSG_DONE print their errno"
                    + " and extended ACK.",
            "Input: hex digits (white space ignored; several messages may follow each other), or --file"
                    + " with raw bytes (e.g. a capture of recvmsg buffers; '-' for standard input)."
        })
final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WireTarget target;

    @Option(names = "--op", paramLabel = "OP", description = "Decode every message with this operation's layout.")
    String opName;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "Read raw message bytes from FILE ('-': standard input).")
    Path file;

    @Option(names = "--output-json", description = "Print compact JSON, one message per line (default: indented).")
    boolean outputJson;

    @Parameters(arity = "0..*", paramLabel = "HEX", description = "The messages as hex digits.")
    List<String> hex;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if ((file == null) == (hex == null || hex.isEmpty())) {
            throw new ParameterException(
                    cl, file == null ? "Missing HEX or --file FILE" : "Give HEX or --file FILE, not both");
        }
        byte[] data = file != null ? read(file) : parseHex(cl, String.join("", hex));
        Family family = target.load(cl.getErr());
        Optional<Operation> forced = Optional.ofNullable(opName).map(n -> WireTarget.operation(family, n, "--op"));
        SpecCodec codec = new SpecCodec(family);
        MemorySegment seg = MemorySegment.ofArray(data);
        PrintWriter out = cl.getOut();
        long at = 0;
        while (at < data.length) {
            if (data.length - at < Netlink.NLMSG_HDRLEN) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "byte " + at + ": " + (data.length - at) + " bytes left, too few for an nlmsghdr (16)");
            }
            int len = seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder()), at);
            if (len < Netlink.NLMSG_HDRLEN || len > data.length - at) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "byte " + at + ": nlmsg_len " + Integer.toUnsignedString(len) + " does not fit the "
                                + (data.length - at) + " bytes left");
            }
            NetlinkMessage m = new NetlinkMessage(seg, at, len);
            Map<String, Object> json = message(codec, m, forced);
            out.println(outputJson ? Json.write(json) : Json.pretty(json));
            at += Netlink.align(len);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> message(SpecCodec codec, NetlinkMessage m, Optional<Operation> forced) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", null);
        json.put("type", (long) m.type());
        json.put("flags", (long) m.flags());
        json.put("seq", Integer.toUnsignedLong(m.sequence()));
        json.put("port", Integer.toUnsignedLong(m.portId()));
        try {
            if (m.type() == Netlink.NLMSG_ERROR || m.type() == Netlink.NLMSG_DONE) {
                json.put("name", m.type() == Netlink.NLMSG_ERROR ? "error" : "done");
                error(m, json);
                return json;
            }
            if (m.type() < Netlink.NLMSG_MIN_TYPE) {
                json.put("name", m.type() == Netlink.NLMSG_NOOP ? "noop" : "overrun");
                return json;
            }
            boolean request = (m.flags() & Netlink.NLM_F_REQUEST) != 0;
            Optional<Operation> op = forced.or(() -> codec.operationFor(codec.messageId(m), request));
            if (op.isEmpty()) {
                json.put("raw", HexFormat.of().formatHex(m.toByteArray()));
                json.put(
                        "error",
                        "no operation of " + codec.family().name() + " has "
                                + (request ? "request" : "reply or notification") + " id " + codec.messageId(m));
                return json;
            }
            json.put("name", op.get().name());
            json.put("msg", codec.decode(m, op.get()));
        } catch (CodecException | MalformedMessageException e) {
            json.put("raw", HexFormat.of().formatHex(m.toByteArray()));
            json.put("error", e.getMessage());
        }
        return json;
    }

    /** NLMSG_ERROR / NLMSG_DONE: the errno and the extended ACK. */
    private static void error(NetlinkMessage m, Map<String, Object> json) {
        MemorySegment s = m.segment();
        long p = m.payloadOffset();
        if (m.payloadLength() < 4) {
            return;
        }
        int error = s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder()), p);
        json.put("error", (long) error);
        if (error < 0) {
            json.put("errno", errnoName(-error));
        }
        long tlvs;
        if (m.type() == Netlink.NLMSG_DONE) {
            tlvs = p + 4;
        } else {
            if (m.payloadLength() < 4 + Netlink.NLMSG_HDRLEN) {
                return;
            }
            int origLen = s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder()), p + 4);
            tlvs = (m.flags() & Netlink.NLM_F_CAPPED) != 0
                    ? p + 4 + Netlink.NLMSG_HDRLEN
                    : p + 4 + Netlink.align(Math.max(origLen, Netlink.NLMSG_HDRLEN));
        }
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0 || tlvs >= m.offset() + m.length()) {
            return;
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        AttrReader r = AttrReader.of(s, tlvs, m.offset() + m.length());
        while (r.next()) {
            switch (r.type()) {
                case Netlink.NLMSGERR_ATTR_MSG -> ack.put("msg", r.stringUnterminated());
                case Netlink.NLMSGERR_ATTR_OFFS -> ack.put("bad-attr-offs", r.u32());
                case Netlink.NLMSGERR_ATTR_MISS_TYPE -> ack.put("miss-type", r.u32());
                case Netlink.NLMSGERR_ATTR_MISS_NEST -> ack.put("miss-nest", r.u32());
                default ->
                    ack.put("UnknownAttr(" + r.type() + ")", HexFormat.of().formatHex(r.byteArray()));
            }
        }
        json.put("extack", ack);
    }

    /** The errno's symbolic name, as the runtime's kernel errors print it. */
    private static String errnoName(int errno) {
        return new io.ynl4j.runtime.KernelErrorException(
                        "",
                        errno,
                        0,
                        Optional.empty(),
                        java.util.OptionalInt.empty(),
                        Optional.empty(),
                        Optional.empty())
                .errnoName();
    }

    private static byte[] read(Path file) {
        try {
            return file.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.IO, "--file " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "--file " + file + ": " + e.getMessage());
        }
    }

    private static byte[] parseHex(CommandLine cl, String text) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                throw new ParameterException(cl, "HEX: '" + c + "' at position " + (i + 1) + " is not a hex digit");
            }
            digits.append(c);
        }
        if (digits.length() % 2 != 0) {
            throw new ParameterException(cl, "HEX: odd number of hex digits (" + digits.length() + ")");
        }
        return HexFormat.of().parseHex(digits);
    }
}
