package io.ynl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code ynl4j} in-process through its {@link ToolProvider}, as a build tool would. */
class CliTest {
    /** Surefire runs in the module folder; the repository root is its parent. */
    private static final Path RT_ADDR =
            Path.of("").toAbsolutePath().getParent().resolve("specs").resolve("rt-addr.yaml");

    private record Run(int exit, String out, String err) {}

    private static Run ynl4j(String... args) {
        ToolProvider tool = ToolProvider.findFirst("ynl4j").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = tool.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The text of the JSON object that follows {@code "key": } (objects here hold no nested braces). */
    private static String object(String json, String key) {
        int start = json.indexOf("\"" + key + "\": {");
        assertThat(start).as("key %s in %s", key, json).isNotNegative();
        int end = json.indexOf('}', start);
        return json.substring(start, end + 1);
    }

    @Test
    void helpExitsZeroAndListsTheSubcommands() {
        Run run = ynl4j("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: ynl4j ").contains("generate", "check", "model", "Exit codes:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionComesFromTheBuild() {
        Run run = ynl4j("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("ynl4j 0.1.0-SNAPSHOT\n");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = ynl4j("--frobnicate");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("ynl4j: Unknown option: '--frobnicate'", "Try 'ynl4j --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Run run = ynl4j();

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required subcommand");
    }

    @Test
    void checkWithoutSpecIsAUsageError() {
        Run run = ynl4j("check");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter", "Try 'ynl4j check --help'");
    }

    @Test
    void schemaDirAndNoSchemaExcludeEachOther() {
        Run run = ynl4j("check", "--schema-dir", ".", "--no-schema", RT_ADDR.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void missingSchemaDirIsAnIoError(@TempDir Path dir) {
        Run run = ynl4j("check", "--schema-dir", dir.resolve("nope").toString(), RT_ADDR.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("ynl4j: --schema-dir ").contains("not a directory");
    }

    @Test
    void checkAcceptsTheProjectsRtAddrSpec() {
        Run run = ynl4j("check", RT_ADDR.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(RT_ADDR + ": ok\n");
        assertThat(run.exit()).isZero();
    }

    @Test
    void checkValidatesAgainstTheKernelsSchemasQuietly() {
        Path schemas = Path.of(System.getProperty("ynl4j.shared", "../../shared"))
                .resolve("kernel-specs")
                .resolve("schemas");
        assumeTrue(Files.isDirectory(schemas), "the kernel's schemas are in " + schemas);

        Run run = ynl4j("check", "--schema-dir", schemas.toString(), RT_ADDR.toString());

        assertThat(run.err()).as("no diagnostics, no logging noise").isEmpty();
        assertThat(run.out()).isEqualTo(RT_ADDR + ": ok\n");
        assertThat(run.exit()).isZero();
    }

    @Test
    void checkReportsSpecErrorsWithTheirLocation(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                # SPDX-License-Identifier: Apache-2.0
                name: broken
                doc: A family whose operation names an attribute its set does not have.
                attribute-sets:
                  - name: main
                    attributes:
                      - name: id
                        type: u32
                operations:
                  list:
                    - name: get
                      doc: Get one.
                      attribute-set: main
                      do:
                        request:
                          attributes:
                            - idd
                """, StandardCharsets.UTF_8);

        Run run = ynl4j("check", broken.toString(), RT_ADDR.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).containsPattern("broken\\.yaml:\\d+:\\d+: error\\[Y\\d{3}\\]: ");
        assertThat(run.out()).isEqualTo(RT_ADDR + ": ok\n");
    }

    @Test
    void checkOfAMissingFileIsAnIoError(@TempDir Path dir) {
        Run run = ynl4j("check", dir.resolve("missing.yaml").toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("missing.yaml", "error[Y001]");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void modelPrintsTheLinkedFamily() {
        Run run = ynl4j("model", RT_ADDR.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .startsWith("family rt-addr\nprotocol netlink-raw\nprotonum 0\n")
                .contains("    attr 12 mc-users u32\n", "    attr 6 cacheinfo binary struct=ifa-cacheinfo\n")
                .contains("  op getaddr req=22 rsp=20 attribute-set=addr-attrs fixed-header=ifaddrmsg\n");
    }

    @Test
    void modelJsonShowsIdsMessageTypesAndFlagMasks() {
        Run run = ynl4j("model", "--json", RT_ADDR.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        String json = run.out();
        assertThat(json).startsWith("{\n  \"name\": \"rt-addr\",\n").endsWith("}\n");
        assertThat(object(json, "addr-attrs")).contains("\"mc-users\": 12\n", "\"address\": 1,");
        assertThat(object(json, "getmulticast")).contains("\"req\": 58,", "\"rsp\": 58\n");
        assertThat(object(json, "getaddr")).contains("\"req\": 22,", "\"rsp\": 20\n");
        assertThat(object(json, "entries")).contains("\"secondary\": 1,", "\"permanent\": 128,");
        assertThat(json).contains("\"stable-privacy\": 2048\n");
    }

    @Test
    void modelOfABrokenSpecPrintsNothing(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("bad.yaml");
        Files.writeString(broken, "# SPDX-License-Identifier: Apache-2.0\nname: [unclosed\n", StandardCharsets.UTF_8);

        Run run = ynl4j("model", broken.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("bad.yaml:").contains(": error[");
    }

    @Test
    void lenientTurnsAnUnknownListedAttributeIntoAWarning(@TempDir Path dir) throws Exception {
        String spec = Files.readString(RT_ADDR).replace("            - mc-users\n", "            - mc-user\n");
        Path broken = dir.resolve("rt-addr.yaml");
        Files.writeString(broken, spec);

        Run strict = ynl4j("check", "--no-schema", broken.toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.err()).contains("error[Y201]: unknown attribute 'mc-user' in attribute-set 'addr-attrs'");

        Run lenient = ynl4j("check", "--no-schema", "--lenient", broken.toString());
        assertThat(lenient.exit()).isZero();
        assertThat(lenient.err()).contains("warning[Y304]: unknown attribute 'mc-user' in attribute-set 'addr-attrs'");
        assertThat(lenient.out()).contains("ok (2 warnings)");
    }

    @Test
    void generateWritesSourcesAndPrintsASummary(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("gen");

        Run run = ynl4j("generate", "--package", "com.acme.netlink", "--out", out.toString(), RT_ADDR.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("ynl4j: 1 family, \\d+ files \\(0 unchanged, \\d+ written, 0 deleted\\)\n");
        Path attrs = out.resolve("com/acme/netlink/rtaddr/AddrAttrs.java");
        assertThat(Files.readString(attrs))
                .startsWith("// Generated by ynl4j from rt-addr.yaml (sha256 ")
                .contains("package com.acme.netlink.rtaddr;");
        assertThat(out.resolve("ynl4j-manifest.properties")).exists();
    }

    @Test
    void generateASecondTimeWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("gen");
        Run first = ynl4j("generate", "--out", out.toString(), RT_ADDR.toString());

        Run second = ynl4j("generate", "--out", out.toString(), RT_ADDR.toString());

        assertThat(first.exit()).isZero();
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains(" unchanged, 0 written, 0 deleted)\n");
        assertThat(out.resolve("io/ynl4j/generated/rtaddr/AddrAttrs.java")).exists();
    }

    @Test
    void generateWithABrokenSpecWritesNothing(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("rt-addr.yaml");
        Files.writeString(
                broken, Files.readString(RT_ADDR).replace("            - mc-users\n", "            - mc-user\n"));
        Path out = dir.resolve("gen");

        Run run = ynl4j("generate", "--no-schema", "--out", out.toString(), broken.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("rt-addr.yaml:", "error[Y201]: unknown attribute 'mc-user'")
                .contains("; nothing written\n");
        assertThat(out).doesNotExist();

        Run lenient = ynl4j("generate", "--no-schema", "--lenient", "--out", out.toString(), broken.toString());
        assertThat(lenient.exit()).isZero();
        assertThat(lenient.out()).endsWith(" deleted), 2 warnings\n");

        Run strict = ynl4j(
                "generate",
                "--lenient",
                "--fail-on-warnings",
                "--out",
                dir.resolve("b").toString(),
                broken.toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void generateOfAMissingSpecIsAnIoError(@TempDir Path dir) {
        Run run = ynl4j(
                "generate",
                "--out",
                dir.resolve("gen").toString(),
                dir.resolve("missing.yaml").toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("missing.yaml", "error[Y001]");
        assertThat(dir.resolve("gen")).doesNotExist();
    }

    @Test
    void generateIntoAFileIsAnIoError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        Run run = ynl4j("generate", "--out", file.toString(), RT_ADDR.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("error[Y402]: cannot write the generated sources: ");
    }

    @Test
    void generateRejectsABadPackageAndAMissingOut(@TempDir Path dir) {
        Run badPackage = ynl4j("generate", "--package", "com..acme", "--out", dir.toString(), RT_ADDR.toString());
        Run noOut = ynl4j("generate", RT_ADDR.toString());

        assertThat(badPackage.exit()).isEqualTo(2);
        assertThat(badPackage.err()).contains("--package: base package 'com..acme' is not a Java package name");
        assertThat(noOut.exit()).isEqualTo(2);
        assertThat(noOut.err()).contains("Missing required option: '--out=DIR'");
    }

    // --- families, --family, list-ops, doc (the catalog; environment through Environment.set) ---

    @AfterEach
    void restoreEnvironment() {
        Environment.reset();
    }

    private static Path kernelSpecs() {
        Path dir = Path.of(System.getProperty("ynl4j.shared", "../../shared"))
                .resolve("kernel-specs")
                .resolve("specs")
                .toAbsolutePath()
                .normalize();
        assumeTrue(Files.isDirectory(dir), "the kernel specs are in " + dir);
        return dir;
    }

    /** YNL4J_HOME unset (no project specs), YNL4J_SPEC_PATH as given. */
    private static void specPath(Path... dirs) {
        Map<String, String> env = Map.of(
                "YNL4J_SPEC_PATH",
                String.join(
                        ":", java.util.Arrays.stream(dirs).map(Path::toString).toList()));
        Environment.set(env::get);
    }

    @Test
    void familiesListsNameProtocolSourceAndPath() {
        Path specs = kernelSpecs();
        specPath(specs);

        Run run = ynl4j("families");

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("FAMILY").contains("PROTOCOL", "SOURCE", "PATH");
        assertThat(run.out().lines().filter(l -> l.startsWith("drm-ras ")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains(
                                "genetlink",
                                "YNL4J_SPEC_PATH",
                                specs.resolve("drm_ras.yaml").toString()));
        assertThat(run.out().lines().filter(l -> l.startsWith("rt-link ")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("netlink-raw"));
    }

    @Test
    void projectSpecsComeFirstAndSpecDirAcceptsAKernelTree(@TempDir Path dir) throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("specs"));
        Files.copy(RT_ADDR, home.resolve("specs/rt-addr.yaml"));
        Path tree = dir.resolve("linux");
        Files.createDirectories(tree.resolve("Documentation/netlink/specs"));
        Files.copy(RT_ADDR, tree.resolve("Documentation/netlink/specs/rt-addr.yaml"));
        Environment.set(Map.of("YNL4J_HOME", home.toString())::get);

        Run run = ynl4j("families", "--all", "--spec-dir", tree.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        // Debian's linux-doc may add a third, after these.
        assertThat(run.out().lines().filter(l -> l.startsWith("rt-addr ")).toList())
                .hasSizeGreaterThanOrEqualTo(2)
                .satisfies(l -> assertThat(l.get(0)).contains("project"))
                .satisfies(l -> assertThat(l.get(1)).contains("spec-dir"));
    }

    @Test
    void missingSpecDirIsAnIoError(@TempDir Path dir) {
        Run run = ynl4j("families", "--spec-dir", dir.resolve("nope").toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("ynl4j: --spec-dir ").contains("not a directory");
    }

    @Test
    void checkAndModelAcceptFamilyNames() {
        Path specs = kernelSpecs();
        specPath(specs);

        Run check = ynl4j("check", "--family", "drm-ras", "--family", "netdev");
        Run model = ynl4j("model", "--family", "rt-link");

        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains(specs.resolve("drm_ras.yaml") + ": ok", specs.resolve("netdev.yaml") + ": ok");
        assertThat(model.exit()).as(model.err()).isZero();
        assertThat(model.out()).contains("rt-link");
    }

    @Test
    void unknownFamilyIsReportedWithNearNames() {
        specPath(kernelSpecs());

        Run run = ynl4j("check", "--family", "rt-lnk");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("Y011", "no spec found for family 'rt-lnk'", "near names: rt-link");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void checkWithoutSpecOrFamilyIsAUsageError() {
        Run run = ynl4j("model");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("SPEC or --family NAME");
    }

    @Test
    void generateAcceptsFamilyNames(@TempDir Path dir) {
        specPath(kernelSpecs());

        Run run = ynl4j("generate", "--out", dir.toString(), "--family", "netdev", RT_ADDR.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ynl4j: 2 families");
        assertThat(dir.resolve("io/ynl4j/generated/netdev")).isDirectory();
    }

    @Test
    void listOpsPrintsModesAndIds() {
        Run run = ynl4j("list-ops", RT_ADDR.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("OPERATION");
        assertThat(run.out().lines().filter(l -> l.startsWith("getmulticast ")))
                .singleElement()
                .satisfies(l -> assertThat(l).containsPattern("dump\\s+58\\s"));
    }

    @Test
    void docDescribesAnOperationWithNestsAndSubMessages() {
        specPath(kernelSpecs());

        Run addr = ynl4j("doc", RT_ADDR.toString(), "getmulticast");
        Run link = ynl4j("doc", "--family", "rt-link", "newlink");

        assertThat(addr.exit()).as(addr.err()).isZero();
        assertThat(addr.out()).contains("rt-addr getmulticast:", "dump reply:", "multicast (7)", "ifa-cacheinfo");
        assertThat(link.exit()).as(link.err()).isZero();
        assertThat(link.out()).contains("do request:", "linkinfo", "formats by kind:", "vlan:");
    }

    @Test
    void docOfAnUnknownOperationIsAUsageError() {
        Run run = ynl4j("doc", RT_ADDR.toString(), "getmulticst");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("has no operation 'getmulticst'", "did you mean 'getmulticast'?");
    }

    @Test
    void newCommandsHaveHelp() {
        for (String command : new String[] {"families", "list-ops", "doc"}) {
            Run run = ynl4j("help", command);
            assertThat(run.exit()).isZero();
            assertThat(run.out()).startsWith("Usage: ynl4j " + command);
        }
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (String command : List.of("check", "model", "generate", "families", "list-ops", "doc")) {
            Run run = ynl4j(command, "--help");
            assertThat(run.exit()).as(command).isZero();
            assertThat(run.out()).as(command).startsWith("Usage: ynl4j " + command);
        }
    }
}
