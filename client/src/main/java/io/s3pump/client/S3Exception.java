package io.s3pump.client;

import java.io.IOException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An error answer from S3: the HTTP status and the fields of S3's {@code <Error>} body.
 *
 * <p>Transport failures (connection refused, reset, timeouts) are plain {@link IOException}s, for example
 * {@link java.net.ConnectException}; an {@code S3Exception} means the server answered. A HEAD answer has no
 * body, so its code is derived from the status ({@code 404} on an object becomes {@link #NO_SUCH_KEY}).
 *
 * <p>Immutable. Neither {@link #getMessage()} nor {@link #toString()} ever contains a secret key, a session
 * token or a signature: every text field is passed through {@link #redact(String)}.
 */
public final class S3Exception extends IOException {
    private static final long serialVersionUID = 1L;

    public static final String NO_SUCH_BUCKET = "NoSuchBucket";
    public static final String NO_SUCH_KEY = "NoSuchKey";
    public static final String NO_SUCH_UPLOAD = "NoSuchUpload";
    public static final String INVALID_PART = "InvalidPart";
    public static final String INVALID_PART_ORDER = "InvalidPartOrder";
    public static final String ENTITY_TOO_SMALL = "EntityTooSmall";
    public static final String ENTITY_TOO_LARGE = "EntityTooLarge";
    public static final String ACCESS_DENIED = "AccessDenied";
    public static final String INVALID_ACCESS_KEY_ID = "InvalidAccessKeyId";
    public static final String SIGNATURE_DOES_NOT_MATCH = "SignatureDoesNotMatch";
    public static final String REQUEST_TIME_TOO_SKEWED = "RequestTimeTooSkewed";
    public static final String SLOW_DOWN = "SlowDown";
    public static final String REQUEST_TIMEOUT = "RequestTimeout";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    public static final String BUCKET_NOT_EMPTY = "BucketNotEmpty";
    public static final String BUCKET_ALREADY_EXISTS = "BucketAlreadyExists";
    public static final String BUCKET_ALREADY_OWNED_BY_YOU = "BucketAlreadyOwnedByYou";
    public static final String INVALID_BUCKET_NAME = "InvalidBucketName";
    public static final String INVALID_ARGUMENT = "InvalidArgument";
    public static final String INVALID_RANGE = "InvalidRange";
    public static final String BAD_DIGEST = "BadDigest";
    public static final String INVALID_DIGEST = "InvalidDigest";
    public static final String X_AMZ_CONTENT_SHA256_MISMATCH = "XAmzContentSHA256Mismatch";
    public static final String MALFORMED_XML = "MalformedXML";
    public static final String MISSING_CONTENT_LENGTH = "MissingContentLength";
    public static final String PRECONDITION_FAILED = "PreconditionFailed";
    public static final String NOT_MODIFIED = "NotModified";
    public static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";
    /** Used when an error answer carried no parsable {@code <Code>}; the status is then the only information. */
    public static final String UNKNOWN = "Unknown";

    // Secrets that may reach us inside a server message or an echoed URL: signatures, credentials, tokens.
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(signature=|x-amz-signature=|x-amz-security-token=|x-amz-credential=|credential="
                    + "|<signatureprovided>|<stringtosign>|<canonicalrequest>|<stringtosignbytes>)"
                    + "[^&,\\s<\"]*");

    private final int status;
    private final String code;
    private final String s3Message;
    private final String resource;
    private final String requestId;
    private final String hostId;

    /**
     * @param status HTTP status code of the answer
     * @param code S3's {@code <Code>}; {@link #UNKNOWN} when absent
     * @param message S3's {@code <Message>}, possibly empty (RGW often sends an empty one); may be {@code null}
     * @param resource the bucket/key or {@code <Resource>} the error is about; may be {@code null}
     * @param requestId {@code <RequestId>} or {@code x-amz-request-id}; may be {@code null}
     * @param hostId {@code <HostId>} or {@code x-amz-id-2}; may be {@code null}
     */
    public S3Exception(int status, String code, String message, String resource, String requestId, String hostId) {
        super(describe(status, code, message, resource, requestId));
        this.status = status;
        this.code = code == null || code.isBlank() ? UNKNOWN : code;
        this.s3Message = redact(Objects.requireNonNullElse(message, ""));
        this.resource = redact(resource);
        this.requestId = requestId;
        this.hostId = hostId;
    }

    private static String describe(int status, String code, String message, String resource, String requestId) {
        StringBuilder sb = new StringBuilder();
        sb.append(code == null || code.isBlank() ? UNKNOWN : code).append(" (HTTP ").append(status).append(')');
        if (message != null && !message.isBlank()) sb.append(": ").append(message);
        if (resource != null && !resource.isBlank()) sb.append(" [").append(resource).append(']');
        if (requestId != null && !requestId.isBlank()) sb.append(" request id ").append(requestId);
        return redact(sb.toString());
    }

    /** Replaces anything that looks like a signature, credential or session token in {@code text} with {@code ****}. */
    public static String redact(String text) {
        if (text == null) return null;
        return SECRETS.matcher(text).replaceAll("$1****");
    }

    /** The HTTP status of the answer, for example 404. */
    public int status() { return status; }

    /** S3's error code, for example {@link #NO_SUCH_KEY}; never {@code null}. */
    public String code() { return code; }

    /** True when {@link #code()} equals {@code s3Code}. */
    public boolean is(String s3Code) { return code.equals(s3Code); }

    /** S3's {@code <Message>}; empty when the server sent none. */
    public String s3Message() { return s3Message; }

    /** The resource the error is about, or {@code null}. */
    public String resource() { return resource; }

    /** The request id the server assigned, or {@code null}; quote it when reporting a server problem. */
    public String requestId() { return requestId; }

    /** The host id ({@code x-amz-id-2}), or {@code null}. */
    public String hostId() { return hostId; }

    /** True for statuses and codes that a later attempt may fix: 500, 502, 503, 504, SlowDown, RequestTimeout, InternalError. */
    public boolean isRetryable() {
        return status == 500 || status == 502 || status == 503 || status == 504
                || code.equals(SLOW_DOWN) || code.equals(REQUEST_TIMEOUT) || code.equals(INTERNAL_ERROR)
                || code.equals(SERVICE_UNAVAILABLE);
    }

    /** True when the object, bucket or upload does not exist (404 of any kind). */
    public boolean isNotFound() {
        return status == 404 || code.equals(NO_SUCH_KEY) || code.equals(NO_SUCH_BUCKET) || code.equals(NO_SUCH_UPLOAD);
    }

    /** True for authentication and authorization failures (403, invalid key, bad signature). */
    public boolean isAuthFailure() {
        return status == 403 || code.equals(ACCESS_DENIED) || code.equals(INVALID_ACCESS_KEY_ID)
                || code.equals(SIGNATURE_DOES_NOT_MATCH);
    }
}
