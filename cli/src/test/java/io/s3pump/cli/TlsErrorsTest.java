package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command says when an https endpoint's certificate is wrong, against a MockWebServer whose self-signed
 * certificate is for {@code other.example} only, reached as {@code https://127.0.0.1}: with that certificate as
 * the CA bundle it is trusted but for another name; without it, it is not trusted at all. Each is exit 5 with one
 * line that says what is wrong and what to do. (The same against the real RGW: {@code CliTlsIT}.)
 */
class TlsErrorsTest {
    @TempDir static Path dir;
    @TempDir Path home;
    static Path otherCert;
    static SSLContext serverContext;
    MockWebServer server;

    @BeforeAll
    static void makeCertificateForAnotherName() throws Exception {
        Path keystore = dir.resolve("server.p12");
        otherCert = dir.resolve("other.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "s", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=other.example", "-ext", "san=dns:other.example", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "s", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", otherCert.toString());
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
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String endpoint() {
        return "https://127.0.0.1:" + server.getPort();
    }

    private Environment env() {
        return Cli.mockServer(endpoint(), home);
    }

    private static MockResponse noBuckets() {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml")
                .body("<ListAllMyBucketsResult><Owner><ID>test</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>")
                .build();
    }

    @Test
    void aCertificateForAnotherNameIsExitFiveWithOneLineNamingBothNames() {
        Cli.Result r = Cli.run(env(), "ls", "--ca-bundle", otherCert.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.errLines()).containsExactly("s3pump: TLS: the certificate of " + endpoint() + " is not for"
                + " 127.0.0.1 (it is for other.example): check the endpoint's name, or use --endpoint-url with a name"
                + " the certificate holds");
        assertThat(r.out()).isEmpty();
        assertThat(server.getRequestCount()).as("nothing sent to a server that is not the one asked for").isZero();
    }

    @Test
    void anUntrustedCertificateIsExitFiveWithOneLineThatSaysToGiveTheCaBundle() {
        Cli.Result r = Cli.run(env(), "ls");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("s3pump: TLS: the certificate of " + endpoint() + " is not signed by a CA in the JDK's trusted CAs")
                .endsWith("give the PEM file of its CA with --ca-bundle FILE or AWS_CA_BUNDLE");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aCaBundleWithoutTheSigningCaIsNamedInTheLine() throws Exception {
        Path unrelated = dir.resolve("unrelated.pem");
        Path ks = dir.resolve("unrelated.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "u", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=unrelated",
                "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "u", "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", unrelated.toString());

        Cli.Result r = Cli.run(env(), "ls", "--ca-bundle", unrelated.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.errLines()).singleElement().asString()
                .contains("is not signed by a CA in the CA bundle " + unrelated + ":");
    }

    @Test
    void debugAddsTheStackTraceBelowTheSameLine() {
        Cli.Result r = Cli.run(env(), "ls", "--debug");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("s3pump: TLS: the certificate of " + endpoint() + " is not signed by a CA")
                .contains("javax.net.ssl.SSLHandshakeException", "\tat ");
    }

    @Test
    void noVerifySslConnectsAndWarnsOnStderrEvenWithQuiet() {
        server.enqueue(noBuckets());
        server.enqueue(noBuckets());

        Cli.Result plain = Cli.run(env(), "ls", "--no-verify-ssl");
        Cli.Result quiet = Cli.run(env(), "ls", "--no-verify-ssl", "--quiet");

        for (Cli.Result r : List.of(plain, quiet)) {
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.errLines()).singleElement().asString()
                    .startsWith("s3pump: warning: --no-verify-ssl: the endpoint's TLS certificate is not verified");
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
