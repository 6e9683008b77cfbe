package io.ynl4j.cli.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's own JSON reader and writer. */
class JsonTest {
    @Test
    void readsEveryKindOfValueKeepingKeyOrder() {
        Object v = Json.parse(" {\"b\": 1, \"a\": [true, false, null, -2, 1.5, \"x\\u00e9\\n\"], \"c\": {}} ");

        assertThat(v).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("b", "a", "c"));
        assertThat(m.get("b")).isEqualTo(1L);
        assertThat(m.get("a")).isEqualTo(Arrays.asList(true, false, null, -2L, new BigDecimal("1.5"), "x\u00e9\n"));
        assertThat(m.get("c")).isEqualTo(Map.of());
    }

    @Test
    void integersKeepAll64BitsAndBeyond() {
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void writesCompactlyAsPythonsJsonDumps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "getaddr");
        m.put("msg", Arrays.asList(1L, "a\"b\\c\u0001", null, true, new BigInteger("18446744073709551615")));
        m.put("empty", Map.of());

        assertThat(Json.write(m))
                .isEqualTo("{\"name\": \"getaddr\", \"msg\": [1, \"a\\\"b\\\\c\\u0001\", null, true, "
                        + "18446744073709551615], \"empty\": {}}");
        assertThat(Json.parse(Json.write(m))).isEqualTo(m);
    }

    @Test
    void prettyIndentsByTwoAndReadsBackTheSame() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1L, Map.of("b", "c")));
        m.put("d", List.of());

        String text = Json.pretty(m);

        assertThat(text).isEqualTo("{\n  \"a\": [\n    1,\n    {\n      \"b\": \"c\"\n    }\n  ],\n  \"d\": []\n}");
        assertThat(Json.parse(text)).isEqualTo(m);
    }

    @Test
    void malformedTextNamesTheColumn() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }"))
                .isInstanceOf(JsonException.class)
                .hasMessage("unexpected '}', expected a value at column 7");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}"))
                .isInstanceOf(JsonException.class)
                .hasMessage("duplicate key \"a\" at column 10");
        assertThatThrownBy(() -> Json.parse("[1, 2"))
                .isInstanceOf(JsonException.class)
                .hasMessage("expected ',' or ']' at column 6");
        assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessage("unexpected 'x' after the JSON value at column 4");
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("unexpected end");
    }

    @Test
    void nestingIsBounded() {
        String deep = "[".repeat(600) + "]".repeat(600);

        assertThatThrownBy(() -> Json.parse(deep))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("nesting deeper than 512");
        assertThat(Json.parse("[".repeat(500) + "]".repeat(500))).isInstanceOf(List.class);
    }
}
