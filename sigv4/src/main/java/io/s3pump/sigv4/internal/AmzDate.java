package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/** {@code yyyyMMdd'T'HHmmss'Z'} in UTC, without DateTimeFormatter (measurably slower on the hot path). */
public final class AmzDate {
    private AmzDate() {}

    /** The {@code x-amz-date} value of {@code time}, truncated to the second. */
    public static String format(Instant time) {
        long seconds = time.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) throw new IllegalArgumentException("signing time out of range: " + time);
        byte[] out = new byte[16];
        put4(out, 0, year);
        put2(out, 4, date.getMonthValue());
        put2(out, 6, date.getDayOfMonth());
        out[8] = 'T';
        put2(out, 9, secOfDay / 3600);
        put2(out, 11, secOfDay / 60 % 60);
        put2(out, 13, secOfDay % 60);
        out[15] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static void put4(byte[] out, int at, int v) {
        put2(out, at, v / 100);
        put2(out, at + 2, v % 100);
    }

    private static void put2(byte[] out, int at, int v) {
        out[at] = (byte) ('0' + v / 10);
        out[at + 1] = (byte) ('0' + v % 10);
    }
}
