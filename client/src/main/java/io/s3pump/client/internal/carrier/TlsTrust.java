package io.s3pump.client.internal.carrier;

import io.s3pump.client.ConfigException;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.client.TlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A client's TLS, the same for every carrier: whom it trusts (the JDK's CAs, the configured CA bundle instead, or,
 * only when the user asked for insecure TLS, everyone with host names unchecked) and which implementation runs it.
 *
 * @param trustManager the trust manager
 * @param context a TLS context over it; its client session cache is what lets connections resume sessions
 * @param verifyHostname whether the server's certificate must name the host (false only for insecure TLS)
 */
public record TlsTrust(X509TrustManager trustManager, SSLContext context, boolean verifyHostname) {

    /**
     * The TLS of {@code config}'s endpoint.
     *
     * @throws ConfigException when the CA bundle cannot be read or holds no certificate, or Conscrypt was asked for
     *     and is not available
     */
    public static TlsTrust of(S3ClientConfig config) {
        Provider provider = provider(config.tlsProvider());
        if (config.insecureTls()) {
            X509TrustManager all = new TrustAll();
            return new TlsTrust(all, context(all, provider), false);
        }
        X509TrustManager tm = config.caBundle() != null ? bundle(config) : jdkDefault();
        if (!(tm instanceof X509ExtendedTrustManager x)) {
            // Conscrypt would call the two-argument check, which knows no host name: the name would go unchecked.
            throw new ConfigException("the JVM's trust manager (ssl.TrustManagerFactory.algorithm) cannot check host"
                    + " names; use the default PKIX one");
        }
        tm = new ServerTrust(x);
        return new TlsTrust(tm, context(tm, provider), true);
    }

    /** The provider to ask for TLS, or {@code null} for the JDK's. */
    private static Provider provider(TlsProvider choice) {
        return switch (choice) {
            case JDK -> null;
            case AUTO -> ConscryptTls.provider();
            case CONSCRYPT -> {
                Provider p = ConscryptTls.provider();
                if (p == null) {
                    throw new ConfigException("the Conscrypt TLS provider is not available here (its jar is not on the"
                            + " class path, or its native library does not load on this platform)");
                }
                yield p;
            }
        };
    }

    /** The name of the TLS implementation in use, for logs and reports. */
    public String providerName() {
        return context.getProvider().getName();
    }

    /**
     * A client engine for {@code host}: its name is what the certificate must show and what SNI sends, and with the
     * port it keys the session cache, so that a new connection resumes the session of an earlier one.
     */
    public SSLEngine engine(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        if (verifyHostname) p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setApplicationProtocols(new String[] {"http/1.1"});
        engine.setSSLParameters(p);
        ConscryptTls.prepare(engine);
        return engine;
    }

    private static SSLContext context(X509TrustManager tm, Provider provider) {
        try {
            SSLContext ctx = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
            ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JDK", e);
        }
    }

    private static X509TrustManager jdkDefault() {
        try {
            return x509(null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager bundle(S3ClientConfig config) {
        try (InputStream in = Files.newInputStream(config.caBundle())) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new ConfigException("CA bundle " + config.caBundle() + " holds no certificate");
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
            return x509(ks);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read CA bundle " + config.caBundle() + ": " + e.getMessage());
        }
    }

    private static X509TrustManager x509(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) return x;
        }
        throw new IllegalStateException("no X509TrustManager in this JDK");
    }

    /** Accepts every certificate: only for {@code insecureTls}, which the user must ask for. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
