package io.s3pump.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The body of a CompleteMultipartUpload request. RGW wants exactly the uploaded parts; S3 wants them in
 * ascending part-number order, so {@link S3Client#completeMultipartUpload} sorts them.
 *
 * @param parts the parts, never empty
 */
@JacksonXmlRootElement(localName = "CompleteMultipartUpload")
public record CompleteMultipartUpload(
        @JacksonXmlElementWrapper(useWrapping = false) @JsonProperty("Part") List<CompletedPart> parts) {

    public CompleteMultipartUpload {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }
}
