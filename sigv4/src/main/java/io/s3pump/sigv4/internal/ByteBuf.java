package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that the canonical request and string to sign are written into as UTF-8, so the signer
 * hashes them without building intermediate Strings. Not thread-safe; pooled per signing call.
 */
public final class ByteBuf {
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    public ByteBuf(int capacity) {
        bytes = new byte[capacity];
    }

    public void clear() {
        length = 0;
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return bytes.length;
    }

    /** The backing array; valid up to {@link #length()}. */
    public byte[] array() {
        return bytes;
    }

    /** Drops the last byte (used to turn a line's '\n' into a ',' when joining repeated header names). */
    public ByteBuf truncateLast() {
        length--;
        return this;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }

    public ByteBuf append(char asciiChar) {
        ensure(1);
        bytes[length++] = (byte) asciiChar;
        return this;
    }

    /** Appends {@code s} as UTF-8. */
    public ByteBuf append(String s) {
        int n = s.length();
        ensure(n);
        byte[] out = bytes;
        int o = length;
        int i = 0;
        // ASCII fast path: nearly everything in a canonical request is ASCII.
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) break;
            out[o++] = (byte) c;
        }
        length = o;
        if (i < n) appendUtf8(s, i, n);
        return this;
    }

    private void appendUtf8(String s, int from, int to) {
        byte[] utf8 = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
    }

    /**
     * Appends a String the caller knows to be ASCII (validated paths, encoded names, dates, hashes) as a bulk copy.
     * The deprecated {@code String.getBytes(int, int, byte[], int)} copies the low byte of each char, which is
     * exactly right for ASCII and far faster than a charAt loop.
     */
    @SuppressWarnings("deprecation")
    public ByteBuf appendAscii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, bytes, length);
        length += n;
        return this;
    }

    /** Appends {@code b[off, off+len)}. */
    public ByteBuf append(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
        return this;
    }

    /** Appends a header value trimmed, with each inner run of white space (including obs-fold breaks) as one space. */
    public ByteBuf appendFolded(String v) {
        int n = v.length();
        if (n == 0) return this;
        if (!isSpace(v.charAt(0)) && !isSpace(v.charAt(n - 1))) {
            // One pass for the common case: ASCII, no tabs or line breaks, no double spaces.
            ensure(n);
            int start = length;
            byte[] out = bytes;
            int o = start;
            boolean previousSpace = false;
            int i = 0;
            for (; i < n; i++) {
                char c = v.charAt(i);
                if (c >= 0x80 || c < ' ' || c == ' ' && previousSpace) break;
                previousSpace = c == ' ';
                out[o++] = (byte) c;
            }
            if (i == n) {
                length = o;
                return this;
            }
        }
        StringBuilder sb = new StringBuilder(n);
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (isSpace(c)) {
                space = sb.length() > 0;
            } else {
                if (space) sb.append(' ');
                space = false;
                sb.append(c);
            }
        }
        return append(sb.toString());
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Appends {@code s} URI-encoded (SigV4 UriEncode: unreserved kept, else %XX upper-case of each UTF-8 byte). */
    public ByteBuf appendUriEncoded(String s, boolean keepSlash) {
        int n = s.length();
        ensure(3 * n);
        byte[] out = bytes;
        int o = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (keepsUnencoded(c, keepSlash)) {
                out[o++] = (byte) c;
            } else if (c < 0x80) {
                out[o++] = '%';
                out[o++] = HEX_UPPER[c >> 4];
                out[o++] = HEX_UPPER[c & 0xf];
            } else {
                length = o;
                for (byte b : s.substring(i).getBytes(StandardCharsets.UTF_8)) appendEncodedByte(b & 0xff, keepSlash);
                return this;
            }
        }
        length = o;
        return this;
    }

    private void appendEncodedByte(int c, boolean keepSlash) {
        ensure(3);
        if (keepsUnencoded(c, keepSlash)) {
            bytes[length++] = (byte) c;
        } else {
            bytes[length++] = '%';
            bytes[length++] = HEX_UPPER[c >> 4];
            bytes[length++] = HEX_UPPER[c & 0xf];
        }
    }

    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            UNRESERVED[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~';
        }
    }

    /** Whether UriEncode leaves {@code c} (a char or an unsigned byte) as it is: RFC 3986 unreserved, or '/' in a path. */
    public static boolean keepsUnencoded(int c, boolean keepSlash) {
        return c < 128 && (UNRESERVED[c] || keepSlash && c == '/');
    }

    /** Appends raw bytes. */
    public ByteBuf append(byte[] b) {
        return append(b, 0, b.length);
    }

    /** Appends lower-case hex of {@code b[off, off+len)}. */
    public ByteBuf appendHex(byte[] b, int off, int len) {
        ensure(2 * len);
        byte[] out = bytes;
        int o = length;
        for (int i = off, end = off + len; i < end; i++) {
            out[o++] = HEX_LOWER[(b[i] >> 4) & 0xf];
            out[o++] = HEX_LOWER[b[i] & 0xf];
        }
        length = o;
        return this;
    }

    /** The content as a String (it is UTF-8). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
