package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * The answer to CompleteMultipartUpload.
 *
 * <p>RGW 16.2 answers an <em>empty</em> {@code <ETag>} on the first completion (and an unquoted one on a
 * repeated completion): do not rely on {@link #eTag()}; use HeadObject or compute the composite ETag.
 *
 * @param location the object URL, or {@code null}
 * @param bucket the bucket
 * @param key the object key
 * @param eTag the composite ETag without quotes, possibly empty
 */
@JacksonXmlRootElement(localName = "CompleteMultipartUploadResult")
public record CompleteMultipartUploadResult(
        @JsonProperty("Location") String location,
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("Key") String key,
        @JsonProperty("ETag") String eTag) {

    public CompleteMultipartUploadResult {
        eTag = ETags.unquote(eTag);
    }
}
