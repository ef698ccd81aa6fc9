package io.s3pump.client;

import java.util.Objects;

/**
 * An UploadPart request, without its body.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param uploadId the upload from CreateMultipartUpload
 * @param partNumber 1 to 10,000 (RGW does not check the range; the client does)
 * @param integrity how the body is protected, or {@code null} for the client's configured mode
 * @param precomputed digests the caller already has for this part
 */
public record UploadPartRequest(String bucket, String key, String uploadId, int partNumber, Integrity integrity,
        Digests precomputed) {

    public UploadPartRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        if (partNumber < 1 || partNumber > 10_000) {
            throw new IllegalArgumentException("part number must be 1 to 10000: " + partNumber);
        }
        precomputed = precomputed == null ? Digests.NONE : precomputed;
    }

    /** A part with the client's integrity mode and nothing precomputed. */
    public static UploadPartRequest of(String bucket, String key, String uploadId, int partNumber) {
        return new UploadPartRequest(bucket, key, uploadId, partNumber, null, Digests.NONE);
    }

    public UploadPartRequest withIntegrity(Integrity mode) {
        return new UploadPartRequest(bucket, key, uploadId, partNumber, mode, precomputed);
    }

    public UploadPartRequest withPrecomputed(Digests digests) {
        return new UploadPartRequest(bucket, key, uploadId, partNumber, integrity, digests);
    }
}
