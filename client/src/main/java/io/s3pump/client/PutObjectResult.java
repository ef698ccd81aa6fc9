package io.s3pump.client;

import java.util.Objects;

/**
 * The answer to PutObject.
 *
 * @param eTag the object's ETag without quotes (its MD5 in hex on RGW)
 * @param versionId the version id, or {@code null}
 * @param digests the digests the client computed or was given for the body
 */
public record PutObjectResult(String eTag, String versionId, Digests digests) {
    public PutObjectResult {
        Objects.requireNonNull(digests, "digests");
    }
}
