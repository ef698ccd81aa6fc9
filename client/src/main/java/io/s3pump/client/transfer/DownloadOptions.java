package io.s3pump.client.transfer;

import java.util.Objects;

/**
 * Settings of a download. Immutable and thread-safe; build with {@link #builder()}, or use {@link #defaults()}.
 *
 * <p>Defaults: 8 ranges in flight, 8 MiB ranges when the ETag does not dictate them, a 256 KiB buffer per range
 * in flight (memory is bounded by concurrency × buffer, whatever the object size), 4 attempts per range, no part
 * size hint, the temporary file removed on failure, no listener.
 */
public final class DownloadOptions {
    private final int concurrency;
    private final long rangeSize;
    private final int bufferSize;
    private final int maxRangeAttempts;
    private final long partSizeHint;
    private final boolean keepPartial;
    private final TransferListener listener;

    private DownloadOptions(Builder b) {
        this.concurrency = b.concurrency;
        this.rangeSize = b.rangeSize;
        this.bufferSize = b.bufferSize;
        this.maxRangeAttempts = b.maxRangeAttempts;
        this.partSizeHint = b.partSizeHint;
        this.keepPartial = b.keepPartial;
        this.listener = b.listener;
    }

    public static DownloadOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Ranges in flight at once. */
    public int concurrency() { return concurrency; }
    /** Range size in bytes for objects whose ETag does not give a part layout. */
    public long rangeSize() { return rangeSize; }
    /** Bytes buffered per range in flight. */
    public int bufferSize() { return bufferSize; }
    /** Attempts per range, counting the first; a retry continues from the last byte written. */
    public int maxRangeAttempts() { return maxRangeAttempts; }
    /**
     * The part size the object was uploaded with, if known (0 if not). When it reproduces the ETag's part count,
     * a composite ETag mismatch is a {@link VerificationException} rather than a size-only verification.
     */
    public long partSizeHint() { return partSizeHint; }
    /**
     * Whether a failed download keeps its temporary file {@code .<name>.s3pump.part} and a state file
     * {@code .<name>.s3pump.state} next to the target, so that the same download run again with this option
     * fetches only the missing ranges (if the object's ETag and size are unchanged). Without it, the temporary file
     * is removed on failure.
     */
    public boolean keepPartial() { return keepPartial; }
    public TransferListener listener() { return listener; }

    /** Collects download settings; not thread-safe. */
    public static final class Builder {
        private int concurrency = 8;
        private long rangeSize = PartSizing.DEFAULT_PART_SIZE;
        private int bufferSize = 256 * 1024;
        private int maxRangeAttempts = 4;
        private long partSizeHint;
        private boolean keepPartial;
        private TransferListener listener = TransferListener.NONE;

        private Builder() {}

        /** @throws IllegalArgumentException unless 1 ≤ {@code n} ≤ 1024 */
        public Builder concurrency(int n) {
            if (n < 1 || n > 1024) throw new IllegalArgumentException("concurrency must be between 1 and 1024: " + n);
            this.concurrency = n;
            return this;
        }

        /** @throws IllegalArgumentException unless 64 KiB ≤ {@code bytes} ≤ 5 GiB */
        public Builder rangeSize(long bytes) {
            if (bytes < 64 * 1024 || bytes > PartPlan.MAX_PART_SIZE)
                throw new IllegalArgumentException("range size must be between 64 KiB and 5 GiB: " + bytes);
            this.rangeSize = bytes;
            return this;
        }

        /** @throws IllegalArgumentException unless 4 KiB ≤ {@code bytes} ≤ 64 MiB */
        public Builder bufferSize(int bytes) {
            if (bytes < 4096 || bytes > 64 << 20)
                throw new IllegalArgumentException("buffer size must be between 4 KiB and 64 MiB: " + bytes);
            this.bufferSize = bytes;
            return this;
        }

        /** @throws IllegalArgumentException unless 1 ≤ {@code n} ≤ 100 */
        public Builder maxRangeAttempts(int n) {
            if (n < 1 || n > 100) throw new IllegalArgumentException("attempts must be between 1 and 100: " + n);
            this.maxRangeAttempts = n;
            return this;
        }

        /** @throws IllegalArgumentException if negative */
        public Builder partSizeHint(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("part size hint is negative: " + bytes);
            this.partSizeHint = bytes;
            return this;
        }

        public Builder keepPartial(boolean keep) {
            this.keepPartial = keep;
            return this;
        }

        public Builder listener(TransferListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public DownloadOptions build() {
            return new DownloadOptions(this);
        }
    }
}
