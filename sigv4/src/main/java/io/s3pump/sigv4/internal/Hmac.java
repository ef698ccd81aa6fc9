package io.s3pump.sigv4.internal;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 from cloned prototypes. A {@code Mac} is not thread-safe and {@code Mac.getInstance} is a slow
 * provider lookup; cloning an initialised prototype is cheap and needs no ThreadLocal, which virtual threads
 * would multiply.
 */
public final class Hmac {
    private static final Mac PROTOTYPE = keyed(newInstance(), new byte[32]);

    private Hmac() {}

    /** HMAC-SHA256 of {@code data} under {@code key}, for the key derivations (not the per-request signature). */
    public static byte[] hmac(byte[] key, byte[] data) {
        return keyed(fresh(), key).doFinal(data);
    }

    private static Mac fresh() {
        try {
            return (Mac) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            // Providers without cloning (rare, e.g. some HSM providers) get a fresh lookup instead.
            return newInstance();
        }
    }

    private static Mac keyed(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 rejected a key", e);
        }
    }

    private static Mac newInstance() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
