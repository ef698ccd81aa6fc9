package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One {@code <Part>} of a CompleteMultipartUpload request.
 *
 * @param partNumber the part number, 1 to 10,000
 * @param eTag the ETag UploadPart answered, with or without quotes (stored without)
 */
@JsonPropertyOrder({"PartNumber", "ETag"})
public record CompletedPart(@JsonProperty("PartNumber") int partNumber, @JsonProperty("ETag") String eTag) {

    public CompletedPart {
        Objects.requireNonNull(eTag, "eTag");
        eTag = ETags.unquote(eTag);
    }
}
