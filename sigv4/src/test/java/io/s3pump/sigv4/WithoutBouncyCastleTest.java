package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Bouncy Castle is optional: the module's classes are loaded alone (no BC, no test classes) and SigV4 and SigV4A
 * signing work there; only deriving the SigV4A public key asks for BC, with a clear message.
 */
class WithoutBouncyCastleTest {

    private static URLClassLoader moduleAlone() throws Exception {
        URL classes = Path.of(Signer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        return new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void bouncyCastleIsReallyAbsentFromTheIsolatedLoader() throws Exception {
        try (URLClassLoader loader = moduleAlone()) {
            assertThatThrownBy(() -> loader.loadClass("org.bouncycastle.math.ec.ECPoint")).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void sigV4AndSigV4aSignWithoutBouncyCastle() throws Exception {
        try (URLClassLoader loader = moduleAlone()) {
            assertThat(signWith(loader, "sigV4")).startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request")
                    .endsWith("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
            assertThat(signWith(loader, "sigV4a")).startsWith("AWS4-ECDSA-P256-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/s3/aws4_request");
        }
    }

    @Test
    void sigV4aPublicKeyExplainsThatItNeedsBouncyCastle() throws Exception {
        try (URLClassLoader loader = moduleAlone()) {
            Class<?> signer = loader.loadClass(Signer.class.getName());
            Class<?> credentials = loader.loadClass(Credentials.class.getName());
            Object creds = credentials.getMethod("of", String.class, String.class).invoke(null, "AKID", "secret");
            Method publicKey = signer.getMethod("sigV4aPublicKey", credentials);
            assertThatThrownBy(() -> invoke(publicKey, creds)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("needs Bouncy Castle (org.bouncycastle:bcprov-jdk18on)");
        }
    }

    private static Object invoke(Method m, Object arg) throws Throwable {
        try {
            return m.invoke(null, arg);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** GET Object example (Range header, empty body) signed through the isolated classes; returns Authorization. */
    private static String signWith(ClassLoader loader, String factory) throws Exception {
        Class<?> signerClass = loader.loadClass(Signer.class.getName());
        Class<?> credentials = loader.loadClass(Credentials.class.getName());
        Class<?> params = loader.loadClass(SigningParams.class.getName());
        Class<?> request = loader.loadClass(SignableRequest.class.getName());
        Class<?> payload = loader.loadClass(PayloadMode.class.getName());
        Object creds = credentials.getMethod("of", String.class, String.class)
                .invoke(null, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        Object p = params.getMethod("s3", credentials, String.class, Instant.class)
                .invoke(null, creds, "us-east-1", Instant.parse("2013-05-24T00:00:00Z"));
        Object r = request.getMethod("of", String.class, String.class, String.class, payload)
                .invoke(null, "GET", "examplebucket.s3.amazonaws.com", "/test.txt", payload.getMethod("empty").invoke(null));
        r = request.getMethod("withHeader", String.class, String.class).invoke(r, "Range", "bytes=0-9");
        Object signer = signerClass.getMethod(factory).invoke(null);
        Object signed = signerClass.getMethod("sign", request, params).invoke(signer, r, p);
        return (String) signed.getClass().getMethod("authorization").invoke(signed);
    }
}
