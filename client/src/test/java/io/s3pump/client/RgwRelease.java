package io.s3pump.client;

import java.util.Locale;

/**
 * The Ceph release of the RGW the integration tests run against, as {@code rgw/rgw.sh env} exports it in
 * {@code S3PUMP_RGW_RELEASE}: the tests that pin down a release's own behaviour (rgw/RGW.md's tables) assert what that
 * release does. Unset means {@code rgw.sh}'s default, Pacific.
 */
public enum RgwRelease {
    PACIFIC, REEF, TENTACLE;

    public static RgwRelease current() {
        String name = System.getenv("S3PUMP_RGW_RELEASE");
        if (name == null || name.isBlank()) return PACIFIC;
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("S3PUMP_RGW_RELEASE=" + name + " is not a release rgw.sh runs"
                    + " (pacific, reef, tentacle)");
        }
    }
}
