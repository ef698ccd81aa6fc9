package io.s3pump.client;

import java.time.Instant;
import java.util.Map;

/**
 * What HeadObject and GetObject say about an object.
 *
 * @param contentLength bytes in this answer's body (the range's length for a ranged GET)
 * @param objectSize the whole object's size (from {@code Content-Range} when ranged)
 * @param eTag the ETag without quotes; {@code md5hex-N} for a multipart object
 * @param lastModified {@code Last-Modified}, or {@code null}
 * @param contentType {@code Content-Type}, or {@code null}
 * @param contentRange {@code Content-Range} of a ranged answer, or {@code null}
 * @param partsCount {@code x-amz-mp-parts-count}, or {@code null} (RGW 16.2 never sends it)
 * @param versionId {@code x-amz-version-id}, or {@code null}
 * @param userMetadata {@code x-amz-meta-*} entries, names lower-case without the prefix
 * @param requestId {@code x-amz-request-id}, or {@code null}
 */
public record ObjectMetadata(long contentLength, long objectSize, String eTag, Instant lastModified,
        String contentType, String contentRange, Integer partsCount, String versionId,
        Map<String, String> userMetadata, String requestId) {

    public ObjectMetadata {
        eTag = ETags.unquote(eTag);
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }

    /** True when the ETag has the multipart form {@code md5hex-N}. */
    public boolean isMultipart() {
        return eTag != null && eTag.matches("[0-9a-fA-F]{32}-\\d+");
    }
}
