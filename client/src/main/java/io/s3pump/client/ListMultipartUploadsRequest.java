package io.s3pump.client;

import java.util.Objects;

/**
 * A ListMultipartUploads request for one page.
 *
 * @param bucket the bucket
 * @param prefix only uploads of keys starting with this, or {@code null}
 * @param delimiter roll keys up at this, or {@code null}
 * @param keyMarker continue after this key, or {@code null}
 * @param uploadIdMarker with {@code keyMarker}, continue after this upload, or {@code null}
 * @param maxUploads page size, or {@code null} for the server's default (1,000)
 */
public record ListMultipartUploadsRequest(String bucket, String prefix, String delimiter, String keyMarker,
        String uploadIdMarker, Integer maxUploads) {

    public ListMultipartUploadsRequest {
        Objects.requireNonNull(bucket, "bucket");
        if (maxUploads != null && maxUploads < 1) throw new IllegalArgumentException("max-uploads must be positive");
    }

    public static ListMultipartUploadsRequest of(String bucket) {
        return new ListMultipartUploadsRequest(bucket, null, null, null, null, null);
    }

    public ListMultipartUploadsRequest withPrefix(String p) {
        return new ListMultipartUploadsRequest(bucket, p, delimiter, keyMarker, uploadIdMarker, maxUploads);
    }

    public ListMultipartUploadsRequest withMarkers(String key, String uploadId) {
        return new ListMultipartUploadsRequest(bucket, prefix, delimiter, key, uploadId, maxUploads);
    }

    public ListMultipartUploadsRequest withMaxUploads(Integer n) {
        return new ListMultipartUploadsRequest(bucket, prefix, delimiter, keyMarker, uploadIdMarker, n);
    }
}
