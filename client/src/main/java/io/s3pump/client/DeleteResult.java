package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The answer to DeleteObjects. A 200 answer may still list per-key failures in {@link #errors()}.
 *
 * @param deleted the keys deleted (empty in quiet mode)
 * @param errors the keys that could not be deleted
 */
@JacksonXmlRootElement(localName = "DeleteResult")
public record DeleteResult(
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("Deleted") List<Deleted> deleted,
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("Error") List<DeleteError> errors) {

    public DeleteResult {
        deleted = deleted == null ? List.of() : List.copyOf(deleted);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
