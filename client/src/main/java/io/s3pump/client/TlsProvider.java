package io.s3pump.client;

/**
 * Which implementation of TLS carries a client's {@code https} requests. Certificates and host names are checked the
 * same way by each (the JDK's trust manager, over the JDK's CAs or the configured CA bundle).
 */
public enum TlsProvider {
    /**
     * Conscrypt (BoringSSL) when its jar is on the class or module path and its native library loads on this platform,
     * the JDK's otherwise. The default: on the measured machines Conscrypt's AES-GCM costs about a third of the JDK's
     * CPU per byte, and its handshakes a fifth (client/PERFORMANCE.md, "TLS").
     */
    AUTO,
    /** The JDK's own (SunJSSE). */
    JDK,
    /** Conscrypt; creating the client fails with a {@link ConfigException} when it is not available. */
    CONSCRYPT
}
