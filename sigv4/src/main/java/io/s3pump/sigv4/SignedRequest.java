package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.SigningRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of header signing: the headers to set on the request, and what went into the signature.
 *
 * <p>Immutable and thread-safe. {@link #toString()} hides the signature; {@link #canonicalRequest()} contains a
 * session token when there is one, so log {@link #debugText()} instead.
 */
public final class SignedRequest {
    private final List<Header> headers;
    private final SigningRecord record;
    private final ChunkEncoder chunkEncoder;

    SignedRequest(List<Header> headers, SigningRecord record, ChunkEncoder chunkEncoder) {
        this.headers = headers;
        this.record = record;
        this.chunkEncoder = chunkEncoder;
    }

    /**
     * The headers to set (replacing any of the same name), in this order: {@code x-amz-date}, then as applicable
     * {@code x-amz-content-sha256}, {@code x-amz-security-token}, {@code x-amz-region-set}, {@code content-encoding},
     * {@code x-amz-decoded-content-length}, {@code x-amz-trailer}, {@code Content-Length} (streaming modes: the
     * exact encoded length), and last {@code Authorization}. The {@code Host} sent must equal the request's host.
     */
    public List<Header> headers() {
        return headers;
    }

    /** The value of the named header to set (name compared ignoring case), if the signer sets it. */
    public Optional<String> header(String name) {
        Objects.requireNonNull(name, "name");
        for (Header h : headers) if (h.is(name)) return Optional.of(h.value());
        return Optional.empty();
    }

    /** The Authorization header value. Treat it as a secret: it lets anyone replay the request. */
    public String authorization() {
        return record.signedText();
    }

    /** The signature (hex HMAC for SigV4, hex DER ECDSA for SigV4A). Treat it as a secret. */
    public String signature() {
        return record.signature();
    }

    /** The signed header names, {@code ;}-separated, lower case, sorted. */
    public String signedHeaders() {
        return record.signedHeaders();
    }

    /** The exact canonical request. Contains the session token, if any: log {@link #debugText()} instead. */
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

    /** For streaming modes, the exact {@code Content-Length} of the encoded body in bytes; empty for the others. */
    public OptionalLong contentLength() {
        return chunkEncoder == null ? OptionalLong.empty() : OptionalLong.of(chunkEncoder.encodedLength());
    }

    /**
     * The encoder that turns the payload into the aws-chunked body this signature covers.
     *
     * @throws IllegalStateException when the payload mode is not a streaming one
     */
    public ChunkEncoder chunkEncoder() {
        if (chunkEncoder == null) throw new IllegalStateException("the payload mode is not a streaming (aws-chunked) mode");
        return chunkEncoder;
    }

    @Override
    public String toString() {
        return "SignedRequest[signedHeaders=" + signedHeaders() + ", signature=****]";
    }
}
