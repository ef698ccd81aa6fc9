package io.s3pump.client.transfer;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of a transfer's progress. Immutable.
 *
 * @param bytesDone bytes sent (upload) or written (download) so far, counted once even when a part is retried
 * @param totalBytes the object's size in bytes, or -1 while a streamed upload's length is unknown
 * @param partsDone parts (or ranges) acknowledged so far, including parts skipped on resume
 * @param partCount the number of parts (or ranges), or -1 while unknown
 * @param elapsed time since the transfer started
 */
public record TransferProgress(long bytesDone, long totalBytes, int partsDone, int partCount, Duration elapsed) {

    public TransferProgress {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The mean rate since the start in bytes per second; 0 before any time has passed. */
    public double bytesPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : bytesDone * 1e9 / nanos;
    }

    /** Whether every byte and every part is done. */
    public boolean complete() {
        return totalBytes >= 0 && bytesDone >= totalBytes && partsDone >= partCount;
    }
}
