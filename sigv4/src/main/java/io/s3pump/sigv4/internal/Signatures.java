package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;

/** SigV4 step 4: the signature, hex HMAC-SHA256 of the string to sign under the signing key. */
public final class Signatures {
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private Signatures() {}

    public static String v4(SigningKey key, String stringToSign) {
        return key.signHex(stringToSign.getBytes(StandardCharsets.UTF_8));
    }
}
