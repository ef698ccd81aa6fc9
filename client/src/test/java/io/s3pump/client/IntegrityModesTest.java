package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.sigv4.ChecksumAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each integrity mode puts on the wire for UploadPart and PutObject. */
class IntegrityModesTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String HELLO_MD5 = "5d41402abc4b2a76b9719d911017c592";

    @StartStop
    final MockWebServer server = new MockWebServer();

    S3Client client;

    @BeforeEach
    void setUp() {
        client = MockS3.client(server);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"" + HELLO_MD5 + "\"").build());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private RecordedRequest upload(Integrity mode, UploadBody body, Digests known) throws Exception {
        UploadPartResult r = client.uploadPart(UploadPartRequest.of("b", "k", "u", 1).withIntegrity(mode).withPrecomputed(known), body);
        assertThat(r.eTag()).isEqualTo(HELLO_MD5);
        return server.takeRequest();
    }

    @Test
    void theDefaultIsTheSignedSha256Payload() throws Exception {
        assertThat(Integrity.DEFAULT).isEqualTo(Integrity.SIGNED_PAYLOAD);
        client.uploadPart(UploadPartRequest.of("b", "k", "u", 1), UploadBody.of(HELLO));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo(HELLO_SHA256);
        assertThat(r.getHeaders().get("Authorization")).contains("x-amz-content-sha256");
        assertThat(r.getHeaders().get("Content-MD5")).isNull();
    }

    @Test
    void contentMd5SendsTheBase64Md5AndAnUnsignedPayload() throws Exception {
        RecordedRequest r = upload(Integrity.CONTENT_MD5, UploadBody.of(HELLO), Digests.NONE);
        assertThat(r.getHeaders().get("Content-MD5")).isEqualTo("XUFAKrxLKna5cZ2REBfFkg==");
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(r.getHeaders().get("Authorization")).contains("content-md5");
        assertThat(r.getBody().toByteArray()).isEqualTo(HELLO);
    }

    @Test
    void aPrecomputedMd5IsSentAsGivenWithoutHashingAgain() throws Exception {
        String wrongOnPurpose = "00112233445566778899aabbccddeeff";
        RecordedRequest r = upload(Integrity.CONTENT_MD5, UploadBody.of(HELLO), Digests.NONE.withMd5(wrongOnPurpose));
        assertThat(r.getHeaders().get("Content-MD5"))
                .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(wrongOnPurpose)));
    }

    @Test
    void aPrecomputedSha256IsSignedAsGiven() throws Exception {
        RecordedRequest r = upload(Integrity.SIGNED_PAYLOAD, UploadBody.of(HELLO), Digests.NONE.withSha256(HELLO_SHA256));
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo(HELLO_SHA256);
    }

    @Test
    void unsignedPayloadSendsNoDigestAtAll() throws Exception {
        RecordedRequest r = upload(Integrity.UNSIGNED_PAYLOAD, UploadBody.of(HELLO), Digests.NONE);
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(r.getHeaders().get("Content-MD5")).isNull();
        assertThat(r.getBody().toByteArray()).isEqualTo(HELLO);
    }

    @Test
    void checksumHeaderCarriesTheBase64Crc32c() throws Exception {
        RecordedRequest r = upload(new Integrity.ChecksumHeader(ChecksumAlgorithm.CRC32C), UploadBody.of(HELLO), Digests.NONE);
        CRC32C crc = new CRC32C();
        crc.update(HELLO);
        String expected = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        assertThat(r.getHeaders().get("x-amz-checksum-crc32c")).isEqualTo(expected);
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
    }

    @Test
    void checksumHeaderSha256IsTheBase64OfTheDigest() throws Exception {
        RecordedRequest r = upload(new Integrity.ChecksumHeader(ChecksumAlgorithm.SHA256), UploadBody.of(HELLO), Digests.NONE);
        assertThat(r.getHeaders().get("x-amz-checksum-sha256"))
                .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(HELLO_SHA256)));
    }

    @Test
    void streamingSignedSendsAwsChunkedFramingWithItsExactLength(@TempDir Path dir) throws Exception {
        byte[] data = new byte[20_000];
        new java.util.Random(3).nextBytes(data);
        Path file = dir.resolve("f");
        Files.write(file, data);
        client.uploadPart(UploadPartRequest.of("b", "k", "u", 1).withIntegrity(new Integrity.StreamingSigned(8192)),
                UploadBody.ofFile(file, 0, data.length));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertThat(r.getHeaders().get("Content-Encoding")).startsWith("aws-chunked");
        assertThat(r.getHeaders().get("x-amz-decoded-content-length")).isEqualTo("20000");
        assertThat(r.getHeaders().get("Transfer-Encoding")).isNull();
        String body = r.getBody().string(StandardCharsets.ISO_8859_1);
        assertThat(Long.parseLong(r.getHeaders().get("Content-Length"))).isEqualTo(r.getBodySize());
        assertThat(body).startsWith("2000;chunk-signature=").contains("\r\n0;chunk-signature=");
        // The payload survives the framing: strip the chunk headers and compare.
        java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream();
        byte[] raw = r.getBody().toByteArray();
        int i = 0;
        while (true) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, body.indexOf(';', i)), 16);
            if (size == 0) break;
            decoded.write(raw, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        assertThat(decoded.toByteArray()).isEqualTo(data);
    }

    @Test
    void checksumTrailerSendsTheChecksumAfterTheBody() throws Exception {
        RecordedRequest r = upload(new Integrity.ChecksumTrailer(ChecksumAlgorithm.CRC32C), UploadBody.of(HELLO), Digests.NONE);
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(r.getHeaders().get("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32c");
        assertThat(r.getBody().utf8()).startsWith("5\r\nhello\r\n0\r\nx-amz-checksum-crc32c:");
    }

    @Test
    void anAnonymousClientSendsContentMd5InsteadOfAnyModeThatNeedsTheSigner() throws Exception {
        try (S3Client anonymous = S3Client.create(MockS3.config(server).anonymous().build())) {
            for (Integrity mode : new Integrity[] {Integrity.SIGNED_PAYLOAD, new Integrity.StreamingSigned(8192),
                    new Integrity.ChecksumTrailer(ChecksumAlgorithm.CRC32C)}) {
                if (server.getRequestCount() > 0) {
                    server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"" + HELLO_MD5 + "\"").build());
                }
                anonymous.uploadPart(UploadPartRequest.of("b", "k", "u", 1).withIntegrity(mode), UploadBody.of(HELLO));
                RecordedRequest r = server.takeRequest();
                assertThat(r.getHeaders().get("Content-MD5")).as(mode.toString()).isEqualTo("XUFAKrxLKna5cZ2REBfFkg==");
                assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
                assertThat(r.getHeaders().get("Authorization")).isNull();
                assertThat(r.getBody().utf8()).isEqualTo("hello");
            }
        }
    }

    @Test
    void putObjectHonoursTheRequestsIntegrityMode() throws Exception {
        PutObjectResult result = client.putObject(PutObjectRequest.of("b", "k").withIntegrity(Integrity.CONTENT_MD5), UploadBody.of(HELLO));
        assertThat(result.digests().md5()).isEqualTo(HELLO_MD5);
        assertThat(server.takeRequest().getHeaders().get("Content-MD5")).isEqualTo("XUFAKrxLKna5cZ2REBfFkg==");
    }

    @Test
    void aPartNumberOutsideOneToTenThousandIsRefusedBeforeSending() {
        assertThatThrownBy(() -> UploadPartRequest.of("b", "k", "u", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UploadPartRequest.of("b", "k", "u", 10_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
