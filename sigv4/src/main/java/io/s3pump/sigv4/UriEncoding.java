package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.CanonicalQuery;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * S3's URI encoding (the SigV4 {@code UriEncode}): RFC 3986 unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) stay as they are, every other UTF-8 byte becomes {@code %XX} with
 * upper-case hex. Space is {@code %20}, never {@code +}.
 *
 * <p>Encode an object key once, when building the wire path, and use that path verbatim both on the wire
 * and for signing: S3 neither normalises paths nor decodes keys, so {@code a%2Fb} must go out as
 * {@code a%252Fb} and {@code a/../b} as {@code a/../b}. Stateless and thread-safe.
 */
public final class UriEncoding {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private UriEncoding() {}

    /** Encodes an object key for the path: like {@link #encode(String)} but keeps {@code /}. {@code "a%2Fb"} → {@code "a%252Fb"}. */
    public static String encodeKey(String key) {
        return encode(key, true);
    }

    /** Encodes one query name or value, or a path segment: everything but unreserved characters, {@code /} included. */
    public static String encode(String s) {
        return encode(s, false);
    }

    /** The path-style wire path {@code /bucket/key} with the key encoded once; {@code key} may be empty. */
    public static String pathStyle(String bucket, String key) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        return key.isEmpty() ? "/" + encode(bucket) : "/" + encode(bucket) + "/" + encodeKey(key);
    }

    /** The virtual-hosted wire path {@code /key} with the key encoded once. */
    public static String virtualHosted(String key) {
        return "/" + encodeKey(Objects.requireNonNull(key, "key"));
    }

    /**
     * The canonical query string of decoded parameters: each name and value encoded, sorted by name then
     * value (byte order), joined with {@code &}; a parameter without value is written {@code name=}.
     * This string is also a valid wire query, so send it as is (after the {@code ?}).
     */
    public static String canonicalQuery(List<QueryParam> params) {
        return CanonicalQuery.of(params);
    }

    static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String encode(String s, boolean keepSlash) {
        Objects.requireNonNull(s, "s");
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!(isUnreserved(c) || keepSlash && c == '/')) break;
            i++;
        }
        if (i == n) return s; // nothing to encode: no copy
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length * 3];
        int o = 0;
        for (byte b : utf8) {
            int c = b & 0xff;
            if (isUnreserved(c) || keepSlash && c == '/') {
                out[o++] = (byte) c;
            } else {
                out[o++] = '%';
                out[o++] = HEX[c >> 4];
                out[o++] = HEX[c & 0xf];
            }
        }
        return new String(out, 0, o, StandardCharsets.ISO_8859_1);
    }
}
