package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.time.Instant;

/**
 * The answer to UploadPartCopy.
 *
 * @param lastModified when the part was written
 * @param eTag the part's ETag without quotes; pass it to {@link CompletedPart}
 */
@JacksonXmlRootElement(localName = "CopyPartResult")
public record CopyPartResult(@JsonProperty("LastModified") Instant lastModified, @JsonProperty("ETag") String eTag) {

    public CopyPartResult {
        eTag = ETags.unquote(eTag);
    }
}
