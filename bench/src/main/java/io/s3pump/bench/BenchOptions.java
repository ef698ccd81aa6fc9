package io.s3pump.bench;

import io.s3pump.client.transfer.PartPlan;
import io.s3pump.client.transfer.UploadOptions.LocalMd5;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a benchmark run. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p>Defaults: a 1 GiB random test file in {@code java.io.tmpdir} (reused when present), 8 MiB parts, 8 in flight,
 * 3 rounds of upload then download, no warm-up, part latency measured, the server processes found from the
 * endpoint's port, every available core counted, the engine's default local MD5 policy.
 */
public final class BenchOptions {
    private final long size;
    private final long partSize;
    private final int concurrency;
    private final int rounds;
    private final long warmupBytes;
    private final Direction direction;
    private final Path file;
    private final Path workDir;
    private final String key;
    private final boolean keepObjects;
    private final boolean partLatency;
    private final List<Long> serverPids;
    private final int cores;
    private final LocalMd5 localMd5;

    private BenchOptions(Builder b) {
        this.size = b.size;
        this.partSize = b.partSize;
        this.concurrency = b.concurrency;
        this.rounds = b.rounds;
        this.warmupBytes = b.warmupBytes;
        this.direction = b.direction;
        this.workDir = b.workDir != null ? b.workDir : Path.of(System.getProperty("java.io.tmpdir"));
        this.file = b.file != null ? b.file : workDir.resolve("s3pump-bench-" + b.size + ".bin");
        this.key = b.key;
        this.keepObjects = b.keepObjects;
        this.partLatency = b.partLatency;
        this.serverPids = List.copyOf(b.serverPids);
        this.cores = b.cores > 0 ? b.cores : Runtime.getRuntime().availableProcessors();
        this.localMd5 = b.localMd5;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Size of the test file in bytes. */
    public long size() { return size; }
    /** Part size (and range size of downloads) in bytes. */
    public long partSize() { return partSize; }
    /** Parts or ranges in flight. */
    public int concurrency() { return concurrency; }
    /** Measured rounds. */
    public int rounds() { return rounds; }
    /** Bytes uploaded (whole test-file uploads, rounded up) before the rounds, to settle the server; 0 for none. */
    public long warmupBytes() { return warmupBytes; }
    public Direction direction() { return direction; }
    /** The test file: made with random bytes unless it exists with exactly {@link #size()} bytes. */
    public Path file() { return file; }
    /** Where the test file (by default) and downloads go. */
    public Path workDir() { return workDir; }
    /**
     * The object key, or {@code null} for a fresh key per round under {@code s3pump-bench/}. With
     * {@link Direction#DOWN} a given key names an existing object that is downloaded and never deleted.
     */
    public String key() { return key; }
    /** Whether uploaded objects are kept instead of deleted after each round. */
    public boolean keepObjects() { return keepObjects; }
    /** Whether part latency is measured (through a JFR stream, which costs a little CPU). */
    public boolean partLatency() { return partLatency; }
    /** The server's pids to charge CPU to; empty to find radosgw and its OSDs from the endpoint. */
    public List<Long> serverPids() { return serverPids; }
    /** Cores shared by client and server, for the ceiling. */
    public int cores() { return cores; }
    public LocalMd5 localMd5() { return localMd5; }

    @Override
    public String toString() {
        return "BenchOptions[size=" + size + ", partSize=" + partSize + ", concurrency=" + concurrency + ", rounds="
                + rounds + ", warmup=" + warmupBytes + ", direction=" + direction + ", file=" + file + ", key=" + key
                + ", keepObjects=" + keepObjects + ", partLatency=" + partLatency + ", serverPids=" + serverPids
                + ", cores=" + cores + ", localMd5=" + localMd5 + "]";
    }

    /** Collects settings; not thread-safe. */
    public static final class Builder {
        private long size = Units.GIB;
        private long partSize = 8 * Units.MIB;
        private int concurrency = 8;
        private int rounds = 3;
        private long warmupBytes;
        private Direction direction = Direction.BOTH;
        private Path file;
        private Path workDir;
        private String key;
        private boolean keepObjects;
        private boolean partLatency = true;
        private List<Long> serverPids = List.of();
        private int cores;
        private LocalMd5 localMd5 = LocalMd5.AUTO;

        private Builder() {}

        /** @throws IllegalArgumentException unless 1 ≤ {@code bytes} ≤ 5 TiB */
        public Builder size(long bytes) {
            if (bytes < 1 || bytes > PartPlan.MAX_OBJECT_SIZE)
                throw new IllegalArgumentException("size must be between 1 byte and 5 TiB: " + bytes);
            this.size = bytes;
            return this;
        }

        /** @throws IllegalArgumentException unless 5 MiB ≤ {@code bytes} ≤ 5 GiB */
        public Builder partSize(long bytes) {
            if (bytes < PartPlan.MIN_PART_SIZE || bytes > PartPlan.MAX_PART_SIZE)
                throw new IllegalArgumentException("part size must be between 5 MiB and 5 GiB: " + bytes);
            this.partSize = bytes;
            return this;
        }

        /** @throws IllegalArgumentException unless 1 ≤ {@code n} ≤ 1024 */
        public Builder concurrency(int n) {
            if (n < 1 || n > 1024) throw new IllegalArgumentException("concurrency must be between 1 and 1024: " + n);
            this.concurrency = n;
            return this;
        }

        /** @throws IllegalArgumentException unless 1 ≤ {@code n} ≤ 1000 */
        public Builder rounds(int n) {
            if (n < 1 || n > 1000) throw new IllegalArgumentException("rounds must be between 1 and 1000: " + n);
            this.rounds = n;
            return this;
        }

        /** @throws IllegalArgumentException if negative */
        public Builder warmupBytes(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("negative warm-up " + bytes);
            this.warmupBytes = bytes;
            return this;
        }

        public Builder direction(Direction d) {
            this.direction = Objects.requireNonNull(d, "direction");
            return this;
        }

        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** @throws IllegalArgumentException if empty */
        public Builder key(String key) {
            if (key != null && key.isEmpty()) throw new IllegalArgumentException("empty key");
            this.key = key;
            return this;
        }

        public Builder keepObjects(boolean keep) {
            this.keepObjects = keep;
            return this;
        }

        public Builder partLatency(boolean measure) {
            this.partLatency = measure;
            return this;
        }

        /** @throws IllegalArgumentException if a pid is not positive */
        public Builder serverPids(List<Long> pids) {
            for (long p : pids) if (p < 1) throw new IllegalArgumentException("bad pid " + p);
            this.serverPids = List.copyOf(pids);
            return this;
        }

        /** @throws IllegalArgumentException if negative; 0 means the available processors */
        public Builder cores(int n) {
            if (n < 0) throw new IllegalArgumentException("negative cores " + n);
            this.cores = n;
            return this;
        }

        public Builder localMd5(LocalMd5 mode) {
            this.localMd5 = Objects.requireNonNull(mode, "localMd5");
            return this;
        }

        public BenchOptions build() {
            return new BenchOptions(this);
        }
    }
}
