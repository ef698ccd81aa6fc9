package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadModeTest {

    /** Exhaustive without a default branch: adding a mode breaks this at compile time. */
    private static String describe(PayloadMode mode) {
        return switch (mode) {
            case PayloadMode.Signed s -> "signed " + s.sha256Hex().substring(0, 8);
            case PayloadMode.Unsigned u -> "unsigned";
            case PayloadMode.Streaming s -> "streaming " + s.chunkSize();
            case PayloadMode.StreamingUnsignedTrailer t -> "unsigned trailer " + t.checksum();
            case PayloadMode.StreamingSignedTrailer t -> "signed trailer " + t.checksum();
        };
    }

    @Test
    void eachModeSendsItsContentSha256Literal() {
        List<PayloadMode> modes = List.of(PayloadMode.empty(), PayloadMode.unsigned(), PayloadMode.streaming(10),
                new PayloadMode.StreamingUnsignedTrailer(10, 8192, ChecksumAlgorithm.CRC32),
                new PayloadMode.StreamingSignedTrailer(10, 8192, ChecksumAlgorithm.SHA256));
        assertThat(modes).extracting(PayloadMode::contentSha256).containsExactly(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "UNSIGNED-PAYLOAD",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(modes).extracting(PayloadModeTest::describe).containsExactly("signed e3b0c442", "unsigned",
                "streaming 65536", "unsigned trailer CRC32", "signed trailer SHA256");
    }

    @Test
    void signedPayloadHashesBytesAndBuffersAlike() {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.US_ASCII);
        String expected = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        assertThat(PayloadMode.signed(body).sha256Hex()).isEqualTo(expected);
        ByteBuffer buffer = ByteBuffer.wrap(body);
        assertThat(PayloadMode.Signed.of(buffer).sha256Hex()).isEqualTo(expected);
        assertThat(buffer.position()).isZero();
    }

    @Test
    void trailerLengthsCountTheChecksumLine() {
        // 66560 bytes in 64 KiB chunks, as in the S3 trailer example: 66946 signed, 66613 unsigned.
        assertThat(new PayloadMode.StreamingSignedTrailer(66560, 65536, ChecksumAlgorithm.CRC32C).encodedLength()).isEqualTo(66946);
        assertThat(new PayloadMode.StreamingUnsignedTrailer(66560, 65536, ChecksumAlgorithm.CRC32C).encodedLength()).isEqualTo(66613);
        assertThat(ChecksumAlgorithm.CRC64NVME.base64Length()).isEqualTo(12);
        assertThat(ChecksumAlgorithm.SHA1.base64Length()).isEqualTo(28);
    }
}
