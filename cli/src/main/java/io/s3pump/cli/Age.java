package io.s3pump.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses ages such as {@code 1d}, {@code 12h}, {@code 30m}, {@code 90s} or {@code 2w} for {@code --older-than}. */
final class Age {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhdw])", Pattern.CASE_INSENSITIVE);

    private Age() {}

    static Duration parse(String text) {
        Matcher m = AGE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an age: use e.g. 90s, 30m, 12h, 1d or 2w");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** The picocli converter: a bad age is a usage error naming the option. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
