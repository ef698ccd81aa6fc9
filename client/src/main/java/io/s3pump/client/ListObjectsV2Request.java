package io.s3pump.client;

import java.util.Objects;

/**
 * A ListObjectsV2 request for one page.
 *
 * @param bucket the bucket
 * @param prefix only keys starting with this, or {@code null}
 * @param delimiter roll keys up to common prefixes at this, often {@code "/"}, or {@code null}
 * @param continuationToken the previous page's {@link ListBucketResult#nextContinuationToken()}, or {@code null}
 * @param startAfter list keys after this one, or {@code null}
 * @param maxKeys page size, 1 to 1,000, or {@code null} for the server's default (1,000)
 */
public record ListObjectsV2Request(String bucket, String prefix, String delimiter, String continuationToken,
        String startAfter, Integer maxKeys) {

    public ListObjectsV2Request {
        Objects.requireNonNull(bucket, "bucket");
        if (maxKeys != null && (maxKeys < 1 || maxKeys > 1000)) {
            throw new IllegalArgumentException("max-keys must be 1 to 1000: " + maxKeys);
        }
    }

    /** Every key in the bucket. */
    public static ListObjectsV2Request of(String bucket) {
        return new ListObjectsV2Request(bucket, null, null, null, null, null);
    }

    public ListObjectsV2Request withPrefix(String p) {
        return new ListObjectsV2Request(bucket, p, delimiter, continuationToken, startAfter, maxKeys);
    }

    public ListObjectsV2Request withDelimiter(String d) {
        return new ListObjectsV2Request(bucket, prefix, d, continuationToken, startAfter, maxKeys);
    }

    public ListObjectsV2Request withContinuationToken(String token) {
        return new ListObjectsV2Request(bucket, prefix, delimiter, token, startAfter, maxKeys);
    }

    public ListObjectsV2Request withStartAfter(String key) {
        return new ListObjectsV2Request(bucket, prefix, delimiter, continuationToken, key, maxKeys);
    }

    public ListObjectsV2Request withMaxKeys(Integer n) {
        return new ListObjectsV2Request(bucket, prefix, delimiter, continuationToken, startAfter, n);
    }
}
