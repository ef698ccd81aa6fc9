package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/**
 * The answer to CreateMultipartUpload.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param uploadId the id that every later part, Complete, Abort and ListParts call names
 */
@JacksonXmlRootElement(localName = "InitiateMultipartUploadResult")
public record InitiateMultipartUploadResult(
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("Key") String key,
        @JsonProperty("UploadId") String uploadId) {}
