package io.s3pump.sigv4.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 instances cloned from a prototype: a clone is far cheaper than a provider lookup. */
public final class Sha256 {
    private static final MessageDigest PROTOTYPE = cloneablePrototype();

    private Sha256() {}

    /** A fresh, unshared digest; always cloneable (SigningKey clones its absorbed pad states). */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned (checked when the prototype was made)", e);
        }
    }

    public static byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    public static byte[] digest(ByteBuffer data) {
        MessageDigest md = newDigest();
        md.update(data);
        return md.digest();
    }

    /** Fails at class initialisation, not mid-request, when a replacement provider cannot clone digests. */
    private static MessageDigest cloneablePrototype() {
        MessageDigest prototype;
        try {
            prototype = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        try {
            prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 provider " + prototype.getProvider() + " cannot clone digests", e);
        }
        return prototype;
    }
}
