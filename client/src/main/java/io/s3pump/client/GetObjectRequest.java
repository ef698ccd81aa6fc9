package io.s3pump.client;

import java.util.Objects;

/**
 * A GetObject (or HeadObject) request.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param range the bytes to fetch, or {@code null} for the whole object
 * @param partNumber a part of a multipart object to fetch, or {@code null} (RGW 16.2 ignores it)
 * @param ifMatch an ETag the object must still have ({@code If-Match}), or {@code null}; a mismatch
 *     fails with 412 {@link S3Exception#PRECONDITION_FAILED}
 */
public record GetObjectRequest(String bucket, String key, ByteRange range, Integer partNumber, String ifMatch) {

    public GetObjectRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (partNumber != null && (partNumber < 1 || partNumber > 10_000)) {
            throw new IllegalArgumentException("part number must be 1 to 10000: " + partNumber);
        }
        if (range != null && partNumber != null) {
            throw new IllegalArgumentException("a request names a range or a part number, not both");
        }
    }

    /** The whole object. */
    public static GetObjectRequest of(String bucket, String key) {
        return new GetObjectRequest(bucket, key, null, null, null);
    }

    public GetObjectRequest withRange(ByteRange r) {
        return new GetObjectRequest(bucket, key, r, partNumber, ifMatch);
    }

    public GetObjectRequest withPartNumber(Integer n) {
        return new GetObjectRequest(bucket, key, range, n, ifMatch);
    }

    public GetObjectRequest withIfMatch(String eTag) {
        return new GetObjectRequest(bucket, key, range, partNumber, eTag);
    }
}
