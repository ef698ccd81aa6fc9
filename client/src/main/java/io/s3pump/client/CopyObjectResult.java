package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.time.Instant;

/**
 * The answer to CopyObject.
 *
 * @param lastModified when the copy was written
 * @param eTag the copy's ETag without quotes
 */
@JacksonXmlRootElement(localName = "CopyObjectResult")
public record CopyObjectResult(@JsonProperty("LastModified") Instant lastModified, @JsonProperty("ETag") String eTag) {

    public CopyObjectResult {
        eTag = ETags.unquote(eTag);
    }
}
