package io.s3pump.client.internal.xml;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * S3's timestamps, in XML bodies and in headers. Apart from {@link S3Xml} so that reading a header's date (a HEAD's
 * {@code Last-Modified}, an answer's {@code Date}) does not build the XML mapper: a download needs no XML at all.
 */
public final class Timestamps {
    private Timestamps() {}

    /**
     * Parses S3's ISO-8601 timestamps ({@code 2026-11-25T11:00:00.000Z}) and, leniently, RFC 1123 dates; {@code null}
     * for a blank one.
     *
     * @throws DateTimeParseException if it is neither
     */
    public static Instant parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
    }
}
