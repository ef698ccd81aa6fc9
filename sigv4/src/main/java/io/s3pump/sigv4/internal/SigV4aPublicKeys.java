package io.s3pump.sigv4.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The SigV4A public key d·G. The JDK signs with a private scalar but exposes no point multiplication, so
 * this one step uses Bouncy Castle (an optional dependency); nothing on the V4 path loads this class.
 */
final class SigV4aPublicKeys {
    private SigV4aPublicKeys() {}

    static ECPublicKey publicKey(BigInteger d) {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(d).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, SigV4a.P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK rejected the derived P-256 public key", e);
        }
    }
}
