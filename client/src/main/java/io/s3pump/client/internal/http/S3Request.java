package io.s3pump.client.internal.http;

import io.s3pump.client.UploadBody;
import io.s3pump.sigv4.Header;
import io.s3pump.sigv4.PayloadMode;
import io.s3pump.sigv4.QueryParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One S3 request before addressing and signing: operation name (for logs and errors), method, bucket, key,
 * decoded query parameters, headers to sign and send, and the body with its payload mode.
 *
 * @param operation S3's operation name, such as {@code UploadPart}
 * @param method the HTTP method
 * @param bucket the bucket, or {@code null} for ListBuckets
 * @param key the object key (decoded), or {@code null} for bucket operations
 * @param query decoded query parameters
 * @param headers headers to sign and send
 * @param body the body
 */
public record S3Request(String operation, String method, String bucket, String key, List<QueryParam> query,
        List<Header> headers, Body body) {

    public S3Request {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        query = List.copyOf(query);
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The body of a request, a closed choice. */
    public sealed interface Body {
        /** The payload mode to sign with. */
        PayloadMode payloadMode();
    }

    /** No body (GET, HEAD, DELETE, and PUT/POST with an empty body): signed as the SHA-256 of nothing. */
    public record NoBody() implements Body {
        @Override
        public PayloadMode payloadMode() {
            return PayloadMode.empty();
        }
    }

    /** A small in-memory body (XML), signed with its SHA-256. Not copied: do not change the array. */
    public record Small(byte[] bytes, String contentType) implements Body {
        @Override
        public PayloadMode payloadMode() {
            return PayloadMode.signed(bytes);
        }
    }

    /** An upload body with the payload mode chosen by the integrity mode. */
    public record Upload(UploadBody body, PayloadMode payloadMode) implements Body {
        public Upload {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(payloadMode, "payloadMode");
        }
    }

    public static final Body NO_BODY = new NoBody();

    /** A mutable helper to assemble a request. */
    public static final class Builder {
        private final String operation;
        private final String method;
        private final String bucket;
        private final String key;
        private final List<QueryParam> query = new ArrayList<>();
        private final List<Header> headers = new ArrayList<>();
        private Body body = NO_BODY;

        public Builder(String operation, String method, String bucket, String key) {
            this.operation = operation;
            this.method = method;
            this.bucket = bucket;
            this.key = key;
        }

        public Builder query(String name, String value) {
            if (value != null) query.add(new QueryParam(name, value));
            return this;
        }

        public Builder query(String name, Integer value) {
            if (value != null) query.add(new QueryParam(name, value.toString()));
            return this;
        }

        public Builder flag(String name) {
            query.add(QueryParam.flag(name));
            return this;
        }

        public Builder header(String name, String value) {
            if (value != null) headers.add(new Header(name, value));
            return this;
        }

        public Builder body(Body b) {
            this.body = b;
            return this;
        }

        public S3Request build() {
            return new S3Request(operation, method, bucket, key, query, headers, body);
        }
    }
}
