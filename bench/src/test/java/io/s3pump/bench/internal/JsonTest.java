package io.s3pump.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedMapsAndListsInOrderWithEscapedStrings() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "a \"quoted\"\\path\n");
        doc.put("count", 3);
        doc.put("rate", 92.125);
        doc.put("whole", 4.0);
        doc.put("ok", true);
        doc.put("list", List.of(1L, "x"));
        doc.put("empty", Map.of());
        assertThat(Json.write(doc)).isEqualTo("""
                {
                  "name": "a \\"quoted\\"\\\\path\\n",
                  "count": 3,
                  "rate": 92.125,
                  "whole": 4,
                  "ok": true,
                  "list": [
                    1,
                    "x"
                  ],
                  "empty": {}
                }""");
    }

    @Test
    void nonFiniteNumbersAndNullsBecomeNull() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("nan", Double.NaN);
        doc.put("inf", Double.POSITIVE_INFINITY);
        doc.put("none", null);
        assertThat(Json.write(doc)).isEqualTo("{\n  \"nan\": null,\n  \"inf\": null,\n  \"none\": null\n}");
    }

    @Test
    void controlCharactersAreEscapedAsUnicode() {
        assertThat(Json.write("\u0001")).isEqualTo("\"\\u0001\"");
    }
}
