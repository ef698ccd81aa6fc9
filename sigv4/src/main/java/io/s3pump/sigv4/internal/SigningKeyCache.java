package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.Credentials;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing keys per access key id, date, region and service. The secret is never part of a key: an entry
 * remembers which secret it was derived from and is re-derived if the same access key id comes with another
 * secret (rotation). Thread-safe, no ThreadLocal (virtual threads would each get their own copy).
 */
public final class SigningKeyCache {
    private static final int MAX_ENTRIES = 256;

    private record Key(String accessKeyId, String dateStamp, String region, String service) {}

    private record Entry(Key key, String secret, SigningKey signingKey) {
        boolean matches(Credentials c, String dateStamp, String region, String service) {
            // The secret check is by reference first: the same Credentials object is the common case.
            return key.dateStamp.equals(dateStamp) && key.region.equals(region) && key.service.equals(service)
                    && key.accessKeyId.equals(c.accessKeyId())
                    && (secret == c.secretAccessKey() || secret.equals(c.secretAccessKey()));
        }

        // A record's generated toString would print the secret.
        @Override
        public String toString() {
            return "Entry[" + key + ", secret=****]";
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    // Fast path: nearly every call reuses the last key, and this skips allocating a map key.
    private volatile Entry last;

    public SigningKey get(Credentials credentials, String dateStamp, String region, String service) {
        Entry e = last;
        if (e != null && e.matches(credentials, dateStamp, region, service)) return e.signingKey;
        Key key = new Key(credentials.accessKeyId(), dateStamp, region, service);
        e = entries.get(key);
        if (e == null || !e.matches(credentials, dateStamp, region, service)) {
            if (entries.size() >= MAX_ENTRIES) entries.clear(); // old dates; rebuilt on demand
            e = new Entry(key, credentials.secretAccessKey(),
                    SigningKey.derive(credentials.secretAccessKey(), dateStamp, region, service));
            entries.put(key, e);
        }
        last = e;
        return e.signingKey;
    }

    @Override
    public String toString() {
        return "SigningKeyCache[" + entries.size() + " keys]";
    }
}
