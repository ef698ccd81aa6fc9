package io.s3pump.client.internal.carrier;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager under Conscrypt. In TLS 1.3 the key exchange no longer names the server's key use, and the
 * two say so differently: Conscrypt passes the auth type {@code GENERIC}, which the JDK's check of the server
 * certificate's key usage refuses ("Unknown authType"), while the JDK itself passes {@code UNKNOWN}, which it checks as
 * a signature key. This passes Conscrypt's name on in the JDK's spelling; every other check (chain, validity, host
 * name) is the JDK's own.
 */
final class Tls13AuthType extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager jdk;

    Tls13AuthType(X509ExtendedTrustManager jdk) {
        this.jdk = jdk;
    }

    private static String jdkName(String authType) {
        return "GENERIC".equals(authType) ? "UNKNOWN" : authType;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk.checkServerTrusted(chain, jdkName(authType), engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk.checkServerTrusted(chain, jdkName(authType), socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkServerTrusted(chain, jdkName(authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }
}
