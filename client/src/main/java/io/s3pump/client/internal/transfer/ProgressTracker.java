package io.s3pump.client.internal.transfer;

import io.s3pump.client.transfer.TransferListener;
import io.s3pump.client.transfer.TransferProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts a transfer's bytes and parts and tells the listener at most once per {@link #CHUNK} bytes per part and
 * once per part. Time comes from a {@link LongSupplier} of nanoseconds, so tests pin it.
 */
public final class ProgressTracker {
    /** The smallest amount of data that produces an event: 1 MiB. */
    public static final long CHUNK = 1 << 20;
    private static final System.Logger LOG = System.getLogger(ProgressTracker.class.getName());

    private final TransferListener listener;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final long totalBytes;
    private final int partCount;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger parts = new AtomicInteger();

    public ProgressTracker(TransferListener listener, LongSupplier nanoTime, long totalBytes, int partCount) {
        this.listener = listener;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.totalBytes = totalBytes;
        this.partCount = partCount;
    }

    /** A counter for one part: it counts each byte of the part once, however often the part is re-sent. */
    public PartCounter part(long partLength) {
        return new PartCounter(partLength);
    }

    /** Counts a part that was already done (resume) without sending it. */
    public void skipped(long partLength) {
        bytes.addAndGet(partLength);
        parts.incrementAndGet();
        emit();
    }

    /** A snapshot now. */
    public TransferProgress snapshot() {
        return new TransferProgress(bytes.get(), totalBytes, parts.get(), partCount,
                Duration.ofNanos(nanoTime.getAsLong() - startNanos));
    }

    private void emit() {
        try {
            listener.onProgress(snapshot());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "progress listener failed", e);
        }
    }

    /** Byte counts of one part; used by one thread at a time (the one sending or receiving the part). */
    public final class PartCounter {
        private final long length;
        private long attemptBytes;  // bytes of the current attempt
        private long counted;       // bytes of this part already added to the total
        private long lastEmitted;   // value of counted at the last event

        private PartCounter(long length) {
            this.length = length;
        }

        /** A new attempt starts from byte 0 of the part; bytes already counted are not counted again. */
        public void restart() {
            attemptBytes = 0;
        }

        /** {@code n} more bytes of the current attempt went out. */
        public void advance(long n) {
            attemptBytes += n;
            if (attemptBytes > counted) {
                bytes.addAndGet(attemptBytes - counted);
                counted = attemptBytes;
                if (counted - lastEmitted >= CHUNK) {
                    lastEmitted = counted;
                    emit();
                }
            }
        }

        /** The part is acknowledged: counts whatever was not counted (for example an empty part) and the part. */
        public void done() {
            if (counted < length) bytes.addAndGet(length - counted);
            counted = length;
            parts.incrementAndGet();
            emit();
        }
    }
}
