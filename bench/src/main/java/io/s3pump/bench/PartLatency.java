package io.s3pump.bench;

/**
 * Latency of the parts (or ranges) of one transfer: the time each part's virtual thread ran, from the moment a slot
 * in flight was free to its acknowledgement (mapping, hashing, sending and the server's answer). Immutable.
 *
 * @param count parts measured
 * @param p50Millis median, in milliseconds
 * @param p90Millis 90th percentile, in milliseconds
 * @param p99Millis 99th percentile, in milliseconds
 * @param maxMillis the slowest part, in milliseconds
 */
public record PartLatency(long count, double p50Millis, double p90Millis, double p99Millis, double maxMillis) {
    public PartLatency {
        if (count < 0) throw new IllegalArgumentException("negative count");
    }
}
