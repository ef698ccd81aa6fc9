package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code <Deleted>} entry of a DeleteObjects answer.
 *
 * @param key the deleted key
 * @param versionId the deleted version, or {@code null}
 */
public record Deleted(@JsonProperty("Key") String key, @JsonProperty("VersionId") String versionId) {}
