package io.s3pump.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the test suites' raw HTTP requests: {@code METHOD SP target SP HTTP/1.1}, {@code Name:value} lines (a line
 * starting with white space continues the previous value, kept with its line break for the signer to fold), an
 * empty line, the body. The target's path is raw (spaces, UTF-8) and its query may be percent-encoded.
 */
record RawHttp(String method, String rawPath, List<QueryParam> query, List<Header> headers, String body) {

    static RawHttp parse(String text) {
        int eol = text.indexOf('\n');
        String requestLine = eol < 0 ? text : text.substring(0, eol);
        int sp = requestLine.indexOf(' ');
        int version = requestLine.lastIndexOf(" HTTP/");
        String method = requestLine.substring(0, sp);
        String target = requestLine.substring(sp + 1, version);
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        List<QueryParam> query = new ArrayList<>();
        if (q >= 0 && q + 1 < target.length()) {
            for (String part : target.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                query.add(eq < 0 ? QueryParam.flag(decode(part))
                        : new QueryParam(decode(part.substring(0, eq)), decode(part.substring(eq + 1))));
            }
        }
        List<String[]> raw = new ArrayList<>();
        String body = "";
        if (eol >= 0) {
            String rest = text.substring(eol + 1);
            String[] lines = rest.split("\n", -1);
            int i = 0;
            for (; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty()) break;
                if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                    String[] last = raw.getLast();
                    last[1] = last[1] + "\n" + line;
                } else {
                    int colon = line.indexOf(':');
                    raw.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
                }
            }
            if (i + 1 < lines.length) body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
        }
        List<Header> headers = new ArrayList<>();
        for (String[] h : raw) headers.add(new Header(h[0], h[1]));
        return new RawHttp(method, rawPath, query, headers, body);
    }

    String host() {
        for (Header h : headers) if (h.is("host")) return h.value().trim();
        throw new IllegalStateException("no Host header");
    }

    String header(String name) {
        for (Header h : headers) if (h.is(name)) return h.value();
        return null;
    }

    /** Headers as comparable "name:value" strings: lower-case name, value trimmed and folded. */
    static List<String> normalized(List<Header> headers) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(h.name().toLowerCase(Locale.ROOT) + ":" + h.value().trim().replaceAll("\\s+", " "));
        }
        return out;
    }

    /** Percent-decoding that leaves '+' alone (the suite never uses '+' for space). */
    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Splits a wire query string into decoded parameters. */
    static List<QueryParam> parseQuery(String query) {
        List<QueryParam> out = new ArrayList<>();
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            out.add(eq < 0 ? QueryParam.flag(decode(part)) : new QueryParam(decode(part.substring(0, eq)), decode(part.substring(eq + 1))));
        }
        return out;
    }
}
