package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One uploaded part, as ListParts reports it.
 *
 * @param partNumber the part number
 * @param lastModified when it was uploaded
 * @param eTag its ETag without quotes (the part's MD5 in hex)
 * @param size its size in bytes
 */
public record Part(
        @JsonProperty("PartNumber") int partNumber,
        @JsonProperty("LastModified") Instant lastModified,
        @JsonProperty("ETag") String eTag,
        @JsonProperty("Size") long size) {

    public Part {
        eTag = ETags.unquote(eTag);
    }
}
