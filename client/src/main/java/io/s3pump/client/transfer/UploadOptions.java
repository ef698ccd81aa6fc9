package io.s3pump.client.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of an upload. Immutable and thread-safe; build with {@link #builder()}, or use {@link #defaults()}.
 *
 * <p>Defaults: {@link PartSizing#auto()} (8 MiB parts), at most 10,000 parts, single PutObject below 8 MiB,
 * 8 requests in flight, journals in {@code $XDG_STATE_HOME/s3pump/journals} (or
 * {@code ~/.local/state/s3pump/journals}), resume from a matching journal, abort on failure, no listener.
 */
public final class UploadOptions {
    private final PartSizing sizing;
    private final int maxParts;
    private final long singlePutThreshold;
    private final int concurrency;
    private final Path journalDir;
    private final boolean resume;
    private final boolean keepResumable;
    private final TransferListener listener;
    private final LocalMd5 localMd5;
    private final String contentType;

    /**
     * Whether each part's MD5 is computed locally, so that the object's ETag is checked against the local bytes.
     * MD5 costs about 1.5 CPU-s per GiB on this project's machines, which the server's side of a CPU-bound
     * upload pays for.
     */
    public enum LocalMd5 {
        /**
         * Hash unless the client's integrity mode lets the server verify every byte (signed SHA-256 payload):
         * then the ETag is checked against the part ETags the server returned. With Content-MD5 the MD5 is
         * needed anyway and reused.
         */
        AUTO,
        /** Always hash, whatever the integrity mode. */
        ALWAYS,
        /** Never hash beyond what the integrity mode needs (Content-MD5 still computes it, and it is reused). */
        NEVER
    }

    private UploadOptions(Builder b) {
        this.sizing = b.sizing;
        this.maxParts = b.maxParts;
        this.singlePutThreshold = b.singlePutThreshold;
        this.concurrency = b.concurrency;
        this.journalDir = b.journalDir;
        this.resume = b.resume;
        this.keepResumable = b.keepResumable;
        this.listener = b.listener;
        this.localMd5 = b.localMd5;
        this.contentType = b.contentType;
    }

    public static UploadOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().sizing(sizing).maxParts(maxParts).singlePutThreshold(singlePutThreshold)
                .concurrency(concurrency).journalDir(journalDir).resume(resume).keepResumable(keepResumable)
                .listener(listener).localMd5(localMd5).contentType(contentType);
    }

    /** The object's {@code Content-Type}, or {@code null} for {@code application/octet-stream}. */
    public String contentType() { return contentType; }

    public PartSizing sizing() { return sizing; }
    /** The part limit of the server (RGW's {@code rgw_multipart_part_upload_limit}), at most 10,000. */
    public int maxParts() { return maxParts; }
    /** Objects smaller than this many bytes go up in one PutObject. */
    public long singlePutThreshold() { return singlePutThreshold; }
    /** Parts in flight at once. */
    public int concurrency() { return concurrency; }
    /** Where resume journals live: the configured directory, else {@link #defaultJournalDir()}. */
    public Path journalDir() { return journalDir != null ? journalDir : defaultJournalDir(); }

    /**
     * The default journal directory: {@code $XDG_STATE_HOME/s3pump/journals} when {@code XDG_STATE_HOME} is an
     * absolute path, else {@code ~/.local/state/s3pump/journals}.
     */
    public static Path defaultJournalDir() {
        return io.s3pump.client.internal.transfer.JournalStore.defaultDir();
    }
    /** Whether a journal for the same bucket, key and unchanged file resumes that upload. */
    public boolean resume() { return resume; }
    /** Whether a failed upload is left open with its journal (instead of aborted) so that it can be resumed. */
    public boolean keepResumable() { return keepResumable; }
    /** Events per finished part (uploads send each part in one request, so there is nothing finer to count). */
    public TransferListener listener() { return listener; }
    public LocalMd5 localMd5() { return localMd5; }

    /** Plans an upload of {@code size} bytes with these settings (see {@link PartPlan#plan}). */
    public PartPlan plan(long size) {
        return PartPlan.plan(size, sizing, maxParts, singlePutThreshold);
    }

    @Override
    public String toString() {
        return "UploadOptions[sizing=" + sizing + ", maxParts=" + maxParts + ", singlePutThreshold="
                + singlePutThreshold + ", concurrency=" + concurrency + ", journalDir=" + journalDir + ", resume="
                + resume + ", keepResumable=" + keepResumable + ", localMd5=" + localMd5 + ", contentType=" + contentType + "]";
    }

    /** Collects upload settings; not thread-safe. */
    public static final class Builder {
        private PartSizing sizing = PartSizing.auto();
        private int maxParts = PartPlan.MAX_PARTS;
        private long singlePutThreshold = PartPlan.DEFAULT_SINGLE_PUT_THRESHOLD;
        private int concurrency = 8;
        private Path journalDir;
        private boolean resume = true;
        private boolean keepResumable;
        private TransferListener listener = TransferListener.NONE;
        private LocalMd5 localMd5 = LocalMd5.AUTO;
        private String contentType;

        private Builder() {}

        /** The object's {@code Content-Type}; {@code null} (the default) for {@code application/octet-stream}. */
        public Builder contentType(String type) {
            if (type != null && (type.isBlank() || type.chars().anyMatch(c -> c < 0x20 || c >= 0x7f)))
                throw new IllegalArgumentException("content type must be printable ASCII: " + type);
            this.contentType = type;
            return this;
        }

        public Builder localMd5(LocalMd5 mode) {
            this.localMd5 = Objects.requireNonNull(mode, "localMd5");
            return this;
        }

        public Builder sizing(PartSizing sizing) {
            this.sizing = Objects.requireNonNull(sizing, "sizing");
            return this;
        }

        /** @throws IllegalArgumentException unless 1 ≤ {@code maxParts} ≤ 10,000 */
        public Builder maxParts(int maxParts) {
            if (maxParts < 1 || maxParts > PartPlan.MAX_PARTS)
                throw new IllegalArgumentException("max parts must be between 1 and 10,000: " + maxParts);
            this.maxParts = maxParts;
            return this;
        }

        /** @throws IllegalArgumentException unless 0 ≤ {@code bytes} ≤ 5 GiB */
        public Builder singlePutThreshold(long bytes) {
            if (bytes < 0 || bytes > PartPlan.MAX_PART_SIZE)
                throw new IllegalArgumentException("single-put threshold must be between 0 and 5 GiB: " + bytes);
            this.singlePutThreshold = bytes;
            return this;
        }

        /** @throws IllegalArgumentException unless 1 ≤ {@code n} ≤ 1024 */
        public Builder concurrency(int n) {
            if (n < 1 || n > 1024) throw new IllegalArgumentException("concurrency must be between 1 and 1024: " + n);
            this.concurrency = n;
            return this;
        }

        /** The journal directory (the user's config decides); {@code null} restores the default. */
        public Builder journalDir(Path dir) {
            this.journalDir = dir;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder keepResumable(boolean keep) {
            this.keepResumable = keep;
            return this;
        }

        public Builder listener(TransferListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public UploadOptions build() {
            return new UploadOptions(this);
        }
    }
}
