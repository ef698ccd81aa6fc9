package io.s3pump.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A throwaway CA and server certificates it signs, as real servers have them: a chain of two, so that the client's
 * checks on the server's own certificate (host name, key usage for the TLS version) run, which a self-signed leaf
 * that is itself the trust anchor would skip.
 *
 * @param ca the CA's certificate and key
 * @param caPem the CA's certificate as a PEM file: the CA bundle to trust
 */
public record TestCertificates(HeldCertificate ca, Path caPem) {

    public static TestCertificates create() throws IOException {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("s3pump test CA").build();
        Path dir = Files.createTempDirectory("s3pump-tls");
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, ca.certificatePem());
        pem.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return new TestCertificates(ca, pem);
    }

    /** A server's TLS context with a certificate this CA signed for {@code names} (host names or IP addresses). */
    public SSLContext serverContext(String... names) {
        HeldCertificate.Builder b = new HeldCertificate.Builder().signedBy(ca).commonName(names[0]);
        for (String name : names) b.addSubjectAlternativeName(name);
        return new HandshakeCertificates.Builder().heldCertificate(b.build(), ca.certificate()).build().sslContext();
    }
}
