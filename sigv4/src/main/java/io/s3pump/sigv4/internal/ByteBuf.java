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
        int i = 0;
        // ASCII fast path: nearly everything in a canonical request is ASCII.
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) break;
            bytes[length++] = (byte) c;
        }
        if (i < n) appendUtf8(s, i, n);
        return this;
    }

    private void appendUtf8(String s, int from, int to) {
        byte[] utf8 = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
    }

    /** Appends an ASCII string lower-cased (header names are ASCII, checked by {@code Header}). */
    public ByteBuf appendLowerAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes[length++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return this;
    }

    /** Appends a header value trimmed, with each inner run of white space (including obs-fold breaks) as one space. */
    public ByteBuf appendFolded(String v) {
        int start = 0;
        int end = v.length();
        while (start < end && isSpace(v.charAt(start))) start++;
        while (end > start && isSpace(v.charAt(end - 1))) end--;
        boolean clean = true;
        for (int i = start; i < end; i++) {
            char c = v.charAt(i);
            if (c >= 0x80 || c == '\t' || c == '\r' || c == '\n' || c == ' ' && v.charAt(i + 1) == ' ') {
                clean = false;
                break;
            }
        }
        if (clean) {
            ensure(end - start);
            for (int i = start; i < end; i++) bytes[length++] = (byte) v.charAt(i);
            return this;
        }
        StringBuilder sb = new StringBuilder(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = v.charAt(i);
            if (isSpace(c)) {
                space = true;
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
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                for (byte b : s.substring(i).getBytes(StandardCharsets.UTF_8)) appendEncodedByte(b & 0xff, keepSlash);
                return this;
            }
            appendEncodedByte(c, keepSlash);
        }
        return this;
    }

    private void appendEncodedByte(int c, boolean keepSlash) {
        if (isUnreserved(c) || keepSlash && c == '/') {
            ensure(1);
            bytes[length++] = (byte) c;
        } else {
            ensure(3);
            bytes[length++] = '%';
            bytes[length++] = HEX_UPPER[c >> 4];
            bytes[length++] = HEX_UPPER[c & 0xf];
        }
    }

    public static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Appends lower-case hex of {@code b[off, off+len)}. */
    public ByteBuf appendHex(byte[] b, int off, int len) {
        ensure(2 * len);
        for (int i = off, end = off + len; i < end; i++) {
            bytes[length++] = HEX_LOWER[(b[i] >> 4) & 0xf];
            bytes[length++] = HEX_LOWER[b[i] & 0xf];
        }
        return this;
    }

    /** The bytes {@code [from, to)} as a String (they are UTF-8). */
    public String toString(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return toString(0, length);
    }
}
