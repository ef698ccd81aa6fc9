package io.s3pump.client;

import java.util.Objects;

/**
 * A ListParts request for one page.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param uploadId the upload
 * @param partNumberMarker list parts after this number, or {@code null}
 * @param maxParts page size, or {@code null} for the server's default (1,000)
 */
public record ListPartsRequest(String bucket, String key, String uploadId, Integer partNumberMarker,
        Integer maxParts) {

    public ListPartsRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        if (maxParts != null && maxParts < 1) throw new IllegalArgumentException("max-parts must be positive");
    }

    public static ListPartsRequest of(String bucket, String key, String uploadId) {
        return new ListPartsRequest(bucket, key, uploadId, null, null);
    }

    public ListPartsRequest withPartNumberMarker(Integer marker) {
        return new ListPartsRequest(bucket, key, uploadId, marker, maxParts);
    }

    public ListPartsRequest withMaxParts(Integer n) {
        return new ListPartsRequest(bucket, key, uploadId, partNumberMarker, n);
    }
}
