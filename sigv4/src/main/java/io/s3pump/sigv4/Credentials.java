package io.s3pump.sigv4;

import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials: an access key id, a secret access key and an optional session token.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the secret key or the session token.
 *
 * @param accessKeyId the access key id; not secret, and shown in the credential scope
 * @param secretAccessKey the secret access key; never printed
 * @param sessionToken the session token of temporary credentials, or {@code null}
 */
public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    /**
     * An empty session token means none.
     *
     * @throws IllegalArgumentException when the access key id is blank or holds white space, a control character,
     *     {@code /} or {@code ,}; the secret key is empty; or the session token holds a control character
     */
    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (accessKeyId.isBlank()) throw new IllegalArgumentException("access key id is blank");
        for (int i = 0; i < accessKeyId.length(); i++) {
            char c = accessKeyId.charAt(i);
            // It goes verbatim into the credential scope ("AKID/date/region/…") and the Authorization header.
            // ',' would end the Credential field of an Authorization header, '/' would split the scope.
            if (c <= ' ' || c == 0x7f || c == '/' || c == ',') {
                throw new IllegalArgumentException("access key id contains white space, a control character, '/' or"
                        + " ',' at index " + i + ": it cannot go into a credential scope");
            }
        }
        if (secretAccessKey.isEmpty()) throw new IllegalArgumentException("secret access key is empty");
        if (sessionToken != null && sessionToken.isEmpty()) sessionToken = null;
        if (sessionToken != null) {
            for (int i = 0; i < sessionToken.length(); i++) {
                char c = sessionToken.charAt(i);
                // Sent as a header value: a line break would end the header (the token itself is never shown).
                if (c < ' ' || c == 0x7f) {
                    throw new IllegalArgumentException("session token contains a control character at index " + i);
                }
            }
        }
    }

    /** Long-term credentials, without a session token. */
    public static Credentials of(String accessKeyId, String secretAccessKey) {
        return new Credentials(accessKeyId, secretAccessKey, null);
    }

    /** The session token, when these are temporary credentials. */
    public Optional<String> token() {
        return Optional.ofNullable(sessionToken);
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                + (sessionToken == null ? "" : ", sessionToken=****") + "]";
    }
}
