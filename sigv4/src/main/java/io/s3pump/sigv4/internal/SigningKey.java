package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * SigV4 step 3: the signing key {@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")}.
 * Keeps a keyed Mac prototype and a small pool of keyed Macs, so signing skips both the provider lookup and the key
 * schedule. Thread-safe.
 */
public final class SigningKey {
    private final byte[] key;
    private final Mac prototype;
    private final Pool<Mac> macs;

    private SigningKey(byte[] key) {
        this.key = key;
        this.prototype = Hmac.keyedWith(key);
        // Cloning only reads the prototype, which is keyed once here and never updated: no lock needed.
        this.macs = new Pool<>(8, () -> Hmac.copy(prototype));
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
        return Hmac.copy(prototype);
    }

    /** HMAC of {@code data[off, off+len)} into {@code out[0, 32)}. */
    public void sign(byte[] data, int off, int len, byte[] out) {
        Mac mac = macs.acquire();
        mac.update(data, off, len);
        try {
            mac.doFinal(out, 0); // also resets the Mac for its next user
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer shorter than 32 bytes", e);
        }
        macs.release(mac);
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
