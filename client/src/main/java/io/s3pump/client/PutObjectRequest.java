package io.s3pump.client;

import java.util.Map;
import java.util.Objects;

/**
 * A PutObject request, without its body.
 *
 * @param bucket the bucket
 * @param key the object key, any UTF-8 text up to 1,024 bytes
 * @param contentType the {@code Content-Type}, or {@code null} for {@code application/octet-stream}
 * @param userMetadata {@code x-amz-meta-*} entries, names without the prefix
 * @param integrity how the body is protected, or {@code null} for the client's configured mode
 * @param precomputed digests the caller already has for this body; the client does not recompute them
 */
public record PutObjectRequest(String bucket, String key, String contentType, Map<String, String> userMetadata,
        Integrity integrity, Digests precomputed) {

    public PutObjectRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
        precomputed = precomputed == null ? Digests.NONE : precomputed;
    }

    /** A plain request with the client's defaults. */
    public static PutObjectRequest of(String bucket, String key) {
        return new PutObjectRequest(bucket, key, null, Map.of(), null, Digests.NONE);
    }

    public PutObjectRequest withContentType(String type) {
        return new PutObjectRequest(bucket, key, type, userMetadata, integrity, precomputed);
    }

    public PutObjectRequest withUserMetadata(Map<String, String> metadata) {
        return new PutObjectRequest(bucket, key, contentType, metadata, integrity, precomputed);
    }

    public PutObjectRequest withIntegrity(Integrity mode) {
        return new PutObjectRequest(bucket, key, contentType, userMetadata, mode, precomputed);
    }

    public PutObjectRequest withPrecomputed(Digests digests) {
        return new PutObjectRequest(bucket, key, contentType, userMetadata, integrity, digests);
    }
}
