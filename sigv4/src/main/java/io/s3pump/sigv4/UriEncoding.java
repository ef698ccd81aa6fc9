package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.ByteBuf;
import io.s3pump.sigv4.internal.CanonicalQuery;
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
        return CanonicalQuery.of(List.copyOf(params)).toString();
    }

    private static String encode(String s, boolean keepSlash) {
        Objects.requireNonNull(s, "s");
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!ByteBuf.keepsUnencoded(s.charAt(i), keepSlash)) {
                return new ByteBuf(n + 16).appendUriEncoded(s, keepSlash).toString();
            }
        }
        return s; // nothing to encode: no copy
    }
}
