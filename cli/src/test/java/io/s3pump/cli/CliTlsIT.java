package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command over https against the real RGW of {@code RGW_TLS=1 rgw/rgw.sh start} (run only in the https run of
 * the ITs, profile it-https): {@code --ca-bundle} alone makes RGW's certificate trusted, no CA is exit 5 with one
 * line, {@code --no-verify-ssl} connects and warns, and a certificate from RGW's own CA for another name is exit 5.
 */
class CliTlsIT {
    static ItBucket bucket;
    static Jar jar;
    static Path ca;
    @TempDir Path dir;

    @BeforeAll
    static void https() throws IOException {
        bucket = new ItBucket("cli-tls");
        assertThat(bucket.rgw.tls()).as("CliTlsIT needs the https endpoint: " + bucket.rgw).isTrue();
        assertThat(bucket.rgw.caBundle()).as("AWS_CA_BUNDLE (rgw/rgw.sh env prints it)").isNotNull();
        ca = bucket.rgw.caBundle();
        jar = Jar.withEnvironment().env("AWS_CA_BUNDLE", null);   // each test says what it trusts
    }

    @AfterAll
    static void removeBucket() throws IOException {
        if (bucket != null) bucket.close();
    }

    @Test
    void caBundleAloneMakesRgwsCertificateTrustedBothWays() throws IOException {
        Path file = CliIT.randomFile(dir, "up.bin", 6 * ByteSize.MIB + 3, 7);

        Jar.Result up = jar.run("cp", "--ca-bundle", ca.toString(), "--part-size", "5MiB", file.toString(),
                bucket.url("tls/up.bin"));
        Jar.Result down = jar.run("cp", "--ca-bundle", ca.toString(), bucket.url("tls/up.bin"),
                dir.resolve("down.bin").toString());

        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(Files.mismatch(file, dir.resolve("down.bin"))).isEqualTo(-1);
    }

    @Test
    void awsCaBundleIsReadLikeTheOption() {
        Jar.Result r = jar.env("AWS_CA_BUNDLE", ca.toString()).run("ls", bucket.url(""));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void rgwsCertificateWithoutItsCaIsExitFiveWithOneLineThatSaysToGiveTheCaBundle() {
        Jar.Result r = jar.run("ls", bucket.url(""));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.errLines()).containsExactly("s3pump: TLS: the certificate of " + bucket.rgw.endpoint()
                + " is not signed by a CA in the JDK's trusted CAs: give the PEM file of its CA with --ca-bundle FILE"
                + " or AWS_CA_BUNDLE");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void noVerifySslReachesRgwAndWarnsOnEveryRunEvenWithQuiet() {
        for (String[] args : List.of(new String[] {"ls", "--no-verify-ssl", bucket.url("")},
                new String[] {"ls", "--no-verify-ssl", "--quiet", bucket.url("")})) {
            Jar.Result r = jar.run(args);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.errLines()).as(r.toString()).singleElement().asString()
                    .startsWith("s3pump: warning: --no-verify-ssl:");
        }
    }

    @Test
    void localhostIsANameRgwsCertificateHoldsToo() {
        String localhost = bucket.rgw.endpoint().toString().replace("127.0.0.1", "localhost");
        Jar.Result r = jar.run("ls", "--ca-bundle", ca.toString(), "--endpoint-url", localhost, bucket.url(""));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /**
     * RGW's CA (its key lies beside AWS_CA_BUNDLE in the data dir of rgw/rgw.sh) signs a certificate for
     * other.example, served on 127.0.0.1: trusted, but not for the host asked for.
     */
    @Test
    void aCertificateFromTheTrustedCaForAnotherNameIsExitFiveWithOneLine() throws Exception {
        Path caKey = ca.resolveSibling("ca.key");
        assertThat(caKey).as("the CA key of rgw/rgw.sh's RGW_TLS=1").isReadable();
        Path key = dir.resolve("other.key");
        Path csr = dir.resolve("other.csr");
        Path cert = dir.resolve("other.pem");
        Path ext = Files.writeString(dir.resolve("other.ext"), "subjectAltName = DNS:other.example\n");
        Path p12 = dir.resolve("other.p12");
        run("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=other.example", "-keyout", key.toString(), "-out", csr.toString());
        run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-set_serial", "7", "-days", "1", "-extfile", ext.toString(), "-out", cert.toString());
        run("openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in", cert.toString(), "-passout",
                "pass:changeit", "-out", p12.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        try (MockWebServer other = new MockWebServer()) {
            other.useHttps(tls.getSocketFactory());
            other.start(InetAddress.getByName("127.0.0.1"), 0);
            String endpoint = "https://127.0.0.1:" + other.getPort();

            Jar.Result r = jar.env("AWS_CA_BUNDLE", ca.toString()).run("ls", "--endpoint-url", endpoint, bucket.url(""));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(r.errLines()).containsExactly("s3pump: TLS: the certificate of " + endpoint + " is not for"
                    + " 127.0.0.1 (it is for other.example): check the endpoint's name, or use --endpoint-url with a"
                    + " name the certificate holds");
            assertThat(other.getRequestCount()).isZero();
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
