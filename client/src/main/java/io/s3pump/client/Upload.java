package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One open multipart upload, as ListMultipartUploads reports it.
 *
 * @param key the object key, decoded
 * @param uploadId the upload id
 * @param initiator who started it, or {@code null}
 * @param owner the owner, or {@code null}
 * @param storageClass the storage class, or {@code null}
 * @param initiated when it was started
 */
public record Upload(
        @JsonProperty("Key") String key,
        @JsonProperty("UploadId") String uploadId,
        @JsonProperty("Initiator") Owner initiator,
        @JsonProperty("Owner") Owner owner,
        @JsonProperty("StorageClass") String storageClass,
        @JsonProperty("Initiated") Instant initiated) {}
