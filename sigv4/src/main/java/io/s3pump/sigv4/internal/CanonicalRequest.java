package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;

/**
 * SigV4 step 1: the canonical request. The URI is the wire path verbatim (S3 rules: no normalisation, no second
 * encoding). A value: the text is written on demand into a buffer for hashing, or rendered for debug output.
 */
public record CanonicalRequest(String method, String uri, CanonicalQuery query, CanonicalHeaders headers, String payloadHash) {

    /** Writes method, URI, query, headers, blank line, signed headers and payload hash. */
    public void writeTo(ByteBuf out) {
        // Method and path are printable ASCII (checked by SignableRequest), so they are bulk-copied.
        out.appendAscii(method).append('\n').appendAscii(uri).append('\n');
        query.writeTo(out);
        out.append('\n');
        headers.writeTo(out);
        out.append('\n');
        headers.writeSignedHeaders(out);
        out.append('\n').appendAscii(payloadHash);
    }

    public String signedHeaders() {
        return headers.signedHeaders();
    }

    /** The text that is hashed. */
    public String text() {
        ByteBuf b = new ByteBuf(512);
        writeTo(b);
        return b.toString();
    }

    /** Hex SHA-256 of a canonical request text. */
    public static String hash(String text) {
        return Hex.encode(Sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
