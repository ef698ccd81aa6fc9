package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.AmzDate;
import io.s3pump.sigv4.internal.ByteBuf;
import io.s3pump.sigv4.internal.CanonicalHeaders;
import io.s3pump.sigv4.internal.CanonicalQuery;
import io.s3pump.sigv4.internal.CanonicalRequest;
import io.s3pump.sigv4.internal.SigV4a;
import io.s3pump.sigv4.internal.SigningKey;
import io.s3pump.sigv4.internal.SigningKeyCache;
import io.s3pump.sigv4.internal.SigningRecord;
import io.s3pump.sigv4.internal.StringToSign;
import io.s3pump.sigv4.internal.Workspace;
import java.lang.System.Logger.Level;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Signs requests with AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) or 4A ({@code AWS4-ECDSA-P256-SHA256}),
 * by Authorization header ({@link #sign}) or by query string ({@link #presign}).
 *
 * <p>The steps follow the specification: canonical request → string to sign → signing key → signature. S3
 * rules apply: the path is signed verbatim (no normalisation, no second encoding) and a session token is
 * always signed. Every call takes the signing time as an input; nothing reads a clock.
 *
 * <p>Thread-safe: share one instance. It caches SigV4 signing keys per access key id, date, region and service
 * (and SigV4A private keys per access key id); no cache key contains a secret, and no ThreadLocal is used.
 * SigV4 uses JDK crypto only. SigV4A signs with the JDK too; only {@link #sigV4aPublicKey} needs Bouncy Castle.
 * At {@code DEBUG} level the canonical request and string to sign are logged through {@link System.Logger}
 * ({@code io.s3pump.sigv4.Signer}); keys and signatures never are.
 */
public final class Signer {
    /** The longest validity S3 accepts for a presigned URL: 7 days. */
    public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

    private static final System.Logger LOG = System.getLogger(Signer.class.getName());
    private static final String V4 = "AWS4-HMAC-SHA256";

    private final boolean v4a;
    private final SigningKeyCache keys;
    private final SigV4a v4aKeys;

    private Signer(boolean v4a) {
        this.v4a = v4a;
        this.keys = v4a ? null : new SigningKeyCache();
        this.v4aKeys = v4a ? new SigV4a() : null;
    }

    /** A SigV4 ({@code AWS4-HMAC-SHA256}) signer. */
    public static Signer sigV4() {
        return new Signer(false);
    }

    /**
     * A SigV4A ({@code AWS4-ECDSA-P256-SHA256}) signer: {@link SigningParams#region()} is the region set
     * (such as {@code us-east-1} or {@code *}). Streaming (aws-chunked) payload modes are not supported with it.
     */
    public static Signer sigV4a() {
        return new Signer(true);
    }

    /** {@code AWS4-HMAC-SHA256} or {@code AWS4-ECDSA-P256-SHA256}. */
    public String algorithm() {
        return v4a ? SigV4a.ALGORITHM : V4;
    }

    /**
     * The SigV4A public key derived from {@code credentials}, which a server verifies signatures with.
     *
     * @throws IllegalStateException when Bouncy Castle ({@code org.bouncycastle:bcprov-jdk18on}) is not available
     */
    public static ECPublicKey sigV4aPublicKey(Credentials credentials) {
        return SigV4a.publicKey(Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * Signs {@code request} for the Authorization header.
     *
     * @return the headers to set on the request, the debug texts, and for streaming modes the chunk encoder
     * @throws IllegalArgumentException when the payload mode does not fit the request (a streaming mode on a
     *     method without body, a listed {@code x-amz-content-sha256}, {@code Content-Length} or other signer-managed
     *     header that disagrees with it, aws-chunked with SigV4A), or the request is already signed
     */
    public SignedRequest sign(SignableRequest request, SigningParams params) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(params, "params");
        PayloadMode mode = request.payload();
        PayloadMode.Chunked chunked = mode instanceof PayloadMode.Chunked c ? c : null;
        if (chunked != null) {
            if (v4a) {
                throw new IllegalArgumentException("payload mode " + mode.contentSha256()
                        + " (aws-chunked) is not supported with SigV4A; use SigV4, UNSIGNED-PAYLOAD or a signed payload");
            }
            if (hasNoBody(request.method())) {
                throw new IllegalArgumentException("payload mode " + mode.contentSha256() + " sends a body, but a "
                        + request.method() + " request has none; use PayloadMode.empty() or unsigned()");
            }
        }
        for (QueryParam p : request.query()) {
            if (isPresignedParam(p.name())) {
                throw new IllegalArgumentException("the request carries the presigned-URL parameter " + p.name()
                        + ": it is signed already; drop the X-Amz-* parameters to sign it by header");
            }
        }
        Credentials credentials = params.credentials();
        String token = credentials.sessionToken();
        Stamp stamp = stamp(params);
        String amzDate = stamp.amzDate;
        String scope = scope(stamp, params);
        String contentSha256 = mode.contentSha256();
        // S3 and its variants require x-amz-content-sha256 on every request; other services only for the
        // modes a body hash cannot describe.
        boolean contentShaHeader = !(mode instanceof PayloadMode.Signed) || isS3(params.service());
        boolean callerContentEncoding = false;

        List<Header> given = request.headers();
        List<Header> signed = new ArrayList<>(given.size() + 8);
        signed.add(new Header("host", request.host()));
        for (int i = 0, n = given.size(); i < n; i++) {
            Header h = given.get(i);
            switch (kind(h.name())) {
                case HOST -> requireSame(h, request.host(), "the request's host");
                case DATE -> requireSame(h, amzDate, "the signing time");
                case CONTENT_SHA256 -> {
                    requirePayload(h, contentSha256);
                    contentShaHeader = true;
                }
                case TOKEN -> {
                    if (token == null) {
                        throw new IllegalArgumentException("the request carries x-amz-security-token but the credentials have no session token");
                    }
                    requireSame(h, token, "the credentials' session token");
                }
                case REGION_SET -> {
                    if (v4a) requireSame(h, params.region(), "the signing region set");
                    else signed.add(h);
                }
                case CONTENT_ENCODING -> {
                    String v = h.value().trim().toLowerCase(Locale.ROOT);
                    boolean awsChunked = v.equals("aws-chunked") || v.startsWith("aws-chunked,") || v.startsWith("aws-chunked ");
                    if (awsChunked != (chunked != null)) {
                        throw new IllegalArgumentException(chunked != null
                                ? "Content-Encoding must start with aws-chunked for payload mode " + contentSha256 + ", got " + h.value()
                                : "Content-Encoding aws-chunked needs a streaming payload mode, got " + contentSha256);
                    }
                    callerContentEncoding = true;
                    signed.add(h);
                }
                case DECODED_LENGTH -> {
                    if (chunked == null) {
                        throw new IllegalArgumentException("x-amz-decoded-content-length needs a streaming payload mode, got " + contentSha256);
                    }
                    requireSame(h, Long.toString(chunked.decodedLength()), "the payload mode's decoded length");
                }
                case TRAILER -> {
                    if (chunked == null || chunked.trailer() == null) {
                        throw new IllegalArgumentException("x-amz-trailer needs a trailer payload mode, got " + contentSha256);
                    }
                    requireSame(h, chunked.trailer().headerName(), "the payload mode's trailer");
                }
                case CONTENT_LENGTH -> {
                    if (chunked != null) requireSame(h, Long.toString(chunked.encodedLength()), "the exact aws-chunked length");
                    signed.add(h);
                }
                case AUTHORIZATION -> throw new IllegalArgumentException("the request already carries an Authorization header");
                default -> signed.add(h);
            }
        }

        List<Header> added = new ArrayList<>(chunked == null ? 4 : 9);
        added.add(stamp.dateHeader);
        if (contentShaHeader) added.add(contentSha256Header(mode));
        if (token != null) added.add(new Header("x-amz-security-token", token));
        if (v4a) added.add(new Header("x-amz-region-set", params.region()));
        if (chunked != null) {
            if (!callerContentEncoding) added.add(new Header("content-encoding", "aws-chunked"));
            added.add(new Header("x-amz-decoded-content-length", Long.toString(chunked.decodedLength())));
            if (chunked.trailer() != null) added.add(new Header("x-amz-trailer", chunked.trailer().headerName()));
        }
        signed.addAll(added);

        CanonicalRequest canonical = new CanonicalRequest(request.method(), params.uriRules().canonicalUri(request.path()),
                CanonicalQuery.of(request.query()), CanonicalHeaders.of(signed), contentSha256);
        SigningKey key = signingKey(params, stamp);
        SigningRecord record = signCanonical(canonical, credentials, key, amzDate, scope, false);

        if (chunked != null) added.add(new Header("Content-Length", Long.toString(chunked.encodedLength())));
        added.add(new Header("Authorization", record.signedText()));
        SignedRequest result = new SignedRequest(Collections.unmodifiableList(added), record,
                chunked == null ? null : new ChunkEncoder(chunked, key, amzDate, scope, record.signature()));
        if (LOG.isLoggable(Level.DEBUG)) LOG.log(Level.DEBUG, result::debugText);
        return result;
    }

    /**
     * Signs {@code request} as a presigned URL valid for {@code expiresIn} from the signing time. A session token
     * is signed as {@code X-Amz-Security-Token}. The payload mode is {@link PayloadMode#unsigned()} for S3 URLs
     * that anyone may use with any body, or a signed hash (for S3 only with {@code x-amz-content-sha256} listed as a
     * header, which the sender must then send: see {@link PresignedRequest#headers()}).
     *
     * <p>{@code X-Amz-Expires} carries whole seconds: a fraction of {@code expiresIn} is dropped, and
     * {@link PresignedRequest#expiresAt()} says when the URL really expires.
     *
     * @throws IllegalArgumentException when {@code expiresIn} is not between 1 second and 7 days, the payload mode
     *     is a streaming one, the request already carries {@code X-Amz-*} signing parameters, a listed
     *     {@code x-amz-date} or {@code x-amz-content-sha256} header disagrees with the signing time or the payload
     *     mode, or an S3 request has a signed payload hash without listing it as {@code x-amz-content-sha256} (S3
     *     checks presigned requests against {@code UNSIGNED-PAYLOAD} otherwise)
     */
    public PresignedRequest presign(SignableRequest request, SigningParams params, Duration expiresIn) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(expiresIn, "expiresIn");
        if (expiresIn.getSeconds() > MAX_PRESIGN_EXPIRY.getSeconds() || expiresIn.getSeconds() < 1) {
            throw new IllegalArgumentException("a presigned URL must expire after 1 second to 7 days (604800 seconds); got "
                    + expiresIn.getSeconds() + " seconds");
        }
        PayloadMode mode = request.payload();
        if (mode instanceof PayloadMode.Chunked) {
            throw new IllegalArgumentException("payload mode " + mode.contentSha256()
                    + " cannot be used in a presigned URL: use PayloadMode.unsigned() or a signed payload hash");
        }
        for (QueryParam p : request.query()) {
            if (isSigningParam(p.name())) {
                throw new IllegalArgumentException("the request already carries the signing parameter " + p.name());
            }
        }
        Credentials credentials = params.credentials();
        Stamp stamp = stamp(params);
        String amzDate = stamp.amzDate;
        String scope = scope(stamp, params);

        List<Header> signed = new ArrayList<>(request.headers().size() + 1);
        signed.add(new Header("host", request.host()));
        boolean contentShaHeader = false;
        for (Header h : request.headers()) {
            switch (kind(h.name())) {
                case HOST -> requireSame(h, request.host(), "the request's host");
                case DATE -> requireSame(h, amzDate, "the signing time");
                case CONTENT_SHA256 -> {
                    // A server takes the payload hash of a presigned request from this header when it is sent.
                    requirePayload(h, mode.contentSha256());
                    contentShaHeader = true;
                    signed.add(h);
                }
                case AUTHORIZATION -> throw new IllegalArgumentException("the request already carries an Authorization header");
                default -> signed.add(h);
            }
        }
        if (mode instanceof PayloadMode.Signed && !contentShaHeader && isS3(params.service())) {
            // S3 (and RGW) check a presigned request against UNSIGNED-PAYLOAD unless it carries the header: a URL
            // signed over the body's hash alone would be refused with SignatureDoesNotMatch.
            throw new IllegalArgumentException("S3 checks a presigned URL against UNSIGNED-PAYLOAD: use"
                    + " PayloadMode.unsigned(), or list the header x-amz-content-sha256: " + mode.contentSha256()
                    + " so that it is signed and the sender must send it");
        }
        CanonicalHeaders headers = CanonicalHeaders.of(signed);

        List<QueryParam> query = new ArrayList<>(request.query().size() + 8);
        query.addAll(request.query());
        query.add(v4a ? Q_ALGORITHM_V4A : Q_ALGORITHM_V4);
        query.add(new QueryParam("X-Amz-Credential", credentials.accessKeyId() + '/' + scope));
        query.add(new QueryParam("X-Amz-Date", amzDate));
        query.add(new QueryParam("X-Amz-Expires", Long.toString(expiresIn.getSeconds())));
        if (v4a) query.add(new QueryParam("X-Amz-Region-Set", params.region()));
        if (credentials.sessionToken() != null) query.add(new QueryParam("X-Amz-Security-Token", credentials.sessionToken()));
        query.add(new QueryParam("X-Amz-SignedHeaders", headers.signedHeaders()));
        CanonicalRequest canonical = new CanonicalRequest(request.method(), params.uriRules().canonicalUri(request.path()), CanonicalQuery.of(query),
                headers, mode.contentSha256());
        SigningRecord record = signCanonical(canonical, credentials, signingKey(params, stamp), amzDate, scope, true);

        PresignedRequest result = new PresignedRequest(request.method(), request.host(), request.path(),
                signed.subList(1, signed.size()), params.time().plus(Duration.ofSeconds(expiresIn.getSeconds())), record);
        if (LOG.isLoggable(Level.DEBUG)) LOG.log(Level.DEBUG, result::debugText);
        return result;
    }

    private SigningKey signingKey(SigningParams params, Stamp stamp) {
        return v4a ? null : keys.get(params.credentials(), stamp.dateStamp, params.region(), params.service());
    }

    /**
     * Steps 2 to 4, shared by both forms: hashes the canonical request, signs the string to sign, and writes the text
     * that carries the signature. That is the Authorization value for header auth, and for a presigned URL the wire
     * query: the canonical query is already in wire form, so the signature is simply appended to it.
     */
    private SigningRecord signCanonical(CanonicalRequest canonical, Credentials credentials, SigningKey key, String amzDate,
                                        String scope, boolean presigned) {
        Workspace w = Workspace.acquire();
        canonical.writeTo(w.buf);
        w.hashBuffer();
        byte[] canonicalHash = w.hash.clone();
        ByteBuf b = w.buf;
        b.clear();
        StringToSign.writeTo(b, algorithm(), amzDate, scope, canonicalHash);
        String v4aSignature = null;
        if (v4a) v4aSignature = SigV4a.sign(v4aKeys.privateKey(credentials), b.toString());
        else key.sign(b.array(), 0, b.length(), w.mac);
        b.clear();
        if (presigned) {
            canonical.query().writeTo(b);
            b.append("&X-Amz-Signature=");
        } else {
            b.append(algorithm()).append(" Credential=").append(credentials.accessKeyId()).append('/').append(scope)
                    .append(", SignedHeaders=");
            canonical.headers().writeSignedHeaders(b);
            b.append(", Signature=");
        }
        if (v4a) b.append(v4aSignature);
        else b.appendHex(w.mac, 0, 32);
        String signedText = b.toString();
        // Not released when signing threw midway: the pool then makes a fresh one.
        w.release();
        return new SigningRecord(canonical, algorithm(), amzDate, scope, canonicalHash, signedText);
    }

    /** The x-amz-date value, its header and the date stamp of a signing time; the last one is reused. */
    private record Stamp(long epochSecond, String amzDate, String dateStamp, Header dateHeader) {}

    /** The credential scope of a date, region and service; the last one is reused. */
    private record Scope(String dateStamp, String region, String service, String value) {}

    private volatile Stamp lastStamp;
    private volatile Scope lastScope;

    private Stamp stamp(SigningParams params) {
        long second = params.time().getEpochSecond();
        Stamp s = lastStamp;
        if (s == null || s.epochSecond != second) {
            String amzDate = AmzDate.format(params.time());
            s = new Stamp(second, amzDate, amzDate.substring(0, 8), new Header("x-amz-date", amzDate));
            lastStamp = s;
        }
        return s;
    }

    private String scope(Stamp stamp, SigningParams params) {
        Scope s = lastScope;
        if (s != null && s.dateStamp.equals(stamp.dateStamp) && s.region.equals(params.region())
                && s.service.equals(params.service())) {
            return s.value;
        }
        String value = v4a
                ? stamp.dateStamp + '/' + params.service() + "/aws4_request"
                : stamp.dateStamp + '/' + params.region() + '/' + params.service() + "/aws4_request";
        lastScope = new Scope(stamp.dateStamp, params.region(), params.service(), value);
        return value;
    }

    private static final Header UNSIGNED_HEADER = new Header("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    private static final QueryParam Q_ALGORITHM_V4 = new QueryParam("X-Amz-Algorithm", V4);
    private static final QueryParam Q_ALGORITHM_V4A = new QueryParam("X-Amz-Algorithm", SigV4a.ALGORITHM);

    private static Header contentSha256Header(PayloadMode mode) {
        return mode instanceof PayloadMode.Unsigned ? UNSIGNED_HEADER : new Header("x-amz-content-sha256", mode.contentSha256());
    }

    /** The headers the signer manages or checks; everything else is signed as given. */
    private enum Kind { OTHER, HOST, DATE, CONTENT_SHA256, TOKEN, REGION_SET, CONTENT_ENCODING, DECODED_LENGTH, TRAILER,
        CONTENT_LENGTH, AUTHORIZATION }

    /** Which signer-managed header {@code name} is, case-insensitively, without lower-casing it (this runs per header). */
    private static Kind kind(String name) {
        return switch (name.length()) {
            case 4 -> name.equalsIgnoreCase("host") ? Kind.HOST : Kind.OTHER;
            case 10 -> name.equalsIgnoreCase("x-amz-date") ? Kind.DATE : Kind.OTHER;
            case 13 -> name.equalsIgnoreCase("x-amz-trailer") ? Kind.TRAILER
                    : name.equalsIgnoreCase("authorization") ? Kind.AUTHORIZATION : Kind.OTHER;
            case 14 -> name.equalsIgnoreCase("content-length") ? Kind.CONTENT_LENGTH : Kind.OTHER;
            case 16 -> name.equalsIgnoreCase("content-encoding") ? Kind.CONTENT_ENCODING
                    : name.equalsIgnoreCase("x-amz-region-set") ? Kind.REGION_SET : Kind.OTHER;
            case 20 -> name.equalsIgnoreCase("x-amz-content-sha256") ? Kind.CONTENT_SHA256
                    : name.equalsIgnoreCase("x-amz-security-token") ? Kind.TOKEN : Kind.OTHER;
            case 28 -> name.equalsIgnoreCase("x-amz-decoded-content-length") ? Kind.DECODED_LENGTH : Kind.OTHER;
            default -> Kind.OTHER;
        };
    }

    private static boolean hasNoBody(String method) {
        return method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD") || method.equalsIgnoreCase("DELETE")
                || method.equalsIgnoreCase("OPTIONS");
    }

    private static final List<String> SIGNING_PARAMS = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Region-Set");

    /** The parameters only a presigned URL carries: their presence means the request is signed already. */
    private static boolean isPresignedParam(String name) {
        return name.equalsIgnoreCase("X-Amz-Signature") || name.equalsIgnoreCase("X-Amz-Credential")
                || name.equalsIgnoreCase("X-Amz-Algorithm");
    }

    /** S3 and its variants: the services whose presigned requests default to UNSIGNED-PAYLOAD. */
    static boolean isS3(String service) {
        return service.equals("s3") || service.startsWith("s3-") || service.equals("s3express");
    }

    private static boolean isSigningParam(String name) {
        for (String s : SIGNING_PARAMS) {
            if (s.equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    /** A listed {@code x-amz-content-sha256} must say what the payload mode signs. */
    private static void requirePayload(Header h, String contentSha256) {
        if (!CanonicalHeaders.fold(h.value()).equals(contentSha256)) {
            throw new IllegalArgumentException("header x-amz-content-sha256 is " + h.value()
                    + " but the payload mode is " + contentSha256 + ": the payload mode does not fit the request");
        }
    }

    private static void requireSame(Header h, String expected, String what) {
        if (!CanonicalHeaders.fold(h.value()).equals(expected)) {
            String shown = Header.isSecret(h.name()) ? "****" : h.value();
            throw new IllegalArgumentException("header " + h.name() + " (" + shown + ") differs from " + what
                    + "; leave it out and let the signer set it");
        }
    }

    @Override
    public String toString() {
        return "Signer[" + algorithm() + "]";
    }
}
