package io.s3pump.sigv4;

import java.util.Objects;

/**
 * One HTTP header as a name and a value, exactly as it will be sent.
 *
 * <p>Immutable and thread-safe. Names compare case-insensitively when signing (they are lower-cased in the canonical
 * request); values are trimmed and inner runs of white space folded to one space when signing, but the
 * value sent is the caller's.
 *
 * @param name the header name; not blank, no white space or colon
 * @param value the header value; may be empty
 */
public record Header(String name, String value) {

    /**
     * Checks the name only: values are folded when signing and sent as given.
     *
     * @throws IllegalArgumentException when the name is empty or holds a control character, space, colon or non-ASCII
     */
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) throw new IllegalArgumentException("header name is empty");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == ':' || c >= 0x7f) {
                throw new IllegalArgumentException("header name contains an illegal character: " + name);
            }
        }
    }

    /** True when this header has the given name, ignoring ASCII case. */
    public boolean is(String headerName) {
        return name.equalsIgnoreCase(headerName);
    }

    @Override
    public String toString() {
        return name + ": " + (isSecret(name) ? "****" : value);
    }

    static boolean isSecret(String name) {
        return name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("x-amz-security-token")
                // SSE-C: the customer's encryption key itself, in base64 (its -MD5 companions are only digests)
                || name.equalsIgnoreCase("x-amz-server-side-encryption-customer-key")
                || name.equalsIgnoreCase("x-amz-copy-source-server-side-encryption-customer-key");
    }
}
