package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * One page of a ListObjectsV2 answer. Keys and prefixes are always decoded, whether or not the wire used
 * {@code encoding-type=url} (the client asks for it so that keys with control characters survive XML).
 *
 * @param name the bucket
 * @param prefix the prefix asked for, or {@code null}/empty
 * @param delimiter the delimiter asked for, or {@code null}
 * @param maxKeys the page size limit
 * @param keyCount the number of keys and common prefixes on this page
 * @param isTruncated true when another page follows; continue with {@link #nextContinuationToken()}
 * @param continuationToken the token this page was asked with, or {@code null}
 * @param nextContinuationToken the token for the next page, or {@code null} on the last page
 * @param startAfter the start-after key asked for, or {@code null}
 * @param encodingType {@code url} when the wire form was URL-encoded, else {@code null}
 * @param contents the objects on this page, never {@code null}
 * @param commonPrefixes the common prefixes on this page, never {@code null}
 */
@JacksonXmlRootElement(localName = "ListBucketResult")
public record ListBucketResult(
        @JsonProperty("Name") String name,
        @JsonProperty("Prefix") String prefix,
        @JsonProperty("Delimiter") String delimiter,
        @JsonProperty("MaxKeys") Integer maxKeys,
        @JsonProperty("KeyCount") Integer keyCount,
        @JsonProperty("IsTruncated") boolean isTruncated,
        @JsonProperty("ContinuationToken") String continuationToken,
        @JsonProperty("NextContinuationToken") String nextContinuationToken,
        @JsonProperty("StartAfter") String startAfter,
        @JsonProperty("EncodingType") String encodingType,
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("Contents") List<Contents> contents,
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("CommonPrefixes") List<CommonPrefix> commonPrefixes) {

    public ListBucketResult {
        contents = contents == null ? List.of() : List.copyOf(contents);
        commonPrefixes = commonPrefixes == null ? List.of() : List.copyOf(commonPrefixes);
    }
}
