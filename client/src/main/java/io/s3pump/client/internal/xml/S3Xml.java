package io.s3pump.client.internal.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one shared, thread-safe {@link XmlMapper} and the codec for S3's XML bodies.
 *
 * <p>Unknown elements are ignored (S3 and RGW add fields over time), and timestamps are read as
 * {@link Instant} without pulling in jackson-datatype-jsr310.
 */
public final class S3Xml {
    private static final XmlMapper MAPPER = build();

    private S3Xml() {}

    private static XmlMapper build() {
        SimpleModule time = new SimpleModule("s3pump-time");
        time.addDeserializer(Instant.class, new InstantDeserializer());
        time.addSerializer(Instant.class, new InstantSerializer());
        return XmlMapper.builder()
                .defaultUseWrapper(false)
                // An absent element stays absent: writing null as <X/> would read back as "".
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
                .addModule(time)
                .build();
    }

    /** The shared mapper; never reconfigure it. */
    public static XmlMapper mapper() {
        return MAPPER;
    }

    /** Parses {@code xml} as {@code type}; a malformed body is an {@link IOException}. */
    public static <T> T read(byte[] xml, Class<T> type) throws IOException {
        return MAPPER.readValue(allowControlCharacterReferences(xml), type);
    }

    /** Parses {@code xml} as {@code type}; a malformed body is an {@link IOException}. */
    public static <T> T read(InputStream xml, Class<T> type) throws IOException {
        return read(xml.readAllBytes(), type);
    }

    /**
     * The body, declared XML 1.1 when it holds a character reference to a control character ({@code &#x01;}),
     * unchanged otherwise. RGW writes such references where it echoes a key raw (InitiateMultipartUploadResult's
     * Key, ListMultipartUploads' markers and prefix), which XML 1.0 forbids and XML 1.1 allows. 1.1 is kept to
     * those bodies because it also reads a raw U+0085 or U+2028 as a line feed.
     */
    static byte[] allowControlCharacterReferences(byte[] xml) {
        if (!hasControlCharacterReference(xml)) return xml;
        String text = new String(xml, StandardCharsets.UTF_8);
        java.util.regex.Matcher m = DECLARATION.matcher(text);
        String upgraded = m.lookingAt()
                ? text.substring(0, m.start(1)) + "1.1" + text.substring(m.end(1))
                : "<?xml version=\"1.1\" encoding=\"UTF-8\"?>" + text;
        return upgraded.getBytes(StandardCharsets.UTF_8);
    }

    private static final java.util.regex.Pattern DECLARATION =
            java.util.regex.Pattern.compile("\\s*<\\?xml\\s+version\\s*=\\s*[\"'](1\\.0)[\"']");
    private static final java.util.regex.Pattern CONTROL_REFERENCE =
            java.util.regex.Pattern.compile("&#(?:[xX]0*([0-9a-fA-F]{1,2})|0*([0-9]{1,2}));");

    private static boolean hasControlCharacterReference(byte[] xml) {
        boolean any = false;
        for (int i = 0; i + 1 < xml.length && !any; i++) any = xml[i] == '&' && xml[i + 1] == '#';
        if (!any) return false;
        java.util.regex.Matcher m = CONTROL_REFERENCE.matcher(new String(xml, StandardCharsets.UTF_8));
        while (m.find()) {
            int c = m.group(1) != null ? Integer.parseInt(m.group(1), 16) : Integer.parseInt(m.group(2));
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
        }
        return false;
    }

    /** Serializes a request body as UTF-8 XML with a declaration. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            // Records of strings and numbers always serialize; a failure here is a programming error.
            throw new UncheckedIOException(e);
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) return null;
            try {
                return Timestamps.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an S3 timestamp");
            }
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        private static final DateTimeFormatter ISO_MILLIS =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(ISO_MILLIS.format(value));
        }
    }
}
