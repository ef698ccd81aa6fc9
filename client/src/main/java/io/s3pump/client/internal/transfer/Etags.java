package io.s3pump.client.internal.transfer;

import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The S3 ETag rules: a single PutObject's ETag is the body's MD5 in hex; a multipart object's is
 * {@code hex(md5(md5(p1) ‖ … ‖ md5(pN))) + "-" + N} over the binary part digests, in part-number order.
 *
 * <p>RGW quotes ETags in headers and ListParts, and leaves them unquoted in a repeated Complete, so every
 * comparison goes through {@link #normalize}.
 */
public final class Etags {
    private Etags() {}

    /** The multipart ETag of parts with these MD5 digests, in part-number order, without quotes. */
    public static String composite(List<Md5Digest> partMd5s) {
        if (partMd5s.isEmpty()) throw new IllegalArgumentException("a multipart upload has at least one part");
        MessageDigest md = Md5Digest.newMd5();
        for (Md5Digest d : partMd5s) d.appendTo(md);
        return Md5Digest.of(md.digest()).hex() + "-" + partMd5s.size();
    }

    /** Removes surrounding double quotes (also the {@code W/} weak prefix) and lower-cases the hex. */
    public static String normalize(String etag) {
        return unquote(etag).toLowerCase(Locale.ROOT);
    }

    static String unquote(String etag) {
        return io.s3pump.client.ETags.unquote(java.util.Objects.requireNonNull(etag, "etag"));
    }

    /** The {@code N} of a multipart ETag {@code <md5>-N}, or empty for a plain MD5 or an opaque ETag. */
    public static OptionalInt partCount(String etag) {
        String e = normalize(etag);
        int dash = e.lastIndexOf('-');
        if (dash != 32 || !isMd5Hex(e.substring(0, 32))) return OptionalInt.empty();
        try {
            int n = Integer.parseInt(e.substring(dash + 1));
            return n >= 1 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException ex) {
            return OptionalInt.empty();
        }
    }

    /** Whether the ETag is a plain MD5 (32 hex digits), as a single unencrypted PutObject gives. */
    public static boolean isPlainMd5(String etag) {
        return isMd5Hex(normalize(etag));
    }

    static boolean isMd5Hex(String s) {
        if (s.length() != 32) return false;
        for (int i = 0; i < 32; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) return false;
        }
        return true;
    }

    /** Whether two ETags are equal once quotes and case are normalized. */
    public static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }
}
