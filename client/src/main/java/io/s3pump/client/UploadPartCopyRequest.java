package io.s3pump.client;

import java.util.Objects;

/**
 * An UploadPartCopy request: a part of a multipart upload copied server-side from an existing object.
 *
 * @param bucket the destination bucket
 * @param key the destination key
 * @param uploadId the destination upload
 * @param partNumber the destination part number, 1 to 10,000
 * @param sourceBucket the source bucket
 * @param sourceKey the source key
 * @param sourceRange the bytes of the source to copy, or {@code null} for all of it
 * @param sourceIfMatch copy only if the source's ETag is this one ({@code x-amz-copy-source-if-match}), or {@code null}
 */
public record UploadPartCopyRequest(String bucket, String key, String uploadId, int partNumber,
        String sourceBucket, String sourceKey, ByteRange sourceRange, String sourceIfMatch) {

    /** A copy of {@code sourceRange} of the source, whatever its ETag. */
    public UploadPartCopyRequest(String bucket, String key, String uploadId, int partNumber, String sourceBucket,
                                 String sourceKey, ByteRange sourceRange) {
        this(bucket, key, uploadId, partNumber, sourceBucket, sourceKey, sourceRange, null);
    }

    public UploadPartCopyRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(sourceBucket, "sourceBucket");
        Objects.requireNonNull(sourceKey, "sourceKey");
        if (partNumber < 1 || partNumber > 10_000) {
            throw new IllegalArgumentException("part number must be 1 to 10000: " + partNumber);
        }
    }
}
