package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One {@code <Object>} of a DeleteObjects request.
 *
 * @param key the key to delete
 * @param versionId the version to delete, or {@code null} for the current one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectIdentifier(@JsonProperty("Key") String key, @JsonProperty("VersionId") String versionId) {

    public ObjectIdentifier {
        Objects.requireNonNull(key, "key");
    }

    /** The current version of {@code key}. */
    public static ObjectIdentifier of(String key) {
        return new ObjectIdentifier(key, null);
    }
}
