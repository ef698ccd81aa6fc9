package io.s3pump.client.internal.http;

import io.s3pump.client.S3Exception;
import io.s3pump.client.internal.xml.ErrorResponse;
import io.s3pump.client.internal.xml.S3Xml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns an error answer (status, headers, body) into an {@link S3Exception}; pure functions. */
public final class ErrorParsing {
    private ErrorParsing() {}

    /**
     * The exception for an error answer.
     *
     * @param status the HTTP status
     * @param requestIdHeader {@code x-amz-request-id}, or {@code null}
     * @param hostIdHeader {@code x-amz-id-2}, or {@code null}
     * @param body the body, empty for HEAD
     * @param bucket the bucket the request named, or {@code null}
     * @param key the key the request named, or {@code null}
     */
    public static S3Exception toException(int status, String requestIdHeader, String hostIdHeader, byte[] body,
            String bucket, String key) {
        String resource = resource(bucket, key);
        if (isErrorDocument(body)) {
            try {
                ErrorResponse e = S3Xml.read(body, ErrorResponse.class);
                String code = blankToNull(e.code());
                return new S3Exception(status, code != null ? code : fromStatus(status, bucket, key),
                        e.message(), firstNonBlank(e.resource(), resource),
                        firstNonBlank(e.requestId(), requestIdHeader), firstNonBlank(e.hostId(), hostIdHeader));
            } catch (IOException malformed) {
                // fall through: a broken error body still has a status worth reporting
            }
        }
        String message = body.length == 0 ? null : snippet(body);
        return new S3Exception(status, fromStatus(status, bucket, key), message, resource, requestIdHeader, hostIdHeader);
    }

    /**
     * True when {@code body} is an S3 {@code <Error>} document: after an optional XML declaration, white
     * space and comments, the root element is {@code Error}. CompleteMultipartUpload and UploadPartCopy can
     * answer 200 with such a body.
     */
    public static boolean isErrorDocument(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8);
        int i = 0;
        if (head.startsWith("\uFEFF")) i = 1;
        while (i < head.length()) {
            char c = head.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (head.startsWith("<?", i)) {
                int end = head.indexOf("?>", i);
                if (end < 0) return false;
                i = end + 2;
            } else if (head.startsWith("<!--", i)) {
                int end = head.indexOf("-->", i);
                if (end < 0) return false;
                i = end + 3;
            } else {
                if (!head.startsWith("<Error", i)) return false;
                int after = i + "<Error".length();
                return after < head.length() && (head.charAt(after) == '>' || Character.isWhitespace(head.charAt(after))
                        || head.charAt(after) == '/');
            }
        }
        return false;
    }

    /** The code a bodyless answer (HEAD) implies. */
    public static String fromStatus(int status, String bucket, String key) {
        return switch (status) {
            case 301 -> "PermanentRedirect";
            case 304 -> S3Exception.NOT_MODIFIED;
            case 400 -> "BadRequest";
            case 403 -> S3Exception.ACCESS_DENIED;
            case 404 -> key != null ? S3Exception.NO_SUCH_KEY : bucket != null ? S3Exception.NO_SUCH_BUCKET : "NotFound";
            case 405 -> S3Exception.METHOD_NOT_ALLOWED;
            case 409 -> "Conflict";
            case 411 -> S3Exception.MISSING_CONTENT_LENGTH;
            case 412 -> S3Exception.PRECONDITION_FAILED;
            case 416 -> S3Exception.INVALID_RANGE;
            case 500 -> S3Exception.INTERNAL_ERROR;
            case 503 -> S3Exception.SERVICE_UNAVAILABLE;
            default -> S3Exception.UNKNOWN;
        };
    }

    private static String resource(String bucket, String key) {
        if (bucket == null) return null;
        return key == null ? bucket : bucket + "/" + key;
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
        return s.replaceAll("\\s+", " ");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String firstNonBlank(String a, String b) {
        String x = blankToNull(a);
        return x != null ? x : blankToNull(b);
    }
}
