package io.s3pump.sigv4.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 instances cloned from a prototype: a clone is far cheaper than a provider lookup. */
public final class Sha256 {
    private static final MessageDigest PROTOTYPE = newInstance();
    private static final boolean CLONEABLE = isCloneable();

    private Sha256() {}

    /** A fresh, unshared digest. */
    public static MessageDigest newDigest() {
        if (CLONEABLE) {
            try {
                return (MessageDigest) PROTOTYPE.clone();
            } catch (CloneNotSupportedException e) {
                // fall through: checked once in isCloneable, cannot happen
            }
        }
        return newInstance();
    }

    public static byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    public static byte[] digest(ByteBuffer data) {
        MessageDigest md = newDigest();
        md.update(data);
        return md.digest();
    }

    private static MessageDigest newInstance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static boolean isCloneable() {
        try {
            PROTOTYPE.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }
}
