package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS is verified by default, a CA bundle adds trust, and insecure mode has to be asked for. */
class TlsTest {
    @TempDir
    static Path dir;

    static Path caPem;
    static SSLContext serverContext;
    MockWebServer server;

    /** A self-signed certificate for localhost made with the JDK's keytool, exported as PEM. */
    @BeforeAll
    static void makeCertificate() throws Exception {
        Path keystore = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "s", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "s", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
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
        return MockS3.config(server).endpoint("https://localhost:" + server.getPort()).connectTimeout(Duration.ofSeconds(5));
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
    void aCaBundleMakesTheCertificateTrusted() throws Exception {
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        try (S3Client client = S3Client.create(config().caBundle(caPem).build())) {
            assertThat(client.listBuckets().buckets()).isEmpty();
        }
    }

    @Test
    void insecureTlsAcceptsAnyCertificate() throws Exception {
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        try (S3Client client = S3Client.create(config().insecureTls(true).build())) {
            assertThat(client.listBuckets().buckets()).isEmpty();
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
