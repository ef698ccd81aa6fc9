package io.s3pump.client.internal.xml;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/** Writes an ETag in quotes, its canonical form in a CompleteMultipartUpload request. */
public final class QuotedETagSerializer extends JsonSerializer<String> {
    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(value.startsWith("\"") ? value : "\"" + value + "\"");
    }
}
