package io.s3pump.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long the client waits before trying a request again.
 *
 * <p>Retried: HTTP 500, 502, 503, 504, {@code SlowDown}, {@code RequestTimeout}, {@code InternalError},
 * connection resets and timeouts. Never retried: other 4xx answers (authentication, validation, not
 * found). The delay before attempt {@code n+1} is uniform in {@code [0, min(maxDelay, baseDelay × 2^(n-1))]}
 * ("full jitter"), and no retry starts once {@code maxElapsed} has passed since the first attempt.
 *
 * <p>Defaults ({@link #DEFAULT}): 6 attempts, base 100 ms, cap 10 s, 2 minutes in total.
 *
 * @param maxAttempts attempts in total, at least 1 (1 means no retry)
 * @param baseDelay the upper bound of the first delay
 * @param maxDelay the cap on any one delay
 * @param maxElapsed no new attempt starts after this much time since the first
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxElapsed) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(2));

    /** One attempt, no retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxElapsed.isNegative()) {
            throw new IllegalArgumentException("negative retry duration");
        }
    }

    /**
     * The longest delay before attempt {@code attempt + 1}, after {@code attempt} failed attempts (from 1):
     * {@code min(maxDelay, baseDelay × 2^(attempt-1))}.
     */
    public Duration delayCeiling(int attempt) {
        if (attempt < 1) throw new IllegalArgumentException("attempt counts from 1: " + attempt);
        int shift = Math.min(attempt - 1, 30);
        long nanos;
        try {
            nanos = Math.multiplyExact(baseDelay.toNanos(), 1L << shift);
        } catch (ArithmeticException overflow) {
            nanos = Long.MAX_VALUE;
        }
        return Duration.ofNanos(Math.min(nanos, maxDelay.toNanos()));
    }

    /**
     * The delay to wait after {@code attempt} failures, given a uniform random {@code unit} in [0, 1):
     * full jitter over {@link #delayCeiling(int)}.
     */
    public Duration delay(int attempt, double unit) {
        if (unit < 0 || unit >= 1) throw new IllegalArgumentException("unit must be in [0, 1): " + unit);
        return Duration.ofNanos((long) (delayCeiling(attempt).toNanos() * unit));
    }
}
