package io.s3pump.client.internal.http;

import io.s3pump.client.ConfigException;
import io.s3pump.client.S3ClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** Builds the one {@link OkHttpClient} of an S3 client from its configuration. */
public final class HttpClients {
    private HttpClients() {}

    /**
     * A client whose pool keeps up to {@code maxConcurrency} idle connections and whose dispatcher allows
     * that many requests per host, with the configured timeouts and TLS trust. OkHttp's own silent retry is
     * off: the S3 client's retry policy is the only one, so attempts are counted and bounded.
     */
    public static OkHttpClient build(S3ClientConfig config) {
        int n = config.maxConcurrency();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(64, n));
        dispatcher.setMaxRequestsPerHost(n);
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(n, 5, TimeUnit.MINUTES))
                .protocols(java.util.List.of(Protocol.HTTP_1_1))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.writeTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false);
        if (config.insecureTls()) {
            X509TrustManager trustAll = new TrustAll();
            b.sslSocketFactory(sslContext(trustAll).getSocketFactory(), trustAll).hostnameVerifier((h, s) -> true);
        } else if (config.caBundle() != null) {
            X509TrustManager tm = trustManager(config);
            b.sslSocketFactory(sslContext(tm).getSocketFactory(), tm);
        }
        return b.build();
    }

    private static SSLContext sslContext(X509TrustManager tm) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JDK", e);
        }
    }

    private static X509TrustManager trustManager(S3ClientConfig config) {
        try (InputStream in = Files.newInputStream(config.caBundle())) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new ConfigException("CA bundle " + config.caBundle() + " holds no certificate");
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) return x;
            }
            throw new IllegalStateException("no X509TrustManager in this JDK");
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read CA bundle " + config.caBundle() + ": " + e.getMessage());
        }
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
