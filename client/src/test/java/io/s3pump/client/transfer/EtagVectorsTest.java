package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3pump.client.internal.transfer.Etags;
import io.s3pump.client.internal.transfer.Md5Digest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the ETag and composite checksum rules against shared/vectors/multipart (copied into test resources). */
class EtagVectorsTest {

    static JsonNode vectors() throws IOException {
        try (InputStream in = EtagVectorsTest.class.getResourceAsStream("/transfer/vectors/etag-and-composite-checksums.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<JsonNode> examples() throws IOException {
        List<JsonNode> list = new ArrayList<>();
        vectors().get("examples").forEach(list::add);
        return list.stream();
    }

    /** Rebuilds a part's bytes from the vector's description: {@code ASCII "…"} or {@code N bytes of 0xHH}. */
    static byte[] data(String description) {
        Matcher ascii = Pattern.compile("^ASCII \"(.*)\" \\(\\d+ bytes\\)$").matcher(description);
        if (ascii.matches()) return ascii.group(1).getBytes(StandardCharsets.US_ASCII);
        Matcher fill = Pattern.compile("^(\\d+) bytes of 0x([0-9a-fA-F]{2}).*$").matcher(description);
        if (fill.matches()) {
            byte[] b = new byte[Integer.parseInt(fill.group(1))];
            Arrays.fill(b, (byte) Integer.parseInt(fill.group(2), 16));
            return b;
        }
        throw new IllegalArgumentException("unknown data description: " + description);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void compositeEtagMatchesTheVector(JsonNode example) {
        List<Md5Digest> md5s = new ArrayList<>();
        for (JsonNode part : example.get("parts")) {
            byte[] bytes = data(part.get("data").asText());
            assertThat(bytes).hasSize(part.get("length").asInt());
            Md5Digest md5 = Md5Digest.of(MemorySegment.ofArray(bytes));
            assertThat(md5.hex()).isEqualTo(part.get("md5_hex").asText());
            assertThat(md5.base64()).isEqualTo(part.get("content_md5").asText());
            assertThat(md5).isEqualTo(Md5Digest.ofHex(part.get("etag").asText()));
            md5s.add(md5);
        }
        String etag = Etags.composite(md5s);
        assertThat(etag).isEqualTo(example.get("multipart_etag").get("etag").asText());
        assertThat(Etags.same(etag, example.get("multipart_etag").get("etag_header_value").asText())).isTrue();
        assertThat(Etags.partCount(etag)).isEqualTo(OptionalInt.of(md5s.size()));
    }

    @Test
    void publishedPartEtagsGiveThePublishedMultipartEtag() throws IOException {
        JsonNode example = vectors().get("published_part_etag_example");
        List<Md5Digest> md5s = new ArrayList<>();
        example.get("part_etags").forEach(e -> md5s.add(Md5Digest.ofHex(e.asText())));
        assertThat(Etags.composite(md5s)).isEqualTo(example.get("expected_multipart_etag").asText());
    }

    @Test
    void singlePutEtagsAndOpaqueEtagsHaveNoPartCount() {
        assertThat(Etags.partCount("\"d447d0e8f289f16a12ff6027ce77c258\"")).isEmpty();
        assertThat(Etags.isPlainMd5("\"D447D0E8F289F16A12FF6027CE77C258\"")).isTrue();
        assertThat(Etags.partCount("kms-opaque-etag-1")).isEmpty();
        assertThat(Etags.isPlainMd5("kms-opaque-etag-1")).isFalse();
        assertThat(Etags.partCount("2b57b4120dad3e0aea9ce99cd636d7be-1")).isEqualTo(OptionalInt.of(1));
    }
}
