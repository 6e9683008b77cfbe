package io.ynl4j.codegen.emit;

import static io.ynl4j.codegen.emit.GeneratedClasses.call;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shapes no kernel spec uses (yet) still generate, compile and round-trip: repeated arrays and
 * sub-messages, type-value strings, integer selectors without an enum, a same-named non-selector
 * attribute hiding an outer selector, a sub-message with a header and attributes, keywords.
 */
class SyntheticShapesTest {
    static final String SPEC = """
            # SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
            name: shapes
            protocol: netlink-raw
            protonum: 0
            doc: Unusual shapes.
            definitions:
              - name: hdr
                type: struct
                members:
                  - name: a
                    type: u16
            attribute-sets:
              - name: top
                attributes:
                  - name: sel
                    type: u64
                  - name: arrays
                    type: indexed-array
                    sub-type: u16
                    multi-attr: true
                  - name: msgs
                    type: sub-message
                    sub-message: m
                    selector: sel
                    multi-attr: true
                  - name: names
                    type: string
                    type-value: [ id ]
                  - name: inner
                    type: nest
                    nested-attributes: middle
                  - name: class
                    type: flag
                  - name: unknown
                    type: u8
              - name: middle
                attributes:
                  - name: sel
                    type: string
                  - name: deep
                    type: nest
                    nested-attributes: leaf
              - name: leaf
                attributes:
                  - name: data
                    type: sub-message
                    sub-message: m
                    selector: sel
              - name: body
                attributes:
                  - name: x
                    type: u32
            sub-messages:
              - name: m
                formats:
                  - value: "7"
                    fixed-header: hdr
                    attribute-set: body
                  - value: "8"
            operations:
              list:
                - name: get
                  doc: Get.
                  attribute-set: top
                  value: 16
                  do:
                    request:
                      attributes: [ sel ]
            """;

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    @Test
    void unusualShapesCompileAndRoundTrip(@TempDir Path dir) throws Exception {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vectors are little-endian");
        LoadResult result = SpecLoader.create().withAutoSchema(false).load("shapes.yaml", SPEC.getBytes(UTF_8));
        Family family = result.family().orElseThrow(() -> new AssertionError(result.render()));
        try (GeneratedClasses gen = GeneratedClasses.compile(GeneratedSources.of(family, "gen"), dir)) {
            byte[] wire = hex("""
                    0c000100 07000000 00000000
                    14000280 06000100 01000000 06000200 02000000
                    0c000280 06000100 03000000
                    10000380 02000000 08000100 2a000000
                    10000380 05000000 08000100 01000000
                    0c000480 07000500 61620000
                    04000600
                    05000700 09000000
                    """); // sel 7; arrays [1, 2], [3]; msgs (header a, then attribute x): (2, 42), (5, 1);
            // names [5] = "ab"; class; unknown 9
            Object top = decode(gen, wire);

            assertThat(call(top, "arrays")).isEqualTo(List.of(List.of(1, 2), List.of(3)));
            List<?> msgs = (List<?>) call(top, "msgs");
            assertThat(msgs).hasSize(2);
            assertThat(msgs.get(0).getClass().getSimpleName()).isEqualTo("M7");
            assertThat(call(call(msgs.get(0), "header"), "a")).isEqualTo(2);
            assertThat(call(call(msgs.get(1), "attributes"), "x")).isEqualTo(OptionalLong.of(1));
            List<?> names = (List<?>) call(top, "names");
            assertThat(call(names.get(0), "id")).isEqualTo(5L);
            assertThat(call(names.get(0), "value")).isEqualTo("ab");
            assertThat(call(top, "class_")).isEqualTo(true);
            assertThat(call(top, "unknown_")).isEqualTo(OptionalInt.of(9));
            assertThat(encode(top)).isEqualTo(wire);

            // Selector 8: a format without payload; a payload there is kept as unknown. Inside 'inner',
            // the middle set declares 'sel' without a value: it hides the outer 8, so 'data' stays raw.
            byte[] hidden = hex("""
                    0c000100 08000000 00000000
                    04000300
                    08000300 01020304
                    18000580 14000280 10000100 02000000 08000100 2a000000
                    """);
            Object top2 = decode(gen, hidden);
            List<?> msgs2 = (List<?>) call(top2, "msgs");
            assertThat(msgs2.get(0).getClass().getSimpleName()).isEqualTo("M8");
            assertThat(msgs2.get(1).getClass().getSimpleName()).isEqualTo("MUnknown");
            assertThat(call(msgs2.get(1), "selector")).isEqualTo("8");
            Object leaf = deep(top2);
            assertThat(call(leaf, "data")).isEqualTo(Optional.empty());
            assertThat(call(call(leaf, "unknown"), "isEmpty")).isEqualTo(false);
            assertThat(encode(top2)).isEqualTo(hidden);

            // The nearest set's value wins: middle's "7" over top's 8.
            byte[] nearest = hex("""
                    0c000100 08000000 00000000
                    20000580 06000100 37000000 14000280 10000180 02000000 08000100 2a000000
                    """);
            Object top3 = decode(gen, nearest);
            Object data = ((Optional<?>) call(deep(top3), "data")).orElseThrow();
            assertThat(data.getClass().getSimpleName()).isEqualTo("M7");
            assertThat(call(call(data, "attributes"), "x")).isEqualTo(OptionalLong.of(42));
            assertThat(encode(top3)).isEqualTo(nearest);
        }
    }

    static Object decode(GeneratedClasses gen, byte[] wire) {
        return gen.callStatic("gen.shapes.Top", "decode", AttrReader.of(wire));
    }

    static Object deep(Object top) {
        Object middle = ((Optional<?>) call(top, "inner")).orElseThrow();
        return ((Optional<?>) call(middle, "deep")).orElseThrow();
    }

    static byte[] encode(Object record) {
        MessageWriter out = new MessageWriter();
        call(record, "encode", out);
        return out.toByteArray();
    }
}
