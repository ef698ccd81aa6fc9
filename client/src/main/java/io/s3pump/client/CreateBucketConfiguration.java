package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.Objects;

/**
 * The body of a CreateBucket request that names a location. RGW accepts only its zonegroup's api name
 * (often {@code default}); for {@code us-east-1} send no body at all, as the SDKs do.
 *
 * @param locationConstraint the location
 */
@JacksonXmlRootElement(localName = "CreateBucketConfiguration")
public record CreateBucketConfiguration(@JsonProperty("LocationConstraint") String locationConstraint) {

    public CreateBucketConfiguration {
        Objects.requireNonNull(locationConstraint, "locationConstraint");
    }
}
