package io.s3pump.client;

import io.s3pump.sigv4.Credentials;
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
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The S3 endpoint and credentials of the local RGW that integration tests talk to, read from the standard
 * AWS environment variables that {@code ./run-tests} and {@code rgw/rgw.sh start} set.
 *
 * <p>Integration tests never skip: when the variables are unset or nothing listens at the endpoint,
 * {@link #fromEnvironment()} throws, so the test fails with a message that says how to start RGW. When the
 * failsafe run names the scheme it is for ({@code S3PUMP_IT_SCHEME}, set by the root pom), an endpoint of the
 * other scheme fails too, so that the https run can never quietly test http.
 *
 * @param endpoint  e.g. {@code http://127.0.0.1:7480} or {@code https://127.0.0.1:7443}
 * @param accessKey the access key id
 * @param secretKey the secret access key; never printed by {@link #toString()}
 * @param region    the region for the SigV4 credential scope
 * @param caBundle  {@code AWS_CA_BUNDLE}, the PEM file of the CA that signed RGW's certificate, or null (the
 *                  JDK's trusted CAs); certificates are always verified, never trusted blindly
 */
public record RgwEndpoint(URI endpoint, String accessKey, String secretKey, String region, Path caBundle) {

    /** What to do when RGW is not there; every failure of {@link #fromEnvironment()} starts with this. */
    public static final String HOW_TO_START =
            "RGW is not configured: run ./run-tests, or eval \"$(rgw/rgw.sh start)\" first";

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    public RgwEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(region, "region");
    }

    /**
     * Reads {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}
     * and {@code AWS_CA_BUNDLE}, and checks that the endpoint accepts a TCP connection.
     *
     * @throws IllegalStateException if a variable is unset or blank, the endpoint's scheme is not the one
     *     {@code S3PUMP_IT_SCHEME} asks for, the CA bundle is not a file, or the endpoint cannot be reached
     */
    public static RgwEndpoint fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static RgwEndpoint fromEnvironment(Map<String, String> env) {
        URI endpoint;
        try {
            endpoint = URI.create(required(env, "AWS_ENDPOINT_URL"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(HOW_TO_START + " (AWS_ENDPOINT_URL is not a URI)", e);
        }
        String wanted = env.get("S3PUMP_IT_SCHEME");
        if (wanted != null && !wanted.isBlank() && !wanted.equals(endpoint.getScheme())) {
            throw new IllegalStateException("this is the " + wanted + " run of the integration tests, but"
                    + " AWS_ENDPOINT_URL is " + endpoint + (wanted.equals("https")
                            ? ": start RGW with RGW_TLS=1 (./run-tests does), which sets S3PUMP_HTTPS_ENDPOINT_URL"
                            : ": set S3PUMP_HTTP_ENDPOINT_URL (rgw/rgw.sh env prints it)"));
        }
        Path caBundle = null;
        String ca = env.get("AWS_CA_BUNDLE");
        if (ca != null && !ca.isBlank()) {
            caBundle = Path.of(ca.strip());
            if (!Files.isReadable(caBundle)) {
                throw new IllegalStateException("AWS_CA_BUNDLE names " + caBundle + ", which is not a readable file;"
                        + " rgw/rgw.sh env prints the running RGW's");
            }
        }
        var rgw = new RgwEndpoint(endpoint, required(env, "AWS_ACCESS_KEY_ID"),
                required(env, "AWS_SECRET_ACCESS_KEY"), required(env, "AWS_REGION"), caBundle);
        rgw.checkReachable();
        return rgw;
    }

    /** The endpoint resolved against {@code path}, e.g. {@code "/bucket/key"}. */
    public URI resolve(String path) {
        return endpoint.resolve(path);
    }

    /** Whether the endpoint is https. */
    public boolean tls() {
        return "https".equals(endpoint.getScheme());
    }

    /** A client configuration for this RGW: endpoint, credentials, region and CA bundle. */
    public S3ClientConfig.Builder config() {
        S3ClientConfig.Builder b = S3ClientConfig.builder().endpoint(endpoint)
                .credentials(Credentials.of(accessKey, secretKey)).region(region);
        if (caBundle != null) b.caBundle(caBundle);
        return b;
    }

    /**
     * An {@link SSLContext} that trusts exactly the CA bundle (or the JDK's CAs without one), for tests that
     * talk to RGW with the JDK's own {@code HttpClient}.
     */
    public SSLContext sslContext() {
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

    @Override
    public String toString() {
        return "RgwEndpoint[endpoint=" + endpoint + ", accessKey=" + accessKey + ", region=" + region
                + (caBundle == null ? "" : ", caBundle=" + caBundle) + "]";
    }

    private void checkReachable() {
        String host = endpoint.getHost();
        if (host == null) {
            throw new IllegalStateException(HOW_TO_START + " (AWS_ENDPOINT_URL has no host: " + endpoint + ")");
        }
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : tls() ? 443 : 80;
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new IllegalStateException(HOW_TO_START + " (nothing accepts connections at " + endpoint + ": " + e + ")", e);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(HOW_TO_START + " (" + name + " is unset)");
        }
        return value;
    }
}
