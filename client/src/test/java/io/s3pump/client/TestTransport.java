package io.s3pump.client;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;

/**
 * One way a client's requests travel: which carrier (the direct one, or OkHttp) and whether TLS wraps it. Every
 * transport test suite (faults, timeouts, retries, hostile answers) runs against each of {@link #all()}, with
 * {@code @ParameterizedClass @MethodSource("io.s3pump.client.TestTransport#all")}.
 *
 * @param direct the direct carrier, or OkHttp
 * @param tls https (a certificate for localhost that the client trusts through a CA bundle), or plain http
 * @param provider the TLS implementation, over https
 */
public record TestTransport(boolean direct, boolean tls, TlsProvider provider) {

    /** Each carrier over http and over https with the default TLS provider, and the direct one with the JDK's TLS. */
    public static List<TestTransport> all() {
        return List.of(new TestTransport(true, false, TlsProvider.AUTO), new TestTransport(false, false, TlsProvider.AUTO),
                new TestTransport(true, true, TlsProvider.AUTO), new TestTransport(false, true, TlsProvider.AUTO),
                new TestTransport(true, true, TlsProvider.JDK));
    }

    /** The direct carrier over http, and over https with each TLS provider: for the direct carrier's own suites. */
    public static List<TestTransport> directCarrier() {
        return all().stream().filter(TestTransport::direct).toList();
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return tls ? "https" : "http";
    }

    /** A listening socket on the loopback address, speaking TLS with the test certificate when this transport does. */
    public java.net.ServerSocket serverSocket(int backlog) throws java.io.IOException {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        return tls ? Certificate.INSTANCE.context.getServerSocketFactory().createServerSocket(0, backlog, loopback)
                : new java.net.ServerSocket(0, backlog, loopback);
    }

    /** The server side's TLS context (the test certificate), to layer TLS over a socket a test controls. */
    public static SSLContext serverContext() {
        return Certificate.INSTANCE.context;
    }

    /** The client's TLS for this transport (trusting the test certificate), or {@code null} for plain http. */
    public io.s3pump.client.internal.carrier.TlsTrust trust() {
        if (!tls) return null;
        return io.s3pump.client.internal.carrier.TlsTrust.of(S3ClientConfig.builder().endpoint("https://127.0.0.1:1")
                .credentials(MockS3.CREDENTIALS).region("us-east-1").caBundle(Certificate.INSTANCE.pem)
                .tlsProvider(provider).build());
    }

    /** Starts {@code server}, over TLS when this transport has it. */
    public void start(MockWebServer server) throws Exception {
        if (tls) server.useHttps(Certificate.INSTANCE.context.getSocketFactory());
        server.start();
    }

    /** The endpoint of {@code server} as this transport reaches it. */
    public String endpoint(MockWebServer server) {
        return tls ? "https://localhost:" + server.getPort() : server.url("/").toString();
    }

    /** {@code b} pointed at {@code server} through this transport. */
    public S3ClientConfig.Builder configure(S3ClientConfig.Builder b, MockWebServer server) {
        b.endpoint(endpoint(server)).directDataPath(direct).tlsProvider(provider);
        if (tls) b.caBundle(Certificate.INSTANCE.pem);
        return b;
    }

    @Override
    public String toString() {
        return (direct ? "direct" : "OkHttp") + " carrier over " + (tls ? "https (TLS " + provider + ")" : "http");
    }

    /** One test CA per test JVM, and a server certificate it signed for localhost and 127.0.0.1. */
    private static final class Certificate {
        static final Certificate INSTANCE = make();

        final SSLContext context;
        final Path pem;

        private Certificate(SSLContext context, Path pem) {
            this.context = context;
            this.pem = pem;
        }

        private static Certificate make() {
            try {
                TestCertificates certs = TestCertificates.create();
                return new Certificate(certs.serverContext("localhost", "127.0.0.1"), certs.caPem());
            } catch (Exception e) {
                throw new IllegalStateException("cannot make the test certificate", e);
            }
        }
    }
}
