package io.s3pump.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The local RGW the integration tests run against, from the AWS_* variables that {@code ./run-tests} and
 * {@code rgw/rgw.sh start} set. Integration tests never skip: without them {@link #fromEnvironment} throws, and so
 * it does when the failsafe run names the other scheme ({@code S3PUMP_IT_SCHEME}, set by the root pom).
 *
 * @param caBundle {@code AWS_CA_BUNDLE} (the CA of RGW's certificate), or null; the CLI under test reads the same
 *     variable, so its TLS is verified against it, never trusted blindly
 */
record Rgw(URI endpoint, String accessKey, String secretKey, String region, Path caBundle) {
    static final String HOW_TO_START = "RGW is not configured: run ./run-tests, or eval \"$(rgw/rgw.sh start)\" first";

    static Rgw fromEnvironment() {
        URI endpoint = URI.create(required("AWS_ENDPOINT_URL"));
        String scheme = System.getenv("S3PUMP_IT_SCHEME");
        if (scheme != null && !scheme.isBlank() && !scheme.equals(endpoint.getScheme())) {
            throw new IllegalStateException("this is the " + scheme + " run of the integration tests, but"
                    + " AWS_ENDPOINT_URL is " + endpoint + " (./run-tests starts RGW with RGW_TLS=1)");
        }
        String ca = System.getenv("AWS_CA_BUNDLE");
        Path caBundle = ca == null || ca.isBlank() ? null : Path.of(ca.strip());
        if (caBundle != null && !Files.isReadable(caBundle)) {
            throw new IllegalStateException("AWS_CA_BUNDLE names " + caBundle + ", which is not a readable file");
        }
        Rgw rgw = new Rgw(endpoint, required("AWS_ACCESS_KEY_ID"), required("AWS_SECRET_ACCESS_KEY"),
                required("AWS_REGION"), caBundle);
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : rgw.tls() ? 443 : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(endpoint.getHost(), port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(HOW_TO_START + " (nothing listens at " + endpoint + ": " + e + ")", e);
        }
        return rgw;
    }

    boolean tls() {
        return "https".equals(endpoint.getScheme());
    }

    /** Trusts exactly the CA bundle (or the JDK's CAs without one), for the JDK's own HttpClient; never all. */
    SSLContext sslContext() {
        try {
            if (caBundle == null) return SSLContext.getDefault();
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(caBundle)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot use the CA bundle " + caBundle + ": " + e.getMessage(), e);
        }
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) throw new IllegalStateException(HOW_TO_START + " (" + name + " is unset)");
        return v;
    }

    @Override
    public String toString() {
        return "Rgw[" + endpoint + ", " + accessKey + ", " + region + (caBundle == null ? "" : ", " + caBundle) + "]";
    }
}
