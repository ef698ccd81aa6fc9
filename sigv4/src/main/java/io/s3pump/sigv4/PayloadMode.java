package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.Hex;
import io.s3pump.sigv4.internal.Sha256;
import io.s3pump.sigv4.internal.Signatures;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * How the request body is covered by the signature: the value of {@code x-amz-content-sha256}.
 *
 * <p>A closed set of immutable, thread-safe records; switch over them exhaustively. The streaming modes describe an
 * aws-chunked body ({@code Content-Encoding: aws-chunked}); the signer then hands out a {@link ChunkEncoder}
 * that produces that body, and {@link Chunked#encodedLength()} is its exact {@code Content-Length}.
 */
public sealed interface PayloadMode {

    /** 64 KiB: the chunk size AWS SDKs use. S3 requires every chunk but the last to be at least 8 KiB. */
    int DEFAULT_CHUNK_SIZE = 64 * 1024;

    /** The {@code x-amz-content-sha256} value: a hex SHA-256 or one of the {@code UNSIGNED-PAYLOAD}/{@code STREAMING-*} literals. */
    String contentSha256();

    /**
     * A body signed by its SHA-256, given as 64 lower-case hex digits.
     *
     * @throws IllegalArgumentException when {@code sha256Hex} is not 64 lower-case hex digits
     */
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

    /**
     * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} for a payload of {@code decodedLength} bytes, in chunks of
     * {@link #DEFAULT_CHUNK_SIZE}.
     *
     * @throws IllegalArgumentException when {@code decodedLength} is negative
     */
    static Streaming streaming(long decodedLength) {
        return new Streaming(decodedLength, DEFAULT_CHUNK_SIZE);
    }

    /**
     * A body signed by its SHA-256.
     *
     * @param sha256Hex the hash as 64 lower-case hex digits
     */
    record Signed(String sha256Hex) implements PayloadMode {
        static final Signed EMPTY = new Signed(Signatures.EMPTY_SHA256);

        /**
         * Checks the hash's form; whether it matches the body is for the server to find.
         *
         * @throws IllegalArgumentException when {@code sha256Hex} is not 64 lower-case hex digits
         */
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
        default long encodedLength() {
            return ChunkMath.encodedLength(decodedLength(), chunkSize(), ChunkMath.signsChunks(this), trailer());
        }

        /** The trailing checksum algorithm, or {@code null} when the mode has no trailer. */
        ChecksumAlgorithm trailer();
    }

    /**
     * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: every chunk carries a chained signature.
     *
     * @param decodedLength the payload length in bytes, before encoding
     * @param chunkSize payload bytes per chunk; S3 wants at least 8 KiB for every chunk but the last
     */
    record Streaming(long decodedLength, int chunkSize) implements Chunked {
        /**
         * Checks the framing arguments.
         *
         * @throws IllegalArgumentException when the length is negative or the chunk size not positive
         */
        public Streaming {
            checkChunking(decodedLength, chunkSize);
        }

        @Override
        public String contentSha256() {
            return "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
        }

        @Override
        public ChecksumAlgorithm trailer() {
            return null;
        }
    }

    /**
     * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: unsigned chunks, then the checksum as an unsigned trailer.
     *
     * @param decodedLength the payload length in bytes, before encoding
     * @param chunkSize payload bytes per chunk; S3 wants at least 8 KiB for every chunk but the last
     * @param checksum the algorithm of the {@code x-amz-checksum-*} trailer, computed while encoding
     */
    record StreamingUnsignedTrailer(long decodedLength, int chunkSize, ChecksumAlgorithm checksum) implements Chunked {
        /**
         * Checks the framing arguments.
         *
         * @throws IllegalArgumentException when the length is negative or the chunk size not positive
         */
        public StreamingUnsignedTrailer {
            checkChunking(decodedLength, chunkSize);
            Objects.requireNonNull(checksum, "checksum");
        }

        @Override
        public String contentSha256() {
            return "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
        }

        @Override
        public ChecksumAlgorithm trailer() {
            return checksum;
        }
    }

    /**
     * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks, then the checksum as a signed trailer.
     *
     * @param decodedLength the payload length in bytes, before encoding
     * @param chunkSize payload bytes per chunk; S3 wants at least 8 KiB for every chunk but the last
     * @param checksum the algorithm of the {@code x-amz-checksum-*} trailer, computed while encoding
     */
    record StreamingSignedTrailer(long decodedLength, int chunkSize, ChecksumAlgorithm checksum) implements Chunked {
        /**
         * Checks the framing arguments.
         *
         * @throws IllegalArgumentException when the length is negative or the chunk size not positive
         */
        public StreamingSignedTrailer {
            checkChunking(decodedLength, chunkSize);
            Objects.requireNonNull(checksum, "checksum");
        }

        @Override
        public String contentSha256() {
            return "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
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
    private static final int SIGNATURE_EXTENSION = ";chunk-signature=".length() + 64;

    private ChunkMath() {}

    /** Whether each chunk (and the trailer) carries a chained signature; the encoder and the length agree on it. */
    static boolean signsChunks(PayloadMode.Chunked mode) {
        return switch (mode) {
            case PayloadMode.Streaming _ -> true;
            case PayloadMode.StreamingSignedTrailer _ -> true;
            case PayloadMode.StreamingUnsignedTrailer _ -> false;
        };
    }

    /**
     * Every chunk is {@code <hex size>[;chunk-signature=<64>]\r\n<data>\r\n}, the last one empty and without the
     * data CRLF; then the optional trailer {@code <name>:<base64>\r\n} (signed: plus
     * {@code x-amz-trailer-signature:<64>\r\n}), and a closing CRLF.
     */
    static long encodedLength(long decodedLength, int chunkSize, boolean signed, ChecksumAlgorithm trailer) {
        int extension = signed ? SIGNATURE_EXTENSION : 0;
        long full = decodedLength / chunkSize;
        long rest = decodedLength % chunkSize;
        long length = full * (hexLength(chunkSize) + extension + 2 + (long) chunkSize + 2);
        if (rest > 0) length += hexLength(rest) + extension + 2 + rest + 2;
        length += 1 + extension + 2;
        if (trailer != null) {
            length += trailer.headerName().length() + 1 + trailer.base64Length() + 2;
            if (signed) length += "x-amz-trailer-signature:".length() + 64 + 2;
        }
        return length + 2;
    }

    private static int hexLength(long n) {
        return n == 0 ? 1 : (67 - Long.numberOfLeadingZeros(n)) / 4;
    }
}
