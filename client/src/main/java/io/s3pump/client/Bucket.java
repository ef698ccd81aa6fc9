package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One {@code <Bucket>} of a ListBuckets answer.
 *
 * @param name the bucket name
 * @param creationDate when the bucket was created, or {@code null}
 */
public record Bucket(@JsonProperty("Name") String name, @JsonProperty("CreationDate") Instant creationDate) {}
