package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
        @JsonIgnore List<Bucket> buckets) {

    public ListAllMyBucketsResult {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    // Jackson XML cannot bind a wrapped list to a record component (jackson-dataformat-xml #517), so
    // <Buckets> is read and written as a record of its own.
    @JsonCreator
    static ListAllMyBucketsResult fromXml(@JsonProperty("Owner") Owner owner, @JsonProperty("Buckets") BucketsElement buckets) {
        return new ListAllMyBucketsResult(owner, buckets == null ? List.of() : buckets.bucket());
    }

    @JsonProperty("Buckets")
    BucketsElement bucketsElement() {
        return new BucketsElement(buckets);
    }

    record BucketsElement(
            @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("Bucket") List<Bucket> bucket) {}
}
