package io.s3pump.sigv4;

/**
 * How the canonical URI is made from the wire path, the one place where S3 and the other AWS services sign
 * differently.
 *
 * <p>S3 signs the path exactly as it goes on the wire ({@link #S3}): a key may hold {@code //}, {@code .} and
 * {@code ..} segments and they are part of the object's name. Every other service follows SigV4's general rules
 * ({@link #STANDARD}): the path is normalised (RFC 3986 dot segments removed, and empty segments too) and then
 * URI-encoded once more, so {@code /a%20b} is signed as {@code /a%2520b}. {@link SigningParams} picks the rules by
 * service unless told otherwise.
 *
 * @param normalizePath remove {@code .} and {@code ..} segments and collapse {@code //}, as botocore's
 *     {@code remove_dot_segments} and aws-c-auth's {@code should_normalize_uri_path}
 * @param encodeAgain URI-encode the (already encoded) wire path once more, as aws-c-auth's
 *     {@code use_double_uri_encode}
 */
public record UriRules(boolean normalizePath, boolean encodeAgain) {
    /** S3's rules: the wire path, verbatim. */
    public static final UriRules S3 = new UriRules(false, false);
    /** SigV4's rules for every service but S3: normalised, then encoded again. */
    public static final UriRules STANDARD = new UriRules(true, true);

    /** {@link #S3} for S3 and its variants ({@code s3}, {@code s3-*}, {@code s3express}), {@link #STANDARD} otherwise. */
    public static UriRules forService(String service) {
        return service == null || Signer.isS3(service) ? S3 : STANDARD;
    }

    /** The canonical URI of {@code wirePath} under these rules. A pure function. */
    public String canonicalUri(String wirePath) {
        String path = normalizePath ? removeDotSegments(wirePath) : wirePath;
        return encodeAgain ? encodeAgain(path) : path;
    }

    /**
     * Dot segments removed as botocore's {@code remove_dot_segments} and aws-c-auth do it (after RFC 3986 section
     * 5.2.4, but a final {@code .} or {@code ..} leaves no trailing slash), and empty segments removed too.
     */
    static String removeDotSegments(String path) {
        if (path.isEmpty()) return "/";
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(segment);
            }
        }
        StringBuilder sb = new StringBuilder(path.length());
        if (path.charAt(0) == '/') sb.append('/');
        sb.append(String.join("/", out));
        if (path.endsWith("/") && !out.isEmpty()) sb.append('/');
        return sb.isEmpty() ? "/" : sb.toString();
    }

    private static String encodeAgain(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 16);
        // A wire path is ASCII (SignableRequest checks it); a direct caller's other characters go as their UTF-8.
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (unreserved) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
