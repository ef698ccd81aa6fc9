package io.s3pump.client.transfer;

/**
 * Receives progress events: one per finished part and one per at least 1 MiB of data, never one per byte.
 *
 * <p>Called from the transfer's virtual threads, possibly concurrently: implementations must be thread-safe and
 * return quickly (no blocking I/O); an exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface TransferListener {

    /** A listener that ignores every event. */
    TransferListener NONE = progress -> {};

    void onProgress(TransferProgress progress);
}
