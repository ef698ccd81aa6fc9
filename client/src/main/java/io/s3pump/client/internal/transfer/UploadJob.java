package io.s3pump.client.internal.transfer;

import io.s3pump.client.transfer.FileChangedException;
import io.s3pump.client.transfer.PartPlan;
import io.s3pump.client.transfer.ResumableUploadException;
import io.s3pump.client.transfer.UploadOptions;
import io.s3pump.client.transfer.UploadResult;
import io.s3pump.client.transfer.Verification;
import io.s3pump.client.transfer.VerificationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One upload of one local file: plan, then a single PutObject or a multipart upload with one virtual thread per
 * part and a semaphore bounding the requests in flight, then Complete, HEAD and verification.
 */
public final class UploadJob {
    private static final System.Logger LOG = System.getLogger(UploadJob.class.getName());
    /** Journal saves are coalesced to at most one per this interval. */
    private static final long JOURNAL_INTERVAL_NANOS = 200_000_000L;

    private final ObjectStore store;
    private final LongSupplier nanoTime;
    private final Path file;
    private final String bucket;
    private final String key;
    private final UploadOptions options;
    /** Whether each part's MD5 is computed here (for the composite ETag check against the local bytes). */
    private final boolean hashLocally;

    public UploadJob(ObjectStore store, LongSupplier nanoTime, Path file, String bucket, String key,
                     UploadOptions options) {
        this.store = Objects.requireNonNull(store);
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.file = Objects.requireNonNull(file, "file");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.options = Objects.requireNonNull(options, "options");
        this.hashLocally = hashLocally(options, store);
    }

    public UploadResult run() throws IOException {
        long start = nanoTime.getAsLong();
        FileIdentity identity = FileIdentity.of(file);
        PartPlan plan = options.plan(identity.size());
        ProgressTracker tracker = new ProgressTracker(options.listener(), nanoTime, identity.size(), plan.partCount());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return plan.singlePut()
                    ? singlePut(channel, identity, plan, tracker, start)
                    : new Multipart(channel, identity, plan, tracker, start).run();
        }
    }

    private UploadResult singlePut(FileChannel channel, FileIdentity identity, PartPlan plan, ProgressTracker tracker,
                                   long start) throws IOException {
        Md5Digest md5;
        String putEtag;
        try (MappedPart part = MappedPart.map(channel, 1, 0, identity.size())) {
            ProgressTracker.PartCounter counter = tracker.part(identity.size());
            if (hashLocally) part.md5();
            putEtag = store.putObject(bucket, key, options.contentType(), part);
            counter.done();
            md5 = part.md5IfKnown();
        } catch (InternalError e) {
            throw changedOr(identity, e);
        }
        checkUnchanged(identity);
        ObjectStore.Head head = store.headObject(bucket, key);
        Verification v = verify(head, identity.size(), md5 == null ? null : md5.hex(), putEtag);
        return new UploadResult(bucket, key, identity.size(), 1, plan.partSize(), 0, Etags.normalize(head.etag()),
                Duration.ofNanos(nanoTime.getAsLong() - start), v);
    }

    /**
     * Compares HEAD with what this side knows: the size, then the ETag computed from local MD5s if there is one,
     * else the ETag derived from the server's own answers (the PutObject ETag, or the composite of part ETags).
     */
    private Verification verify(ObjectStore.Head head, long size, String localEtag, String serverEtag)
            throws VerificationException {
        return verify("s3://" + bucket + "/" + key, head, size, localEtag, serverEtag);
    }

    /**
     * Compares HEAD with what this side knows: the size, then the ETag computed from local MD5s if there is one,
     * else the ETag derived from the server's own answers (the PutObject ETag, or the composite of part ETags).
     */
    static Verification verify(String where, ObjectStore.Head head, long size, String localEtag, String serverEtag)
            throws VerificationException {
        if (head.size() != size) throw new VerificationException("size of " + where, size + " bytes", head.size() + " bytes");
        String headEtag = Etags.normalize(head.etag());
        boolean md5Shaped = Etags.isPlainMd5(headEtag) || Etags.partCount(headEtag).isPresent();
        if (!md5Shaped)
            return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; ETag " + headEtag
                    + " is not MD5-based (encrypted object?), so it cannot be compared");
        if (localEtag != null) {
            if (!headEtag.equals(localEtag)) throw new VerificationException("ETag of " + where, localEtag, headEtag);
            return new Verification(Verification.Level.SIZE_AND_ETAG,
                    "size " + size + " and ETag " + headEtag + " match the MD5s of the local bytes");
        }
        if (serverEtag != null && !serverEtag.isEmpty()) {
            String expected = Etags.normalize(serverEtag);
            if (!headEtag.equals(expected)) throw new VerificationException("ETag of " + where, expected, headEtag);
            return new Verification(Verification.Level.SIZE_AND_PART_ETAGS,
                    "size " + size + " and ETag " + headEtag + " match the part ETags the server acknowledged");
        }
        return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; no ETag to compare");
    }

    /**
     * Completes an upload of {@code size} bytes and returns the object's HEAD (RGW's Complete answer carries an empty
     * ETag: only HEAD tells what the object's ETag is). Both run to the end even if the calling thread is interrupted
     * meanwhile: Complete may already have taken effect, and Ctrl-C must not leave that unknown.
     *
     * <p>When the answer to a Complete that the server carried out is lost (a reset while it arrives), the
     * client's retry finds the upload gone: S3 answers {@code NoSuchUpload} (RGW 16.2 answers 200 again). The
     * object is then taken as ours only if HEAD shows the file's size and the composite ETag of the part ETags
     * sent, which no other object has; anything else is a failure that says so.
     */
    static ObjectStore.Head complete(ObjectStore store, String bucket, String key, String uploadId,
                                     List<io.s3pump.client.CompletedPart> parts, long size) throws IOException {
        return Interruptions.uninterruptibly(() -> {
            ObjectStore.Head proved = completeOrProve(store, bucket, key, uploadId, parts, size);
            return proved != null ? proved : store.headObject(bucket, key);
        });
    }

    /** Completes; returns null after an ordinary answer, or the HEAD that proved a lost completion. */
    private static ObjectStore.Head completeOrProve(ObjectStore store, String bucket, String key, String uploadId,
                                                    List<io.s3pump.client.CompletedPart> parts, long size)
            throws IOException {
        try {
            store.completeMultipartUpload(bucket, key, uploadId, parts);
            return null;
        } catch (IOException e) {
            // Complete may have been carried out by an attempt whose answer never arrived: then a later attempt
            // meets NoSuchUpload, or every attempt's answer was lost. Only an upload that is gone, and an object
            // that is exactly the parts sent, say that it completed.
            boolean answerLost = !(e instanceof io.s3pump.client.S3Exception) && !Interruptions.isInterruption(e);
            if (!store.isNoSuchUpload(e) && !(answerLost && uploadIsGone(store, bucket, key, uploadId, e))) throw e;
            String expected = compositeOf(parts);
            String prefix = "CompleteMultipartUpload of upload " + uploadId + (answerLost
                    ? " got no answer (" + e.getMessage() + ") and the upload is gone" : " answered NoSuchUpload")
                    + ", so s3://" + bucket + "/" + key + " was checked in case an earlier attempt completed it and"
                    + " the answer was lost; ";
            if (expected == null) {
                throw new IOException(prefix + "but the part ETags are not MD5s, so the object cannot be matched"
                        + " to the parts sent: the upload is not known to have completed", e);
            }
            ObjectStore.Head head;
            try {
                head = store.headObject(bucket, key);
            } catch (IOException h) {
                IOException lost = new IOException(prefix + "but HEAD failed (" + h.getMessage()
                        + "): the upload was aborted or expired, or the object was deleted since", e);
                lost.addSuppressed(h);
                throw lost;
            }
            String etag = Etags.normalize(head.etag());
            if (head.size() != size || !etag.equals(expected)) {
                throw new IOException(prefix + "but it is another object (size " + head.size() + ", ETag " + etag
                        + "; the parts sent make size " + size + ", ETag " + expected
                        + "): the upload is not known to have completed", e);
            }
            LOG.log(System.Logger.Level.INFO, () -> "upload " + uploadId + " was completed by an earlier attempt"
                    + " whose answer was lost; HEAD shows size " + head.size() + " and ETag " + etag);
            return head;
        }
    }

    /** True when ListParts says the upload no longer exists; a failure of the check is added to {@code cause}. */
    private static boolean uploadIsGone(ObjectStore store, String bucket, String key, String uploadId, IOException cause) {
        try {
            store.listParts(bucket, key, uploadId);
            return false;
        } catch (IOException l) {
            if (store.isNoSuchUpload(l)) return true;
            cause.addSuppressed(l);
            return false;
        }
    }

    /** The composite ETag of these part ETags, or null when one is not a plain MD5 (an encrypted part). */
    private static String compositeOf(List<io.s3pump.client.CompletedPart> parts) {
        List<Md5Digest> md5s = new ArrayList<>(parts.size());
        for (io.s3pump.client.CompletedPart p : parts) {
            if (!Etags.isPlainMd5(p.eTag())) return null;
            md5s.add(Md5Digest.ofHex(Etags.normalize(p.eTag())));
        }
        return Etags.composite(md5s);
    }

    /** A part whose ETag is not the MD5 of the bytes sent arrived damaged: fail it before Complete assembles it. */
    static void checkPartEtag(int n, Md5Digest md5, String etag) throws VerificationException {
        if (md5 != null && Etags.isPlainMd5(etag) && !Etags.same(etag, md5.hex()))
            throw new VerificationException("ETag of part " + n, md5.hex(), Etags.normalize(etag));
    }

    /** Whether the engine computes each part's MD5 itself, given the user's choice and the store's payload check. */
    static boolean hashLocally(UploadOptions options, ObjectStore store) {
        // Content-MD5 needs the MD5 anyway; a signed payload is verified by the server, so by default the
        // MD5 pass (about 1.5 CPU-s/GiB here) is skipped and the server's part ETags are checked instead.
        return switch (options.localMd5()) {
            case ALWAYS -> true;
            case NEVER -> store.payloadCheck() == ObjectStore.PayloadCheck.MD5;
            case AUTO -> store.payloadCheck() != ObjectStore.PayloadCheck.SIGNED_PAYLOAD;
        };
    }

    private void checkUnchanged(FileIdentity identity) throws IOException {
        String diff = identity.differences(FileIdentity.of(file));
        if (!diff.isEmpty()) throw new FileChangedException(file, diff);
    }

    /** A fault while reading a mapping is usually the file shrinking under us; say so when it is. */
    private IOException changedOr(FileIdentity identity, InternalError e) throws IOException {
        String diff = identity.differences(FileIdentity.of(file));
        if (!diff.isEmpty()) return new FileChangedException(file, diff);
        throw e;
    }

    /** The multipart path, with its shared state. */
    private final class Multipart {
        private final FileChannel channel;
        private final FileIdentity identity;
        private final PartPlan plan;
        private final ProgressTracker tracker;
        private final long start;
        private final JournalStore journals;
        private final Map<Integer, UploadJournal.FinishedPart> finished = new ConcurrentHashMap<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final java.util.concurrent.atomic.AtomicInteger resumed = new java.util.concurrent.atomic.AtomicInteger();

        Multipart(FileChannel channel, FileIdentity identity, PartPlan plan, ProgressTracker tracker, long start) {
            this.channel = channel;
            this.identity = identity;
            this.plan = plan;
            this.tracker = tracker;
            this.start = start;
            this.journals = new JournalStore(options.journalDir());
        }

        UploadResult run() throws IOException {
            Path journalPath = journals.pathFor(bucket, key, identity.path());
            Reconciliation reconciliation = options.resume() ? resumeFrom(journalPath) : abortEarlier(journalPath);
            UploadJournal journal;
            SortedMap<Integer, Reconciliation.ListedPart> checkLocally = new TreeMap<>();
            TreeSet<Integer> todo = new TreeSet<>();
            if (reconciliation != null) {
                journal = journals.load(journalPath).orElseThrow();
                finished.putAll(reconciliation.done());
                resumed.set(reconciliation.done().size());
                for (var p : reconciliation.done().values()) tracker.skipped(p.size());
                checkLocally.putAll(reconciliation.checkLocally());
                todo.addAll(reconciliation.upload());
                todo.addAll(checkLocally.keySet());
                LOG.log(System.Logger.Level.INFO, () -> "resuming upload " + journal.uploadId() + ": " + resumed
                        + " parts done, " + todo.size() + " to check or send");
            } else {
                // Seen through to the end: an interrupt that lost the answer would leave an upload no one knows.
                String uploadId = Interruptions.uninterruptibly(
                        () -> store.createMultipartUpload(bucket, key, options.contentType()));
                journal = UploadJournal.start(bucket, key, uploadId, identity, plan.partSize(), plan.partCount());
                for (int n = 1; n <= plan.partCount(); n++) todo.add(n);
            }
            String uploadId = journal.uploadId();
            JournalWriter writer = new JournalWriter(journals, journal.withParts(finished), nanoTime, JOURNAL_INTERVAL_NANOS);
            // From here the upload exists on the server: whatever stops this run (an interrupt during the first
            // journal save included) goes through fail(), which keeps it resumable or aborts it, never neither.
            try {
                writer.flush();
                sendParts(uploadId, todo, checkLocally, writer);
            } catch (IOException | RuntimeException | Error e) {
                recordFailure(e);
            }

            Throwable f = failure.get();
            ObjectStore.Head head = null;
            if (f == null) {
                try {
                    checkUnchanged(identity);
                    List<io.s3pump.client.CompletedPart> parts = new ArrayList<>(plan.partCount());
                    for (int n = 1; n <= plan.partCount(); n++)
                        parts.add(new io.s3pump.client.CompletedPart(n, finished.get(n).etag()));
                    head = complete(store, bucket, key, uploadId, parts, identity.size());
                } catch (IOException | RuntimeException e) {
                    f = e;
                }
            }
            if (f != null) throw fail(f, uploadId, writer, journalPath);
            journals.delete(journalPath);

            List<Md5Digest> md5s = new ArrayList<>(plan.partCount());
            List<Md5Digest> serverMd5s = new ArrayList<>(plan.partCount());
            for (int n = 1; n <= plan.partCount(); n++) {
                UploadJournal.FinishedPart p = finished.get(n);
                if (md5s != null && p.md5() != null) md5s.add(p.md5()); else md5s = null;
                if (serverMd5s != null && Etags.isPlainMd5(p.etag())) serverMd5s.add(Md5Digest.ofHex(p.etag())); else serverMd5s = null;
            }
            Verification v = verify(head, identity.size(), md5s == null ? null : Etags.composite(md5s),
                    serverMd5s == null ? null : Etags.composite(serverMd5s));
            return new UploadResult(bucket, key, identity.size(), plan.partCount(), plan.partSize(), resumed.get(),
                    Etags.normalize(head.etag()), Duration.ofNanos(nanoTime.getAsLong() - start), v);
        }

        /**
         * Without resume, an upload an earlier run kept (Ctrl-C, keep-resumable) is aborted rather than orphaned:
         * this run starts over, and nothing else would ever finish or clean up the old one.
         */
        private Reconciliation abortEarlier(Path journalPath) throws IOException {
            Optional<UploadJournal> old;
            try {
                old = journals.load(journalPath);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring unreadable upload journal " + journalPath, e);
                old = Optional.empty();
            }
            old.ifPresent(j -> abortQuietly(j, "not resuming"));
            journals.delete(journalPath);
            return null;
        }

        private void abortQuietly(UploadJournal j, String why) {
            try {
                store.abortMultipartUpload(j.bucket(), j.key(), j.uploadId());
                LOG.log(System.Logger.Level.INFO, () -> "aborted earlier upload " + j.uploadId() + " (" + why + ")");
            } catch (IOException e) {
                if (!store.isNoSuchUpload(e))
                    LOG.log(System.Logger.Level.WARNING, "could not abort earlier upload " + j.uploadId(), e);
            }
        }

        /** Reconciles a matching journal with ListParts; null when there is nothing to resume. */
        private Reconciliation resumeFrom(Path journalPath) throws IOException {
            Optional<UploadJournal> old;
            try {
                old = journals.load(journalPath);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring unreadable upload journal " + journalPath, e);
                journals.delete(journalPath);
                return null;
            }
            if (old.isEmpty()) return null;
            UploadJournal j = old.get();
            String why = !j.bucket().equals(bucket) || !j.key().equals(key) ? "another destination"
                    : !j.file().equals(identity) ? "the file changed: " + j.file().differences(identity)
                    : j.partSize() != plan.partSize() || j.partCount() != plan.partCount() ? "another part size"
                    : null;
            if (why == null) {
                try {
                    return Reconciliation.of(plan, j, store.listParts(bucket, key, j.uploadId()));
                } catch (IOException e) {
                    if (!store.isNoSuchUpload(e)) throw e;
                    why = "the upload no longer exists on the server";
                }
            } else {
                abortQuietly(j, why);
            }
            String reason = why;
            LOG.log(System.Logger.Level.INFO, () -> "not resuming upload " + j.uploadId() + ": " + reason + "; starting over");
            journals.delete(journalPath);
            return null;
        }

        private void sendParts(String uploadId, TreeSet<Integer> todo,
                               SortedMap<Integer, Reconciliation.ListedPart> checkLocally, JournalWriter writer) {
            Semaphore inFlight = new Semaphore(options.concurrency());
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            try (executor) {
                for (int n : todo) {
                    if (failure.get() != null) break;
                    try {
                        inFlight.acquire();
                    } catch (InterruptedException e) {
                        recordFailure(new InterruptedIOException("upload interrupted"));
                        // Interrupt parts in flight: their sockets close and they stop quickly.
                        executor.shutdownNow();
                        break;
                    }
                    if (failure.get() != null) {
                        inFlight.release();
                        break;
                    }
                    executor.submit(() -> {
                        try {
                            sendPart(uploadId, n, checkLocally.get(n), writer);
                        } catch (Throwable t) {
                            recordFailure(t);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            if (Thread.interrupted()) {
                recordFailure(new InterruptedIOException("upload interrupted"));
            }
        }

        private void sendPart(String uploadId, int n, Reconciliation.ListedPart listed, JournalWriter writer)
                throws IOException {
            long length = plan.length(n);
            try (MappedPart part = MappedPart.map(channel, n, plan.offset(n), length)) {
                if (listed != null) {
                    Md5Digest md5 = part.md5();
                    if (Etags.same(listed.etag(), md5.hex())) {
                        UploadJournal.FinishedPart p = new UploadJournal.FinishedPart(n, length, listed.etag(), md5);
                        finished.put(n, p);
                        writer.finished(p);
                        tracker.skipped(length);
                        resumed.incrementAndGet();
                        return;
                    }
                }
                ProgressTracker.PartCounter counter = tracker.part(length);
                if (hashLocally) part.md5();
                String etag = store.uploadPart(bucket, key, uploadId, part);
                Md5Digest md5 = part.md5IfKnown();
                checkPartEtag(n, md5, etag);
                UploadJournal.FinishedPart p = new UploadJournal.FinishedPart(n, length, etag, md5);
                finished.put(n, p);
                writer.finished(p);
                counter.done();
            } catch (InternalError e) {
                throw changedOr(identity, e);
            }
            // A stat per part is cheap and catches a file rewritten in place early.
            checkUnchanged(identity);
        }

        private void recordFailure(Throwable t) {
            if (!failure.compareAndSet(null, t)) {
                Throwable first = failure.get();
                if (first != t && !(Interruptions.isInterruption(first) && Interruptions.isInterruption(t))) first.addSuppressed(t);
            }
        }

        private IOException fail(Throwable f, String uploadId, JournalWriter writer, Path journalPath) {
            boolean interrupted = Interruptions.isInterruption(f);
            // The journal save and the abort must not be refused because the thread was interrupted (Ctrl-C).
            boolean flagged = Thread.interrupted();
            try {
                if (!(f instanceof FileChangedException) && (options.keepResumable() || interrupted)) {
                    try {
                        Path saved = writer.flush();
                        return new ResumableUploadException(saved, uploadId, finished.size(), plan.partCount(), f);
                    } catch (IOException e) {
                        f.addSuppressed(e);
                    }
                }
                boolean aborted;
                try {
                    store.abortMultipartUpload(bucket, key, uploadId);
                    aborted = true;
                } catch (IOException | RuntimeException e) {
                    aborted = e instanceof IOException io && store.isNoSuchUpload(io);
                    if (!aborted) f.addSuppressed(e);
                }
                try {
                    if (aborted) {
                        journals.delete(journalPath);
                    } else {
                        // Still on the server: the journal is what lets a resume, or a cleanup, find it again.
                        Path saved = writer.flush();
                        f.addSuppressed(new IOException("upload " + uploadId + " could not be aborted; its journal is"
                                + " kept at " + saved + " (resume it with the same file, or abort it)"));
                    }
                } catch (IOException e) {
                    f.addSuppressed(e);
                }
            } finally {
                if (flagged) Thread.currentThread().interrupt();
            }
            return switch (f) {
                case IOException io -> io;
                case UncheckedIOException u -> u.getCause();
                case RuntimeException r -> throw r;
                case Error e -> throw e;
                default -> new IOException(f);
            };
        }
    }
}
