package io.s3pump.client.transfer;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a successful, verified upload. Immutable.
 *
 * @param bucket the bucket
 * @param key the key
 * @param size the object's size in bytes
 * @param partCount the number of parts (1 for a single PutObject)
 * @param partSize the size of every part but the last, in bytes
 * @param partsResumed parts found already uploaded when resuming, with their size and ETag checked against the
 *     journal or the local bytes (0 for a fresh upload)
 * @param etag the object's ETag as HEAD reported it, without quotes
 * @param duration wall time of the whole upload, including verification
 * @param verification what was checked after Complete
 */
public record UploadResult(String bucket, String key, long size, int partCount, long partSize, int partsResumed,
                           String etag, Duration duration, Verification verification) {

    public UploadResult {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(verification, "verification");
    }

    /** Mean throughput in bytes per second (sent bytes of resumed parts included). */
    public double bytesPerSecond() {
        long nanos = duration.toNanos();
        return nanos <= 0 ? 0 : size * 1e9 / nanos;
    }
}
