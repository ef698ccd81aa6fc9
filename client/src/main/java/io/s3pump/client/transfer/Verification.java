package io.s3pump.client.transfer;

import java.util.Objects;

/**
 * What was checked after a transfer, and how. Immutable.
 *
 * @param level the strongest check that passed
 * @param detail one human-readable sentence, e.g. which ETag matched or why only the size could be checked
 */
public record Verification(Level level, String detail) {

    public Verification {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(detail, "detail");
    }

    /** How strongly a transfer was verified, strongest first. */
    public enum Level {
        /** Size, and the object's ETag equals the one computed from the local bytes' MD5s. */
        SIZE_AND_ETAG,
        /**
         * Size, and the object's ETag equals the composite of the part ETags the server returned; the bytes of each
         * part were verified by the server (signed SHA-256 payload), not hashed locally with MD5.
         */
        SIZE_AND_PART_ETAGS,
        /** Size only: the ETag is opaque (e.g. SSE-KMS) or its part layout could not be reproduced. */
        SIZE_ONLY
    }
}
