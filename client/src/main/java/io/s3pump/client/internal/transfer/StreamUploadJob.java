package io.s3pump.client.internal.transfer;

import io.s3pump.client.transfer.StreamingPartPlan;
import io.s3pump.client.transfer.UploadOptions;
import io.s3pump.client.transfer.UploadResult;
import io.s3pump.client.transfer.Verification;
import io.s3pump.client.transfer.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * An upload of unknown length (a pipe, stdin): parts are read one after the other into off-heap buffers, sized
 * by {@link StreamingPartPlan}, and sent on virtual threads. Memory is bounded by a byte budget of
 * {@code concurrency × base part size} (64 MiB by default) plus the one part being read: as parts grow, fewer are
 * in flight. A stream that ends within the first part goes up as a single PutObject. Not resumable (the bytes
 * cannot be read again); a failure aborts the upload.
 */
public final class StreamUploadJob {
    private final ObjectStore store;
    private final LongSupplier nanoTime;
    private final InputStream in;
    private final String bucket;
    private final String key;
    private final UploadOptions options;
    private final StreamingPartPlan plan;
    private final boolean hashLocally;
    private final java.util.function.Supplier<Arena> arenas;

    public StreamUploadJob(ObjectStore store, LongSupplier nanoTime, InputStream in, String bucket, String key,
                           UploadOptions options, StreamingPartPlan plan) {
        this(store, nanoTime, in, bucket, key, options, plan, Arena::ofShared);
    }

    /** With the arenas that hold the parts read from the stream (tests count them). */
    public StreamUploadJob(ObjectStore store, LongSupplier nanoTime, InputStream in, String bucket, String key,
                           UploadOptions options, StreamingPartPlan plan, java.util.function.Supplier<Arena> arenas) {
        this.arenas = Objects.requireNonNull(arenas, "arenas");
        this.store = Objects.requireNonNull(store);
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.in = Objects.requireNonNull(in, "in");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.options = Objects.requireNonNull(options, "options");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.hashLocally = UploadJob.hashLocally(options, store);
    }

    /** A part read from the stream, in its own off-heap arena. */
    private record Chunk(int number, Arena arena, MemorySegment bytes) {}

    /** Reads up to {@code size} bytes into a fresh off-heap buffer; an empty chunk means the stream ended. */
    private Chunk read(int number, long size) throws IOException {
        Arena arena = arenas.get();   // shared: filled here, sent by the part's own virtual thread
        try {
            MemorySegment buffer = arena.allocate(size, 1);
            byte[] copy = new byte[(int) Math.min(size, 1 << 20)];
            long filled = 0;
            while (filled < size) {
                int n = in.read(copy, 0, (int) Math.min(copy.length, size - filled));
                if (n < 0) break;
                MemorySegment.copy(copy, 0, buffer, ValueLayout.JAVA_BYTE, filled, n);
                filled += n;
            }
            return new Chunk(number, arena, buffer.asSlice(0, filled));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public UploadResult run() throws IOException {
        long start = nanoTime.getAsLong();
        long budget = (long) options.concurrency() * plan.basePartSize();
        Chunk first = read(1, plan.partSize(1));
        if (first.bytes().byteSize() < plan.partSize(1)) {
            try (Arena a = first.arena()) {
                MappedPart part = MappedPart.wrap(first.bytes(), 1);
                if (hashLocally) part.md5();
                String etag = store.putObject(bucket, key, options.contentType(), part);
                long size = first.bytes().byteSize();
                ObjectStore.Head head = store.headObject(bucket, key);
                Verification v = verify(head, size, part.md5IfKnown() == null ? null : part.md5IfKnown().hex(), etag);
                options.listener().onProgress(new io.s3pump.client.transfer.TransferProgress(size, size, 1, 1,
                        Duration.ofNanos(nanoTime.getAsLong() - start)));
                return new UploadResult(bucket, key, size, 1, size, 0, Etags.normalize(head.etag()),
                        Duration.ofNanos(nanoTime.getAsLong() - start), v);
            }
        }

        String uploadId;
        try {
            uploadId = Interruptions.uninterruptibly(() -> store.createMultipartUpload(bucket, key, options.contentType()));
        } catch (IOException | RuntimeException e) {
            first.arena().close();
            throw e;
        }
        Map<Integer, String> etags = new ConcurrentHashMap<>();
        Map<Integer, Md5Digest> md5s = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // Permits are bytes (in MiB) so that bigger parts leave fewer in flight.
        Semaphore memory = new Semaphore((int) (budget >> 20));
        long total = 0;
        int count = 0;
        ProgressTracker tracker = new ProgressTracker(options.listener(), nanoTime, -1, -1);
        Chunk next = first;
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try (executor) {
            while (next != null && failure.get() == null) {
                Chunk chunk = next;
                next = null; // from here the chunk belongs to its task (or is closed below)
                int mib = (int) Math.min(budget >> 20, Math.max(1, chunk.bytes().byteSize() >> 20));
                try {
                    memory.acquire(mib);
                } catch (InterruptedException e) {
                    chunk.arena().close();
                    failure.compareAndSet(null, new InterruptedIOException("upload interrupted"));
                    executor.shutdownNow();
                    break;
                }
                total += chunk.bytes().byteSize();
                count = chunk.number();
                executor.submit(() -> {
                    try (Arena a = chunk.arena()) {
                        MappedPart part = MappedPart.wrap(chunk.bytes(), chunk.number());
                        if (hashLocally) part.md5();
                        String etag = store.uploadPart(bucket, key, uploadId, part);
                        UploadJob.checkPartEtag(chunk.number(), part.md5IfKnown(), etag);
                        etags.put(chunk.number(), Etags.normalize(etag));
                        if (part.md5IfKnown() != null) md5s.put(chunk.number(), part.md5IfKnown());
                        tracker.skipped(chunk.bytes().byteSize());
                    } catch (Throwable t) {
                        if (!failure.compareAndSet(null, t)) failure.get().addSuppressed(t);
                    } finally {
                        memory.release(mib);
                    }
                });
                if (chunk.bytes().byteSize() < plan.partSize(chunk.number())) break;   // the stream ended
                if (chunk.number() == plan.maxParts()) {
                    if (in.read() >= 0) {
                        failure.compareAndSet(null, new IOException("the stream is longer than "
                                + plan.maxObjectSize() + " bytes, the most " + plan.maxParts() + " parts can carry"));
                    }
                    break;
                }
                try {
                    next = read(chunk.number() + 1, plan.partSize(chunk.number() + 1));
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                    break;
                }
                if (next.bytes().byteSize() == 0) {
                    next.arena().close();
                    next = null;
                }
            }
        } finally {
            // A chunk read before a part failed is never sent: free its off-heap memory (a shared arena is not
            // freed by GC, so each failed upload would leak up to a part).
            if (next != null) next.arena().close();
        }
        Throwable f = failure.get();
        ObjectStore.Head head = null;
        if (f == null) {
            try {
                List<io.s3pump.client.CompletedPart> parts = new ArrayList<>();
                for (int n = 1; n <= count; n++) parts.add(new io.s3pump.client.CompletedPart(n, etags.get(n)));
                head = UploadJob.complete(store, bucket, key, uploadId, parts, total);
            } catch (IOException | RuntimeException e) {
                f = e;
            }
        }
        if (f != null) {
            // A stream cannot be resumed, so the upload is always aborted, even on Ctrl-C.
            String id = uploadId;
            throw Interruptions.afterAborting(f, () -> store.abortMultipartUpload(bucket, key, id));
        }
        List<Md5Digest> local = new ArrayList<>();
        List<Md5Digest> server = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            if (local != null && md5s.containsKey(n)) local.add(md5s.get(n)); else local = null;
            if (server != null && Etags.isPlainMd5(etags.get(n))) server.add(Md5Digest.ofHex(etags.get(n))); else server = null;
        }
        Verification v = verify(head, total, local == null ? null : Etags.composite(local),
                server == null ? null : Etags.composite(server));
        return new UploadResult(bucket, key, total, count, plan.partSize(1), 0, Etags.normalize(head.etag()),
                Duration.ofNanos(nanoTime.getAsLong() - start), v);
    }

    private Verification verify(ObjectStore.Head head, long size, String localEtag, String serverEtag)
            throws VerificationException {
        return UploadJob.verify("s3://" + bucket + "/" + key, head, size, localEtag, serverEtag);
    }
}
