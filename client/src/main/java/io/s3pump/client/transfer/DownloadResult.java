package io.s3pump.client.transfer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a successful download: the target file holds the verified object. Immutable.
 *
 * @param bucket the bucket
 * @param key the key
 * @param target the file written, or {@code null} for a download streamed into a channel
 * @param size the object's size in bytes
 * @param ranges the number of ranges the object was cut into
 * @param rangesResumed ranges found already downloaded in a kept partial download, and not fetched again
 * @param rangeSize the size of every range but the last, in bytes
 * @param etag the object's ETag, without quotes
 * @param duration wall time including verification and the rename
 * @param verification what was checked before the file was renamed into place
 */
public record DownloadResult(String bucket, String key, Path target, long size, int ranges, int rangesResumed, long rangeSize,
                             String etag, Duration duration, Verification verification) {

    public DownloadResult {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(verification, "verification");
        if (rangesResumed < 0 || rangesResumed > ranges)
            throw new IllegalArgumentException("rangesResumed " + rangesResumed + " outside 0.." + ranges);
    }

    /** Mean throughput in bytes per second. */
    public double bytesPerSecond() {
        long nanos = duration.toNanos();
        return nanos <= 0 ? 0 : size * 1e9 / nanos;
    }
}
