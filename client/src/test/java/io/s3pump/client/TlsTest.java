package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS is verified by default, a CA bundle adds trust, a certificate for another name is refused, and insecure mode has
 * to be asked for: on every carrier (the direct one and OkHttp) with each TLS provider (the JDK's and Conscrypt).
 */
@ParameterizedClass(name = "direct carrier: {0}, {1}")
@MethodSource("carriersAndProviders")
class TlsTest {
    @Parameter(0)
    boolean direct;

    @Parameter(1)
    TlsProvider provider;

    static List<Arguments> carriersAndProviders() {
        List<Arguments> all = new java.util.ArrayList<>();
        for (boolean direct : new boolean[] {true, false}) {
            for (TlsProvider p : List.of(TlsProvider.JDK, TlsProvider.CONSCRYPT)) all.add(Arguments.of(direct, p));
        }
        return all;
    }

    @TempDir
    static Path dir;

    static Path caPem;
    static SSLContext serverContext;
    static SSLContext otherNameContext;
    MockWebServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates certs = TestCertificates.create();
        caPem = certs.caPem();
        serverContext = certs.serverContext("localhost", "127.0.0.1");
        otherNameContext = certs.serverContext("other.example");
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.useHttps(serverContext.getSocketFactory());
        server.start();
    }

    @org.junit.jupiter.api.AfterEach
    void stopServer() {
        server.close();
    }

    private S3ClientConfig.Builder config() {
        return MockS3.config(server).endpoint("https://localhost:" + server.getPort())
                .connectTimeout(Duration.ofSeconds(5)).directDataPath(direct).tlsProvider(provider);
    }

    @Test
    void anUnknownCertificateIsRefusedAndNotRetried() {
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        try (S3Client client = S3Client.create(config().build())) {
            assertThatThrownBy(client::listBuckets).isInstanceOf(SSLException.class);
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aCertificateForAnotherNameIsRefusedEvenWhenItsIssuerIsTrusted() throws Exception {
        server.close();
        server = new MockWebServer();
        server.useHttps(otherNameContext.getSocketFactory());
        server.start();
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        try (S3Client client = S3Client.create(config().caBundle(caPem).build())) {
            assertThatThrownBy(client::listBuckets).isInstanceOf(SSLException.class)
                    .hasMessageContaining("localhost")
                    .as("the failure names the names the certificate holds")
                    .hasStackTraceContaining("subjectAltNames: [other.example]");
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aCaBundleMakesTheCertificateTrusted() throws Exception {
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        try (S3Client client = S3Client.create(config().caBundle(caPem).build())) {
            assertThat(client.listBuckets().buckets()).isEmpty();
        }
    }

    @Test
    void aLargeBodyGoesUpAndComesBackWholeOverTlsOnOneConnection() throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 7]; // many TLS records, the last one short
        new java.util.Random(7).nextBytes(data);
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).addHeader("ETag", "\"e\"").build());
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).addHeader("ETag", "\"e\"")
                .body(new okio.Buffer().write(data)).build());
        try (S3Client client = S3Client.create(config().caBundle(caPem).build())) {
            client.putObject(PutObjectRequest.of("b", "k").withIntegrity(Integrity.UNSIGNED_PAYLOAD), UploadBody.of(data));
            try (GetObjectResponse response = client.getObject(GetObjectRequest.of("b", "k"))) {
                java.nio.ByteBuffer into = java.nio.ByteBuffer.allocateDirect(data.length);
                java.nio.channels.ReadableByteChannel ch = response.body() instanceof java.nio.channels.ReadableByteChannel c
                        ? c : java.nio.channels.Channels.newChannel(response.body());
                while (into.hasRemaining() && ch.read(into) >= 0) {
                    // reads straight into the direct buffer where the carrier can
                }
                byte[] back = new byte[data.length];
                into.flip().get(back);
                assertThat(back).isEqualTo(data);
                assertThat(response.body().read()).isEqualTo(-1);
            }
        }
        mockwebserver3.RecordedRequest put = server.takeRequest();
        assertThat(put.getBody().toByteArray()).isEqualTo(data);
        server.takeRequest();
        assertThat(server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS)).isNull();
        assertThat(put.getConnectionIndex()).as("one connection, reused").isZero();
    }

    @Test
    void insecureTlsAcceptsAnyCertificate() throws Exception {
        server.close();
        server = new MockWebServer();
        server.useHttps(otherNameContext.getSocketFactory());
        server.start();
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        try (S3Client client = S3Client.create(config().insecureTls(true).build())) {
            assertThat(client.listBuckets().buckets()).isEmpty();
        }
    }

    @Test
    void theClientUsesTheTlsProviderItWasGiven() throws Exception {
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        try (S3Client client = S3Client.create(config().caBundle(caPem).build())) {
            client.listBuckets();
            assertThat(client.toString()).contains(provider == TlsProvider.JDK ? "SunJSSE" : "Conscrypt");
        }
    }

    @Test
    void anUnreadableCaBundleIsAConfigurationError() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate");
        assertThatThrownBy(() -> S3Client.create(config().caBundle(junk).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CA bundle");
        assertThatThrownBy(() -> S3Client.create(config().caBundle(dir.resolve("missing.pem")).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.pem");
    }
}
