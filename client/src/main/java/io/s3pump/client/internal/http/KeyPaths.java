package io.s3pump.client.internal.http;

import io.s3pump.sigv4.UriEncoding;

/**
 * Wire paths for keys with {@code .} or {@code ..} path segments, which OkHttp's {@code HttpUrl} resolves away in
 * every spelling ({@code ..}, {@code %2E%2E}, {@code .%2e}, …), and its maintainers decline to change that.
 *
 * <p>Such a key goes out as one path segment, its slashes written {@code %2F}, so no segment is a dot segment:
 * {@code a/../b} is sent as {@code /bucket/a%2F..%2Fb}, and a key that is only {@code .} or {@code ..} also has
 * the slash after the bucket written {@code %2F}. RGW decodes the path before it splits bucket and key, and
 * computes the canonical URI from the decoded key, so the request is signed over {@code /bucket/a/../b}
 * ({@link #canonical}). Every other key keeps its plain {@code encodeKey} path, signed as sent.
 */
public final class KeyPaths {
    private KeyPaths() {}

    /** The path-style wire path of {@code key} in {@code bucket}. */
    public static String pathStyle(String bucket, String key) {
        String b = "/" + UriEncoding.encode(bucket);
        if (!hasDotSegment(key)) return b + "/" + UriEncoding.encodeKey(key);
        return b + (isDotSegment(key) ? "%2F" : "/") + oneSegment(key);
    }

    /**
     * The virtual-hosted wire path of {@code key}.
     *
     * @throws IllegalArgumentException for the keys {@code .} and {@code ..}, which only path-style addressing
     *     can send (the whole path would be a dot segment)
     */
    public static String virtualHosted(String key) {
        if (isDotSegment(key)) {
            throw new IllegalArgumentException("object key '" + key + "' cannot be sent with virtual-host addressing"
                    + " (the HTTP layer would resolve it away); use path-style addressing for it");
        }
        return "/" + (hasDotSegment(key) ? oneSegment(key) : UriEncoding.encodeKey(key));
    }

    /**
     * The canonical URI SigV4 signs for a wire path built here: the path with {@code %2F} read as {@code /}.
     * {@code encodeKey} never writes {@code %2F} (it keeps slashes, and a literal {@code %} is {@code %25}), so only
     * the slashes written above are turned back; for every other path this is the wire path itself.
     */
    public static String canonical(String wirePath) {
        return wirePath.contains("%2F") ? wirePath.replace("%2F", "/") : wirePath;
    }

    static boolean hasDotSegment(String key) {
        for (String segment : key.split("/", -1)) {
            if (isDotSegment(segment)) return true;
        }
        return false;
    }

    private static boolean isDotSegment(String s) {
        return s.equals(".") || s.equals("..");
    }

    private static String oneSegment(String key) {
        return UriEncoding.encode(key); // encodes '/' as %2F, keeps '.' (unreserved)
    }
}
