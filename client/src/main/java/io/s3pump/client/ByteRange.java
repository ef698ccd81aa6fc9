package io.s3pump.client;

/**
 * An inclusive byte range, as in HTTP's {@code Range: bytes=first-last}.
 *
 * @param first the first byte, from 0
 * @param last the last byte, inclusive, not before {@code first}
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) throw new IllegalArgumentException("bad byte range " + first + "-" + last);
    }

    /** {@code length} bytes from {@code offset}. */
    public static ByteRange ofLength(long offset, long length) {
        if (length <= 0) throw new IllegalArgumentException("range length must be positive: " + length);
        return new ByteRange(offset, offset + length - 1);
    }

    /** The number of bytes in the range. */
    public long length() {
        return last - first + 1;
    }

    /** The header value, {@code bytes=first-last}. */
    public String toHeader() {
        return "bytes=" + first + "-" + last;
    }
}
