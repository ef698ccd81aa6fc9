package io.s3pump.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as the listings print them: UTC, to the second, sortable. */
final class Times {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Times() {}

    /** {@code 2026-11-25 11:05:00}, or 19 spaces when unknown, so that columns stay aligned. */
    static String text(Instant t) {
        return t == null ? " ".repeat(19) : TEXT.format(t);
    }

    /** ISO-8601 for JSON, or null. */
    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
