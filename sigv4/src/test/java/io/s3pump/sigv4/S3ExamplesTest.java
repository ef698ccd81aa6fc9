package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The S3 documentation examples (vectors/s3-examples), reproduced at every stage they print. */
class S3ExamplesTest {
    private final Signer signer = Signer.sigV4();

    private static SignableRequest request(JsonNode v, PayloadMode mode) {
        JsonNode r = v.get("request");
        return new SignableRequest(r.get("method").asText(), r.get("host").asText(),
                UriEncoding.encodeKey(r.get("object_key_or_path_raw").asText()), Vectors.query(r.get("query_parameters")),
                Vectors.headers(r.get("headers_to_sign")), mode);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"get-object-range", "put-object", "get-bucket-lifecycle", "list-objects"})
    void singleChunkExamplesSignAsDocumented(String name) {
        JsonNode v = Vectors.json("s3-examples/" + name + ".json");
        JsonNode expected = v.get("expected");
        SignedRequest signed = signer.sign(request(v, PayloadMode.signed(expected.get("payload_sha256").asText())),
                Vectors.params(v));

        assertThat(signed.canonicalRequest()).isEqualTo(expected.get("canonical_request").asText());
        assertThat(signed.stringToSign()).isEqualTo(expected.get("string_to_sign").asText());
        assertThat(signed.signature()).isEqualTo(expected.get("signature").asText());
        assertThat(signed.signedHeaders()).isEqualTo(expected.get("signed_headers").asText());
        // The docs print the header without spaces after the commas; SDKs (and we) write ", ".
        assertThat(signed.authorization().replace(", ", ",")).isEqualTo(expected.get("authorization_header").asText());
    }

    @Test
    void putObjectKeyWithDollarIsEncodedOnce() {
        assertThat(UriEncoding.encodeKey("/test$file.text")).isEqualTo("/test%24file.text");
    }

    @Test
    void presignedGetObjectMatchesTheDocumentedUrl() {
        JsonNode v = Vectors.json("s3-examples/presigned-get-object.json");
        JsonNode r = v.get("request");
        JsonNode expected = v.get("expected");
        SignableRequest request = SignableRequest.of("GET", r.get("host").asText(),
                UriEncoding.encodeKey(r.get("object_key_or_path_raw").asText()), PayloadMode.unsigned());

        PresignedRequest presigned = signer.presign(request, Vectors.params(v),
                Duration.ofSeconds(r.get("expires_seconds").asLong()));

        assertThat(presigned.canonicalRequest()).isEqualTo(expected.get("canonical_request").asText());
        assertThat(presigned.stringToSign()).isEqualTo(expected.get("string_to_sign").asText());
        assertThat(presigned.signature()).isEqualTo(expected.get("signature").asText());
        assertThat(presigned.url("https")).isEqualTo(expected.get("presigned_url").asText());
        assertThat(presigned.expiresAt()).isEqualTo("2013-05-25T00:00:00Z");
    }

    @Test
    void derivedKeyEncodingCasesPresignLikeBoto3() {
        JsonNode v = Vectors.json("s3-examples/derived-s3-key-encoding-presigned.json");
        JsonNode t = v.get("request_template");
        int checked = 0;
        for (JsonNode c : v.get("cases")) {
            String key = c.get("object_key").asText();
            String path = UriEncoding.virtualHosted(key);
            assertThat(path).as(key).isEqualTo(c.get("canonical_uri").asText());
            PresignedRequest presigned = signer.presign(
                    SignableRequest.of(t.get("method").asText(), t.get("host").asText(), path, PayloadMode.unsigned()),
                    Vectors.params(v), Duration.ofSeconds(t.get("expires_seconds").asLong()));
            assertThat(presigned.canonicalRequest()).as(key).isEqualTo(c.get("canonical_request").asText());
            assertThat(presigned.signature()).as(key).isEqualTo(c.get("signature").asText());
            assertThat(presigned.url("https")).as(key).isEqualTo(c.get("presigned_url").asText());
            checked++;
        }
        assertThat(checked).isEqualTo(9);
    }

    @Test
    void chunkedUploadSignsSeedAndEveryChunkAsDocumented() throws IOException {
        JsonNode v = Vectors.json("s3-examples/chunked-upload-put-object.json");
        JsonNode expected = v.get("expected");
        PayloadMode.Streaming mode = new PayloadMode.Streaming(66560, 65536);
        assertThat(mode.encodedLength()).isEqualTo(expected.get("content_length_encoded_body").asLong());

        SignedRequest signed = signer.sign(request(v, mode), Vectors.params(v));

        assertThat(signed.canonicalRequest()).isEqualTo(expected.get("canonical_request").asText());
        assertThat(signed.stringToSign()).isEqualTo(expected.get("string_to_sign").asText());
        assertThat(signed.signature()).isEqualTo(expected.get("seed_signature").asText());
        assertThat(signed.authorization().replace(", ", ",")).isEqualTo(expected.get("authorization_header").asText());
        assertThat(signed.contentLength()).hasValue(66824);
        assertThat(signed.header("Content-Length")).hasValue("66824");

        byte[] body = encode(signed, Vectors.repeated('a', 66560));
        StringBuilder wire = new StringBuilder();
        for (JsonNode chunk : expected.get("chunks")) {
            wire.append(chunk.get("chunk_header_on_wire").asText()).append("a".repeat(chunk.get("size").asInt())).append("\r\n");
        }
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo(wire.toString());
        assertThat(body).hasSize(66824);
    }

    @Test
    void signedTrailerUploadFramesChunksAndSignedChecksumTrailer() throws IOException {
        JsonNode v = Vectors.json("s3-examples/chunked-upload-signed-trailer-crc32c.json");
        JsonNode expected = v.get("expected");
        PayloadMode.StreamingSignedTrailer mode =
                new PayloadMode.StreamingSignedTrailer(66560, 65536, ChecksumAlgorithm.CRC32C);

        SignedRequest signed = signer.sign(request(v, mode), Vectors.params(v));

        assertThat(signed.canonicalRequest()).isEqualTo(expected.get("canonical_request").asText());
        assertThat(signed.stringToSign()).isEqualTo(expected.get("string_to_sign").asText());
        assertThat(signed.signature()).isEqualTo(expected.get("seed_signature").asText());
        assertThat(signed.header("x-amz-trailer")).hasValue("x-amz-checksum-crc32c");

        byte[] body = encode(signed, Vectors.repeated('a', 66560));
        StringBuilder wire = new StringBuilder();
        for (JsonNode chunk : expected.get("chunks")) {
            wire.append(chunk.get("chunk_header_on_wire").asText()).append("a".repeat(chunk.get("size").asInt()));
            if (chunk.get("size").asInt() > 0) wire.append("\r\n");
        }
        wire.append(expected.get("trailer").get("on_wire").asText());
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo(wire.toString());
        assertThat((long) body.length).isEqualTo(mode.encodedLength())
                .isEqualTo(v.get("derived_not_printed_in_source").get("content_length_encoded_body_if_framed_as_in_wire_format").asLong());
    }

    @Test
    void unsignedTrailerUploadMatchesTheDerivedBody() throws IOException {
        JsonNode v = Vectors.json("s3-examples/derived-unsigned-payload-trailer-crc32c.json");
        JsonNode expected = v.get("expected");
        PayloadMode.StreamingUnsignedTrailer mode =
                new PayloadMode.StreamingUnsignedTrailer(66560, 65536, ChecksumAlgorithm.CRC32C);

        SignedRequest signed = signer.sign(request(v, mode), Vectors.params(v));

        assertThat(signed.canonicalRequest()).isEqualTo(expected.get("canonical_request").asText());
        assertThat(signed.signature()).isEqualTo(expected.get("signature").asText());
        assertThat(signed.authorization()).isEqualTo(expected.get("authorization_header").asText());
        byte[] body = encode(signed, Vectors.repeated('a', 66560));
        String framing = expected.get("encoded_body_framing").asText()
                .replace("<65536 x a>", "a".repeat(65536)).replace("<1024 x a>", "a".repeat(1024));
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo(framing);
        assertThat((long) body.length).isEqualTo(mode.encodedLength()).isEqualTo(expected.get("encoded_body_length").asLong());
    }

    private static byte[] encode(SignedRequest signed, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = signed.chunkEncoder().writeTo(new ByteArrayInputStream(payload), out);
        assertThat(written).isEqualTo(out.size());
        return out.toByteArray();
    }
}
