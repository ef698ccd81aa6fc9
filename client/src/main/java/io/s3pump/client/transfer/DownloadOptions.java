package io.s3pump.client.transfer;

import java.util.Objects;

/**
 * Settings of a download. Immutable and thread-safe; build with {@link #builder()}, or use {@link #defaults()}.
 *
 * <p>Defaults: 8 ranges in flight, 8 MiB ranges when the ETag does not dictate them, a 256 KiB buffer per range
 * in flight (memory is bounded by concurrency × buffer, whatever the object size), 4 attempts per range, no part
 * size hint, the temporary file removed on failure, the ETag verified, no listener.
 */
public final class DownloadOptions {
    private final int concurrency;
    private final long rangeSize;
    private final int bufferSize;
    private final int maxRangeAttempts;
    private final long partSizeHint;
    private final boolean keepPartial;
    private final boolean verifyEtag;
    private final TransferListener listener;
    private final long listedSize;
    private final String listedEtag;

    private DownloadOptions(Builder b) {
        this.concurrency = b.concurrency;
        this.rangeSize = b.rangeSize;
        this.bufferSize = b.bufferSize;
        this.maxRangeAttempts = b.maxRangeAttempts;
        this.partSizeHint = b.partSizeHint;
        this.keepPartial = b.keepPartial;
        this.verifyEtag = b.verifyEtag;
        this.listener = b.listener;
        this.listedSize = b.listedSize;
        this.listedEtag = b.listedEtag;
    }

    public static DownloadOptions defaults() {
        return builder().build();
    }

    /** The listed size given with {@link Builder#listed}, or -1. */
    public long listedSize() {
        return listedSize;
    }

    /** The listed ETag given with {@link Builder#listed}, or {@code null}. */
    public String listedEtag() {
        return listedEtag;
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
     * Whether a download continues a partial download of the same target, and keeps its own partial download when
     * it fails.
     *
     * <p>Every download writes into {@code .<name>.s3pump.part} next to the target and records each finished range
     * (with its MD5 when hashed) in {@code .<name>.s3pump.state} as it goes: at most one durable write per half
     * second, each after forcing the data it vouches for. So a download killed outright ({@code kill -9}, a crash,
     * a power loss) can always be continued. With this option a download finds those files and fetches only the
     * ranges the state does not list, if the object's ETag and size are unchanged; a recorded MD5 is trusted, a
     * range recorded without one is rehashed from the file when the ETag needs it, and the whole file is verified
     * as usual. It also keeps both files when it fails. Without this option a download starts over (removing
     * what an earlier one left) and removes both files when it fails.
     *
     * <p>While a download runs it holds a lock on its temporary file; a second download to the same target at the
     * same time uses a private temporary name instead, and is not resumable.
     */
    public boolean keepPartial() { return keepPartial; }
    /**
     * Whether the downloaded bytes are hashed with MD5 to check the object's ETag (when the ETag is MD5-based).
     * When false no MD5 is computed at all (about 1.5 CPU-s per GiB saved) and only the size is checked; the result's
     * {@link Verification} says so ({@link Verification.Level#SIZE_ONLY}).
     */
    public boolean verifyEtag() { return verifyEtag; }
    public TransferListener listener() { return listener; }

    /** Collects download settings; not thread-safe. */
    public static final class Builder {
        private int concurrency = 8;
        private long rangeSize = PartSizing.DEFAULT_PART_SIZE;
        private int bufferSize = 256 * 1024;
        private int maxRangeAttempts = 4;
        private long partSizeHint;
        private boolean keepPartial;
        private boolean verifyEtag = true;
        private TransferListener listener = TransferListener.NONE;
        private long listedSize = -1;
        private String listedEtag;

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

        public Builder verifyEtag(boolean verify) {
            this.verifyEtag = verify;
            return this;
        }

        public Builder listener(TransferListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The object's size and ETag as a listing (ListObjectsV2) just showed them: the download then sends no HEAD,
         * which for a small object halves its requests. Its GETs still carry {@code If-Match} with this ETag, so an
         * object replaced since the listing fails the download (412) instead of mixing versions. Not for an empty
         * object, which has no GET to carry the guard: that one is still HEADed.
         */
        public Builder listed(long size, String eTag) {
            if (size < 0) throw new IllegalArgumentException("negative size " + size);
            this.listedSize = size;
            this.listedEtag = Objects.requireNonNull(eTag, "eTag");
            return this;
        }

        public DownloadOptions build() {
            return new DownloadOptions(this);
        }
    }
}
