package io.ynl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ynl4j.cli.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ynl4j encode}, {@code decode} and the parts of {@code call} that need no kernel, run
 * in-process through the {@link ToolProvider}: exit codes and messages of every error path, byte
 * vectors checked by hand against the kernel's struct layouts, and the captured RTM_GETMULTICAST
 * dumps in {@code shared/captures}.
 */
class WireCommandsTest {
    /** Surefire runs in the module folder; the repository root is its parent. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    static final String RT_ADDR = ROOT.resolve("specs").resolve("rt-addr.yaml").toString();

    static final Path SHARED = Path.of(
                    System.getProperty("ynl4j.shared", ROOT.resolve("../shared").toString()))
            .toAbsolutePath()
            .normalize();

    /** A do request of rt-addr newaddr with every fixed-header member and three attributes. */
    private static final String NEWADDR_JSON =
            "{\"ifa-family\": 2, \"ifa-prefixlen\": 24, \"ifa-flags\": [\"permanent\"],"
                    + " \"ifa-scope\": 200, \"ifa-index\": 5, \"address\": \"192.168.1.10\", \"local\": \"192.168.1.10\","
                    + " \"label\": \"eth0:x\"}";

    /** Its bytes, written out by hand from linux/netlink.h, linux/if_addr.h and linux/rtnetlink.h. */
    private static final String NEWADDR_HEX = String.join(
            "",
            // struct nlmsghdr: len 52, type RTM_NEWADDR (20), flags REQUEST|ACK (0x5), seq 1, pid 0
            "34000000",
            "1400",
            "0500",
            "01000000",
            "00000000",
            // struct ifaddrmsg: family AF_INET, prefixlen 24, flags IFA_F_PERMANENT (0x80), scope 200, index 5
            "02",
            "18",
            "80",
            "c8",
            "05000000",
            // IFA_ADDRESS (1) 192.168.1.10, network order
            "0800",
            "0100",
            "c0a8010a",
            // IFA_LOCAL (2) 192.168.1.10
            "0800",
            "0200",
            "c0a8010a",
            // IFA_LABEL (3) "eth0:x\0": rta_len 4 + 7 = 11, padded to 12
            "0b00",
            "0300",
            "657468303a7800",
            "00");

    record Run(int exit, String out, String err) {}

    /** Runs ynl4j in-process; no run may print a stack trace or end in an internal error. */
    static Run ynl4j(String... args) {
        ToolProvider tool = ToolProvider.findFirst("ynl4j").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = tool.run(new PrintWriter(out), new PrintWriter(err), args);
        Run run = new Run(exit, out.toString(), err.toString());
        assertThat(run.out() + run.err())
                .as("no stack trace in %s", run)
                .doesNotContain("\tat ")
                .doesNotContain("ynl4j: internal error")
                .doesNotContainPattern("\\b(java|io)\\.[a-z.]+\\.[A-Z]\\w*(Exception|Error)\\b");
        assertThat(exit).as("not an internal error: %s", run).isNotEqualTo(ExitCodes.INTERNAL);
        return run;
    }

    private static Run encode(String... args) {
        List<String> all = new ArrayList<>(List.of("encode", "--spec", RT_ADDR));
        all.addAll(List.of(args));
        return ynl4j(all.toArray(String[]::new));
    }

    private static Run decode(String... args) {
        List<String> all = new ArrayList<>(List.of("decode", "--spec", RT_ADDR, "--output-json"));
        all.addAll(List.of(args));
        return ynl4j(all.toArray(String[]::new));
    }

    private static Run call(String... args) {
        List<String> all = new ArrayList<>(List.of("call", "--spec", RT_ADDR));
        all.addAll(List.of(args));
        return ynl4j(all.toArray(String[]::new));
    }

    /** The single line of hex that encode printed. */
    private static String hex(Run run) {
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).matches("[0-9a-f]+\n");
        return run.out().strip();
    }

    /** Each line of {@code decode --output-json}, parsed. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(Run run) {
        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        return run.out().lines().map(l -> (Map<String, Object>) Json.parse(l)).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    private static String nlctrlSpec() {
        Path spec = SHARED.resolve("kernel-specs/specs/nlctrl.yaml");
        assumeTrue(Files.isRegularFile(spec), "the kernel's nlctrl spec is at " + spec);
        return spec.toString();
    }

    /** Usage errors: exit 2, the message on stderr, nothing on stdout. */
    private static void assertUsageError(Run run, String... messages) {
        assertThat(run.exit()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("ynl4j: ").contains(messages);
    }

    // --- help -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"call", "encode", "decode"})
    void helpOfEachWireSubcommand(String subcommand) {
        Run run = ynl4j(subcommand, "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Usage: ynl4j " + subcommand + " ")
                .contains("--spec=FILE", "--family=NAME", "-h, --help");
        switch (subcommand) {
            case "call" ->
                assertThat(run.out())
                        .contains("--do=OP", "--dump=OP", "--multi=OP JSON", "--subscribe=GROUP", "--duration")
                        .contains("--netns=NAME", "--output-json", "--create", "--excl", "--replace", "--append");
            case "encode" ->
                assertThat(run.out()).contains("--do=OP", "--dump=OP", "--seq=N", "--port=N", "--genl-family-id=N");
            default -> assertThat(run.out()).contains("[HEX...]", "--file=FILE", "--op=OP");
        }
    }

    // --- encode: byte vectors -------------------------------------------------------------------

    @Test
    void encodeNewaddrMatchesTheKernelsStructLayout() {
        assertThat(hex(encode("--do", "newaddr", "--json", NEWADDR_JSON))).isEqualTo(NEWADDR_HEX);
    }

    @Test
    void encodeIpv6AddressAndFlagsAttribute() {
        String json = "{\"ifa-family\": 10, \"ifa-prefixlen\": 64, \"ifa-flags\": [], \"ifa-scope\": 0,"
                + " \"ifa-index\": 7, \"address\": \"fd00::1\", \"flags\": [\"nodad\", \"noprefixroute\"]}";

        assertThat(hex(encode("--do", "newaddr", "--json", json)))
                .isEqualTo(String.join(
                        "",
                        "34000000140005000100000000000000", // len 52, RTM_NEWADDR, REQUEST|ACK, seq 1
                        "0a400000", // AF_INET6, /64, flags 0, scope 0
                        "07000000", // index 7
                        "14000100fd000000000000000000000000000001", // IFA_ADDRESS (1), 16 bytes
                        "0800080002020000")); // IFA_FLAGS (8): NODAD 0x2 | NOPREFIXROUTE 0x200
    }

    @Test
    void encodeGetaddrDumpWithSeqAndPort() {
        assertThat(hex(encode("--dump", "getaddr", "--json", "{\"ifa-family\": 10}", "--seq", "7", "--port", "99")))
                .isEqualTo(String.join(
                        "",
                        "18000000", // len 24
                        "1600", // RTM_GETADDR (22)
                        "0503", // REQUEST|ACK|ROOT|MATCH = 0x305
                        "07000000", // seq 7
                        "63000000", // port 99
                        "0a000000", // ifaddrmsg: AF_INET6, the rest zero
                        "00000000"));
    }

    @Test
    void encodeStampsTheLargestSeqAndPort() {
        String hex = hex(encode("--do", "newaddr", "--seq", "4294967295", "--port", "4242"));

        assertThat(hex.substring(16, 32)).isEqualTo("ffffffff" + "92100000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--seq", "--port"})
    void encodeRejectsSeqAndPortOutOfRange(String option) {
        assertUsageError(
                encode("--do", "newaddr", option, "4294967296"), option + ": expected 0 to 4294967295, got 4294967296");
        assertUsageError(encode("--do", "newaddr", option, "-1"), option + ": expected 0 to 4294967295, got -1");
    }

    static Stream<Arguments> flagCases() {
        return Stream.of(
                Arguments.of(List.of("--do", "newaddr"), 0x0005),
                Arguments.of(List.of("--dump", "getaddr"), 0x0305),
                Arguments.of(List.of("--do", "newaddr", "--create"), 0x0405),
                Arguments.of(List.of("--do", "newaddr", "--excl"), 0x0205),
                Arguments.of(List.of("--do", "newaddr", "--replace"), 0x0105),
                Arguments.of(List.of("--do", "newaddr", "--append"), 0x0805),
                Arguments.of(List.of("--do", "newaddr", "--create", "--excl"), 0x0605),
                Arguments.of(List.of("--do", "newaddr", "--create", "--replace"), 0x0505),
                Arguments.of(List.of("--do", "newaddr", "--create", "--append"), 0x0c05),
                Arguments.of(List.of("--dump", "getaddr", "--create"), 0x0705));
    }

    /** Exactly REQUEST|ACK, REQUEST|ACK|DUMP, plus only what the user names (nlmsg_flags at byte 6). */
    @ParameterizedTest
    @MethodSource("flagCases")
    void encodeSendsExactlyTheFlagsAsked(List<String> args, int flags) {
        String hex = hex(encode(args.toArray(String[]::new)));
        byte[] bytes = HexFormat.of().parseHex(hex);

        int sent = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(6) & 0xffff;
        assertThat(sent).as("nlmsg_flags of %s", args).isEqualTo(flags);
        assertThat(hex).startsWith("18000000"); // no attributes: the bare nlmsghdr + ifaddrmsg
    }

    @Test
    void encodeFlagsAcceptNamesOrANumber() {
        String names = hex(encode("--do", "newaddr", "--json", "{\"ifa-flags\": [\"nodad\", \"permanent\"]}"));
        String number = hex(encode("--do", "newaddr", "--json", "{\"ifa-flags\": 130}"));

        assertThat(names).isEqualTo(number).isEqualTo("180000001400050001000000000000000000820000000000");
    }

    @Test
    void encodeKeepsTheAttributeOrderOfTheJson() {
        String hex = hex(encode("--do", "newaddr", "--json", "{\"local\": \"10.0.0.2\", \"address\": \"10.0.0.1\"}"));

        assertThat(hex).endsWith("080002000a000002" + "080001000a000001");
    }

    @Test
    void encodeNlctrlGetfamilyWithAGenlFamilyId() {
        Run run = ynl4j(
                "encode",
                "--spec",
                nlctrlSpec(),
                "--do",
                "getfamily",
                "--json",
                "{\"family-name\": \"netdev\"}",
                "--genl-family-id",
                "16");

        assertThat(hex(run))
                .isEqualTo(String.join(
                        "",
                        "20000000", // len 32
                        "1000", // GENL_ID_CTRL (16)
                        "0500", // REQUEST|ACK
                        "01000000",
                        "00000000",
                        // struct genlmsghdr: cmd CTRL_CMD_GETFAMILY (3), version 1 (the spec gives none;
                        // the kernel's ynl sends 1 then too), reserved 0
                        "03",
                        "01",
                        "0000",
                        // CTRL_ATTR_FAMILY_NAME (2) "netdev\0": rta_len 11, padded to 12
                        "0b00",
                        "0200",
                        "6e657464657600",
                        "00"));
    }

    @Test
    void encodeNlctrlDumpHasNoAttributes() {
        Run run =
                ynl4j("encode", "--spec", nlctrlSpec(), "--dump", "getfamily", "--genl-family-id", "16", "--seq", "3");

        assertThat(hex(run)).isEqualTo("14000000" + "1000" + "0503" + "03000000" + "00000000" + "03010000");
    }

    // --- encode: errors -------------------------------------------------------------------------

    @Test
    void encodeOfAGenericFamilyNeedsItsId() {
        Run run = ynl4j("encode", "--spec", nlctrlSpec(), "--do", "getfamily", "--json", "{\"family-name\": \"x\"}");

        assertUsageError(
                run,
                "family nlctrl is generic netlink: give its id with --genl-family-id N",
                "genl ctrl get name nlctrl");
    }

    @Test
    void encodeGenlFamilyIdOutOfRangeOrOnARawFamily() {
        assertUsageError(
                ynl4j("encode", "--spec", nlctrlSpec(), "--do", "getfamily", "--genl-family-id", "15"),
                "--genl-family-id: expected 16 to 65535, got 15");
        assertUsageError(
                encode("--do", "newaddr", "--genl-family-id", "16"),
                "--genl-family-id: family rt-addr is not generic netlink");
    }

    @Test
    void encodeOfAnUnknownOperation() {
        assertUsageError(
                encode("--do", "newadr"),
                "--do newadr: family rt-addr has no such operation (it has: newaddr, deladdr, getaddr, getmulticast)");
    }

    @Test
    void encodeOfAModeTheOperationLacks() {
        assertUsageError(
                encode("--dump", "newaddr"), "--dump newaddr: operation newaddr has no dump mode (it has: do)");
        assertUsageError(encode("--do", "getaddr"), "--do getaddr: operation getaddr has no do mode (it has: dump)");
    }

    @Test
    void encodeWithoutDoOrDump() {
        assertUsageError(encode("--json", "{}"), "Missing required argument", "--do=OP | --dump=OP");
    }

    @Test
    void encodeOfJsonThatIsNotJson() {
        assertUsageError(encode("--do", "newaddr", "--json", "{bad"), "--json: not JSON: ");
        assertUsageError(encode("--do", "newaddr", "--json", "{\"label\": \"x\""), "--json: not JSON: ");
        assertUsageError(encode("--do", "newaddr", "--json", ""), "--json: not JSON: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "5", "\"x\"", "null", "true"})
    void encodeOfJsonThatIsNotAnObject(String json) {
        assertUsageError(encode("--do", "newaddr", "--json", json), "--json: expected a JSON object, got ");
    }

    @Test
    void encodeOfAnUnknownAttributeSuggestsTheNearestName() {
        assertUsageError(
                encode("--do", "newaddr", "--json", "{\"adress\": \"1.2.3.4\"}"),
                "--json: adress: no such attribute in addr-attrs nor member of the fixed header ifaddrmsg",
                "(did you mean 'address'?)");
        assertUsageError(
                encode("--do", "newaddr", "--json", "{\"ifa-prefix\": 24}"), "(did you mean 'ifa-prefixlen'?)");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("{\"ifa-family\": \"inet\"}", "ifa-family: expected an integer, got \"inet\""),
                Arguments.of("{\"ifa-family\": 2.5}", "ifa-family: expected an integer, got 2.5"),
                Arguments.of("{\"address\": 5}", "address: expected a string of ipv4-or-v6 text, got an integer"),
                Arguments.of("{\"address\": \"1.2.3.4.5\"}", "address: expected an IP address, got \"1.2.3.4.5\""),
                Arguments.of("{\"address\": \"1.2.3.zz\"}", "address: expected an IP address, got \"1.2.3.zz\""),
                Arguments.of("{\"address\": true}", "address: expected a string of ipv4-or-v6 text, got a boolean"),
                Arguments.of("{\"label\": {\"a\": 1}}", "label: expected a string, got an object"),
                Arguments.of("{\"multicast\": \"zz\"}", "multicast: expected hex digits, got \"zz\""),
                Arguments.of("{\"ifa-prefixlen\": 256}", "ifa-prefixlen: 256 is out of range for u8 (0 to 255)"),
                Arguments.of("{\"ifa-prefixlen\": -1}", "ifa-prefixlen: -1 is out of range for u8 (0 to 255)"),
                Arguments.of("{\"ifa-index\": -1}", "ifa-index: -1 is out of range for u32 (0 to 4294967295)"),
                Arguments.of(
                        "{\"ifa-index\": 4294967296}",
                        "ifa-index: 4294967296 is out of range for u32 (0 to 4294967295)"),
                Arguments.of("{\"proto\": 256}", "proto: 256 is out of range for u8 (0 to 255)"),
                Arguments.of(
                        "{\"ifa-flags\": [\"bogus\"]}",
                        "ifa-flags: \"bogus\" is not an entry of ifa-flags (it has: secondary, nodad,"),
                Arguments.of("{\"flags\": [\"permanant\"]}", "flags: \"permanant\" is not an entry of ifa-flags"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void encodeOfAWrongValue(String json, String message) {
        assertUsageError(encode("--do", "newaddr", "--json", json), "ynl4j: --json: " + message);
    }

    // --- decode ---------------------------------------------------------------------------------

    @Test
    void decodeOfTheNewaddrBytesGivesTheJsonBack() {
        List<Map<String, Object>> msgs = messages(decode(NEWADDR_HEX));

        assertThat(msgs).hasSize(1);
        Map<String, Object> m = msgs.get(0);
        assertThat(m)
                .containsEntry("name", "newaddr")
                .containsEntry("type", 20L)
                .containsEntry("flags", 5L)
                .containsEntry("seq", 1L)
                .containsEntry("port", 0L);
        assertThat(m.get("msg")).isEqualTo(Json.parse(NEWADDR_JSON));
    }

    @Test
    void decodeRoundTripsWhatEncodeWrote() {
        String json = "{\"ifa-family\": 10, \"ifa-prefixlen\": 64, \"ifa-flags\": [\"nodad\"], \"ifa-scope\": 253,"
                + " \"ifa-index\": 3, \"local\": \"fe80::1\", \"address\": \"2001:db8::1\", \"label\": \"veth0\","
                + " \"flags\": [\"nodad\", \"managetempaddr\", \"stable-privacy\"], \"rt-priority\": 100,"
                + " \"proto\": 3, \"cacheinfo\": {\"ifa-prefered\": 1, \"ifa-valid\": 2, \"cstamp\": 3, \"tstamp\": 4}}";
        String hex = hex(encode("--do", "newaddr", "--json", json, "--create", "--seq", "77", "--port", "5"));

        Map<String, Object> m = messages(decode(hex)).get(0);

        assertThat(m)
                .containsEntry("name", "newaddr")
                .containsEntry("flags", 0x405L)
                .containsEntry("seq", 77L);
        assertThat(m.get("msg")).isEqualTo(Json.parse(json));
    }

    @Test
    void decodeTakesWhiteSpaceAndSeveralMessages() {
        String hex = hex(encode("--do", "newaddr", "--json", "{\"ifa-index\": 1}"));
        String two = hex.substring(0, 10) + " \n " + hex.substring(10) + "\t" + hex;

        List<Map<String, Object>> msgs = messages(decode(two));

        assertThat(msgs)
                .hasSize(2)
                .allSatisfy(m -> assertThat(map(m.get("msg"))).containsEntry("ifa-index", 1L));
    }

    @Test
    void decodeWithAForcedOperation() {
        String hex = hex(encode("--do", "deladdr", "--json", "{\"ifa-index\": 9}"));

        Map<String, Object> m = messages(decode("--op", "getaddr", hex)).get(0);

        assertThat(m).containsEntry("name", "getaddr").containsEntry("type", 21L);
        assertThat(map(m.get("msg"))).containsEntry("ifa-index", 9L);
    }

    @Test
    void decodeOfTruncatedHex() {
        String full = NEWADDR_HEX;
        Run shortHeader = decode(full.substring(0, 16));
        assertThat(shortHeader.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(shortHeader.err()).isEqualTo("ynl4j: byte 0: 8 bytes left, too few for an nlmsghdr (16)\n");

        Run shortMessage = decode(full.substring(0, full.length() - 8));
        assertThat(shortMessage.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(shortMessage.err()).isEqualTo("ynl4j: byte 0: nlmsg_len 52 does not fit the 48 bytes left\n");

        // the second message is cut: the first is printed, then the error
        Run secondCut = decode(full + full.substring(0, 40));
        assertThat(secondCut.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(secondCut.out().lines()).hasSize(1);
        assertThat(secondCut.err()).isEqualTo("ynl4j: byte 52: nlmsg_len 52 does not fit the 20 bytes left\n");
    }

    @Test
    void decodeOfANlmsgLenBelowTheHeader() {
        Run run = decode("0800000014000500010000000000000000");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("nlmsg_len 8 does not fit");
    }

    @Test
    void decodeOfGarbledHex() {
        assertUsageError(decode("34000000zz"), "HEX: 'z' at position 9 is not a hex digit", "decode --help");
        assertUsageError(decode("340"), "HEX: odd number of hex digits (3)");
    }

    @Test
    void decodeOfAGarbledAttributePrintsTheRawMessageAndTheReason() {
        // IFA_ADDRESS claims 48 bytes where 8 remain
        String hex = "20000000140005000100000000000000" + "02188000" + "05000000" + "3000" + "0100" + "01020304";

        Map<String, Object> m = messages(decode(hex)).get(0);

        assertThat(m).containsEntry("name", "newaddr").containsEntry("raw", hex).doesNotContainKey("msg");
        assertThat((String) m.get("error"))
                .contains("malformed", "attribute of type 1 has length 48 but only 8 bytes remain");
    }

    @Test
    void decodeOfAnUnknownMessageType() {
        String hex = "14000000" + "6300" + "0000" + "01000000" + "00000000" + "02000000"; // type 99

        Map<String, Object> m = messages(decode(hex)).get(0);

        assertThat(m).containsEntry("name", null).containsEntry("type", 99L).containsEntry("raw", hex);
        assertThat((String) m.get("error")).contains("no operation of rt-addr has reply or notification id 99");
    }

    @Test
    void decodeInputErrors(@TempDir Path dir) throws IOException {
        Run missing = decode("--file", dir.resolve("nope.bin").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.IO);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("ynl4j: --file " + dir.resolve("nope.bin") + ": no such file\n");

        Run directory = decode("--file", dir.toString());
        assertThat(directory.exit()).isEqualTo(ExitCodes.IO);
        assertThat(directory.err()).startsWith("ynl4j: --file " + dir + ": ");

        assertUsageError(decode(), "Missing HEX or --file FILE");
        Path file = Files.write(dir.resolve("m.bin"), HexFormat.of().parseHex(NEWADDR_HEX));
        assertUsageError(decode("--file", file.toString(), NEWADDR_HEX), "Give HEX or --file FILE, not both");
        assertUsageError(decode("--op", "nosuch", NEWADDR_HEX), "--op nosuch: family rt-addr has no such operation");

        assertThat(messages(decode("--file", file.toString())))
                .singleElement()
                .satisfies(m -> assertThat(m.get("msg")).isEqualTo(Json.parse(NEWADDR_JSON)));
    }

    @Test
    void decodeOfAnErrorWithExtendedAck() {
        byte[] request = HexFormat.of().parseHex(NEWADDR_HEX);
        byte[] text = "ipv4: Address already assigned\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b =
                ByteBuffer.allocate(16 + 4 + 16 + align(4 + text.length) + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity())
                .putShort((short) 2)
                .putShort((short) 0x300)
                .putInt(7)
                .putInt(1234); // CAPPED|ACK_TLVS
        b.putInt(-17); // -EEXIST
        b.put(request, 0, 16); // the request's header only (capped)
        b.putShort((short) (4 + text.length)).putShort((short) 1).put(text); // NLMSGERR_ATTR_MSG
        b.position(b.position() + align(4 + text.length) - 4 - text.length);
        b.putShort((short) 8).putShort((short) 2).putInt(20); // NLMSGERR_ATTR_OFFS

        Map<String, Object> m =
                messages(decode(HexFormat.of().formatHex(b.array()))).get(0);

        assertThat(m)
                .containsEntry("name", "error")
                .containsEntry("type", 2L)
                .containsEntry("flags", 0x300L)
                .containsEntry("seq", 7L)
                .containsEntry("port", 1234L)
                .containsEntry("error", -17L)
                .containsEntry("errno", "EEXIST");
        assertThat(map(m.get("extack")))
                .containsExactly(entry("msg", "ipv4: Address already assigned"), entry("bad-attr-offs", 20L));
    }

    @Test
    void decodeOfAnAckWithTheWholeRequest() {
        byte[] request = HexFormat.of().parseHex(NEWADDR_HEX);
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + request.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity()).putShort((short) 2).putShort((short) 0).putInt(1).putInt(77);
        b.putInt(0).put(request);

        Map<String, Object> m =
                messages(decode(HexFormat.of().formatHex(b.array()))).get(0);

        assertThat(m).containsEntry("name", "error").containsEntry("error", 0L);
        assertThat(m).doesNotContainKeys("errno", "extack", "msg");
    }

    @Test
    void decodeOfADoneWithAnErrorAndExtendedAck() {
        byte[] text = "dump failed\0".getBytes(StandardCharsets.US_ASCII); // 12 bytes: no padding
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(b.capacity())
                .putShort((short) 3)
                .putShort((short) 0x202)
                .putInt(9)
                .putInt(1); // MULTI|ACK_TLVS
        b.putInt(-22); // -EINVAL
        b.putShort((short) (4 + text.length)).putShort((short) 1).put(text);

        Map<String, Object> m =
                messages(decode(HexFormat.of().formatHex(b.array()))).get(0);

        assertThat(m)
                .containsEntry("name", "done")
                .containsEntry("type", 3L)
                .containsEntry("error", -22L)
                .containsEntry("errno", "EINVAL");
        assertThat(map(m.get("extack"))).containsExactlyEntriesOf(Map.of("msg", "dump failed"));
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    // --- decode: the captured RTM_GETMULTICAST dumps -----------------------------------------------

    private static Path capture(String name) {
        Path file = SHARED.resolve("captures").resolve(name);
        assumeTrue(Files.isRegularFile(file), "the captures are in " + file.getParent());
        return file;
    }

    /** The groups and users of a capture: multicast address (hex, as the spec has no hint) to users. */
    private static List<Map<String, Object>> decodeCapture(String name, int dataMessages, long seq) {
        List<Map<String, Object>> msgs = messages(decode("--file", capture(name).toString()));
        assertThat(msgs).hasSize(dataMessages + 1);
        Map<String, Object> done = msgs.get(dataMessages);
        assertThat(done)
                .containsEntry("name", "done")
                .containsEntry("type", 3L)
                .containsEntry("flags", 2L)
                .containsEntry("seq", seq)
                .containsEntry("port", 4242L)
                .containsEntry("error", 0L);
        List<Map<String, Object>> data = msgs.subList(0, dataMessages);
        assertThat(data).allSatisfy(m -> {
            assertThat(m)
                    .containsEntry("name", "getmulticast")
                    .containsEntry("type", 58L)
                    .containsEntry("flags", 2L)
                    .containsEntry("seq", seq)
                    .containsEntry("port", 4242L);
            Map<String, Object> msg = map(m.get("msg"));
            assertThat(msg).containsEntry("ifa-flags", List.of("permanent")).containsEntry("ifa-scope", 0L);
            assertThat(map(msg.get("cacheinfo")))
                    .containsEntry("ifa-prefered", 0xffffffffL)
                    .containsEntry("ifa-valid", 0xffffffffL);
        });
        return data.stream().map(m -> map(m.get("msg"))).toList();
    }

    /** "index group" to users, in dump order. */
    private static Map<String, Long> users(List<Map<String, Object>> msgs) {
        Map<String, Long> users = new LinkedHashMap<>();
        for (Map<String, Object> m : msgs) {
            users.put(m.get("ifa-index") + " " + m.get("multicast"), (Long) m.get("mc-users"));
        }
        return users;
    }

    @Test
    void decodeOfTheLinux73Ipv4CaptureGivesTheUsers() throws IOException {
        List<Map<String, Object>> msgs = decodeCapture("rt-getmulticast-ipv4-linux-7.3.bin", 8, 1001);

        assertThat(msgs)
                .allSatisfy(m -> assertThat(m)
                        .containsEntry("ifa-family", 2L)
                        .containsEntry("ifa-prefixlen", 32L)
                        .containsKey("mc-users"));
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("1 224.0.0.1", 1L);
        expected.put("2 224.0.0.1", 1L);
        expected.put("3 239.1.1.5", 1L);
        expected.put("3 239.1.1.4", 1L);
        expected.put("3 239.1.1.3", 1L);
        expected.put("3 239.1.1.2", 2L);
        expected.put("3 239.1.1.1", 2L);
        expected.put("3 224.0.0.1", 1L);
        assertThat(users(msgs)).containsExactlyEntriesOf(expected);
        assertThat(map(msgs.get(0).get("cacheinfo")))
                .containsEntry("cstamp", 290L)
                .containsEntry("tstamp", 290L);
    }

    @Test
    void decodeOfTheLinux73Ipv6CaptureGivesTheUsers() throws IOException {
        List<Map<String, Object>> msgs = decodeCapture("rt-getmulticast-ipv6-linux-7.3.bin", 13, 1002);

        assertThat(msgs)
                .allSatisfy(m -> assertThat(m)
                        .containsEntry("ifa-family", 10L)
                        .containsEntry("ifa-prefixlen", 128L)
                        .containsKey("mc-users"));
        Map<String, Long> users = users(msgs);
        assertThat(users).hasSize(13);
        for (int i = 1; i <= 5; i++) {
            assertThat(users).containsEntry("3 ff0e::1:" + i, i <= 2 ? 2L : 1L);
        }
        assertThat(users)
                .containsEntry("1 " + "ff02::1", 1L)
                .containsEntry("1 " + "ff01::1", 1L)
                .containsEntry("2 " + "ff02::1:ff00:2", 1L)
                .containsEntry("3 " + "ff02::1:ff00:1", 1L);
        assertThat(users.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(13 + 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipv4", "ipv6"})
    void decodeOfTheLinux618CapturesHasNoUsers(String family) throws IOException {
        boolean v4 = family.equals("ipv4");
        List<Map<String, Object>> msgs =
                decodeCapture("rt-getmulticast-" + family + "-linux-6.18.bin", v4 ? 8 : 13, v4 ? 1001 : 1002);

        assertThat(msgs)
                .allSatisfy(m -> assertThat(m).doesNotContainKey("mc-users").containsKeys("multicast", "cacheinfo"))
                .allSatisfy(m -> assertThat(m.keySet()).noneMatch(k -> k.startsWith("UnknownAttr")));
        assertThat(msgs.stream().map(m -> (String) m.get("multicast")))
                .contains(v4 ? "239.1.1.1" : "ff0e::1:1", v4 ? "239.1.1.5" : "ff0e::1:5");
    }

    @Test
    void decodeOfTheAnnotatedCaptureMessages() throws IOException {
        // from shared/captures/README.md: the 239.1.1.2 message (users 2) and the first 6.18 message
        Map<String, Object> v73 = messages(
                        decode(
                                "3c0000003a000200e903000092100000022080000300000008000700ef01010208000c000200000014000600ffffffffffffffff5702000057020000"))
                .get(0);
        assertThat(map(v73.get("msg")))
                .containsEntry("multicast", "239.1.1.2")
                .containsEntry("mc-users", 2L)
                .containsEntry("ifa-index", 3L);

        Map<String, Object> v618 = messages(
                        decode(
                                "340000003a000200e903000092100000022080000100000008000700e000000114000600ffffffffffffffff9dad03009dad0300"))
                .get(0);
        assertThat(map(v618.get("msg")))
                .containsEntry("multicast", "224.0.0.1")
                .doesNotContainKey("mc-users")
                .containsEntry("ifa-index", 1L);
    }

    // --- call: errors found before anything is sent -----------------------------------------------

    @Test
    void callWithoutAnythingToDo() {
        assertUsageError(call(), "Missing --do OP, --dump OP, --multi OP JSON or --subscribe GROUP", "call --help");
        assertUsageError(call("--output-json"), "Missing --do OP, --dump OP, --multi OP JSON or --subscribe GROUP");
    }

    @Test
    void callWithoutASpec() {
        assertUsageError(ynl4j("call", "--dump", "getaddr"), "Missing required argument", "--spec=FILE");
    }

    @Test
    void callOfAnUnknownOperation() {
        assertUsageError(call("--do", "nosuch"), "--do nosuch: family rt-addr has no such operation");
        assertUsageError(call("--dump", "nosuch"), "--dump nosuch: family rt-addr has no such operation");
        assertUsageError(
                call("--multi", "nosuch", "{}"), "--multi nosuch: family rt-addr has no such operation (it has: ");
    }

    @Test
    void callOfAModeTheOperationLacks() {
        assertUsageError(call("--dump", "newaddr"), "--dump newaddr: operation newaddr has no dump mode (it has: do)");
        assertUsageError(call("--do", "getaddr"), "--do getaddr: operation getaddr has no do mode (it has: dump)");
        assertUsageError(
                call("--multi", "getaddr", "{}"), "--multi getaddr: operation getaddr has no do mode (it has: dump)");
    }

    @Test
    void callOfBadJson() {
        assertUsageError(call("--dump", "getaddr", "--json", "{x"), "--json: not JSON: ");
        assertUsageError(call("--dump", "getaddr", "--json", "[]"), "--json: expected a JSON object, got a list");
        assertUsageError(
                call("--multi", "newaddr", "{}", "--multi", "newaddr", "5"),
                "--multi newaddr: expected a JSON object, got an integer");
        assertUsageError(call("--multi", "newaddr", "{"), "--multi newaddr: not JSON: ");
    }

    @Test
    void callWithJsonAndMulti() {
        assertUsageError(
                call("--multi", "newaddr", "{}", "--json", "{}"),
                "--json does not go with --multi (each --multi has its JSON)");
    }

    @Test
    void callWithDoAndDumpOrMultiTogether() {
        assertUsageError(call("--do", "newaddr", "--dump", "getaddr"), "mutually exclusive");
        assertUsageError(call("--do", "newaddr", "--multi", "newaddr", "{}"), "mutually exclusive");
    }

    @Test
    void callDurationNeedsSubscribe() {
        assertUsageError(call("--dump", "getaddr", "--duration", "1"), "--duration needs --subscribe");
        assertUsageError(call("--dump", "getaddr", "--sleep", "1"), "--duration needs --subscribe");
        assertUsageError(
                call("--subscribe", "rtnlgrp-ipv4-ifaddr", "--duration", "-1"),
                "--duration: expected a number of seconds >= 0, got -1.0");
        assertUsageError(call("--subscribe", "rtnlgrp-ipv4-ifaddr", "--duration", "soon"), "'soon' is not a");
    }

    @Test
    void callSubscribeToAnUnknownGroup() {
        assertUsageError(
                call("--subscribe", "rtnlgrp-ipv4-ifadr", "--duration", "0"),
                "--subscribe rtnlgrp-ipv4-ifadr: family rt-addr has no such multicast group"
                        + " (it has: rtnlgrp-ipv4-ifaddr, rtnlgrp-ipv6-ifaddr)");
    }

    @Test
    void callOfAWrongValueIsAUsageError() {
        assertUsageError(
                call("--do", "newaddr", "--json", "{\"adress\": \"10.0.0.1\"}"),
                "--json: adress: no such attribute",
                "(did you mean 'address'?)");
        assertUsageError(
                call("--do", "newaddr", "--json", "{\"ifa-prefixlen\": 300}"),
                "--json: ifa-prefixlen: 300 is out of range for u8 (0 to 255)");
        assertUsageError(
                call("--do", "newaddr", "--json", "{\"ifa-flags\": [\"bogus\"]}"),
                "--json: ifa-flags: \"bogus\" is not an entry of ifa-flags");
    }

    @Test
    void callInANamespaceThatDoesNotExist() {
        Run run = call("--netns", "ynl4j-no-such-namespace", "--dump", "getaddr");

        assertThat(run.exit()).isEqualTo(ExitCodes.IO);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("ynl4j: --netns ynl4j-no-such-namespace: no such network namespace"
                        + " (/run/netns/ynl4j-no-such-namespace)\n");
    }

    @Test
    void callOfAMissingSpecFile(@TempDir Path dir) {
        Run run = ynl4j("call", "--spec", dir.resolve("nope.yaml").toString(), "--dump", "getaddr");

        assertThat(run.exit()).isEqualTo(ExitCodes.IO);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("nope.yaml", "error[Y001]");
    }

    @Test
    void aMultiRequestThatDoesNotFitTheSpecNamesItsOperation() {
        Run run = ynl4j(
                "call",
                "--spec",
                RT_ADDR,
                "--multi",
                "deladdr",
                "{}",
                "--multi",
                "newaddr",
                "{\"ifa-prefixlen\": 300}");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("ynl4j: --multi newaddr: ifa-prefixlen: 300 is out of range for u8 (0 to 255)\n");
    }

    @Test
    void shortIpv4FormsAreNotAddresses() {
        Run run = ynl4j("encode", "--spec", RT_ADDR, "--do", "newaddr", "--json", "{\"local\": \"1.2.3\"}");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("ynl4j: --json: local: expected an IP address, got \"1.2.3\"\n");
    }
}
