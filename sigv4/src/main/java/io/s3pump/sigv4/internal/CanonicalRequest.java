package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;

/**
 * SigV4 step 1: the canonical request. The URI is the wire path verbatim (S3 rules: no normalisation, no
 * second encoding); the query is already canonical.
 */
public record CanonicalRequest(String method, String uri, String query, CanonicalHeaders headers, String signedHeaders,
                               String payloadHash) {

    public static CanonicalRequest of(String method, String uri, String query, CanonicalHeaders headers, String payloadHash) {
        return new CanonicalRequest(method, uri, query, headers, headers.signedHeaders(), payloadHash);
    }

    /** The text that is hashed: method, URI, query, headers, blank line, signed headers, payload hash. */
    public String text() {
        StringBuilder sb = new StringBuilder(method.length() + uri.length() + query.length() + headers.textLength()
                + signedHeaders.length() + payloadHash.length() + 6);
        sb.append(method).append('\n').append(uri).append('\n').append(query).append('\n');
        headers.appendTo(sb);
        sb.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        return sb.toString();
    }

    /** Hex SHA-256 of {@link #text()}. */
    public static String hash(String text) {
        return Hex.encode(Sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
