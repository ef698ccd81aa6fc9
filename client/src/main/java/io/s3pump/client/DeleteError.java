package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code <Error>} entry of a DeleteObjects answer: a key that could not be deleted.
 *
 * @param key the key
 * @param versionId the version, or {@code null}
 * @param code S3's error code, for example {@link S3Exception#ACCESS_DENIED}
 * @param message S3's message, possibly empty
 */
public record DeleteError(
        @JsonProperty("Key") String key,
        @JsonProperty("VersionId") String versionId,
        @JsonProperty("Code") String code,
        @JsonProperty("Message") String message) {}
