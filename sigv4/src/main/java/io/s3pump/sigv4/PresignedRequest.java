package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.SigningRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A presigned request: the query string that authorises it, and what went into the signature.
 *
 * <p>Immutable and thread-safe. The URL is a bearer credential until {@link #expiresAt()}: {@link #toString()}
 * masks it, and {@link #canonicalRequest()} contains a session token when there is one.
 */
public final class PresignedRequest {
    private final String method;
    private final String host;
    private final String path;
    private final List<Header> headers;
    private final Instant expiresAt;
    private final SigningRecord record;

    PresignedRequest(String method, String host, String path, List<Header> headers, Instant expiresAt,
                     SigningRecord record) {
        this.method = method;
        this.host = host;
        this.path = path;
        this.headers = List.copyOf(headers);
        this.expiresAt = expiresAt;
        this.record = record;
    }

    /** The HTTP method the URL is valid for. */
    public String method() {
        return method;
    }

    /**
     * The full wire query string, without the leading {@code ?}: the request's own parameters and the
     * {@code X-Amz-*} ones in canonical order, then {@code X-Amz-Signature}.
     */
    public String query() {
        return record.signedText();
    }

    /** Path and query: {@code /bucket/key?X-Amz-Algorithm=…}. */
    public String pathAndQuery() {
        return path + '?' + query();
    }

    /** The URL {@code scheme://host/path?query}, for {@code "http"} or {@code "https"}. */
    public String url(String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        return scheme + "://" + host + path + '?' + query();
    }

    /** The signed headers, other than {@code host}, that whoever uses the URL must send with these values. */
    public List<Header> headers() {
        return headers;
    }

    /** When the URL stops working: the signing time plus the expiry. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The signature. Treat it as a secret. */
    public String signature() {
        return record.signature();
    }

    /** The exact canonical request. Contains the session token, if any. */
    public String canonicalRequest() {
        return record.canonicalRequest();
    }

    /** The string to sign. It reveals no secret. */
    public String stringToSign() {
        return record.stringToSign();
    }

    /** The canonical request with any session token masked, and the string to sign: safe to log. */
    public String debugText() {
        return record.debugText();
    }

    @Override
    public String toString() {
        return "PresignedRequest[" + method + " " + host + path + ", expiresAt=" + expiresAt + ", signature=****]";
    }
}
