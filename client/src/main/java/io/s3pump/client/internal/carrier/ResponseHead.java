package io.s3pump.client.internal.carrier;

import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The status line and headers of an HTTP/1.x answer.
 *
 * @param version the minor version: 1 for HTTP/1.1, 0 for HTTP/1.0
 * @param code the status code
 * @param reason the reason phrase (may be empty)
 * @param headers the headers in order, names as sent
 */
public record ResponseHead(int version, int code, String reason, List<Field> headers) {

    /** One header field. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public ResponseHead {
        Objects.requireNonNull(reason, "reason");
        headers = List.copyOf(headers);
    }

    /**
     * The value of the header {@code name} (ASCII case ignored), or {@code null}; the last one when it is repeated, as
     * OkHttp's {@code Headers.get} answers.
     */
    public String header(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            Field f = headers.get(i);
            if (f.name().equalsIgnoreCase(name)) return f.value();
        }
        return null;
    }

    /** 100 to 199: an interim answer, followed by the real one. */
    public boolean isInterim() {
        return code >= 100 && code < 200;
    }

    /** Whether the connection can carry another exchange after this answer's body. */
    public boolean keepAlive() {
        boolean keepAlive = false;
        for (Field f : headers) {
            if (!f.name().equalsIgnoreCase("Connection")) continue;
            for (String token : f.value().split(",")) {
                if (token.strip().equalsIgnoreCase("close")) return false; // in any of the fields
                if (token.strip().equalsIgnoreCase("keep-alive")) keepAlive = true;
            }
        }
        return keepAlive || version >= 1;
    }

    /**
     * Parses a status line, such as {@code HTTP/1.1 200 OK}, and the header lines that followed it (without
     * their line ends). Obsolete line folding is refused: RFC 9112 lets a client reject it, and S3 never sends it.
     */
    public static ResponseHead parse(String statusLine, List<String> headerLines) throws ProtocolException {
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line: " + printable(statusLine));
        }
        int version = statusLine.charAt(7) - '0';
        if (version != 0 && version != 1) throw new ProtocolException("unsupported HTTP version: " + printable(statusLine));
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') throw new ProtocolException("bad status code: " + printable(statusLine));
            code = code * 10 + (c - '0');
        }
        if (statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new ProtocolException("bad status code: " + printable(statusLine));
        }
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
        List<Field> fields = new ArrayList<>(headerLines.size());
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new ProtocolException("malformed header line: " + printable(line));
            }
            String name = line.substring(0, colon);
            if (name.charAt(name.length() - 1) == ' ') throw new ProtocolException("space before colon: " + printable(line));
            fields.add(new Field(name, line.substring(colon + 1).strip()));
        }
        return new ResponseHead(version, code, reason, fields);
    }

    /** The length the body framing gives, or -1 when the body is chunked or runs until the connection closes. */
    public long contentLength() throws ProtocolException {
        long length = -1;
        for (Field f : headers) {
            if (!f.name().equalsIgnoreCase("Content-Length")) continue;
            long n;
            try {
                n = Long.parseLong(f.value());
                if (n < 0) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad Content-Length: " + printable(f.value()));
            }
            // RFC 9112 6.3: differing lengths leave the framing unknown (a smuggling attempt, perhaps).
            if (length >= 0 && n != length) throw new ProtocolException("two different Content-Length headers");
            length = n;
        }
        return length;
    }

    public boolean isChunked() {
        String te = header("Transfer-Encoding");
        return te != null && te.toLowerCase(java.util.Locale.ROOT).strip().endsWith("chunked");
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
