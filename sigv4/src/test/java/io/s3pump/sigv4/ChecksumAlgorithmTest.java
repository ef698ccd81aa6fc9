package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Trailer checksums against vectors/checksums/known-answers.json (S3 header form: base64 of big-endian bytes). */
class ChecksumAlgorithmTest {

    static List<Arguments> knownAnswers() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : Vectors.json("checksums/known-answers.json").get("cases")) {
            byte[] input = c.has("input_hex") ? HexFormat.of().parseHex(c.get("input_hex").asText())
                    : Vectors.repeated('a', c.get("length").asInt()); // the one generated case: 66560 x "a"
            assertThat(input).hasSize(c.get("length").asInt());
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                String key = a.name().toLowerCase(Locale.ROOT);
                out.add(Arguments.of(c.get("name").asText(), a, input, c.get(key).get("x_amz_checksum_" + key).asText()));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("knownAnswers")
    void checksumMatchesTheKnownAnswer(String name, ChecksumAlgorithm algorithm, byte[] input, String expected) {
        assertThat(algorithm.checksumOf(input)).isEqualTo(expected).hasSize(algorithm.base64Length());
    }
}
