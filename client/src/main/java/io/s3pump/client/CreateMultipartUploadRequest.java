package io.s3pump.client;

import java.util.Map;
import java.util.Objects;

/**
 * A CreateMultipartUpload request.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param contentType the object's {@code Content-Type}, or {@code null}
 * @param userMetadata {@code x-amz-meta-*} entries, names without the prefix
 */
public record CreateMultipartUploadRequest(String bucket, String key, String contentType,
        Map<String, String> userMetadata) {

    public CreateMultipartUploadRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }

    public static CreateMultipartUploadRequest of(String bucket, String key) {
        return new CreateMultipartUploadRequest(bucket, key, null, Map.of());
    }

    public CreateMultipartUploadRequest withContentType(String type) {
        return new CreateMultipartUploadRequest(bucket, key, type, userMetadata);
    }

    public CreateMultipartUploadRequest withUserMetadata(Map<String, String> metadata) {
        return new CreateMultipartUploadRequest(bucket, key, contentType, metadata);
    }
}
