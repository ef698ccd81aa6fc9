package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * One page of a ListParts answer.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param uploadId the upload
 * @param initiator who started the upload, or {@code null}
 * @param owner the owner, or {@code null}
 * @param storageClass the storage class, or {@code null}
 * @param partNumberMarker the marker this page started after
 * @param nextPartNumberMarker the marker for the next page when {@code isTruncated}
 * @param maxParts the page size limit
 * @param isTruncated true when another page follows
 * @param parts the parts on this page, never {@code null}
 */
@JacksonXmlRootElement(localName = "ListPartsResult")
public record ListPartsResult(
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("Key") String key,
        @JsonProperty("UploadId") String uploadId,
        @JsonProperty("Initiator") Owner initiator,
        @JsonProperty("Owner") Owner owner,
        @JsonProperty("StorageClass") String storageClass,
        @JsonProperty("PartNumberMarker") Integer partNumberMarker,
        @JsonProperty("NextPartNumberMarker") Integer nextPartNumberMarker,
        @JsonProperty("MaxParts") Integer maxParts,
        @JsonProperty("IsTruncated") boolean isTruncated,
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("Part") List<Part> parts) {

    public ListPartsResult {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }
}
