package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * SigV4 step 3: the signing key {@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")}.
 *
 * <p>Signing with it is HMAC-SHA256 with the key's inner and outer pad blocks absorbed once, up front (RFC 2104
 * section 4): each signature clones the two absorbed SHA-256 states instead of hashing both 64-byte pads again,
 * which saves two of the six compressions a JCE {@code Mac} would run for a string to sign. Thread-safe: the
 * prototypes are only ever cloned, never updated.
 */
public final class SigningKey {
    private final byte[] key;
    private final MessageDigest inner;
    private final MessageDigest outer;

    private SigningKey(byte[] key) {
        this.key = key;
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0; // the key is 32 bytes, shorter than the SHA-256 block
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        this.inner = Sha256.newDigest();
        this.inner.update(ipad);
        this.outer = Sha256.newDigest();
        this.outer.update(opad);
    }

    public static SigningKey derive(String secretAccessKey, String dateStamp, String region, String service) {
        byte[] k = Hmac.hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), bytes(dateStamp));
        k = Hmac.hmac(k, bytes(region));
        k = Hmac.hmac(k, bytes(service));
        k = Hmac.hmac(k, bytes("aws4_request"));
        return new SigningKey(k);
    }

    /** HMAC-SHA256 of {@code data[off, off+len)} under this key, into {@code out[0, 32)}. */
    public void sign(byte[] data, int off, int len, byte[] out) {
        try {
            MessageDigest in = (MessageDigest) inner.clone();
            in.update(data, off, len);
            in.digest(out, 0, 32);
            MessageDigest o = (MessageDigest) outer.clone();
            o.update(out, 0, 32);
            o.digest(out, 0, 32);
        } catch (CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned (checked when it was created)", e);
        }
    }

    /** Hex HMAC-SHA256 of {@code data}. */
    public String signHex(byte[] data) {
        byte[] out = new byte[32];
        sign(data, 0, data.length, out);
        return Hex.encode(out);
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
