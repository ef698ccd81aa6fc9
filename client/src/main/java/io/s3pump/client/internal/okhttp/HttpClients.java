package io.s3pump.client.internal.okhttp;

import io.s3pump.client.internal.carrier.TlsTrust;
import io.s3pump.client.S3ClientConfig;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** Builds the one {@link OkHttpClient} of an S3 client from its configuration. */
final class HttpClients {
    private HttpClients() {}

    /**
     * A client whose pool keeps up to {@code maxConcurrency} idle connections and whose dispatcher allows
     * that many requests per host, with the configured timeouts and, for an {@code https} endpoint, TLS trust
     * (an {@code http} endpoint reads no trust material at all). OkHttp's own silent retry is
     * off: the S3 client's retry policy is the only one, so attempts are counted and bounded.
     */
    static OkHttpClient build(S3ClientConfig config, TlsTrust trust) {
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
        if (trust == null) {
            // Plain http never meets TLS (redirects are off), so no trust store is loaded: OkHttp would load the
            // JDK's, and a configured CA bundle (AWS_CA_BUNDLE) would be parsed certificate by certificate, which
            // was 17 of the 26 CPU samples of a small upload's start-up.
            b.connectionSpecs(java.util.List.of(ConnectionSpec.CLEARTEXT));
            b.socketFactory(new GatheringSocketFactory(GatheringSocketFactory.DEFAULT_GATHER));
        } else {
            b.sslSocketFactory(trust.context().getSocketFactory(), trust.trustManager());
            if (!trust.verifyHostname()) b.hostnameVerifier((h, s) -> true);
        }
        return b.build();
    }
}
