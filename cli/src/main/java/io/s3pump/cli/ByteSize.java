package io.s3pump.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints byte counts. Every unit is binary: {@code K}, {@code KB} and {@code KiB} all mean 1024 bytes,
 * {@code M}/{@code MB}/{@code MiB} 1024², {@code G} 1024³, {@code T} 1024⁴. S3 part limits are binary (5 MiB, 5 GiB)
 * and the AWS CLI reads {@code 8MB} as 8 MiB too, so a decimal meaning would only surprise.
 */
final class ByteSize {
    static final long KIB = 1024;
    static final long MIB = KIB * 1024;
    static final long GIB = MIB * 1024;
    static final long TIB = GIB * 1024;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {}

    /**
     * Parses {@code 8MiB}, {@code 64M}, {@code 1GiB} or {@code 1048576}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches() || (m.group(2).isEmpty() && m.group(3) != null && m.group(3).length() == 2)) {
            throw new IllegalArgumentException("'" + text + "' is not a size: use e.g. 8MiB, 64M, 1GiB or plain bytes");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> KIB;
            case "m" -> MIB;
            case "g" -> GIB;
            case "t" -> TIB;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** {@code 1.00 GiB}, {@code 5.00 MiB}, {@code 17 B}: three significant decimals are enough for a person. */
    static String format(long bytes) {
        if (bytes < KIB) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[i]);
    }

    /** The picocli converter, so that a bad size is a usage error naming the option. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
