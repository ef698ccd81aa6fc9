package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * SigV4 step 3: the signing key {@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")}.
 * Holds a keyed Mac prototype; {@link #mac()} clones it, so signing skips the key schedule. Thread-safe.
 */
public final class SigningKey {
    private final byte[] key;
    private final Mac prototype;

    private SigningKey(byte[] key) {
        this.key = key;
        this.prototype = Hmac.keyedWith(key);
    }

    public static SigningKey derive(String secretAccessKey, String dateStamp, String region, String service) {
        byte[] k = Hmac.hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), bytes(dateStamp));
        k = Hmac.hmac(k, bytes(region));
        k = Hmac.hmac(k, bytes(service));
        k = Hmac.hmac(k, bytes("aws4_request"));
        return new SigningKey(k);
    }

    /** A fresh Mac keyed with this signing key; the caller owns it. */
    public Mac mac() {
        // Cloning only reads the prototype, which is keyed once in the constructor and never updated,
        // so concurrent clones need no lock.
        return Hmac.copy(prototype);
    }

    /** Hex of the key, for tests against published derived keys. Never log it. */
    public String toHexForTest() {
        return Hex.encode(key);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SigningKey[****]";
    }
}
