package io.s3pump.client.internal.carrier;

import java.security.Provider;
import javax.net.ssl.SSLEngine;
import org.conscrypt.Conscrypt;

/**
 * Conscrypt, when present: the only class that names it, loaded only after its jar was found, so that the client runs
 * without it (it is an optional dependency).
 */
final class ConscryptTls {
    private ConscryptTls() {}

    /** Conscrypt's provider, or {@code null} when its jar is missing or its native library does not load here. */
    static Provider provider() {
        return Loaded.PROVIDER;
    }

    /** Looked for once, at the first https client (the holder idiom: no lock, no second look). */
    private static final class Loaded {
        static final Provider PROVIDER = load();
    }

    private static Provider load() {
        try {
            Class.forName("org.conscrypt.Conscrypt", false, ConscryptTls.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return Native.provider();
    }

    /** TLS 1.3 resumption needs session tickets, which Conscrypt leaves off unless asked. */
    static void prepare(SSLEngine engine) {
        if (provider() != null && Native.isConscrypt(engine)) Native.useSessionTickets(engine);
    }

    /** Touches Conscrypt's classes; loaded only once the jar is known to be there. */
    private static final class Native {
        static Provider provider() {
            try {
                return Conscrypt.isAvailable() ? Conscrypt.newProvider() : null;
            } catch (LinkageError | RuntimeException e) {
                return null; // a platform without its native library
            }
        }

        static boolean isConscrypt(SSLEngine engine) {
            return Conscrypt.isConscrypt(engine);
        }

        static void useSessionTickets(SSLEngine engine) {
            Conscrypt.setUseSessionTickets(engine, true);
        }
    }
}
