package io.s3pump.client;

import io.s3pump.sigv4.ChecksumAlgorithm;
import java.util.Objects;

/**
 * How PutObject and UploadPart protect the body on its way to the server: a closed choice.
 *
 * <p>What RGW 16.2 actually verifies (measured, see {@code INTEGRITY.md}): {@link ContentMd5} (400
 * {@code BadDigest} on a mismatch), {@link SignedPayload} (400 {@code XAmzContentSHA256Mismatch}) and
 * {@link StreamingSigned} (403 on a bad chunk signature). It accepts and <em>ignores</em>
 * {@link ChecksumHeader}, and <em>rejects</em> {@link ChecksumTrailer} with 400; {@link UnsignedPayload}
 * leaves the body to TCP's checksum alone. The client default is {@link #DEFAULT}.
 */
public sealed interface Integrity {

    /** {@code Content-MD5} header, payload sent as {@code UNSIGNED-PAYLOAD}. The MD5 doubles as the part's ETag. */
    record ContentMd5() implements Integrity {}

    /** {@code x-amz-content-sha256: <hex sha256>}: the payload hash is part of the signature. */
    record SignedPayload() implements Integrity {}

    /** {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}, no body check at all. Cheapest, unprotected. */
    record UnsignedPayload() implements Integrity {}

    /**
     * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked body, every chunk signed.
     *
     * @param chunkSize bytes of payload per chunk, at least 8 KiB
     */
    record StreamingSigned(int chunkSize) implements Integrity {
        public StreamingSigned {
            if (chunkSize < 8192) throw new IllegalArgumentException("chunk size below 8 KiB: " + chunkSize);
        }
    }

    /**
     * {@code x-amz-checksum-<algorithm>} header with {@code UNSIGNED-PAYLOAD}. RGW 16.2 ignores it.
     *
     * @param algorithm the checksum
     */
    record ChecksumHeader(ChecksumAlgorithm algorithm) implements Integrity {
        public ChecksumHeader {
            Objects.requireNonNull(algorithm, "algorithm");
            if (algorithm != ChecksumAlgorithm.CRC32C && algorithm != ChecksumAlgorithm.CRC32
                    && algorithm != ChecksumAlgorithm.SHA256) {
                throw new IllegalArgumentException("the client computes CRC32C, CRC32 and SHA256 checksums, not " + algorithm);
            }
        }
    }

    /**
     * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} with an {@code x-amz-checksum-<algorithm>} trailer. For S3
     * and newer Ceph only: RGW 16.2 rejects it with 400 {@code XAmzContentSHA256Mismatch}. Never a default.
     *
     * @param algorithm the checksum carried in the trailer
     */
    record ChecksumTrailer(ChecksumAlgorithm algorithm) implements Integrity {
        public ChecksumTrailer {
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    Integrity CONTENT_MD5 = new ContentMd5();
    Integrity SIGNED_PAYLOAD = new SignedPayload();
    Integrity UNSIGNED_PAYLOAD = new UnsignedPayload();

    /**
     * The default: signed SHA-256 payload. On this project's CPUs SHA-256 (SHA-NI intrinsic) costs about
     * half of MD5 per byte and RGW verifies it; see {@code INTEGRITY.md} for the figures.
     */
    Integrity DEFAULT = SIGNED_PAYLOAD;
}
