package io.s3pump.client.internal.carrier;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager, which checks every server certificate (chain, validity, host name) whatever the TLS
 * provider, with two adjustments that change no verdict:
 * <ul>
 *   <li>In TLS 1.3 the key exchange no longer names the server's key use, and the providers say so differently:
 *       Conscrypt passes the auth type {@code GENERIC}, which the JDK's check of the certificate's key usage refuses
 *       ("Unknown authType"), while the JDK itself passes {@code UNKNOWN}, checked as a signature key. Conscrypt's
 *       name goes on in the JDK's spelling.
 *   <li>A certificate for another host fails with the names it does hold ({@code subjectAltNames: [...]}, as OkHttp
 *       words it), so that the error can tell the user which name to connect to.
 * </ul>
 */
final class ServerTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager jdk;

    ServerTrust(X509ExtendedTrustManager jdk) {
        this.jdk = jdk;
    }

    private static String jdkName(String authType) {
        return "GENERIC".equals(authType) ? "UNKNOWN" : authType;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            jdk.checkServerTrusted(chain, jdkName(authType), engine);
        } catch (CertificateException e) {
            throw withNames(e, chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            jdk.checkServerTrusted(chain, jdkName(authType), socket);
        } catch (CertificateException e) {
            throw withNames(e, chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkServerTrusted(chain, jdkName(authType));
    }

    /** A host-name mismatch says which names the certificate holds; every other failure stays as it is. */
    private static CertificateException withNames(CertificateException e, X509Certificate[] chain) {
        String m = e.getMessage();
        if (m == null || chain.length == 0 || !(m.startsWith("No subject alternative") || m.startsWith("No name matching"))) {
            return e;
        }
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = chain[0].getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() > 1 && san.get(1) instanceof String name) names.add(name);
                }
            }
        } catch (CertificateParsingException ignored) {
            return e;
        }
        CertificateException named = new CertificateException(m + " (subjectAltNames: " + names + ")", e);
        return named;
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
