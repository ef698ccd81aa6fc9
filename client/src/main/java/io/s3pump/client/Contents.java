package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One object of a ListObjectsV2 answer (S3's {@code <Contents>} element).
 *
 * @param key the object key, decoded
 * @param lastModified when the object was last written
 * @param eTag the entity tag without quotes; {@code md5hex} or {@code md5hex-N} for a multipart object
 * @param size the size in bytes
 * @param storageClass the storage class, or {@code null}
 * @param owner the owner, or {@code null} unless asked for
 */
public record Contents(
        @JsonProperty("Key") String key,
        @JsonProperty("LastModified") Instant lastModified,
        @JsonProperty("ETag") String eTag,
        @JsonProperty("Size") long size,
        @JsonProperty("StorageClass") String storageClass,
        @JsonProperty("Owner") Owner owner) {

    public Contents {
        eTag = ETags.unquote(eTag);
    }
}
