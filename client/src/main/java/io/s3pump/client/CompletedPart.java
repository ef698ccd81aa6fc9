package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.s3pump.client.internal.xml.QuotedETagSerializer;
import java.util.Objects;

/**
 * One {@code <Part>} of a CompleteMultipartUpload request.
 *
 * @param partNumber the part number, 1 to 10,000
 * @param eTag the ETag UploadPart answered, with or without quotes (stored without, sent with)
 */
@JsonPropertyOrder({"PartNumber", "ETag"})
public record CompletedPart(@JsonProperty("PartNumber") int partNumber, @JsonProperty("ETag") @JsonSerialize(using = QuotedETagSerializer.class) String eTag) {

    public CompletedPart {
        Objects.requireNonNull(eTag, "eTag");
        eTag = ETags.unquote(eTag);
    }
}
