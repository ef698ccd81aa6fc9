package io.s3pump.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to sign, independent of any HTTP library.
 *
 * <p>Immutable and thread-safe. {@code path} is the path exactly as it goes on the wire, already encoded once (see
 * {@link UriEncoding#encodeKey(String)}); it is the canonical URI verbatim, as S3 requires. {@code query}
 * holds decoded parameters in any order, repeated names allowed; send them as
 * {@link UriEncoding#canonicalQuery(List)}. Every header listed is signed, so list only headers that go out
 * unchanged (not {@code User-Agent} when a proxy or library may rewrite it). The signer adds {@code host}
 * from {@code host}, and its own {@code x-amz-*} headers; a listed header of the same name must carry the same
 * value.
 *
 * @param method the HTTP method, such as {@code PUT}
 * @param host the {@code Host} header value, with {@code :port} when the port is not the scheme's default
 * @param path the encoded wire path, starting with {@code /}
 * @param query decoded query parameters
 * @param headers headers to sign, as sent
 * @param payload how the body is signed
 */
public record SignableRequest(String method, String host, String path, List<QueryParam> query, List<Header> headers,
                              PayloadMode payload) {

    /**
     * Copies the lists, so later changes to the caller's lists do not reach the request.
     *
     * @throws IllegalArgumentException when the method or host is empty, the host holds white space, a control,
     *     non-ASCII or URL delimiter character, or the path does not start with {@code /}
     *     or holds a character that must be encoded (space, control, non-ASCII) or a {@code ?} or {@code #}
     */
    public SignableRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(payload, "payload");
        query = List.copyOf(query);
        headers = List.copyOf(headers);
        if (method.isEmpty()) throw new IllegalArgumentException("method is empty");
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c <= ' ' || c >= 0x7f) throw new IllegalArgumentException("method contains an illegal character: " + method);
        }
        if (host.isBlank()) throw new IllegalArgumentException("host is empty");
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            // The Host header value: a name or [IPv6] address and a port, nothing that could end or split a header.
            if (c <= ' ' || c >= 0x7f || c == '/' || c == '?' || c == '#' || c == '@' || c == '\\') {
                throw new IllegalArgumentException("host must be a host name or address with an optional :port"
                        + " (non-ASCII names in punycode): illegal character at index " + i);
            }
        }
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with '/': " + path);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '?' || c == '#') {
                throw new IllegalArgumentException("path must be encoded (see UriEncoding.encodeKey) and carry no query: "
                        + "illegal character at index " + i);
            }
        }
    }

    /** A request without query parameters or extra headers. */
    public static SignableRequest of(String method, String host, String path, PayloadMode payload) {
        return new SignableRequest(method, host, path, List.of(), List.of(), payload);
    }

    /** This request with one more query parameter. */
    public SignableRequest withQueryParam(String name, String value) {
        List<QueryParam> q = new ArrayList<>(query.size() + 1);
        q.addAll(query);
        q.add(new QueryParam(name, value));
        return new SignableRequest(method, host, path, q, headers, payload);
    }

    /** This request with one more header. */
    public SignableRequest withHeader(String name, String value) {
        List<Header> h = new ArrayList<>(headers.size() + 1);
        h.addAll(headers);
        h.add(new Header(name, value));
        return new SignableRequest(method, host, path, query, h, payload);
    }

    /** This request with another payload mode. */
    public SignableRequest withPayload(PayloadMode newPayload) {
        return new SignableRequest(method, host, path, query, headers, newPayload);
    }
}
