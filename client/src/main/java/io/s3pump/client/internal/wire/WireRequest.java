package io.s3pump.client.internal.wire;

import io.s3pump.client.UploadBody;
import io.s3pump.sigv4.Header;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Objects;

/**
 * One signed HTTP/1.1 request for the {@link WireClient}: where it goes, its request line's target, its headers
 * (without {@code Host} and {@code Content-Length}, which the client writes) and an optional re-sendable body.
 *
 * @param method the HTTP method
 * @param host the host to connect to
 * @param port the port to connect to
 * @param hostHeader the {@code Host} header, as it was signed
 * @param target the request target: the encoded path and, when there is one, {@code ?} and the encoded query
 * @param headers the other headers, in order
 * @param body the body, or {@code null} for none
 * @param expectContinue whether to send {@code Expect: 100-continue} and wait for the go-ahead before the body
 */
public record WireRequest(String method, String host, int port, String hostHeader, String target, List<Header> headers,
        Body body, boolean expectContinue) {

    /** A request body, which the client may send again (a retry, a redirect). */
    public interface Body {
        /** The exact number of bytes {@link #writeTo} writes: the {@code Content-Length}. */
        long contentLength();

        /** Writes the whole body to {@code out}. */
        void writeTo(WritableByteChannel out) throws IOException;

        /** {@code body} sent as it is ({@code null} for none). */
        static Body of(UploadBody body) {
            if (body == null) return null;
            return new Body() {
                @Override
                public long contentLength() {
                    return body.contentLength();
                }

                @Override
                public void writeTo(WritableByteChannel out) throws IOException {
                    body.writeTo(out);
                }

                @Override
                public String toString() {
                    return body.toString();
                }
            };
        }
    }

    public WireRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostHeader, "hostHeader");
        Objects.requireNonNull(target, "target");
        headers = List.copyOf(headers);
        for (Header h : headers) {
            if (h.is("Host") || h.is("Content-Length") || h.is("Transfer-Encoding") || h.is("Expect")) {
                throw new IllegalArgumentException("the client writes the " + h.name() + " header itself");
            }
        }
    }

    /** Whether the answer has no body whatever its headers say. */
    boolean isHead() {
        return method.equals("HEAD");
    }

    /** The request line and headers, ending with the empty line. */
    String head() {
        StringBuilder b = new StringBuilder(256 + 64 * headers.size());
        b.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(hostHeader).append("\r\n");
        for (Header h : headers) {
            if (h.value().indexOf('\r') >= 0 || h.value().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + h.name() + " holds a line break");
            }
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        long length = body == null ? 0 : body.contentLength();
        // A bodiless GET or HEAD says nothing about length; PUT and POST always do (RGW answers 411 otherwise).
        if (body != null || !(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE"))) {
            b.append("Content-Length: ").append(length).append("\r\n");
        }
        if (expectContinue && length > 0) b.append("Expect: 100-continue\r\n");
        return b.append("\r\n").toString();
    }
}
