package io.ynl4j.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ynl4j.spec.Diagnostic;
import io.ynl4j.spec.Diagnostics;
import io.ynl4j.spec.SourceLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import tools.jackson.databind.JsonNode;

class SchemaValidatorTest {
    private static final String SPDX =
            "# SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)\n";

    /** A minimal valid genetlink spec; line numbers below refer to it (line 1 is the SPDX tag). */
    private static final String DEMO = SPDX + """
            name: demo
            doc: A demo family.
            attribute-sets:
              -
                name: main
                attributes:
                  -
                    name: ifindex
                    type: u32
                  -
                    name: label
                    type: string
            operations:
              list:
                -
                  name: get
                  doc: Get it.
                  attribute-set: main
                  do:
                    request:
                      attributes: [ ifindex ]
                    reply:
                      attributes: [ ifindex, label ]
            """;

    // --- corpus ---------------------------------------------------------------------------------

    private static Path kernelSpecs() {
        Path root =
                Paths.get(System.getProperty("ynl4j.shared", "../../shared")).resolve("kernel-specs");
        if (!Files.isDirectory(root.resolve("specs")) || !Files.isDirectory(root.resolve("schemas"))) {
            String reason = "kernel spec corpus not found at "
                    + root.toAbsolutePath().normalize() + " (set -Dynl4j.shared=<dir holding kernel-specs/>)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        return root;
    }

    private static List<Path> specFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("specs"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    private static Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(500);
        return new Yaml(options).compose(new StringReader(text));
    }

    private static Node compose(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(500);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(options).compose(reader);
        }
    }

    private static String protocolOf(Node root) {
        for (NodeTuple t : ((MappingNode) root).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k
                    && k.getValue().equals("protocol")
                    && t.getValueNode() instanceof ScalarNode v) {
                return v.getValue();
            }
        }
        return "genetlink";
    }

    @TestFactory
    Stream<DynamicTest> everyKernelSpecValidatesAgainstItsSchema() throws IOException {
        Path root = kernelSpecs();
        List<Path> specs = specFiles(root);
        assertThat(specs).hasSize(33);
        return specs.stream()
                .map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
                    Node node = compose(spec);
                    Path schema = root.resolve("schemas").resolve(protocolOf(node) + ".yaml");
                    Diagnostics diagnostics = new Diagnostics();
                    SchemaValidator.validate(node, spec.getFileName().toString(), schema, diagnostics);
                    assertThat(diagnostics.render()).isEmpty();
                }));
    }

    @Test
    void everySchemaCompiles() throws IOException {
        Path schemas = kernelSpecs().resolve("schemas");
        for (String name : List.of("genetlink.yaml", "genetlink-c.yaml", "genetlink-legacy.yaml", "netlink-raw.yaml")) {
            SchemaValidator validator = SchemaValidator.forSchema(schemas.resolve(name));
            assertThat(validator.failure()).as(name).isEmpty();
            assertThat(validator.schemaName()).isEqualTo(name);
            assertThat(SchemaValidator.forSchema(schemas.resolve(name)))
                    .as("cached")
                    .isSameAs(validator);
        }
    }

    // --- violations -----------------------------------------------------------------------------

    private static Diagnostics validateDemo(String text) {
        Path schema = kernelSpecs().resolve("schemas/genetlink.yaml");
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addSource("demo.yaml", text);
        SchemaValidator.validate(compose(text), "demo.yaml", schema, diagnostics);
        return diagnostics;
    }

    @Test
    void theDemoSpecIsValid() {
        assertThat(validateDemo(DEMO).render()).isEmpty();
    }

    @Test
    void unknownTopLevelKeyIsReportedAtTheKey() {
        Diagnostics d = validateDemo(DEMO.replace("doc: A demo family.\n", "doc: A demo family.\ncolour: blue\n"));
        assertThat(d.render()).isEqualTo("""
                demo.yaml:4:1: error[Y009]: schema genetlink.yaml: /: property 'colour' is not defined in the schema and the schema does not allow additional properties
                  4 | colour: blue
                    | ^
                """);
    }

    @Test
    void wrongEnumValueIsReportedAtTheValue() {
        Diagnostics d = validateDemo(DEMO.replace("type: u32", "type: u33"));
        assertThat(d.all()).hasSize(1);
        Diagnostic only = d.all().get(0);
        assertThat(only.location()).isEqualTo(new SourceLocation("demo.yaml", 10, 15));
        assertThat(only.code()).isEqualTo("Y009");
        assertThat(only.message())
                .isEqualTo("schema genetlink.yaml: /attribute-sets/0/attributes/0/type: does not have a value in the"
                        + " enumeration [\"unused\", \"pad\", \"flag\", \"binary\", \"uint\", \"sint\", \"u8\", \"u16\","
                        + " \"u32\", \"u64\", \"s8\", \"s16\", \"s32\", \"s64\", \"string\", \"nest\", \"indexed-array\","
                        + " \"nest-type-value\"]");
    }

    @Test
    void missingRequiredKeyIsReportedAtTheMapping() {
        Diagnostics d = validateDemo(DEMO.replace("      doc: Get it.\n", ""));
        assertThat(d.render()).isEqualTo("""
                demo.yaml:17:7: error[Y009]: schema genetlink.yaml: /operations/list/0: required property 'doc' not found
                  17 |       name: get
                     |       ^
                """);
    }

    @Test
    void wrongTypeIsReportedAtTheValue() {
        Diagnostics d = validateDemo(DEMO.replace("name: label\n", "name: label\n        value: abc\n"));
        assertThat(d.all())
                .extracting(Diagnostic::headline)
                .containsExactly("demo.yaml:13:16: error[Y009]: schema"
                        + " genetlink.yaml: /attribute-sets/0/attributes/1/value: string found, integer expected");
    }

    @Test
    void manyViolationsAreSortedAndDistinct() {
        String text = DEMO.replace("type: u32", "type: u33")
                .replace("doc: A demo family.\n", "doc: A demo family.\ncolour: blue\n")
                .replace("name: demo", "name: Demo");
        Diagnostics d = validateDemo(text);
        assertThat(d.all())
                .extracting(x -> x.location().line() + ":" + x.location().column())
                .containsExactly("2:7", "4:1", "11:15");
        Diagnostics again = validateDemo(text);
        assertThat(again.render()).isEqualTo(d.render());
    }

    @Test
    void schemasSharingAnIdStayApart() {
        // Upstream genetlink.yaml declares the $id of genetlink-legacy.yaml; each must still apply its own rules.
        Path schemas = kernelSpecs().resolve("schemas");
        String directional = DEMO.replace("operations:\n", "operations:\n  enum-model: directional\n");
        Diagnostics legacy = new Diagnostics();
        SchemaValidator.validate(compose(directional), "demo.yaml", schemas.resolve("genetlink-legacy.yaml"), legacy);
        assertThat(legacy.render()).isEmpty();
        Diagnostics plain = new Diagnostics();
        SchemaValidator.validate(compose(directional), "demo.yaml", schemas.resolve("genetlink.yaml"), plain);
        assertThat(plain.all())
                .extracting(Diagnostic::headline)
                .containsExactly("demo.yaml:15:15: error[Y009]: schema genetlink.yaml: /operations/enum-model: does"
                        + " not have a value in the enumeration [\"unified\"]");
    }

    @Test
    void branchesOfAFailedOneOfAreFoldedIntoOneDiagnostic() {
        String text = DEMO.replace(
                "attribute-sets:\n",
                "definitions:\n  -\n    name: e\n    type: enum\n    entries: [ a, { name: b, value: abc } ]\n"
                        + "attribute-sets:\n");
        Diagnostics d = validateDemo(text);
        assertThat(d.all())
                .extracting(Diagnostic::headline)
                .containsExactly("demo.yaml:8:19: error[Y009]: schema genetlink.yaml: /definitions/0/entries/1: must be"
                        + " valid to one and only one schema, but 0 are valid (object found, string expected;"
                        + " /definitions/0/entries/1/value: string found, integer expected)");
    }

    // --- netlink-raw and its duplicate key ------------------------------------------------------

    private static final String RAW = SPDX + """
            name: raw-demo
            protocol: netlink-raw
            protonum: 0
            doc: A raw demo family.
            definitions:
              -
                name: hdr
                type: struct
                members:
                  -
                    name: pad1
                    type: pad
                  -
                    name: blob
                    type: binary
            attribute-sets:
              -
                name: main
                attributes:
                  -
                    name: a
                    type: u32
            operations:
              list:
                -
                  name: get
                  doc: Get it.
                  value: 18
                  attribute-set: main
                  fixed-header: hdr
                  do:
                    request:
                      value: 18
                      attributes: [ a ]
            """;

    @Test
    void netlinkRawSchemaWithItsDuplicateKeyKeepsTheLastIfThen() {
        Path schema = kernelSpecs().resolve("schemas/netlink-raw.yaml");
        SchemaValidator validator = SchemaValidator.forSchema(schema);
        assertThat(validator.failure()).isEmpty();

        Diagnostics d = new Diagnostics();
        validator.validate(compose(RAW), "raw-demo.yaml", d);
        // The first 'if: pad, then: required len' is replaced by the last 'if: binary, then: oneOf
        // [len, struct]', as PyYAML does: 'pad1' passes without 'len', 'blob' fails.
        assertThat(d.all())
                .extracting(Diagnostic::headline)
                .containsExactly("raw-demo.yaml:15:9: error[Y009]: schema netlink-raw.yaml: /definitions/0/members/1:"
                        + " must be valid to one and only one schema, but 0 are valid (required property 'len' not"
                        + " found; required property 'struct' not found)");

        Diagnostics ok = new Diagnostics();
        validator.validate(
                compose(RAW.replace("type: binary\n", "type: binary\n        len: 4\n")), "raw-demo.yaml", ok);
        assertThat(ok.render()).isEmpty();
    }

    // --- schema problems ------------------------------------------------------------------------

    @Test
    void missingSchemaIsReportedNotThrown() {
        Diagnostics d = new Diagnostics();
        SchemaValidator.validate(compose(DEMO), "demo.yaml", Path.of("/nonexistent/genetlink.yaml"), d);
        assertThat(d.all())
                .extracting(Diagnostic::headline)
                .singleElement()
                .asString()
                .startsWith("demo.yaml:1:1: error[Y010]: cannot use schema genetlink.yaml: cannot read ");
    }

    @Test
    void remoteReferencesAreNeverFetched(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("remote.yaml");
        Files.writeString(schema, """
                $id: http://kernel.org/schemas/netlink/remote.yaml#
                $schema: https://json-schema.org/draft-07/schema
                type: object
                properties:
                  name:
                    $ref: 'http://example.invalid/schemas/name.json'
                """);
        SchemaValidator validator = SchemaValidator.compile(schema);
        assertThat(validator.failure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("example.invalid"));
        Diagnostics d = new Diagnostics();
        validator.validate(compose(DEMO), "demo.yaml", d);
        assertThat(d.all()).extracting(Diagnostic::code).containsExactly("Y010");
    }

    @Test
    void unknownDialectIsReported(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("odd.yaml");
        Files.writeString(schema, "$schema: http://example.invalid/my-dialect\ntype: object\n");
        assertThat(SchemaValidator.compile(schema).failure()).isPresent();
    }

    @Test
    void brokenSchemaYamlIsReported(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("broken.yaml");
        Files.writeString(schema, "type: [ object\n");
        Diagnostics d = new Diagnostics();
        SchemaValidator.validate(compose(DEMO), "demo.yaml", schema, d);
        assertThat(d.all()).extracting(Diagnostic::code).containsExactly("Y010");
        Files.writeString(schema, "");
        assertThat(SchemaValidator.compile(schema).failure()).contains("the file is empty");
        Files.write(schema, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        assertThat(SchemaValidator.compile(schema).failure()).contains("the file is not valid UTF-8");
    }

    @Test
    void aliasBombsHitTheNodeLimit(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("any.yaml");
        Files.writeString(schema, "$schema: https://json-schema.org/draft-07/schema\ntype: object\n");
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 8; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            bomb.append(String.join(", ", Collections.nCopies(10, "*a" + (i - 1))));
            bomb.append("]\n");
        }
        Diagnostics d = new Diagnostics();
        SchemaValidator.validate(compose(bomb.toString()), "bomb.yaml", schema, d);
        assertThat(d.all())
                .extracting(Diagnostic::headline)
                .singleElement()
                .asString()
                .startsWith("bomb.yaml:1:1: error[Y004]: the spec exceeds a safety limit: more than");
    }

    // --- YAML 1.1 scalars -----------------------------------------------------------------------

    @Test
    void scalarsFollowYaml11Tags() {
        Node node = compose("""
                a: 0x1F
                b: 017
                c: 0b101
                d: -1_000
                e: 1:30
                f: yes
                g: Off
                h: ~
                i: 1.5
                j: "0x10"
                k: 2001-12-14
                l: 0xffffffffffffffffff
                m: 4294967296
                n: .inf
                """);
        JsonNode json = SchemaValidator.Converter.convert(node, "t.yaml", true).json();
        assertThat(json.get("a").intValue()).isEqualTo(31);
        assertThat(json.get("b").intValue()).isEqualTo(15);
        assertThat(json.get("c").intValue()).isEqualTo(5);
        assertThat(json.get("d").intValue()).isEqualTo(-1000);
        assertThat(json.get("e").intValue()).isEqualTo(90);
        assertThat(json.get("f").booleanValue()).isTrue();
        assertThat(json.get("g").isBoolean()).isTrue();
        assertThat(json.get("g").booleanValue()).isFalse();
        assertThat(json.get("h").isNull()).isTrue();
        assertThat(json.get("i").doubleValue()).isEqualTo(1.5);
        assertThat(json.get("j").isString()).isTrue();
        assertThat(json.get("k").isString()).isTrue();
        assertThat(json.get("l").bigIntegerValue()).isEqualTo(new BigInteger("ffffffffffffffffff", 16));
        assertThat(json.get("m").longValue()).isEqualTo(4294967296L);
        assertThat(json.get("n").doubleValue()).isInfinite();
    }

    @Test
    void integerParsing() {
        assertThat(SchemaValidator.Converter.parseInt("0o17")).isEqualTo(BigInteger.valueOf(15));
        assertThat(SchemaValidator.Converter.parseInt("+0x_10")).isEqualTo(BigInteger.valueOf(16));
        assertThat(SchemaValidator.Converter.parseInt("-0b1")).isEqualTo(BigInteger.valueOf(-1));
        assertThat(SchemaValidator.Converter.parseInt("0")).isEqualTo(BigInteger.ZERO);
        assertThat(SchemaValidator.Converter.parseInt("abc")).isNull();
        assertThat(SchemaValidator.Converter.parseInt("--1")).isNull();
        assertThat(SchemaValidator.Converter.parseBool("ON")).isTrue();
        assertThat(SchemaValidator.Converter.parseBool("maybe")).isNull();
    }

    @Test
    void locationsAreRecordedForValuesKeysAndAliases() {
        Node node = compose("""
                x: &shared
                  k: 1
                list:
                  - *shared
                <<: {m: 2}
                """);
        var converted = SchemaValidator.Converter.convert(node, "t.yaml", true);
        Map<String, SourceLocation> at = converted.locations();
        assertThat(at.get("")).isEqualTo(new SourceLocation("t.yaml", 1, 1));
        assertThat(at.get("/x")).as("at the anchor").isEqualTo(new SourceLocation("t.yaml", 1, 4));
        assertThat(at.get("/x#key")).isEqualTo(new SourceLocation("t.yaml", 1, 1));
        assertThat(at.get("/list/0")).as("alias points at the anchor").isEqualTo(at.get("/x"));
        assertThat(at.get("/list/0/k")).isEqualTo(new SourceLocation("t.yaml", 2, 6));
        assertThat(converted.json().get("m").intValue()).as("merge key").isEqualTo(2);
        assertThat(converted.nearest("/list/0/k/deeper")).isEqualTo(at.get("/list/0/k"));
        assertThat(SchemaValidator.escape("a/b~c")).isEqualTo("a~1b~0c");
    }
}
