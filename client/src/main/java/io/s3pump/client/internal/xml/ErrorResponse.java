package io.s3pump.client.internal.xml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * S3's {@code <Error>} body (named so as not to shadow {@link java.lang.Error}). Every field may be
 * missing or empty: RGW often sends {@code <Message></Message>}.
 */
@JacksonXmlRootElement(localName = "Error")
public record ErrorResponse(
        @JsonProperty("Code") String code,
        @JsonProperty("Message") String message,
        @JsonProperty("Resource") String resource,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("HostId") String hostId,
        @JsonProperty("Key") String key,
        @JsonProperty("BucketName") String bucketName) {}
