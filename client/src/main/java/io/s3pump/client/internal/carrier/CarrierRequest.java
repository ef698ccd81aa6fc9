package io.s3pump.client.internal.carrier;

import io.s3pump.client.UploadBody;
import io.s3pump.sigv4.ChunkEncoder;
import io.s3pump.sigv4.Header;
import java.util.List;
import java.util.Objects;

/**
 * One signed HTTP/1.1 request as every carrier receives it: where it goes, its request target, its headers
 * (without {@code Host}, {@code Content-Length} and {@code Expect}, which the carrier writes) and an optional body.
 *
 * @param method the HTTP method
 * @param scheme {@code http} or {@code https}
 * @param host the host to connect to (an IPv6 literal without brackets)
 * @param port the port to connect to
 * @param target the request target: the encoded path and, when there is one, {@code ?} and the encoded query
 * @param headers the other headers, in order, as signed
 * @param body the body, or {@code null} for none
 * @param expectContinue whether to send {@code Expect: 100-continue} and wait for the go-ahead before the body
 */
public record CarrierRequest(String method, String scheme, String host, int port, String target, List<Header> headers,
        Body body, boolean expectContinue) {

    /** A request body; a carrier may send it again (a retry re-sends it from its source). */
    public sealed interface Body {
        /** The exact number of bytes on the wire: the {@code Content-Length}. */
        long contentLength();
    }

    /** {@code body} sent as it is. */
    public record Plain(UploadBody body) implements Body {
        public Plain {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }
    }

    /** {@code payload} sent in the aws-chunked encoding that {@code encoder} signs, chunk by chunk. */
    public record Framed(UploadBody payload, ChunkEncoder encoder) implements Body {
        public Framed {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(encoder, "encoder");
            if (payload.contentLength() != encoder.mode().decodedLength()) {
                throw new IllegalArgumentException("the payload has " + payload.contentLength()
                        + " bytes, the encoder was signed for " + encoder.mode().decodedLength());
            }
        }

        @Override
        public long contentLength() {
            return encoder.encodedLength();
        }
    }

    public CarrierRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(target, "target");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https, not " + scheme);
        }
        headers = List.copyOf(headers);
        for (Header h : headers) {
            if (h.is("Host") || h.is("Content-Length") || h.is("Transfer-Encoding") || h.is("Expect")) {
                throw new IllegalArgumentException("the carrier writes the " + h.name() + " header itself");
            }
            if (h.value().indexOf('\r') >= 0 || h.value().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + h.name() + " holds a line break");
            }
            // As OkHttp requires: a value that is not visible ASCII would be sent in some charset and signed in another.
            if (h.value().chars().anyMatch(c -> c != '\t' && (c < 0x20 || c > 0x7e))) {
                throw new IllegalArgumentException("header " + h.name() + " holds a character that is not printable"
                        + " ASCII");
            }
        }
    }

    /** Whether the answer has no body whatever its headers say. */
    public boolean isHead() {
        return method.equals("HEAD");
    }

    /** Whether TLS carries the exchange. */
    public boolean isTls() {
        return scheme.equals("https");
    }

    /** The {@code Host} header, as it was signed: the port only when it is not the scheme's default. */
    public String hostHeader() {
        return hostHeader(scheme, host, port);
    }

    /** The {@code Host} header for {@code host} and {@code port} over {@code scheme}. */
    public static String hostHeader(String scheme, String host, int port) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort(scheme) ? h : h + ":" + port;
    }

    /** The absolute URL, for a carrier that takes one and for logs. */
    public String url() {
        return scheme + "://" + hostHeader() + target;
    }

    /** 443 for https, 80 for http. */
    public static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }
}
