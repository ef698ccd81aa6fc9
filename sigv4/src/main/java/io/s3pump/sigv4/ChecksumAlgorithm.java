package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.Checksums;
import java.util.Base64;
import java.util.Objects;

/**
 * The S3 additional checksum algorithms that can travel as an aws-chunked trailer
 * ({@code x-amz-checksum-*}).
 *
 * <p>Values are the base64 of the big-endian checksum bytes, as S3 expects in headers and trailers. Thread-safe:
 * each {@link #checksumOf} call uses its own running checksum.
 */
public enum ChecksumAlgorithm {
    CRC32("x-amz-checksum-crc32", 4),
    CRC32C("x-amz-checksum-crc32c", 4),
    CRC64NVME("x-amz-checksum-crc64nvme", 8),
    SHA1("x-amz-checksum-sha1", 20),
    SHA256("x-amz-checksum-sha256", 32);

    private final String headerName;
    private final int digestLength;

    ChecksumAlgorithm(String headerName, int digestLength) {
        this.headerName = headerName;
        this.digestLength = digestLength;
    }

    /** The lower-case header (and trailer) name, such as {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return headerName;
    }

    /** The length in characters of the base64 value, such as 8 for CRC32C ({@code sOO8/Q==}). */
    public int base64Length() {
        return 4 * ((digestLength + 2) / 3);
    }

    /** The S3 header value (base64 of the big-endian checksum) of {@code data}. */
    public String checksumOf(byte[] data) {
        Objects.requireNonNull(data, "data");
        Checksums.Running running = Checksums.start(this);
        running.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(running.finish());
    }
}
