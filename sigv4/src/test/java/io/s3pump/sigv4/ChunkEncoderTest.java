package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aws-chunked encoder beyond the documented example: every boundary size, chained signatures re-checked with an
 * independent HMAC, trailers for every checksum, streaming in bounded memory, and truncated payloads.
 */
class ChunkEncoderTest {
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final SigningParams PARAMS = SigningParams.s3(CREDS, "us-east-1", Instant.parse("2013-05-24T00:00:00Z"));
    private static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
    private static final byte[] SIGNING_KEY = HexFormat.of().parseHex("dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378");
    private static final int CHUNK = 8192;
    private final Signer signer = Signer.sigV4();

    private SignedRequest sign(PayloadMode mode) {
        return signer.sign(SignableRequest.of("PUT", "examplebucket.s3.amazonaws.com", "/chunks", mode), PARAMS);
    }

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] encode(SignedRequest signed, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        signed.chunkEncoder().writeTo(new ByteArrayInputStream(data), out);
        return out.toByteArray();
    }

    /** The body as a zero-copy sender writes it: frames around views of a direct buffer, chunk by chunk. */
    private static byte[] framed(SignedRequest signed, byte[] data) {
        ByteBuffer payload = ByteBuffer.allocateDirect(Math.max(1, data.length)).put(data).flip();
        ChunkEncoder.Frames frames = signed.chunkEncoder().frames();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunk = signed.chunkEncoder().mode().chunkSize();
        for (int pos = 0; pos < data.length; pos += chunk) {
            ByteBuffer view = payload.slice(pos, Math.min(chunk, data.length - pos));
            write(out, frames.head(view));
            assertThat(view.position()).as("the chunk is not consumed").isZero();
            write(out, view);
            write(out, frames.tail());
        }
        write(out, frames.finish());
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        out.writeBytes(bytes);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17})
    void framesAroundTheCallersBuffersAreTheSameBytesAsTheEncodedStream(int size) throws Exception {
        byte[] data = payload(size);
        for (PayloadMode mode : new PayloadMode[] {new PayloadMode.Streaming(size, CHUNK),
                new PayloadMode.StreamingSignedTrailer(size, CHUNK, ChecksumAlgorithm.CRC32C),
                new PayloadMode.StreamingUnsignedTrailer(size, CHUNK, ChecksumAlgorithm.CRC64NVME),
                new PayloadMode.StreamingSignedTrailer(size, CHUNK, ChecksumAlgorithm.SHA256)}) {
            SignedRequest signed = sign(mode);
            assertThat(framed(signed, data)).as(mode.toString()).isEqualTo(encode(signed, data));
        }
    }

    @Test
    void framesRefuseChunksThatAreNotFullOrTheLastAndAnEarlyOrSecondFinish() {
        SignedRequest signed = sign(new PayloadMode.Streaming(2 * CHUNK + 10, CHUNK));
        ChunkEncoder.Frames frames = signed.chunkEncoder().frames();
        assertThatThrownBy(() -> frames.head(ByteBuffer.allocate(CHUNK - 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunks are " + CHUNK + " bytes");
        assertThatThrownBy(() -> frames.head(ByteBuffer.allocate(0))).isInstanceOf(IllegalArgumentException.class);
        frames.head(ByteBuffer.allocate(CHUNK));
        assertThatThrownBy(frames::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining(CHUNK + 10 + " bytes");
        frames.head(ByteBuffer.allocate(CHUNK));
        assertThatThrownBy(() -> frames.head(ByteBuffer.allocate(11))).isInstanceOf(IllegalArgumentException.class);
        frames.head(ByteBuffer.allocate(10));
        frames.finish();
        assertThatThrownBy(frames::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> frames.head(ByteBuffer.allocate(1))).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17})
    void signedChunksChainFromTheSeedAndLengthIsExact(int size) throws Exception {
        byte[] data = payload(size);
        SignedRequest signed = sign(new PayloadMode.Streaming(size, CHUNK));
        byte[] body = encode(signed, data);

        assertThat((long) body.length).isEqualTo(signed.contentLength().orElseThrow())
                .isEqualTo(Long.parseLong(signed.header("Content-Length").orElseThrow()));
        Parsed parsed = Parsed.of(body, signed.signature(), true);
        assertThat(parsed.data).isEqualTo(data);
        assertThat(parsed.rest).isEqualTo("\r\n");
        assertThat(parsed.chunks).isEqualTo((size + CHUNK - 1) / CHUNK + 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"})
    void signedTrailerCarriesTheChecksumAndItsSignature(String algorithmName) throws Exception {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(algorithmName);
        byte[] data = payload(2 * CHUNK + 5);
        SignedRequest signed = sign(new PayloadMode.StreamingSignedTrailer(data.length, CHUNK, algorithm));
        byte[] body = encode(signed, data);

        assertThat((long) body.length).isEqualTo(signed.contentLength().orElseThrow());
        Parsed parsed = Parsed.of(body, signed.signature(), true);
        assertThat(parsed.data).isEqualTo(data);
        String trailerLine = algorithm.headerName() + ":" + algorithm.checksumOf(data);
        String trailerSts = "AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n" + SCOPE + "\n" + parsed.lastSignature + "\n"
                + hex(MessageDigest.getInstance("SHA-256").digest((trailerLine + "\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed.rest).isEqualTo(trailerLine + "\r\nx-amz-trailer-signature:" + hmac(trailerSts) + "\r\n\r\n");
        assertThat(signed.header("x-amz-trailer")).hasValue(algorithm.headerName());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, CHUNK, 2 * CHUNK + 5})
    void unsignedTrailerFramesWithoutSignatures(int size) throws Exception {
        byte[] data = payload(size);
        SignedRequest signed = sign(new PayloadMode.StreamingUnsignedTrailer(size, CHUNK, ChecksumAlgorithm.CRC32C));
        byte[] body = encode(signed, data);

        assertThat((long) body.length).isEqualTo(signed.contentLength().orElseThrow());
        Parsed parsed = Parsed.of(body, null, false);
        assertThat(parsed.data).isEqualTo(data);
        CRC32C crc = new CRC32C();
        crc.update(data);
        String b64 = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        assertThat(parsed.rest).isEqualTo("x-amz-checksum-crc32c:" + b64 + "\r\n\r\n");
    }

    @Test
    void encodingAgainGivesTheSameBodySoARetryCanResend() throws IOException {
        byte[] data = payload(3 * CHUNK);
        SignedRequest signed = sign(new PayloadMode.Streaming(data.length, CHUNK));
        assertThat(encode(signed, data)).isEqualTo(encode(signed, data));
    }

    @Test
    void byteBufferInputIsEncodedWithoutMovingItsPosition() throws IOException {
        byte[] data = payload(CHUNK + 3);
        SignedRequest signed = sign(new PayloadMode.Streaming(data.length, CHUNK));
        ByteBuffer buffer = ByteBuffer.wrap(data);
        byte[] fromBuffer;
        try (InputStream in = signed.chunkEncoder().encode(buffer)) {
            fromBuffer = in.readAllBytes();
        }
        assertThat(buffer.position()).isZero();
        assertThat(fromBuffer).isEqualTo(encode(signed, data));
        assertThatThrownBy(() -> signed.chunkEncoder().encode(ByteBuffer.allocate(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload has 3 bytes");
    }

    @Test
    void singleByteReadsProduceTheSameBody() throws IOException {
        byte[] data = payload(CHUNK + 3);
        SignedRequest signed = sign(new PayloadMode.StreamingSignedTrailer(data.length, CHUNK, ChecksumAlgorithm.CRC32));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = signed.chunkEncoder().encode(new ByteArrayInputStream(data))) {
            for (int b; (b = in.read()) >= 0; ) out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(encode(signed, data));
    }

    @Test
    void aPayloadShorterThanSignedForFailsTheStream() {
        SignedRequest signed = sign(new PayloadMode.Streaming(100, CHUNK));
        assertThatThrownBy(() -> encode(signed, payload(60))).isInstanceOf(IOException.class)
                .hasMessageContaining("ended after 60 bytes, but 100 were signed for");
    }

    @Test
    void memoryStaysBoundedByOneChunkWhateverThePayloadSize() throws IOException {
        long size = 64L << 20;
        SignedRequest signed = sign(new PayloadMode.Streaming(size, PayloadMode.DEFAULT_CHUNK_SIZE));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        CountingSink sink = new CountingSink();
        signed.chunkEncoder().writeTo(new ZeroStream(size), sink);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink.count).isEqualTo(signed.contentLength().orElseThrow());
        // 1024 chunks of 64 KiB: one chunk buffer plus small per-chunk strings, nowhere near the 64 MiB payload.
        assertThat(allocated).isLessThan(4L << 20);
    }

    @Test
    void encodedLengthsMatchTheDocumentedFormulaForTheExample() {
        JsonNode v = Vectors.json("s3-examples/chunked-upload-put-object.json");
        assertThat(new PayloadMode.Streaming(66560, 65536).encodedLength())
                .isEqualTo(v.get("expected").get("content_length_encoded_body").asLong());
        assertThat(new PayloadMode.Streaming(0, 65536).encodedLength()).isEqualTo(86);
    }

    /** The body parsed back, verifying every chunk signature with an HMAC computed here. */
    private record Parsed(byte[] data, int chunks, String lastSignature, String rest) {
        static Parsed of(byte[] body, String seed, boolean signed) throws Exception {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            String previous = seed;
            int pos = 0;
            int chunks = 0;
            while (true) {
                int eol = indexOfCrlf(body, pos);
                String head = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
                int size;
                if (signed) {
                    assertThat(head).contains(";chunk-signature=");
                    size = Integer.parseInt(head.substring(0, head.indexOf(';')), 16);
                } else {
                    size = Integer.parseInt(head, 16);
                }
                pos = eol + 2;
                byte[] chunk = java.util.Arrays.copyOfRange(body, pos, pos + size);
                chunks++;
                if (signed) {
                    String sts = "AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n" + SCOPE + "\n" + previous + "\n"
                            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                            + hex(MessageDigest.getInstance("SHA-256").digest(chunk));
                    String expected = hmac(sts);
                    assertThat(head.substring(head.indexOf('=') + 1)).as("chunk %d signature", chunks).isEqualTo(expected);
                    previous = expected;
                }
                data.write(chunk);
                pos += size;
                if (size == 0) break;
                assertThat(new String(body, pos, 2, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
                pos += 2;
            }
            return new Parsed(data.toByteArray(), chunks, previous,
                    new String(body, pos, body.length - pos, StandardCharsets.US_ASCII));
        }

        private static int indexOfCrlf(byte[] b, int from) {
            for (int i = from; i + 1 < b.length; i++) if (b[i] == '\r' && b[i + 1] == '\n') return i;
            throw new AssertionError("no CRLF after " + from);
        }
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_KEY, "HmacSHA256"));
        return hex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            left = size;
        }

        @Override
        public int read() {
            if (left == 0) return -1;
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
