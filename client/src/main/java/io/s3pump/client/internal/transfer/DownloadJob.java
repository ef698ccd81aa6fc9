package io.s3pump.client.internal.transfer;

import io.s3pump.client.S3Exception;
import io.s3pump.client.transfer.DownloadOptions;
import io.s3pump.client.transfer.DownloadResult;
import io.s3pump.client.transfer.Verification;
import io.s3pump.client.transfer.VerificationException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One download: HEAD, then parallel ranged GETs (guarded by {@code If-Match}) written with positional writes into
 * a preallocated temporary file next to the target, each range hashed with MD5 while it streams when the ETag
 * can be recomputed; then verification, and only then an atomic rename onto the target.
 */
public final class DownloadJob {
    private static final System.Logger LOG = System.getLogger(DownloadJob.class.getName());

    private final ObjectStore store;
    private final LongSupplier nanoTime;
    private final String bucket;
    private final String key;
    private final Path target;
    private final DownloadOptions options;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /**
     * Range buffers handed from one finished range to the next: at most one per range in flight. Direct, so that
     * a body read from the socket lands in it with one kernel copy and goes to the file with one more, with no copy
     * in Java (a heap buffer costs two: the JDK stages both the read and the write in a temporary direct buffer).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<ByteBuffer> buffers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public DownloadJob(ObjectStore store, LongSupplier nanoTime, String bucket, String key, Path target,
                       DownloadOptions options) {
        this.store = Objects.requireNonNull(store);
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** How the object is cut into ranges, and what can be checked. */
    private record Layout(long rangeSize, int ranges, Check check, String detail) {}

    private enum Check { COMPOSITE_STRICT, COMPOSITE_GUESSED, WHOLE_MD5, SIZE }

    private Layout layout(long size, String etag) {
        long rangeSize = options.rangeSize();
        OptionalInt n = Etags.partCount(etag);
        if (n.isPresent()) {
            OptionalLong guess = PartSizeGuess.guess(size, n.getAsInt(), options.partSizeHint());
            if (guess.isPresent()) {
                long ps = guess.getAsLong();
                boolean strict = n.getAsInt() == 1 || ps == options.partSizeHint();
                return new Layout(ps, n.getAsInt(), strict ? Check.COMPOSITE_STRICT : Check.COMPOSITE_GUESSED,
                        "part size " + ps);
            }
            return new Layout(rangeSize, ranges(size, rangeSize), Check.SIZE,
                    "no part size gives " + n.getAsInt() + " parts for " + size + " bytes");
        }
        if (Etags.isPlainMd5(etag)) return new Layout(rangeSize, ranges(size, rangeSize), Check.WHOLE_MD5, "single put");
        return new Layout(rangeSize, ranges(size, rangeSize), Check.SIZE, "ETag " + etag + " is not MD5-based");
    }

    private static int ranges(long size, long rangeSize) {
        return (int) Math.max(1, Math.ceilDiv(size, rangeSize));
    }

    public DownloadResult run() throws IOException {
        long start = nanoTime.getAsLong();
        ObjectStore.Head head = store.headObject(bucket, key);
        String etag = Etags.normalize(head.etag());
        long size = head.size();
        Layout layout = layout(size, etag);
        int ranges = size == 0 ? 0 : layout.ranges();
        ProgressTracker tracker = new ProgressTracker(options.listener(), nanoTime, size, ranges);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // A resumable download has a fixed temporary name (and a state file beside it) so that a rerun finds it.
        Path tmp = dir.resolve("." + target.getFileName() + (options.keepPartial() ? ".s3pump.part"
                : ".s3pump-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".part"));
        Path statePath = dir.resolve("." + target.getFileName() + ".s3pump.state");
        Md5Digest[] md5s = new Md5Digest[ranges];
        boolean[] done = new boolean[ranges];
        boolean resumed = options.keepPartial() && resumeState(statePath, tmp, etag, size, layout.rangeSize(), md5s, done, tracker);
        boolean ok = false;
        try {
            var openOptions = resumed
                    ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
                    : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE};
            if (!resumed && options.keepPartial()) Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, openOptions)) {
                // Preallocate the length: positional writes then fill holes and never extend the file.
                if (size > 0 && ch.size() != size) ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
                boolean hashRanges = layout.check() == Check.COMPOSITE_STRICT || layout.check() == Check.COMPOSITE_GUESSED
                        || (layout.check() == Check.WHOLE_MD5 && ranges == 1);
                fetchAll(ch, etag, size, layout.rangeSize(), ranges, hashRanges, md5s, done, tracker);
                if (ch.size() != size) throw new VerificationException("size of " + tmp, size + " bytes", ch.size() + " bytes");
                Verification v = verify(ch, size, etag, layout, md5s);
                ok = true;
                moveIntoPlace(tmp);
                Files.deleteIfExists(statePath);
                return new DownloadResult(bucket, key, target, size, ranges, layout.rangeSize(), etag,
                        Duration.ofNanos(nanoTime.getAsLong() - start), v);
            }
        } finally {
            if (!ok) {
                if (options.keepPartial() && Files.exists(tmp)) {
                    TreeMap<Integer, Md5Digest> finished = new TreeMap<>();
                    for (int i = 0; i < ranges; i++) if (done[i]) finished.put(i, md5s[i]);
                    new DownloadState(etag, size, layout.rangeSize(), finished).save(statePath);
                    LOG.log(System.Logger.Level.INFO, () -> "kept partial download " + tmp + " (" + finished.size()
                            + " of " + ranges + " ranges); downloading again with keepPartial resumes it");
                } else {
                    Files.deleteIfExists(tmp);
                    Files.deleteIfExists(statePath);
                }
            }
        }
    }

    /** Loads a kept partial download of the same object version; false (and cleaned up) if there is none. */
    private boolean resumeState(Path statePath, Path tmp, String etag, long size, long rangeSize, Md5Digest[] md5s,
                                boolean[] done, ProgressTracker tracker) throws IOException {
        Optional<DownloadState> state;
        try {
            state = DownloadState.load(statePath);
        } catch (IOException e) {
            state = Optional.empty();
        }
        if (state.isEmpty() || !Files.exists(tmp) || !state.get().etag().equals(etag) || state.get().size() != size
                || state.get().rangeSize() != rangeSize) {
            Files.deleteIfExists(statePath);
            return false;
        }
        for (int i : state.get().done().keySet()) {
            if (i < 0 || i >= done.length) continue;
            done[i] = true;
            md5s[i] = state.get().md5(i);
            tracker.skipped(Math.min(size, (i + 1) * rangeSize) - i * rangeSize);
        }
        Files.deleteIfExists(statePath);
        return true;
    }

    private Verification verify(FileChannel ch, long size, String etag, Layout layout, Md5Digest[] md5s)
            throws IOException {
        String where = "ETag of s3://" + bucket + "/" + key;
        switch (layout.check()) {
            case COMPOSITE_STRICT, COMPOSITE_GUESSED -> {
                for (int i = 0; i < md5s.length; i++) {
                    // a resumed range that was fetched without hashing: hash it from the file now
                    if (md5s[i] == null) {
                        long first = i * layout.rangeSize();
                        md5s[i] = hashFile(ch, first, Math.min(size, first + layout.rangeSize()) - first);
                    }
                }
                String computed = Etags.composite(List.of(md5s));
                if (computed.equals(etag))
                    return new Verification(Verification.Level.SIZE_AND_ETAG, "size " + size + " and ETag " + etag
                            + " match the MD5s of the downloaded bytes (" + layout.detail() + ")");
                if (layout.check() == Check.COMPOSITE_STRICT) throw new VerificationException(where, etag, computed);
                return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; the ETag " + etag
                        + " was not reproduced with the guessed " + layout.detail()
                        + " (the uploader's part size is unknown; pass it as a hint to check the ETag)");
            }
            case WHOLE_MD5 -> {
                Md5Digest md5 = md5s.length == 1 && md5s[0] != null ? md5s[0] : hashFile(ch, 0, size);
                if (md5 == null) md5 = Md5Digest.of(ByteBuffer.allocate(0));
                if (!md5.hex().equals(etag)) throw new VerificationException(where, etag, md5.hex());
                return new Verification(Verification.Level.SIZE_AND_ETAG,
                        "size " + size + " and ETag " + etag + " match the MD5 of the downloaded bytes");
            }
            case SIZE -> {
                return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; " + layout.detail());
            }
        }
        throw new AssertionError(layout.check());
    }

    /** MD5 of the whole temporary file, mapped in 64 MiB windows (a single-put ETag cannot be hashed in ranges). */
    private static Md5Digest hashFile(FileChannel ch, long from, long length) throws IOException {
        MessageDigest md = Md5Digest.newMd5();
        long window = 64L << 20;
        for (long off = 0; off < length; off += window) {
            try (Arena arena = Arena.ofConfined()) {
                var seg = ch.map(FileChannel.MapMode.READ_ONLY, from + off, Math.min(window, length - off), arena);
                for (long o = 0; o < seg.byteSize(); o += 1 << 20)
                    md.update(seg.asSlice(o, Math.min(1 << 20, seg.byteSize() - o)).asByteBuffer());
            }
        }
        return Md5Digest.of(md.digest());
    }

    private void moveIntoPlace(Path tmp) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void fetchAll(FileChannel ch, String etag, long size, long rangeSize, int ranges, boolean hash,
                          Md5Digest[] md5s, boolean[] done, ProgressTracker tracker) throws IOException {
        Semaphore inFlight = new Semaphore(options.concurrency());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try (executor) {
            for (int i = 0; i < ranges; i++) {
                if (failure.get() != null) break;
                if (done[i]) continue;
                try {
                    inFlight.acquire();
                } catch (InterruptedException e) {
                    record(new InterruptedIOException("download interrupted"));
                    executor.shutdownNow();
                    break;
                }
                int index = i;
                long first = i * rangeSize;
                long last = Math.min(size, first + rangeSize) - 1;
                executor.submit(() -> {
                    try {
                        if (failure.get() == null) {
                            md5s[index] = fetch(ch, etag, first, last, hash, tracker);
                            done[index] = true;
                        }
                    } catch (Throwable t) {
                        record(t);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (Thread.interrupted()) record(new InterruptedIOException("download interrupted"));
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof IOException io) throw io;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            throw new IOException(f);
        }
    }

    private void record(Throwable t) {
        if (!failure.compareAndSet(null, t) && failure.get() != t && !(t instanceof InterruptedIOException))
            failure.get().addSuppressed(t);
    }

    /** Fetches one range; a transport failure resumes from the last byte written, up to the attempt limit. */
    private Md5Digest fetch(FileChannel ch, String etag, long first, long last, boolean hash, ProgressTracker tracker)
            throws IOException, InterruptedException {
        MessageDigest md = hash ? Md5Digest.newMd5() : null;
        int want = (int) Math.min(options.bufferSize(), last - first + 1);
        ByteBuffer buf = buffers.poll();
        if (buf == null || buf.capacity() < want) buf = ByteBuffer.allocateDirect(want);
        try {
            return fetch(ch, etag, first, last, md, buf, tracker);
        } finally {
            buffers.offer(buf);
        }
    }

    private Md5Digest fetch(FileChannel ch, String etag, long first, long last, MessageDigest md, ByteBuffer buf,
                            ProgressTracker tracker) throws IOException, InterruptedException {
        ProgressTracker.PartCounter counter = tracker.part(last - first + 1);
        long pos = first;
        int attempt = 0;
        while (true) {
            try (InputStream in = store.getRange(bucket, key, pos, last, etag)) {
                // The client's bodies are channels that read from the socket straight into a direct buffer.
                ReadableByteChannel body = in instanceof ReadableByteChannel c ? c : Channels.newChannel(in);
                while (pos <= last) {
                    buf.clear().limit((int) Math.min(buf.capacity(), last - pos + 1));
                    while (buf.hasRemaining() && body.read(buf) >= 0) {
                        // fill the buffer: fewer, larger writes and digest updates
                    }
                    int r = buf.flip().remaining();
                    if (r == 0) break;
                    if (md != null) md.update(buf.duplicate());
                    long p = pos;
                    while (buf.hasRemaining()) p += ch.write(buf, p);
                    pos += r;
                    counter.advance(r);
                }
                if (pos <= last)
                    throw new EOFException("range " + first + "-" + last + " ended early at byte " + pos);
                counter.done();
                return md == null ? null : Md5Digest.of(md.digest());
            } catch (IOException e) {
                if (e instanceof S3Exception s && s.status() == 412)
                    throw new IOException("s3://" + bucket + "/" + key + " changed during the download (ETag is no"
                            + " longer " + etag + ")", e);
                // An error answer was already retried by the client; here only a body that broke off is resumed.
                if (e instanceof InterruptedIOException || e instanceof S3Exception || ++attempt >= options.maxRangeAttempts())
                    throw e;
                long backoff = ThreadLocalRandom.current().nextLong(100L << Math.min(attempt, 6));
                long at = pos;
                LOG.log(System.Logger.Level.DEBUG, () -> "range " + first + "-" + last + " failed at byte " + at
                        + ", retrying: " + e);
                Thread.sleep(backoff);
            }
        }
    }
}
