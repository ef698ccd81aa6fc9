package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The answer to ListBuckets.
 *
 * @param owner the owner of the buckets, or {@code null}
 * @param buckets the buckets, never {@code null}
 */
@JacksonXmlRootElement(localName = "ListAllMyBucketsResult")
public record ListAllMyBucketsResult(
        @JsonProperty("Owner") Owner owner,
        @JacksonXmlElementWrapper(localName = "Buckets") @JsonProperty("Bucket") List<Bucket> buckets) {

    public ListAllMyBucketsResult {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }
}
