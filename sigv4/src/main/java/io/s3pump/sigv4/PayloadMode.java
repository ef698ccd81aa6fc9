package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.Hex;
import io.s3pump.sigv4.internal.Sha256;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * How the request body is covered by the signature: the value of {@code x-amz-content-sha256}.
 *
 * <p>A closed set of immutable records; switch over them exhaustively. The streaming modes describe an
 * aws-chunked body ({@code Content-Encoding: aws-chunked}); the signer then hands out a {@link ChunkEncoder}
 * that produces that body, and {@link Chunked#encodedLength()} is its exact {@code Content-Length}.
 */
public sealed interface PayloadMode {

    /** 64 KiB: the chunk size AWS SDKs use. S3 requires every chunk but the last to be at least 8 KiB. */
    int DEFAULT_CHUNK_SIZE = 64 * 1024;

    /** The {@code x-amz-content-sha256} value: a hex SHA-256 or one of the {@code UNSIGNED-PAYLOAD}/{@code STREAMING-*} literals. */
    String contentSha256();

    /** A body signed by its SHA-256, given as 64 lower-case hex digits. */
    static Signed signed(String sha256Hex) {
        return new Signed(sha256Hex);
    }

    /** A body signed by its SHA-256, computed here from {@code body}. */
    static Signed signed(byte[] body) {
        return Signed.of(body);
    }

    /** The empty body, signed ({@code e3b0c442…b855}); the usual mode for GET, HEAD and DELETE. */
    static Signed empty() {
        return Signed.EMPTY;
    }

    /** {@code UNSIGNED-PAYLOAD}: the body is not covered by the signature (use over TLS). */
    static Unsigned unsigned() {
        return Unsigned.INSTANCE;
    }

    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} with {@link #DEFAULT_CHUNK_SIZE}. */
    static Streaming streaming(long decodedLength) {
        return new Streaming(decodedLength, DEFAULT_CHUNK_SIZE);
    }

    /** A body signed by its SHA-256. @param sha256Hex 64 lower-case hex digits */
    record Signed(String sha256Hex) implements PayloadMode {
        static final Signed EMPTY = new Signed("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        public Signed {
            Objects.requireNonNull(sha256Hex, "sha256Hex");
            if (sha256Hex.length() != 64 || !Hex.isLowerHex(sha256Hex)) {
                throw new IllegalArgumentException("a SHA-256 must be 64 lower-case hex digits, got " + sha256Hex.length() + " characters");
            }
        }

        /** Hashes {@code body}. */
        public static Signed of(byte[] body) {
            Objects.requireNonNull(body, "body");
            return new Signed(Hex.encode(Sha256.digest(body)));
        }

        /** Hashes the remaining bytes of {@code body} without moving its position. */
        public static Signed of(ByteBuffer body) {
            Objects.requireNonNull(body, "body");
            return new Signed(Hex.encode(Sha256.digest(body.duplicate())));
        }

        @Override
        public String contentSha256() {
            return sha256Hex;
        }
    }

    /** {@code UNSIGNED-PAYLOAD}. */
    record Unsigned() implements PayloadMode {
        static final Unsigned INSTANCE = new Unsigned();

        @Override
        public String contentSha256() {
            return "UNSIGNED-PAYLOAD";
        }
    }

    /**
     * An aws-chunked body: the payload of {@code decodedLength} bytes is sent in chunks of {@code chunkSize}
     * bytes (the last one shorter), then a final empty chunk.
     */
    sealed interface Chunked extends PayloadMode {
        /** The payload length in bytes before encoding ({@code x-amz-decoded-content-length}). */
        long decodedLength();

        /** Bytes of payload per chunk; every chunk but the last carries exactly this many. */
        int chunkSize();

        /** The exact length in bytes of the encoded body: the {@code Content-Length} to send. */
        long encodedLength();

        /** The trailing checksum algorithm, or {@code null} when the mode has no trailer. */
        ChecksumAlgorithm trailer();
    }

    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: every chunk carries a chained signature. */
    record Streaming(long decodedLength, int chunkSize) implements Chunked {
        public Streaming {
            checkChunking(decodedLength, chunkSize);
        }

        @Override
        public String contentSha256() {
            return "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
        }

        @Override
        public long encodedLength() {
            return ChunkMath.signedChunksLength(decodedLength, chunkSize) + ChunkMath.signedFinalChunk(true);
        }

        @Override
        public ChecksumAlgorithm trailer() {
            return null;
        }
    }

    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: unsigned chunks, then the checksum as an unsigned trailer. */
    record StreamingUnsignedTrailer(long decodedLength, int chunkSize, ChecksumAlgorithm checksum) implements Chunked {
        public StreamingUnsignedTrailer {
            checkChunking(decodedLength, chunkSize);
            Objects.requireNonNull(checksum, "checksum");
        }

        @Override
        public String contentSha256() {
            return "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
        }

        @Override
        public long encodedLength() {
            // "<hex>\r\n<data>\r\n" per chunk, "0\r\n", "<name>:<value>\r\n", "\r\n"
            return ChunkMath.unsignedChunksLength(decodedLength, chunkSize) + 3
                    + checksum.headerName().length() + 1 + checksum.base64Length() + 2 + 2;
        }

        @Override
        public ChecksumAlgorithm trailer() {
            return checksum;
        }
    }

    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks, then the checksum as a signed trailer. */
    record StreamingSignedTrailer(long decodedLength, int chunkSize, ChecksumAlgorithm checksum) implements Chunked {
        public StreamingSignedTrailer {
            checkChunking(decodedLength, chunkSize);
            Objects.requireNonNull(checksum, "checksum");
        }

        @Override
        public String contentSha256() {
            return "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
        }

        @Override
        public long encodedLength() {
            // final chunk "0;chunk-signature=<64>\r\n", then "<name>:<value>\r\n", "x-amz-trailer-signature:<64>\r\n\r\n"
            return ChunkMath.signedChunksLength(decodedLength, chunkSize) + ChunkMath.signedFinalChunk(false)
                    + checksum.headerName().length() + 1 + checksum.base64Length() + 2
                    + "x-amz-trailer-signature:".length() + 64 + 4;
        }

        @Override
        public ChecksumAlgorithm trailer() {
            return checksum;
        }
    }

    private static void checkChunking(long decodedLength, int chunkSize) {
        if (decodedLength < 0) throw new IllegalArgumentException("decoded length is negative: " + decodedLength);
        if (chunkSize < 1) throw new IllegalArgumentException("chunk size must be positive, got " + chunkSize);
    }
}

/** Length arithmetic of the aws-chunked framing. */
final class ChunkMath {
    private ChunkMath() {}

    static int hexLength(long n) {
        return n == 0 ? 1 : (67 - Long.numberOfLeadingZeros(n)) / 4;
    }

    /** The signed data chunks, without the final empty chunk. */
    static long signedChunksLength(long decodedLength, int chunkSize) {
        long full = decodedLength / chunkSize;
        long rest = decodedLength % chunkSize;
        long perFull = hexLength(chunkSize) + ";chunk-signature=".length() + 64 + 2 + (long) chunkSize + 2;
        long len = full * perFull;
        if (rest > 0) len += hexLength(rest) + ";chunk-signature=".length() + 64 + 2 + rest + 2;
        return len;
    }

    /** {@code 0;chunk-signature=<64>\r\n}, plus the closing CRLF when no trailer follows. */
    static long signedFinalChunk(boolean closed) {
        return 1 + ";chunk-signature=".length() + 64 + 2 + (closed ? 2 : 0);
    }

    /** The unsigned data chunks, without the final empty chunk. */
    static long unsignedChunksLength(long decodedLength, int chunkSize) {
        long full = decodedLength / chunkSize;
        long rest = decodedLength % chunkSize;
        long len = full * (hexLength(chunkSize) + 2 + (long) chunkSize + 2);
        if (rest > 0) len += hexLength(rest) + 2 + rest + 2;
        return len;
    }
}
