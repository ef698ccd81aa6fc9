package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.Credentials;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SigV4A with JDK crypto only: the P-256 private key derived from the credentials (NIST SP 800-108 KDF in
 * counter mode with HMAC-SHA256, as aws-c-auth does) and ECDSA signatures ({@code SHA256withECDSA}, DER).
 */
public final class SigV4a {
    public static final String ALGORITHM = "AWS4-ECDSA-P256-SHA256";
    public static final ECParameterSpec P256 = p256();
    private static final BigInteger N_MINUS_2 = P256.getOrder().subtract(BigInteger.TWO);
    private static final int MAX_ENTRIES = 64;

    private record Entry(String secret, ECPrivateKey key) {
        // A record's generated toString would print the secret (and the key's provider-specific text).
        @Override
        public String toString() {
            return "Entry[****]";
        }
    }

    // Keyed by access key id only; the entry remembers its secret so a rotated secret re-derives.
    private final ConcurrentHashMap<String, Entry> keys = new ConcurrentHashMap<>();

    /** The cached private key for {@code credentials}. */
    public ECPrivateKey privateKey(Credentials credentials) {
        Entry e = keys.get(credentials.accessKeyId());
        if (e == null || !(e.secret == credentials.secretAccessKey() || e.secret.equals(credentials.secretAccessKey()))) {
            if (keys.size() >= MAX_ENTRIES) keys.clear();
            e = new Entry(credentials.secretAccessKey(), toKey(derivePrivateScalar(credentials)));
            keys.put(credentials.accessKeyId(), e);
        }
        return e.key;
    }

    /**
     * The private scalar d: for counter c = 1, 2, …, k = HMAC("AWS4A" + secret, 0x00000001 ‖ label ‖ 0x00 ‖
     * accessKeyId ‖ c ‖ 0x00000100); the first k ≤ n − 2 gives d = k + 1.
     */
    public static BigInteger derivePrivateScalar(Credentials credentials) {
        byte[] inputKey = ("AWS4A" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8);
        byte[] label = ALGORITHM.getBytes(StandardCharsets.US_ASCII);
        byte[] akid = credentials.accessKeyId().getBytes(StandardCharsets.UTF_8);
        for (int counter = 1; counter <= 254; counter++) {
            ByteBuffer fixed = ByteBuffer.allocate(4 + label.length + 1 + akid.length + 1 + 4);
            fixed.putInt(1).put(label).put((byte) 0).put(akid).put((byte) counter).putInt(256);
            BigInteger k = new BigInteger(1, Hmac.hmac(inputKey, fixed.array()));
            if (k.compareTo(N_MINUS_2) <= 0) return k.add(BigInteger.ONE);
        }
        throw new IllegalStateException("SigV4A key derivation found no key in 254 rounds");
    }

    /**
     * The public key d·G for {@code credentials}. Needs Bouncy Castle, the only use of it in this module.
     *
     * @throws IllegalStateException when Bouncy Castle is not available
     */
    public static java.security.interfaces.ECPublicKey publicKey(Credentials credentials) {
        try {
            Class.forName("org.bouncycastle.math.ec.ECPoint", false, SigV4a.class.getClassLoader());
            return SigV4aPublicKeys.publicKey(derivePrivateScalar(credentials));
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException("deriving the SigV4A public key needs Bouncy Castle "
                    + "(org.bouncycastle:bcprov-jdk18on) on the class path or module path", e);
        }
    }

    /** Hex DER ECDSA signature of {@code stringToSign}; randomized, so verify rather than compare. */
    public static String sign(ECPrivateKey key, String stringToSign) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return Hex.encode(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA failed", e);
        }
    }

    private static ECPrivateKey toKey(BigInteger d) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build a P-256 private key", e);
        }
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256 curve", e);
        }
    }

    @Override
    public String toString() {
        return "SigV4a[" + keys.size() + " keys]";
    }
}
