package io.s3pump.client.internal.carrier;

/**
 * Marks a channel that takes large writes without copying them (a socket written from a direct buffer), so that
 * a body writes in large slices there. Elsewhere (OkHttp's Okio sink) bodies write in small slices, which Okio's
 * segment pool can recycle.
 */
public interface LargeWrites {
    /** The usual large write: 1 MiB, one system call with the kernel's one copy. */
    int SIZE = 1 << 20;

    /** How many bytes of a mapped body each write should carry. */
    default int preferredWriteSize() {
        return SIZE;
    }
}
