package io.s3pump.bench;

import java.util.Objects;

/**
 * One measured transfer of a benchmark: a warm-up upload or a round's upload or download. Immutable.
 *
 * <p>Client figures are whole-process: the JVM's CPU time (including GC, JIT and the JFR stream that measures part
 * latency) and its peak RSS (including the JVM itself and file-backed pages of mapped parts), reset before each
 * transfer where the kernel allows it.
 *
 * @param phase warm-up or measured round
 * @param round 1-based number within its phase
 * @param direction {@link Direction#UP} or {@link Direction#DOWN}
 * @param bytes bytes moved
 * @param seconds wall time of the transfer, including the engine's verification (HEAD, ETag check)
 * @param clientCpuSeconds CPU seconds this process used during the transfer
 * @param clientSystemSeconds the part of {@code clientCpuSeconds} spent in the kernel (system time: TCP over
 *     loopback, page faults, unmapping), or NaN if unknown
 * @param peakRssBytes peak resident set size of this process during the transfer (or since its start, when it
 *     could not be reset: see {@link #peakRssReset()}); -1 if unknown
 * @param peakRssReset whether the peak was reset before this transfer
 * @param latency part latency percentiles, or {@code null} if not measured
 * @param server the server's CPU cost and the resulting ceiling, or {@code null} if not measured
 * @param verification what the engine verified, in its own words
 */
public record RoundResult(Phase phase, int round, Direction direction, long bytes, double seconds,
                          double clientCpuSeconds, double clientSystemSeconds, long peakRssBytes, boolean peakRssReset, PartLatency latency,
                          ServerLoad server, String verification) {

    /** Whether a transfer was a warm-up or a measured round. */
    public enum Phase { WARMUP, ROUND }

    public RoundResult {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(verification, "verification");
        if (direction == Direction.BOTH) throw new IllegalArgumentException("a transfer goes one way");
    }

    /** Throughput in MiB/s (wall clock). */
    public double mibPerSecond() {
        return seconds > 0 ? bytes / (double) Units.MIB / seconds : 0;
    }

    /** Client CPU-seconds per GiB moved. */
    public double clientCpuSecondsPerGiB() {
        return bytes > 0 ? clientCpuSeconds / (bytes / (double) Units.GIB) : 0;
    }

    /** Client kernel CPU-seconds per GiB moved (NaN if unknown). */
    public double clientSystemSecondsPerGiB() {
        return bytes > 0 ? clientSystemSeconds / (bytes / (double) Units.GIB) : Double.NaN;
    }

    /** Peak RSS in MiB, or -1 if unknown. */
    public double peakRssMiB() {
        return peakRssBytes < 0 ? -1 : peakRssBytes / (double) Units.MIB;
    }
}
