package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The body of a DeleteObjects request: at most 1,000 keys.
 *
 * @param quiet when true the answer lists only failures
 * @param objects the keys to delete
 */
@JacksonXmlRootElement(localName = "Delete")
@JsonPropertyOrder({"Quiet", "Object"})
public record Delete(
        @JsonProperty("Quiet") boolean quiet,
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("Object") List<ObjectIdentifier> objects) {

    public Delete {
        objects = objects == null ? List.of() : List.copyOf(objects);
        if (objects.size() > 1000) {
            throw new IllegalArgumentException("DeleteObjects takes at most 1000 keys, got " + objects.size());
        }
    }
}
