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
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
    private final BootId bootId;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /**
     * Range buffers handed from one finished range to the next: at most one per range in flight. Direct, so that
     * a body read from the socket lands in it with one kernel copy and goes to the file with one more, with no copy
     * in Java (a heap buffer costs two: the JDK stages both the read and the write in a temporary direct buffer).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<ByteBuffer> buffers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public DownloadJob(ObjectStore store, LongSupplier nanoTime, BootId bootId, String bucket, String key, Path target,
                       DownloadOptions options) {
        this.bootId = Objects.requireNonNull(bootId, "bootId");
        this.store = Objects.requireNonNull(store);
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** How the object is cut into ranges, and what can be checked. */
    record Layout(long rangeSize, int ranges, Check check, String detail) {}

    enum Check { COMPOSITE_STRICT, COMPOSITE_GUESSED, WHOLE_MD5, SIZE }

    private Layout layout(long size, String etag) {
        return layout(size, etag, options);
    }

    /** The ranges to fetch {@code size} bytes with ETag {@code etag} in, and what they let a download check. */
    static Layout layout(long size, String etag, DownloadOptions options) {
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

    /** State saves are coalesced to at most one per this interval. */
    static final long STATE_INTERVAL_NANOS = 500_000_000L;

    /**
     * The temporary file. {@code lock} is held on the fixed name {@code .<name>.s3pump.part} while this job owns it;
     * {@code null} when another download to the same target holds that name, and this one uses a private name
     * that no one resumes.
     */
    private record Temp(Path path, FileChannel channel, FileLock lock) {}

    public DownloadResult run() throws IOException {
        long start = nanoTime.getAsLong();
        // A listing's size and ETag stand in for the HEAD, except for an empty object, which no guarded GET follows.
        ObjectStore.Head head = options.listedEtag() != null && options.listedSize() > 0
                ? new ObjectStore.Head(options.listedSize(), options.listedEtag())
                : store.headObject(bucket, key);
        String etag = Etags.normalize(head.etag());
        long size = head.size();
        Layout layout = layout(size, etag);
        int ranges = size == 0 ? 0 : layout.ranges();
        ProgressTracker tracker = new ProgressTracker(options.listener(), nanoTime, size, ranges);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Every download has a fixed temporary name and records its finished ranges in a state file beside it as
        // they finish, so that even a kill -9 leaves something that keepPartial (cp --resume) continues.
        Path statePath = dir.resolve(sideStem(target) + ".state");
        Temp temp = openTemp(dir);
        Path tmp = temp.path();
        String boot = bootId.current().orElse(null);
        Md5Digest[] md5s = new Md5Digest[ranges];
        boolean[] done = new boolean[ranges];
        Preallocation.Reservation reservation = Preallocation.Reservation.NONE;
        DownloadStateWriter state = null;
        int resumed = 0;
        boolean fetching = false;
        boolean ok = false;
        boolean keep = false;
        try (FileChannel ch = temp.channel()) {
            try {
                if (temp.lock() != null) {
                    resumed = options.keepPartial()
                            ? resumeState(ch, statePath, etag, size, layout.rangeSize(), boot, md5s, done, tracker) : -1;
                    if (resumed < 0) {
                        // not resuming: whatever a killed download left under this name starts over
                        resumed = 0;
                        ch.truncate(0);
                        deleteState(statePath);
                    }
                }
                if (size > 0) {
                    // Reserve the blocks (a full disk fails here, before any GET); else make the file sparse at its
                    // length. Positional writes then fill it and never extend it.
                    reservation = Preallocation.allocate(tmp, size);
                    if (ch.size() > size) ch.truncate(size);
                    if (!reservation.reserved() && ch.size() != size) ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
                }
                if (temp.lock() != null) {
                    TreeMap<Integer, Md5Digest> already = new TreeMap<>();
                    for (int i = 0; i < ranges; i++) if (done[i]) already.put(i, md5s[i]);
                    state = new DownloadStateWriter(statePath, ch, etag, size, layout.rangeSize(), boot, already,
                            nanoTime, STATE_INTERVAL_NANOS);
                }
                boolean hashRanges = options.verifyEtag() && (layout.check() == Check.COMPOSITE_STRICT
                        || layout.check() == Check.COMPOSITE_GUESSED || (layout.check() == Check.WHOLE_MD5 && ranges == 1));
                fetching = true;
                fetchAll(ch, etag, size, layout.rangeSize(), ranges, hashRanges, md5s, done, tracker, state);
                if (ch.size() != size) throw new VerificationException("size of " + tmp, size + " bytes", ch.size() + " bytes");
                Verification v = !options.verifyEtag()
                        ? new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; ETag check turned off")
                        : verify(ch, size, etag, layout, hashRanges, md5s, done, state);
                moveIntoPlace(tmp);
                ok = true;
                deleteState(statePath);
                return new DownloadResult(bucket, key, target, size, ranges, resumed, layout.rangeSize(), etag,
                        Duration.ofNanos(nanoTime.getAsLong() - start), v);
            } catch (Throwable t) {
                // A file that failed before its first GET holds no data, only (possibly) reserved blocks. Both
                // branches run while the channel (and its lock) is open, so no other download has taken the name.
                keep = !ok && options.keepPartial() && state != null && (fetching || resumed > 0);
                if (keep) {
                    try {
                        state.flush();   // may force the data first, which needs the channel
                    } catch (IOException e) {
                        t.addSuppressed(e);
                    }
                } else if (!ok) {
                    Files.deleteIfExists(tmp);
                    if (temp.lock() != null) deleteState(statePath);
                }
                throw t;
            }
        } finally {
            reservation.close();   // after the channel: closing it would drop the channel's lock
            if (keep) {
                int doneCount = 0;
                for (boolean d : done) if (d) doneCount++;
                int finished = doneCount;
                LOG.log(System.Logger.Level.INFO, () -> "kept partial download " + tmp + " (" + finished
                        + " of " + ranges + " ranges); downloading again with keepPartial resumes it");
            }
        }
    }

    /** Longest target name whose side files ({@code .NAME.s3pump.state.tmp}) stay within a 255-byte file name. */
    static final int MAX_PLAIN_SIDE_NAME = 200;

    /**
     * The name the temporary and state files of a download to {@code target} start with: {@code .NAME.s3pump}, or
     * for a name too long to take the suffixes, {@code .s3pump-} and a hash of the name (still one fixed name per
     * target, so that a resume finds it).
     */
    static String sideStem(Path target) {
        String name = target.getFileName().toString();
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PLAIN_SIDE_NAME) return "." + name + ".s3pump";
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ".s3pump-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    /** Removes the state file and the temporary file a killed save may have left. */
    private static void deleteState(Path statePath) throws IOException {
        Files.deleteIfExists(statePath);
        Files.deleteIfExists(DownloadState.tempFor(statePath));
    }

    /** Opens the fixed temporary name and locks it, or a private name if another download holds the lock. */
    private Temp openTemp(Path dir) throws IOException {
        Path fixed = dir.resolve(sideStem(target) + ".part");
        FileChannel ch = FileChannel.open(fixed, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // held by another download in this JVM
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock != null) return new Temp(fixed, ch, lock);
        ch.close();
        LOG.log(System.Logger.Level.INFO, () -> "another download to " + target + " is running; this one uses a"
                + " private temporary file and cannot be resumed");
        Path tmp = dir.resolve(sideStem(target) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".part");
        return new Temp(tmp, FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), null);
    }

    /**
     * Loads the recorded state of an earlier download of the same object version into {@code md5s} and
     * {@code done}: the number of ranges it finished, or -1 if there is nothing to resume. Ranges the state does not
     * list are fetched again, and so are listed ranges whose bytes in the file no longer give their recorded MD5,
     * and unhashed ones saved in another boot (their bytes may never have reached the disk). A kept unhashed range
     * is rehashed from the file if the ETag needs it.
     */
    private int resumeState(FileChannel ch, Path statePath, String etag, long size, long rangeSize, String boot,
                            Md5Digest[] md5s, boolean[] done, ProgressTracker tracker) throws IOException {
        Optional<DownloadState> loaded;
        try {
            loaded = DownloadState.load(statePath);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable download state " + statePath, e);
            return -1;
        }
        if (loaded.isEmpty() || !loaded.get().etag().equals(etag) || loaded.get().size() != size
                || loaded.get().rangeSize() != rangeSize)
            return -1;
        DownloadState state = loaded.get();
        boolean sameBoot = boot != null && boot.equals(state.boot());
        boolean forced = state.boot() == null;
        int count = 0;
        int dropped = 0;
        long length = ch.size();
        for (int i : state.done().keySet()) {
            if (i < 0 || i >= done.length) continue;
            long first = i * rangeSize;
            long end = Math.min(size, first + rangeSize);
            Md5Digest md5 = state.md5(i);
            // A range with its MD5 is kept only if the bytes in the file still give it: the state vouches for
            // what was written, not for what a reboot, a failed writeback or a remount left. One without (not
            // hashed) can only be trusted in the boot that wrote it, or if its data was forced before the save.
            boolean keep = md5 != null
                    ? end <= length && md5.equals(hashOrNull(ch, first, end - first))
                    : sameBoot || forced;
            if (!keep) {
                dropped++;
                continue;
            }
            done[i] = true;
            md5s[i] = md5;
            tracker.skipped(end - first);
            count++;
        }
        int resumed = count;
        int refetch = dropped;
        LOG.log(System.Logger.Level.INFO, () -> "resuming download of s3://" + bucket + "/" + key + ": " + resumed
                + " of " + done.length + " ranges already there" + (refetch == 0 ? "" : "; " + refetch
                + " listed ranges no longer match their MD5 or cannot be checked after a reboot, and are fetched again"));
        return count;
    }

    /** The MD5 of a range of the file, or {@code null} if it cannot be read (then the range is fetched again). */
    private Md5Digest hashOrNull(FileChannel ch, long from, long length) {
        try {
            return hashFile(ch, from, length);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "could not reread bytes " + from + "+" + length + " of the kept"
                    + " partial download: " + e);
            return null;
        }
    }

    /**
     * Checks the downloaded bytes against the ETag. A mismatch is not trusted at once: the object is read a second
     * time, which tells a transfer that damaged bytes (the second read differs from the first, and may match) from
     * bytes that are what the server holds (both reads agree). Only the second case, with a layout known to be the
     * uploader's, is a verification failure; with a guessed layout it means the guess was wrong, and only the size is
     * vouched for.
     */
    private Verification verify(FileChannel ch, long size, String etag, Layout layout, boolean hashRanges,
                                Md5Digest[] md5s, boolean[] done, DownloadStateWriter state) throws IOException {
        String where = "ETag of s3://" + bucket + "/" + key;
        if (layout.check() == Check.SIZE)
            return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; " + layout.detail());
        String first = computedEtag(ch, size, layout, md5s);
        if (first.equals(etag)) return matched(size, etag, layout, "");
        if (layout.check() == Check.COMPOSITE_GUESSED && !PartSizeGuess.isCommon(size, layout.rangeSize())) {
            // Only the smallest size that fits could be guessed: most likely the uploader used another one, and
            // a second read would tell nothing new.
            return guessMissed(size, etag, layout, "");
        }
        LOG.log(System.Logger.Level.INFO, () -> "the downloaded bytes give ETag " + first + ", not " + etag
                + "; reading s3://" + bucket + "/" + key + " again to tell a damaged transfer from an unknown layout");
        java.util.Arrays.fill(done, false);
        java.util.Arrays.fill(md5s, null);
        ProgressTracker quiet = new ProgressTracker(io.s3pump.client.transfer.TransferListener.NONE, nanoTime, size,
                md5s.length);
        fetchAll(ch, etag, size, layout.rangeSize(), md5s.length, hashRanges, md5s, done, quiet, state);
        String second = computedEtag(ch, size, layout, md5s);
        if (second.equals(etag)) return matched(size, etag, layout, " on a second read (the first read was damaged)");
        if (!second.equals(first))
            throw new VerificationException(where + " (two reads of the object gave different bytes)", etag, second);
        if (layout.check() != Check.COMPOSITE_GUESSED) throw new VerificationException(where, etag, second);
        return guessMissed(size, etag, layout, " in two reads");
    }

    /** Only the size is vouched for: the ETag did not come out with a part size that was guessed ({@code how}). */
    static Verification guessMissed(long size, String etag, Layout layout, String how) {
        return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; the ETag " + etag
                + " was not reproduced with the guessed " + layout.detail() + how + " (the uploader's part size is"
                + " unknown; give it as the part size to check the ETag)");
    }

    private static Verification matched(long size, String etag, Layout layout, String how) {
        return new Verification(Verification.Level.SIZE_AND_ETAG, "size " + size + " and ETag " + etag
                + (layout.check() == Check.WHOLE_MD5 ? " match the MD5 of the downloaded bytes"
                        : " match the MD5s of the downloaded bytes (" + layout.detail() + ")") + how);
    }

    /** The ETag the temporary file's bytes give under {@code layout}: hashed while they streamed, or from the file. */
    private String computedEtag(FileChannel ch, long size, Layout layout, Md5Digest[] md5s) throws IOException {
        if (layout.check() == Check.WHOLE_MD5) {
            Md5Digest md5 = md5s.length == 1 && md5s[0] != null ? md5s[0] : hashFile(ch, 0, size);
            return md5.hex();
        }
        for (int i = 0; i < md5s.length; i++) {
            // a range that was resumed (or fetched) without hashing: hash it from the file now
            if (md5s[i] == null) {
                long first = i * layout.rangeSize();
                md5s[i] = hashFile(ch, first, Math.min(size, first + layout.rangeSize()) - first);
            }
        }
        // An empty object uploaded as one empty part: its ETag is the composite of the empty MD5
        return Etags.composite(md5s.length == 0 ? List.of(Md5Digest.of(ByteBuffer.allocate(0))) : List.of(md5s));
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
                          Md5Digest[] md5s, boolean[] done, ProgressTracker tracker, DownloadStateWriter state)
            throws IOException {
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
                            if (state != null) state.finished(index, md5s[index]);
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
        if (!failure.compareAndSet(null, t) && failure.get() != t && !Interruptions.isInterruption(t))
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
                // An interrupt during a write closes the file channel that all ranges share (ClosedByInterrupt):
                // nothing can be written any more, so no range retries against it.
                if (Interruptions.isInterruption(e) || e instanceof S3Exception || !ch.isOpen()
                        || ++attempt >= options.maxRangeAttempts())
                    throw e;
                long backoff = ThreadLocalRandom.current().nextLong(100L << Math.min(attempt, 6));
                long at = pos;
                LOG.log(System.Logger.Level.DEBUG, () -> "range " + first + "-" + last + " failed at byte " + at
                        + ", retrying: " + e);
                Thread.sleep(backoff);
                if (failure.get() != null || !ch.isOpen()) throw e;   // another range ended the download meanwhile
            }
        }
    }
}
