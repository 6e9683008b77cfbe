package io.ynl4j.spec.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ynl4j.spec.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken specs, one defect each, and the full text of what the loader says about them. Every spec
 * is the minimal valid genetlink spec built by {@link Spec} with one part replaced; the rendered
 * diagnostics quote the offending line, so the expected text shows where each message points.
 */
class BrokenSpecTest {
    private static final String SPDX =
            "# SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)\n";

    /** Builds a spec from the minimal valid one, replacing the parts a test names. */
    private static final class Spec {
        private String protocol = "";
        private String top = "";
        private String definitions = "";
        private String attributeSets = """
                - name: main
                  attributes:
                    - name: id
                      type: u32
                """;
        private String subMessages = "";
        private String operations = """
                list:
                  - name: get
                    doc: Get an object.
                    attribute-set: main
                    do:
                      request:
                        attributes: [ id ]
                      reply:
                        attributes: [ id ]
                """;
        private String mcastGroups = "";

        /** {@code protocol:}, written right after the name. */
        Spec protocol(String value) {
            protocol = "protocol: " + value + "\n" + (value.equals("netlink-raw") ? "protonum: 0\n" : "");
            return this;
        }

        /** Extra top-level lines, written after {@code doc}. */
        Spec top(String lines) {
            top = lines;
            return this;
        }

        /** The items of {@code definitions}. */
        Spec definitions(String items) {
            definitions = items;
            return this;
        }

        /** The items of {@code attribute-sets}. */
        Spec attributeSets(String items) {
            attributeSets = items;
            return this;
        }

        /** The items of {@code sub-messages}. */
        Spec subMessages(String items) {
            subMessages = items;
            return this;
        }

        /** The body of {@code operations} (its {@code list} and options). */
        Spec operations(String body) {
            operations = body;
            return this;
        }

        /** The items of {@code mcast-groups: list}. */
        Spec mcastGroups(String items) {
            mcastGroups = items;
            return this;
        }

        String text() {
            StringBuilder out = new StringBuilder(SPDX).append("name: demo\n");
            out.append(protocol).append("doc: A demo family.\n").append(top);
            section(out, "definitions", definitions);
            section(out, "attribute-sets", attributeSets);
            section(out, "sub-messages", subMessages);
            section(out, "operations", operations);
            if (!mcastGroups.isEmpty()) {
                out.append("mcast-groups:\n  list:\n").append(mcastGroups.indent(4));
            }
            return out.toString();
        }

        private static void section(StringBuilder out, String key, String body) {
            if (!body.isEmpty()) {
                out.append(key).append(":\n").append(body.indent(2));
            }
        }
    }

    private static Spec spec() {
        return new Spec();
    }

    /** Loads a spec, checking that the loader neither threw nor reported an internal error. */
    private static LoadResult load(String file, byte[] bytes) {
        LoadResult result = SpecLoader.create().load(file, bytes);
        assertThat(result.diagnostics()).extracting(Diagnostic::message).noneMatch(m -> m.contains("internal error"));
        return result;
    }

    private static LoadResult load(String text) {
        return load("demo.yaml", text.getBytes(UTF_8));
    }

    /** Asserts the spec is rejected with exactly this rendering. */
    private static void assertRejected(String text, String expected) {
        assertRejected(load(text), expected);
    }

    private static void assertRejected(LoadResult result, String expected) {
        assertThat(result.render()).isEqualTo(expected);
        assertThat(result.family()).isEmpty();
        assertThat(result.ok()).isFalse();
    }

    // ---------------------------------------------------------------- unknown and misplaced keys

    @Test
    void rejectsUnknownTopLevelKeyWithDidYouMean() {
        assertRejected(spec().top("uapi-headers: linux/demo.h\n").text(), """
                demo.yaml:4:1: error[Y101]: unknown key 'uapi-headers' in the spec
                  4 | uapi-headers: linux/demo.h
                    | ^
                  hint: did you mean 'uapi-header'?
                  hint: allowed in the spec: name, doc, protocol, uapi-header, definitions, attribute-sets, operations, mcast-groups, kernel-family
                """);
    }

    @Test
    void rejectsUnknownKeyInAttribute() {
        assertRejected(spec().attributeSets("""
                        - name: main
                          attributes:
                            - name: id
                              type: u32
                              byteorder: big-endian
                        """).text(), """
                demo.yaml:9:9: error[Y101]: unknown key 'byteorder' in attribute 'id'
                  9 |         byteorder: big-endian
                    |         ^
                  hint: did you mean 'byte-order'?
                  hint: allowed in attribute: name, type, doc, value, type-value, byte-order, multi-attr, nested-attributes, enum, enum-as-flags, checks, sub-type, display-hint
                """);
    }

    @Test
    void rejectsStructOnAttributeUnderGenetlink() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: binary
                                      struct: stats
                                """).text(), """
                demo.yaml:9:9: error[Y107]: key 'struct' in attribute 'id' is not allowed with protocol 'genetlink'
                  9 |         struct: stats
                    |         ^
                  hint: 'struct' is allowed with protocol genetlink-legacy, netlink-raw
                """);
    }

    @Test
    void rejectsStructDefinitionUnderGenetlink() {
        assertRejected(spec().definitions("""
                                - name: stats
                                  type: struct
                                """).text(), """
                demo.yaml:6:11: error[Y108]: 'type: struct' is not allowed with protocol 'genetlink'
                  6 |     type: struct
                    |           ^
                  hint: 'type: struct' is allowed with protocol genetlink-legacy, netlink-raw
                """);
    }

    @Test
    void rejectsSubMessageTypeUnderGenetlinkLegacy() {
        assertRejected(spec().protocol("genetlink-legacy").attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: sub-message
                                """).text(), """
                demo.yaml:9:15: error[Y108]: 'type: sub-message' is not allowed with protocol 'genetlink-legacy'
                  9 |         type: sub-message
                    |               ^
                  hint: 'type: sub-message' is allowed with protocol netlink-raw
                """);
    }

    // ---------------------------------------------------------------- kinds of values

    @Test
    void rejectsStringWhereIntegerExpected() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      value: one
                                """).text(), """
                demo.yaml:9:16: error[Y102]: 'value' must be an integer, got the string 'one'
                  9 |         value: one
                    |                ^
                """);
    }

    @Test
    void rejectsListWhereMappingExpected() {
        assertRejected(spec().top("kernel-family: [ demo.h ]\n").text(), """
                demo.yaml:4:16: error[Y102]: 'kernel-family' must be a mapping, got a list
                  4 | kernel-family: [ demo.h ]
                    |                ^
                """);
    }

    @Test
    void rejectsMappingWhereStringExpected() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: { name: main }
                                    do:
                                      request:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:13:22: error[Y102]: 'attribute-set' must be a string, got a mapping
                  13 |       attribute-set: { name: main }
                     |                      ^
                """);
    }

    @Test
    void rejectsOperationsWrittenAsList() {
        assertRejected(spec().operations("""
                                - name: get
                                  doc: Get an object.
                                """).text(), """
                demo.yaml:10:3: error[Y102]: 'operations' must be a mapping, got a list
                  10 |   - name: get
                     |   ^
                """);
    }

    @Test
    void rejectsRootThatIsNotAMapping() {
        assertRejected(SPDX + "- name: demo\n", """
                demo.yaml:2:1: error[Y102]: 'the spec' must be a mapping, got a list
                  2 | - name: demo
                    | ^
                """);
    }

    @Test
    void rejectsNothingWhereStringExpected() {
        assertRejected(spec().text().replace("doc: A demo family.", "doc:"), """
                demo.yaml:3:5: error[Y102]: 'doc' must be a string, got nothing (null)
                  3 | doc:
                    |     ^
                """);
    }

    @Test
    void rejectsIntegerWhereBooleanExpected() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      multi-attr: 1
                                """).text(), """
                demo.yaml:9:21: error[Y102]: 'multi-attr' must be a boolean, got the integer 1
                  9 |         multi-attr: 1
                    |                     ^
                """);
    }

    // ---------------------------------------------------------------- missing keys

    @Test
    void rejectsSpecWithoutName() {
        assertRejected(spec().text().replace("name: demo\n", ""), """
                demo.yaml:2:1: error[Y103]: the spec has no 'name' (it is required)
                  2 | doc: A demo family.
                    | ^
                """);
    }

    @Test
    void rejectsSpecWithoutDoc() {
        assertRejected(spec().text().replace("doc: A demo family.\n", ""), """
                demo.yaml:2:1: error[Y103]: the spec has no 'doc' (it is required)
                  2 | name: demo
                    | ^
                """);
    }

    @Test
    void rejectsSpecWithoutAttributeSets() {
        assertRejected(spec().attributeSets("").operations("list: []\n").text(), """
                demo.yaml:2:1: error[Y103]: the spec has no 'attribute-sets' (it is required)
                  2 | name: demo
                    | ^
                """);
    }

    @Test
    void rejectsSpecWithoutOperations() {
        assertRejected(spec().operations("").text(), """
                demo.yaml:2:1: error[Y103]: the spec has no 'operations' (it is required)
                  2 | name: demo
                    | ^
                """);
    }

    @Test
    void rejectsDefinitionWithoutType() {
        assertRejected(spec().definitions("""
                                - name: max-id
                                  value: 16
                                """).text(), """
                demo.yaml:5:5: error[Y103]: definition 'max-id' has no 'type' (it is required)
                  5 |   - name: max-id
                    |     ^
                """);
    }

    @Test
    void rejectsAttributeSetWithoutAttributes() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  doc: No attributes.
                                """).operations("list: []\n").text(), """
                demo.yaml:5:5: error[Y103]: attribute-set 'main' has no 'attributes' (it is required)
                  5 |   - name: main
                    |     ^
                """);
    }

    @Test
    void rejectsSubMessageFormatWithoutValue() {
        assertRejected(rawWithSubMessage("""
                        - name: link-data
                          formats:
                            - attribute-set: vlan
                        """), """
                demo.yaml:24:9: error[Y103]: format #0 of sub-message 'link-data' has no 'value' (it is required)
                  24 |       - attribute-set: vlan
                     |         ^
                """);
    }

    @Test
    void rejectsOperationWithoutDoc() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:11:7: error[Y103]: operation 'get' has no 'doc' (it is required)
                  11 |     - name: get
                     |       ^
                """);
    }

    // ---------------------------------------------------------------- enumerated values

    @Test
    void rejectsUnknownAttributeTypeWithDidYouMean() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u33
                                """).text(), """
                demo.yaml:8:15: error[Y104]: 'type' must be one of unused, pad, flag, binary, uint, sint, u8, u16, u32, u64, s8, s16, s32, s64, string, nest, indexed-array, nest-type-value, got 'u33'
                  8 |         type: u33
                    |               ^
                  hint: did you mean 'u32'?
                """);
    }

    @Test
    void rejectsUnknownByteOrder() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      byte-order: big-endien
                                """).text(), """
                demo.yaml:9:21: error[Y104]: 'byte-order' must be one of little-endian, big-endian, got 'big-endien'
                  9 |         byte-order: big-endien
                    |                     ^
                  hint: did you mean 'big-endian'?
                """);
    }

    @Test
    void rejectsUnknownDisplayHint() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: binary
                                      display-hint: ipv5
                                """).text(), """
                demo.yaml:9:23: error[Y104]: 'display-hint' must be one of hex, mac, fddi, ipv4, ipv6, ipv4-or-v6, uuid, got 'ipv5'
                  9 |         display-hint: ipv5
                    |                       ^
                  hint: did you mean 'ipv4'?
                """);
    }

    @Test
    void rejectsDirectionalEnumModelUnderGenetlink() {
        assertRejected(spec().operations("""
                                enum-model: directional
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:10:15: error[Y108]: 'enum-model: directional' is not allowed with protocol 'genetlink'
                  10 |   enum-model: directional
                     |               ^
                  hint: 'enum-model: directional' is allowed with protocol genetlink-legacy, netlink-raw
                """);
    }

    @Test
    void rejectsUnknownProtocolWithDidYouMean() {
        assertRejected(spec().protocol("genetlink-legasy").text(), """
                demo.yaml:3:11: error[Y104]: 'protocol' must be one of genetlink, genetlink-c, genetlink-legacy, netlink-raw, got 'genetlink-legasy'
                  3 | protocol: genetlink-legasy
                    |           ^
                  hint: did you mean 'genetlink-legacy'?
                """);
    }

    @Test
    void rejectsUnknownOperationFlag() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    flags: [ admin-prem ]
                                    do:
                                      request:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:14:16: error[Y104]: 'flags' must be one of admin-perm, uns-admin-perm, got 'admin-prem'
                  14 |       flags: [ admin-prem ]
                     |                ^
                  hint: did you mean 'admin-perm'?
                """);
    }

    // ---------------------------------------------------------------- names

    @Test
    void warnsAboutAttributeNameWithUnderscoreButLoads() {
        LoadResult result =
                load(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: if_index
                                      type: u32
                                """).operations("list: []\n").text());
        assertThat(result.render()).isEqualTo("""
                demo.yaml:7:15: warning[Y302]: attribute name 'if_index' does not follow the kernel's naming rule (lower-case letters, digits and '-'); kept as written (older specs used such names)
                  7 |       - name: if_index
                    |               ^
                """);
        assertThat(result.ok()).isTrue();
        assertThat(result.family()
                        .orElseThrow()
                        .attributeSet("main")
                        .orElseThrow()
                        .attribute("if_index"))
                .isPresent();
    }

    @Test
    void warnsAboutOperationNameInUpperCaseButLoads() {
        LoadResult result = load(spec().operations("""
                                list:
                                  - name: Get
                                    doc: Get an object.
                                """).text());
        assertThat(result.render()).isEqualTo("""
                demo.yaml:11:13: warning[Y302]: operation name 'Get' does not follow the kernel's naming rule (lower-case letters, digits and '-'); kept as written (older specs used such names)
                  11 |     - name: Get
                     |             ^
                """);
        assertThat(result.ok()).isTrue();
    }

    @Test
    void rejectsEmptyAttributeName() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: " "
                                      type: u32
                                """).operations("list: []\n").text(), """
                demo.yaml:7:15: error[Y105]: attribute name ' ' is not usable (expected: a non-empty name without control characters)
                  7 |       - name: " "
                    |               ^
                """);
    }

    @Test
    void warnsAboutFixedHeaderMemberListedAsAttribute() {
        LoadResult result = load(spec().definitions("""
                                - name: hdr
                                  type: struct
                                  members:
                                    - name: family
                                      type: u8
                                """)
                .protocol("genetlink-legacy")
                .operations("""
                                fixed-header: hdr
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ family, id ]
                                """)
                .text());
        assertThat(result.render())
                .contains("warning[Y303]: 'family' is a member of the fixed header 'hdr', not an attribute of 'main';"
                        + " ignored in this list (older specs listed header members here)");
        assertThat(result.ok()).isTrue();
        assertThat(result.family()
                        .orElseThrow()
                        .operation("get")
                        .orElseThrow()
                        .doMode()
                        .orElseThrow()
                        .request()
                        .orElseThrow()
                        .attributes())
                .containsExactly("id");
    }

    // ---------------------------------------------------------------- duplicates

    @Test
    void rejectsDuplicateKeyInMapping() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      type: u64
                                """).text(), """
                demo.yaml:9:9: error[Y007]: duplicate key 'type' (first at line 8)
                  9 |         type: u64
                    |         ^
                """);
    }

    @Test
    void rejectsDuplicateDefinitionName() {
        assertRejected(spec().definitions("""
                                - name: max-id
                                  type: const
                                  value: 16
                                - name: max-id
                                  type: const
                                  value: 32
                                """).text(), """
                demo.yaml:8:11: error[Y207]: duplicate definition name 'max-id' (first at demo.yaml:5:11)
                  8 |   - name: max-id
                    |           ^
                """);
    }

    @Test
    void rejectsDuplicateAttributeSetName() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                - name: main
                                  attributes:
                                    - name: label
                                      type: string
                                """).text(), """
                demo.yaml:9:11: error[Y207]: duplicate attribute-set name 'main' (first at demo.yaml:5:11)
                  9 |   - name: main
                    |           ^
                """);
    }

    @Test
    void rejectsDuplicateAttributeName() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                    - name: id
                                      type: string
                                """).text(), """
                demo.yaml:9:15: error[Y207]: duplicate attribute name 'id' (first at demo.yaml:7:15)
                  9 |       - name: id
                    |               ^
                  in attribute-set 'main' (demo.yaml:5:5)
                """);
    }

    @Test
    void rejectsDuplicateOperationName() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                  - name: get
                                    doc: Get it again.
                                    attribute-set: main
                                    dump:
                                      reply:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:17:13: error[Y207]: duplicate operation name 'get' (first at demo.yaml:11:13)
                  17 |     - name: get
                     |             ^
                """);
    }

    @Test
    void rejectsDuplicateMulticastGroupName() {
        assertRejected(spec().mcastGroups("""
                                - name: monitor
                                - name: monitor
                                """).text(), """
                demo.yaml:22:13: error[Y207]: duplicate multicast group name 'monitor' (first at demo.yaml:21:13)
                  22 |     - name: monitor
                     |             ^
                """);
    }

    @Test
    void rejectsDuplicateEnumEntryName() {
        assertRejected(spec().definitions("""
                                - name: state
                                  type: enum
                                  entries: [ up, down, up ]
                                """).text(), """
                demo.yaml:7:26: error[Y207]: duplicate enum entry name 'up' (first at demo.yaml:7:16)
                  7 |     entries: [ up, down, up ]
                    |                          ^
                  in definition 'state' (demo.yaml:5:5)
                """);
    }

    @Test
    void rejectsDuplicateStructMemberName() {
        assertRejected(legacy().definitions("""
                                - name: header
                                  type: struct
                                  members:
                                    - name: ifindex
                                      type: u32
                                    - name: ifindex
                                      type: u16
                                """).text(), """
                demo.yaml:11:15: error[Y207]: duplicate struct member name 'ifindex' (first at demo.yaml:9:15)
                  11 |       - name: ifindex
                     |               ^
                  in struct 'header' (demo.yaml:6:5)
                """);
    }

    @Test
    void rejectsDuplicateAttributeValue() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                    - name: label
                                      type: string
                                      value: 1
                                """).text(), """
                demo.yaml:11:16: error[Y208]: attribute 'label' has value 1, already used by 'id'
                  11 |         value: 1
                     |                ^
                  in attribute-set 'main' (demo.yaml:5:5)
                """);
    }

    // ---------------------------------------------------------------- dangling references

    @Test
    void rejectsUnknownNestedAttributeSet() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                    - name: stats
                                      type: nest
                                      nested-attributes: stat-attrs
                                - name: stats-attrs
                                  attributes:
                                    - name: packets
                                      type: u64
                                """).text(), """
                demo.yaml:11:28: error[Y202]: unknown attribute-set 'stat-attrs'
                  11 |         nested-attributes: stat-attrs
                     |                            ^
                  in attribute 'stats' (demo.yaml:9:9)
                  in attribute-set 'main' (demo.yaml:5:5)
                  hint: did you mean 'stats-attrs'?
                """);
    }

    @Test
    void rejectsUnknownStructOnAttribute() {
        assertRejected(legacy().definitions("""
                                - name: stats
                                  type: struct
                                  members:
                                    - name: packets
                                      type: u32
                                """).attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: binary
                                      struct: stat
                                """).text(), """
                demo.yaml:16:17: error[Y203]: unknown struct 'stat'
                  16 |         struct: stat
                     |                 ^
                  in attribute 'id' (demo.yaml:14:9)
                  in attribute-set 'main' (demo.yaml:12:5)
                  hint: did you mean 'stats'?
                """);
    }

    @Test
    void rejectsUnknownStructOnMember() {
        assertRejected(legacy().definitions("""
                                - name: header
                                  type: struct
                                  members:
                                    - name: stats
                                      type: binary
                                      struct: counters
                                """).text(), """
                demo.yaml:11:17: error[Y203]: unknown struct 'counters'
                  11 |         struct: counters
                     |                 ^
                  in member 'stats' (demo.yaml:9:9)
                  in struct 'header' (demo.yaml:6:5)
                """);
    }

    @Test
    void rejectsUnknownFamilyFixedHeader() {
        assertRejected(legacy().definitions("""
                                - name: demo-header
                                  type: struct
                                  members:
                                    - name: ifindex
                                      type: u32
                                """).operations("""
                                fixed-header: demo-hdr
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:17:17: error[Y203]: unknown struct 'demo-hdr'
                  17 |   fixed-header: demo-hdr
                     |                 ^
                  in operations (demo.yaml:17:3)
                """);
    }

    @Test
    void rejectsUnknownOperationFixedHeader() {
        assertRejected(legacy().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    fixed-header: demo-header
                                    do:
                                      request:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:15:21: error[Y203]: unknown struct 'demo-header'
                  15 |       fixed-header: demo-header
                     |                     ^
                  in operation 'get' (demo.yaml:12:7)
                """);
    }

    @Test
    void rejectsUnknownSubMessageFixedHeader() {
        assertRejected(rawWithSubMessage("""
                        - name: link-data
                          formats:
                            - value: vlan
                              fixed-header: vlan-header
                              attribute-set: vlan
                        """), """
                demo.yaml:25:23: error[Y203]: unknown struct 'vlan-header'
                  25 |         fixed-header: vlan-header
                     |                       ^
                  in sub-message 'link-data' (demo.yaml:22:5)
                """);
    }

    @Test
    void rejectsUnknownEnumOnAttribute() {
        assertRejected(spec().definitions("""
                                - name: state
                                  type: enum
                                  entries: [ up, down ]
                                """).attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      enum: states
                                """).text(), """
                demo.yaml:13:15: error[Y204]: unknown enum or flags definition 'states'
                  13 |         enum: states
                     |               ^
                  in attribute 'id' (demo.yaml:11:9)
                  in attribute-set 'main' (demo.yaml:9:5)
                  hint: did you mean 'state'?
                """);
    }

    @Test
    void rejectsUnknownEnumOnMember() {
        assertRejected(legacy().definitions("""
                                - name: header
                                  type: struct
                                  members:
                                    - name: state
                                      type: u8
                                      enum: link-state
                                """).text(), """
                demo.yaml:11:15: error[Y204]: unknown enum or flags definition 'link-state'
                  11 |         enum: link-state
                     |               ^
                  in member 'state' (demo.yaml:9:9)
                  in struct 'header' (demo.yaml:6:5)
                """);
    }

    @Test
    void rejectsUnknownSubMessage() {
        assertRejected(raw().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                    - name: kind
                                      type: string
                                    - name: data
                                      type: sub-message
                                      sub-message: link-info
                                      selector: kind
                                - name: vlan
                                  attributes:
                                    - name: vlan-id
                                      type: u16
                                """).subMessages("""
                                - name: link-data
                                  formats:
                                    - value: vlan
                                      attribute-set: vlan
                                """).text(), """
                demo.yaml:15:22: error[Y205]: unknown sub-message 'link-info'
                  15 |         sub-message: link-info
                     |                      ^
                  in attribute 'data' (demo.yaml:13:9)
                  in attribute-set 'main' (demo.yaml:7:5)
                """);
    }

    @Test
    void rejectsUnknownSelector() {
        assertRejected(
                raw().attributeSets(rawSets("selector: kinds"))
                        .subMessages(LINK_DATA)
                        .text(),
                """
                demo.yaml:16:19: error[Y206]: selector 'kinds' of attribute 'data' is not an attribute of 'main' or of a set enclosing it
                  16 |         selector: kinds
                     |                   ^
                  in attribute 'data' (demo.yaml:13:9)
                  in attribute-set 'main' (demo.yaml:7:5)
                  hint: did you mean 'kind'?
                """);
    }

    @Test
    void rejectsUnknownSubsetParent() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                - name: main-ids
                                  subset-of: mains
                                  attributes:
                                    - name: id
                                """).text(), """
                demo.yaml:10:16: error[Y202]: unknown attribute-set 'mains'
                  10 |     subset-of: mains
                     |                ^
                  in attribute-set 'main-ids' (demo.yaml:9:5)
                  hint: did you mean 'main'?
                """);
    }

    @Test
    void rejectsUnknownAttributeSetOfOperation() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: man
                                    do:
                                      request:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:13:22: error[Y202]: unknown attribute-set 'man'
                  13 |       attribute-set: man
                     |                      ^
                  in operation 'get' (demo.yaml:11:7)
                  hint: did you mean 'main'?
                """);
    }

    @Test
    void rejectsUnknownNotifyTarget() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      reply:
                                        attributes: [ id ]
                                  - name: changed
                                    doc: An object changed.
                                    notify: gets
                                """).text(), """
                demo.yaml:19:15: error[Y211]: unknown operation 'gets'
                  19 |       notify: gets
                     |               ^
                  in operation 'changed' (demo.yaml:17:7)
                  hint: did you mean 'get'?
                """);
    }

    @Test
    void rejectsUnknownMulticastGroupOfOperation() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      reply:
                                        attributes: [ id ]
                                  - name: changed
                                    doc: An object changed.
                                    notify: get
                                    mcgrp: monitr
                                """).mcastGroups("- name: monitor\n").text(), """
                demo.yaml:20:14: error[Y220]: unknown multicast group 'monitr'
                  20 |       mcgrp: monitr
                     |              ^
                  in operation 'changed' (demo.yaml:17:7)
                  hint: did you mean 'monitor'?
                """);
    }

    @Test
    void rejectsRequestAttributeMissingFromSet() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ idx ]
                                """).text(), """
                demo.yaml:16:25: error[Y201]: unknown attribute 'idx' in attribute-set 'main'
                  16 |           attributes: [ idx ]
                     |                         ^
                  in request of operation 'get' (do) (demo.yaml:16:11)
                  in operation 'get' (demo.yaml:11:7)
                  hint: did you mean 'id'?
                """);
    }

    @Test
    void rejectsReplyAttributeMissingFromSetWithDidYouMean() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                    - name: mc-users
                                      type: u32
                                """).operations("""
                                list:
                                  - name: getmulticast
                                    doc: Get multicast addresses.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                      reply:
                                        attributes:
                                          - id
                                          - mc-user
                                """).text(), """
                demo.yaml:22:15: error[Y201]: unknown attribute 'mc-user' in attribute-set 'main'
                  22 |             - mc-user
                     |               ^
                  in reply of operation 'getmulticast' (do) (demo.yaml:20:11)
                  in operation 'getmulticast' (demo.yaml:13:7)
                  hint: did you mean 'mc-users'?
                """);
    }

    @Test
    void rejectsEventAttributeMissingFromSet() {
        assertRejected(spec().operations("""
                                list:
                                  - name: changed
                                    doc: An object changed.
                                    attribute-set: main
                                    event:
                                      attributes: [ id, label ]
                                """).text(), """
                demo.yaml:15:27: error[Y201]: unknown attribute 'label' in attribute-set 'main'
                  15 |         attributes: [ id, label ]
                     |                           ^
                  in event of operation 'changed' (demo.yaml:15:9)
                  in operation 'changed' (demo.yaml:11:7)
                """);
    }

    // ---------------------------------------------------------------- cross-field rules

    @Test
    void rejectsSubsetCycle() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                - name: left
                                  subset-of: right
                                  attributes:
                                    - name: id
                                - name: right
                                  subset-of: left
                                  attributes:
                                    - name: id
                                """).text(), """
                demo.yaml:10:16: error[Y209]: attribute-set 'left' is a subset of itself through left -> right -> left
                  10 |     subset-of: right
                     |                ^
                  in attribute-set 'left' (demo.yaml:9:5)
                """);
    }

    @Test
    void rejectsSubsetCycleOnlyAtItsOwnSets() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                - name: outside
                                  subset-of: left
                                  attributes:
                                    - name: id
                                - name: left
                                  subset-of: right
                                  attributes:
                                    - name: id
                                - name: right
                                  subset-of: left
                                  attributes:
                                    - name: id
                                """).text(), """
                demo.yaml:14:16: error[Y209]: attribute-set 'left' is a subset of itself through left -> right -> left
                  14 |     subset-of: right
                     |                ^
                  in attribute-set 'left' (demo.yaml:13:5)
                """);
    }

    @Test
    void rejectsSubsetAttributeMissingFromParent() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                - name: main-ids
                                  subset-of: main
                                  attributes:
                                    - name: idx
                                """).text(), """
                demo.yaml:12:15: error[Y210]: attribute 'idx' of subset 'main-ids' is not in its parent set 'main'
                  12 |       - name: idx
                     |               ^
                  in attribute-set 'main-ids' (demo.yaml:9:5)
                  hint: did you mean 'id'?
                """);
    }

    @Test
    void rejectsNestWithoutNestedAttributes() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                    - name: stats
                                      type: nest
                                """).text(), """
                demo.yaml:10:15: error[Y214]: attribute 'stats' of type 'nest' needs 'nested-attributes'
                  10 |         type: nest
                     |               ^
                  in attribute 'stats' (demo.yaml:9:9)
                  in attribute-set 'main' (demo.yaml:5:5)
                """);
    }

    @Test
    void rejectsSubMessageWithoutSelector() {
        assertRejected(raw().attributeSets(rawSets("")).subMessages(LINK_DATA).text(), """
                demo.yaml:14:15: error[Y214]: attribute 'data' of type 'sub-message' needs 'selector'
                  14 |         type: sub-message
                     |               ^
                  in attribute 'data' (demo.yaml:13:9)
                  in attribute-set 'main' (demo.yaml:7:5)
                """);
    }

    @Test
    void rejectsSelectorOfWrongType() {
        assertRejected(
                raw().attributeSets(rawSets("selector: id")
                                .replace(
                                        "name: id\n      type: u32",
                                        "name: id\n      type: nest\n      nested-attributes: vlan"))
                        .subMessages(LINK_DATA)
                        .text(),
                """
                demo.yaml:17:19: error[Y221]: selector 'id' of attribute 'data' has type 'nest' (expected: a string or integer attribute)
                  17 |         selector: id
                     |                   ^
                  in attribute 'data' (demo.yaml:14:9)
                  in attribute-set 'main' (demo.yaml:7:5)
                """);
    }

    @Test
    void rejectsIndexedArrayWithoutSubType() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                    - name: ids
                                      type: indexed-array
                                """).text(), """
                demo.yaml:10:15: error[Y214]: attribute 'ids' of type 'indexed-array' needs 'sub-type'
                  10 |         type: indexed-array
                     |               ^
                  in attribute 'ids' (demo.yaml:9:9)
                  in attribute-set 'main' (demo.yaml:5:5)
                """);
    }

    @Test
    void rejectsBinaryStructMemberWithoutLen() {
        assertRejected(legacy().definitions("""
                                - name: header
                                  type: struct
                                  members:
                                    - name: ifindex
                                      type: u32
                                    - name: addr
                                      type: binary
                                """).text(), """
                demo.yaml:12:15: error[Y223]: struct member 'addr' of type 'binary' needs 'len' or 'struct'
                  12 |         type: binary
                     |               ^
                  in member 'addr' (demo.yaml:11:9)
                  in struct 'header' (demo.yaml:6:5)
                """);
    }

    @Test
    void rejectsStructContainingItself() {
        assertRejected(legacy().definitions("""
                                - name: outer
                                  type: struct
                                  members:
                                    - name: inner
                                      type: binary
                                      struct: inner
                                - name: inner
                                  type: struct
                                  members:
                                    - name: outer
                                      type: binary
                                      struct: outer
                                """).text(), """
                demo.yaml:17:17: error[Y224]: struct 'outer' contains itself through outer -> inner -> outer
                  17 |         struct: outer
                     |                 ^
                """);
    }

    @Test
    void reportsBrokenStructOnceThoughUsedTwice() {
        assertRejected(legacy().definitions("""
                                - name: inner
                                  type: struct
                                  members:
                                    - name: data
                                      type: binary
                                      struct: nowhere
                                - name: outer
                                  type: struct
                                  members:
                                    - name: first
                                      type: binary
                                      struct: inner
                                    - name: second
                                      type: binary
                                      struct: inner
                                """).text(), """
                demo.yaml:11:17: error[Y203]: unknown struct 'nowhere'
                  11 |         struct: nowhere
                     |                 ^
                  in member 'data' (demo.yaml:9:9)
                  in struct 'inner' (demo.yaml:6:5)
                """);
    }

    @Test
    void rejectsUnknownConstantInChecks() {
        assertRejected(spec().definitions("""
                                - name: max-id
                                  type: const
                                  value: 16
                                """).attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      checks:
                                        max: max-ids
                                """).text(), """
                demo.yaml:14:16: error[Y215]: unknown constant 'max-ids' (expected: a number or the name of a 'const' definition)
                  14 |           max: max-ids
                     |                ^
                  in attribute 'id' (demo.yaml:11:9)
                  in attribute-set 'main' (demo.yaml:9:5)
                  hint: did you mean 'max-id'?
                """);
    }

    @Test
    void rejectsEnumAsFlagsWithoutEnum() {
        assertRejected(spec().attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      enum-as-flags: true
                                """).text(), """
                demo.yaml:9:24: error[Y225]: 'enum-as-flags' needs an 'enum' on the same element
                  9 |         enum-as-flags: true
                    |                        ^
                  in attribute 'id' (demo.yaml:7:9)
                  in attribute-set 'main' (demo.yaml:5:5)
                """);
    }

    @Test
    void rejectsNotifyOfOperationWithoutReply() {
        assertRejected(spec().operations("""
                                list:
                                  - name: set
                                    doc: Set an object.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                  - name: changed
                                    doc: An object changed.
                                    notify: set
                                """).text(), """
                demo.yaml:19:15: error[Y218]: operation 'changed' notifies with the reply of 'set', which has no reply
                  19 |       notify: set
                     |               ^
                  in operation 'changed' (demo.yaml:17:7)
                """);
    }

    @Test
    void rejectsOperationMixingDoAndEvent() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                    event:
                                      attributes: [ id ]
                                """).text(), """
                demo.yaml:11:7: error[Y226]: operation 'get' mixes do and event (expected: do/dump, or notify, or event)
                  11 |     - name: get
                     |       ^
                """);
    }

    @Test
    void rejectsGenetlinkMessageIdAbove255() {
        assertRejected(spec().operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    value: 256
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                """).text(), """
                demo.yaml:13:14: error[Y228]: message id of operation 'get' has value 256 (expected: at most 255)
                  13 |       value: 256
                     |              ^
                  in operation 'get' (demo.yaml:11:7)
                """);
    }

    // ---------------------------------------------------------------- bytes and YAML

    @Test
    void rejectsYamlSyntaxError() {
        assertRejected(SPDX + """
                name: demo
                doc: [ unclosed
                attribute-sets: []
                """, """
                demo.yaml:4:15: error[Y003]: YAML syntax error: expected ',' or ']', but got : (while parsing a flow sequence that starts at 3:6)
                  4 | attribute-sets: []
                    |               ^
                """);
    }

    @Test
    void rejectsAliasBombWithinTheAliasLimit() {
        // Billion laughs, shaped so that the reader must walk it and with fewer aliases than the
        // limit: 400 operations that are one aliased operation, whose four attribute lists are one
        // aliased list of 1,000 names, expand to 1,600,000 nodes.
        String names = String.join(", ", java.util.Collections.nCopies(1000, "id"));
        String bomb = spec().operations("""
                        list:
                          - &op
                            name: get
                            doc: Get an object.
                            attribute-set: main
                            do:
                              request:
                                attributes: &ids [ %s ]
                              reply:
                                attributes: *ids
                            dump:
                              request:
                                attributes: *ids
                              reply:
                                attributes: *ids
                        """.formatted(names) + "  - *op\n".repeat(399))
                .text();
        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(bomb));
        assertRejected(result, """
                demo.yaml:1:1: error[Y004]: the spec exceeds a safety limit: the spec expands to more than 1000000 YAML nodes through aliases
                  1 | # SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
                    | ^
                """);
    }

    @Test
    void rejectsMoreAliasesThanTheLimit() {
        StringBuilder bomb = new StringBuilder(spec().text()).append("kernel-family:\n  headers: &h [ a.h ]\n");
        bomb.append("definitions:\n");
        for (int i = 0; i <= YamlLoader.MAX_ALIASES; i++) {
            bomb.append("  - { name: c").append(i).append(", type: const, value: 1, doc: *h }\n");
        }
        LoadResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(bomb.toString()));
        assertRejected(result, """
                demo.yaml:1:1: error[Y004]: the spec exceeds a safety limit: more than 500 aliases to lists or mappings (expected: at most 500)
                  1 | # SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
                    | ^
                """);
    }

    @Test
    void rejectsFileAboveFourMebibytes() {
        String padding = "# padding\n".repeat(YamlLoader.MAX_BYTES / 10 + 1);
        assertRejected(spec().text() + padding, """
                demo.yaml:1:1: error[Y004]: the spec exceeds a safety limit: the file has 4194690 bytes (expected: at most 4194304)
                """);
    }

    @Test
    void rejectsEmptyFile() {
        assertRejected("", """
                demo.yaml:1:1: error[Y005]: the spec is empty (expected: a mapping with 'name', 'doc', 'attribute-sets' and 'operations')
                  1 |\s
                    | ^
                """);
    }

    @Test
    void rejectsFileOfOnlyComments() {
        assertRejected(SPDX + "# nothing else\n\n# at all\n", """
                demo.yaml:1:1: error[Y005]: the spec is empty (expected: a mapping with 'name', 'doc', 'attribute-sets' and 'operations')
                  1 | # SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
                    | ^
                """);
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] good =
                spec().text().replace("A demo family.", "A d\u00e9mo family.").getBytes(UTF_8);
        byte[] bad = good.clone();
        String text = new String(good, UTF_8);
        int at = text.substring(0, text.indexOf('\u00e9')).getBytes(UTF_8).length;
        bad[at + 1] = 'x'; // cut the two-byte sequence of 'é' short
        assertRejected(load("demo.yaml", bad), """
                demo.yaml:3:9: error[Y002]: the spec is not valid UTF-8: byte 0xc3 at offset 98
                """);
    }

    @Test
    void warnsAboutMissingSpdxLineButLoads() {
        LoadResult result = load(spec().text().substring(SPDX.length()));
        assertThat(result.render()).isEqualTo("""
                demo.yaml:1:1: warning[Y006]: the first line is not an SPDX license tag ('# SPDX-License-Identifier: ...'); the kernel's tools refuse such specs
                  1 | name: demo
                    | ^
                """);
        assertThat(result.ok()).isTrue();
        assertThat(result.family()).isPresent();
    }

    @Test
    void rejectsMoreThanOneDocument() {
        assertRejected(spec().text() + "---\nname: other\n", """
                demo.yaml:20:1: error[Y008]: the spec holds more than one YAML document (expected: one)
                  20 | name: other
                     | ^
                """);
    }

    @Test
    void rejectsCorruptGzip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(spec().text().getBytes(UTF_8));
        }
        byte[] gz = bytes.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        assertRejected(load("demo.yaml.gz", cut), """
                demo.yaml.gz:1:1: error[Y001]: cannot read the spec: bad gzip data: Unexpected end of ZLIB input stream
                """);
    }

    @Test
    void rejectsMissingFile(@TempDir Path dir) {
        LoadResult result = SpecLoader.create().load(dir.resolve("absent.yaml"), "absent.yaml");
        assertRejected(result, """
                absent.yaml:1:1: error[Y001]: cannot read the spec: no such file
                """);
    }

    @Test
    void rejectsDirectory(@TempDir Path dir) throws IOException {
        Path specs = Files.createDirectory(dir.resolve("specs.yaml"));
        assertRejected(SpecLoader.create().load(specs, "specs.yaml"), """
                specs.yaml:1:1: error[Y001]: cannot read the spec: it is a directory
                """);
    }

    // ---------------------------------------------------------------- collecting

    @Test
    void reportsEveryIndependentShapeErrorSortedByPosition() {
        assertRejected(
                spec().top("uapi-headers: linux/demo.h\n")
                        .attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: strng
                                    - name: label
                                      type: string
                                      value: one
                                """)
                        .operations("""
                                list:
                                  - name: get
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                """)
                        .text(),
                """
                demo.yaml:4:1: error[Y101]: unknown key 'uapi-headers' in the spec
                  4 | uapi-headers: linux/demo.h
                    | ^
                  hint: did you mean 'uapi-header'?
                  hint: allowed in the spec: name, doc, protocol, uapi-header, definitions, attribute-sets, operations, mcast-groups, kernel-family
                demo.yaml:9:15: error[Y104]: 'type' must be one of unused, pad, flag, binary, uint, sint, u8, u16, u32, u64, s8, s16, s32, s64, string, nest, indexed-array, nest-type-value, got 'strng'
                  9 |         type: strng
                    |               ^
                  hint: did you mean 'string'?
                demo.yaml:12:16: error[Y102]: 'value' must be an integer, got the string 'one'
                  12 |         value: one
                     |                ^
                demo.yaml:15:7: error[Y103]: operation 'get' has no 'doc' (it is required)
                  15 |     - name: get
                     |       ^
                """);
    }

    @Test
    void reportsEveryIndependentLinkErrorSortedByPosition() {
        assertRejected(
                spec().definitions("""
                                - name: state
                                  type: enum
                                  entries: [ up, down ]
                                """).attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      enum: states
                                    - name: label
                                      type: string
                                      value: 1
                                """).operations("""
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    mcgrp: monitor
                                    do:
                                      request:
                                        attributes: [ idx ]
                                """).text(), """
                demo.yaml:13:15: error[Y204]: unknown enum or flags definition 'states'
                  13 |         enum: states
                     |               ^
                  in attribute 'id' (demo.yaml:11:9)
                  in attribute-set 'main' (demo.yaml:9:5)
                  hint: did you mean 'state'?
                demo.yaml:16:16: error[Y208]: attribute 'label' has value 1, already used by 'id'
                  16 |         value: 1
                     |                ^
                  in attribute-set 'main' (demo.yaml:9:5)
                demo.yaml:22:14: error[Y220]: unknown multicast group 'monitor'
                  22 |       mcgrp: monitor
                     |              ^
                  in operation 'get' (demo.yaml:19:7)
                demo.yaml:25:25: error[Y201]: unknown attribute 'idx' in attribute-set 'main'
                  25 |           attributes: [ idx ]
                     |                         ^
                  in request of operation 'get' (do) (demo.yaml:25:11)
                  in operation 'get' (demo.yaml:19:7)
                """);
    }

    // ---------------------------------------------------------------- robustness

    /**
     * Every input above goes through {@link #load}, which fails the test on an exception or on the
     * loader's "internal error" diagnostic (what it reports when it catches a defect of its own).
     * This test adds thousands of mutants of valid specs of each protocol: each line deleted, the
     * file cut after each line, and each value replaced by something hostile.
     */
    @Test
    void noMutantMakesTheLoaderThrow() {
        List<String> seeds = List.of(
                spec().mcastGroups("- name: monitor\n").text(),
                legacy().definitions("""
                                - name: max-id
                                  type: const
                                  value: 16
                                - name: state
                                  type: flags
                                  entries: [ up, { name: down, value: 4 } ]
                                - name: header
                                  type: struct
                                  members:
                                    - name: ifindex
                                      type: u32
                                      enum: state
                                    - name: addr
                                      type: binary
                                      len: max-id
                                """).attributeSets("""
                                - name: main
                                  attributes:
                                    - name: id
                                      type: u32
                                      checks: { max: max-id }
                                    - name: hdr
                                      type: binary
                                      struct: header
                                    - name: nested
                                      type: nest
                                      nested-attributes: main
                                - name: sub
                                  subset-of: main
                                  attributes:
                                    - name: id
                                """).operations("""
                                fixed-header: header
                                list:
                                  - name: get
                                    doc: Get an object.
                                    attribute-set: main
                                    do:
                                      request:
                                        attributes: [ id ]
                                      reply:
                                        attributes: [ id, hdr ]
                                  - name: changed
                                    doc: Changed.
                                    notify: get
                                """).text(),
                rawWithSubMessage(LINK_DATA));
        List<String> hostile = List.of(
                "[",
                "{}",
                "[]",
                "~",
                "-1",
                "0x10000000000000000",
                "*nowhere",
                "&a [ *a ]",
                "!!binary AAAA",
                "\"\\0\"",
                "1:2:3",
                ".inf",
                "? x",
                "u8-max",
                "main - 1",
                "|\n  text");
        List<String> mutants = new ArrayList<>();
        for (String seed : seeds) {
            List<String> lines = seed.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                List<String> without = new ArrayList<>(lines);
                without.remove(i);
                mutants.add(String.join("\n", without));
                mutants.add(String.join("\n", lines.subList(0, i)));
                int colon = lines.get(i).indexOf(": ");
                for (String value : hostile) {
                    List<String> changed = new ArrayList<>(lines);
                    changed.set(i, colon < 0 ? value : lines.get(i).substring(0, colon + 2) + value);
                    mutants.add(String.join("\n", changed));
                }
            }
        }
        List<String> failures = new ArrayList<>();
        for (String mutant : mutants) {
            try {
                load(mutant);
            } catch (RuntimeException | AssertionError e) {
                failures.add(e + " for:\n" + mutant);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(mutants).hasSizeGreaterThan(1000);
    }

    // ---------------------------------------------------------------- helpers for other protocols

    private static Spec legacy() {
        return spec().protocol("genetlink-legacy");
    }

    private static Spec raw() {
        return spec().protocol("netlink-raw");
    }

    private static final String LINK_DATA = """
            - name: link-data
              formats:
                - value: vlan
                  attribute-set: vlan
            """;

    /** A raw family's sets: 'main' with a sub-message attribute (plus {@code selectorLine}), 'vlan'. */
    private static String rawSets(String selectorLine) {
        return """
                - name: main
                  attributes:
                    - name: id
                      type: u32
                    - name: kind
                      type: string
                    - name: data
                      type: sub-message
                      sub-message: link-data
                """ + (selectorLine.isEmpty() ? "" : "      " + selectorLine + "\n") + """
                - name: vlan
                  attributes:
                    - name: vlan-id
                      type: u16
                """;
    }

    private static String rawWithSubMessage(String subMessages) {
        return raw().attributeSets(rawSets("selector: kind"))
                .subMessages(subMessages)
                .text();
    }
}
