package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * One page of a ListMultipartUploads answer; keys and prefixes are decoded.
 *
 * @param bucket the bucket
 * @param keyMarker the key marker this page started after
 * @param uploadIdMarker the upload-id marker this page started after
 * @param nextKeyMarker the key marker for the next page when {@code isTruncated}
 * @param nextUploadIdMarker the upload-id marker for the next page when {@code isTruncated}
 * @param prefix the prefix asked for
 * @param delimiter the delimiter asked for
 * @param maxUploads the page size limit
 * @param isTruncated true when another page follows
 * @param encodingType {@code url} when the wire form was URL-encoded
 * @param uploads the open uploads on this page, never {@code null}
 * @param commonPrefixes the common prefixes on this page, never {@code null}
 */
@JacksonXmlRootElement(localName = "ListMultipartUploadsResult")
public record ListMultipartUploadsResult(
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("KeyMarker") String keyMarker,
        @JsonProperty("UploadIdMarker") String uploadIdMarker,
        @JsonProperty("NextKeyMarker") String nextKeyMarker,
        @JsonProperty("NextUploadIdMarker") String nextUploadIdMarker,
        @JsonProperty("Prefix") String prefix,
        @JsonProperty("Delimiter") String delimiter,
        @JsonProperty("MaxUploads") Integer maxUploads,
        @JsonProperty("IsTruncated") boolean isTruncated,
        @JsonProperty("EncodingType") String encodingType,
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("Upload") List<Upload> uploads,
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("CommonPrefixes") List<CommonPrefix> commonPrefixes) {

    public ListMultipartUploadsResult {
        uploads = uploads == null ? List.of() : List.copyOf(uploads);
        commonPrefixes = commonPrefixes == null ? List.of() : List.copyOf(commonPrefixes);
    }
}
