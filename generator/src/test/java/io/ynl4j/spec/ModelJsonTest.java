package io.ynl4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelJsonTest {
    @Test
    void rendersNamesValuesMasksAndIdsInSpecOrder() {
        assertThat(ModelJson.toJson(ModelPrinterTest.sample())).isEqualTo("""
                {
                  "name": "demo",
                  "protocol": "genetlink-legacy",
                  "enum-model": "unified",
                  "attr-sets": {
                    "main": {
                      "unspec": 0,
                      "name": 1,
                      "id": 2,
                      "temp": 3,
                      "opts": 4,
                      "hdr": 5,
                      "words": 6,
                      "addr": 7,
                      "state": 8,
                      "inner": 9,
                      "list": 10,
                      "ntv": 11,
                      "bits": 12,
                      "kind": 13,
                      "data": 14,
                      "pad": 15,
                      "on": 16
                    },
                    "inner": {
                      "a": 1,
                      "b": 2
                    },
                    "main-subset": {
                      "id": 2,
                      "name": 1
                    }
                  },
                  "enums": {
                    "color": {
                      "type": "enum",
                      "entries": {
                        "red": 1,
                        "green": 2,
                        "blue": 5
                      }
                    },
                    "opts": {
                      "type": "flags",
                      "entries": {
                        "fast": 1,
                        "high": 2147483648,
                        "top": 9223372036854775808
                      }
                    }
                  },
                  "ops": {
                    "unspec": {
                      "attr-set": null,
                      "fixed-header": "hdr",
                      "modes": [],
                      "req": 0,
                      "rsp": 0
                    },
                    "get": {
                      "attr-set": "main",
                      "fixed-header": "hdr",
                      "modes": [
                        "do",
                        "dump"
                      ],
                      "req": 1,
                      "rsp": 1
                    },
                    "ntf": {
                      "attr-set": "main",
                      "fixed-header": "hdr",
                      "modes": [
                        "notify"
                      ],
                      "req": null,
                      "rsp": 2
                    },
                    "evt": {
                      "attr-set": "inner",
                      "fixed-header": "hdr",
                      "modes": [
                        "event"
                      ],
                      "req": null,
                      "rsp": 3
                    }
                  }
                }
                """);
    }

    @Test
    void escapesStrings() {
        assertThat(ModelJson.string("plain")).isEqualTo("\"plain\"");
        assertThat(ModelJson.string("q\"b\\s/")).isEqualTo("\"q\\\"b\\\\s/\"");
        assertThat(ModelJson.string("\b\f\n\r\t\u0001\u001f\u007f"))
                .isEqualTo("\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\"");
        assertThat(ModelJson.string("é€\uD83D\uDE00")).isEqualTo("\"é€\uD83D\uDE00\"");
        assertThat(ModelJson.string("lone\uD800x\uDC00")).isEqualTo("\"lone\\ud800x\\udc00\"");
        assertThat(ModelJson.string("\u2028")).isEqualTo("\"\\u2028\"");
    }
}
