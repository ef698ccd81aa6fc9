package io.s3pump.client.internal.transfer;

import io.s3pump.client.ByteRange;
import io.s3pump.client.CompletedPart;
import io.s3pump.client.CreateMultipartUploadRequest;
import io.s3pump.client.ObjectMetadata;
import io.s3pump.client.S3Client;
import io.s3pump.client.UploadPartCopyRequest;
import io.s3pump.client.transfer.PartPlan;
import io.s3pump.client.transfer.UploadOptions;
import io.s3pump.client.transfer.UploadResult;
import io.s3pump.client.transfer.Verification;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One server-side copy: HEAD of the source, then a multipart upload of the target whose parts are UploadPartCopy
 * ranges of the source (with {@code x-amz-copy-source-if-match}, which S3 honours and RGW 16.2 ignores, so the source
 * is looked at again after the last part: a source replaced meanwhile fails the copy), one virtual thread per part
 * under a semaphore, then Complete and a HEAD that checks the size and the composite of the part ETags. No byte passes through the client. A failure aborts the upload; a copy is not resumable (the next
 * run copies again, which costs the client nothing).
 */
public final class ServerCopyJob {
    private final S3Client client;
    private final LongSupplier nanoTime;
    private final String sourceBucket;
    private final String sourceKey;
    private final String bucket;
    private final String key;
    private final UploadOptions options;

    /** The largest object one CopyObject may copy; larger ones go in UploadPartCopy parts. */
    public static final long COPY_OBJECT_LIMIT = PartPlan.MAX_PART_SIZE;

    private final long copyObjectLimit;

    public ServerCopyJob(S3Client client, LongSupplier nanoTime, String sourceBucket, String sourceKey, String bucket,
                         String key, UploadOptions options) {
        this(client, nanoTime, sourceBucket, sourceKey, bucket, key, options, COPY_OBJECT_LIMIT);
    }

    /** With another size up to which CopyObject is used (tests of the multipart path). */
    public ServerCopyJob(S3Client client, LongSupplier nanoTime, String sourceBucket, String sourceKey, String bucket,
                         String key, UploadOptions options, long copyObjectLimit) {
        this.copyObjectLimit = copyObjectLimit;
        this.client = Objects.requireNonNull(client, "client");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sourceBucket = Objects.requireNonNull(sourceBucket, "sourceBucket");
        this.sourceKey = Objects.requireNonNull(sourceKey, "sourceKey");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.options = Objects.requireNonNull(options, "options");
    }

    public UploadResult run() throws IOException {
        long start = nanoTime.getAsLong();
        ObjectMetadata source = client.headObject(sourceBucket, sourceKey);
        long size = source.contentLength();
        String sourceEtag = source.eTag();
        String contentType = options.contentType() != null ? options.contentType() : source.contentType();
        String where = "s3://" + bucket + "/" + key;
        // An empty object too: UploadPartCopy cannot copy an empty range.
        if (size <= copyObjectLimit || size == 0) {
            // One request: the server copies the object whole, with its headers and metadata (and RGW 16.2 copies keys
            // holding '%' this way, which its UploadPartCopy decodes twice and cannot find).
            Interruptions.uninterruptibly(() -> client.copyObject(
                    sourceBucket, sourceKey, bucket, key, sourceEtag, options.contentType(),
                    options.contentType() == null ? null : source.userMetadata()));
            ObjectMetadata head = client.headObject(bucket, key);
            options.listener().onProgress(new io.s3pump.client.transfer.TransferProgress(size, size, 1, 1,
                    Duration.ofNanos(nanoTime.getAsLong() - start)));
            return result(size, 1, size, head.eTag(), start, verifyCopy(where, size, sourceEtag, head));
        }
        PartPlan plan = PartPlan.plan(size, options.sizing(), options.maxParts(), 0);
        String uploadId = Interruptions.uninterruptibly(() -> client.createMultipartUpload(
                CreateMultipartUploadRequest.of(bucket, key).withContentType(contentType)
                        .withUserMetadata(source.userMetadata())).uploadId());
        ProgressTracker tracker = new ProgressTracker(options.listener(), nanoTime, size, plan.partCount());
        String[] etags = new String[plan.partCount()];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            Semaphore inFlight = new Semaphore(options.concurrency());
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int n = 1; n <= plan.partCount() && failure.get() == null; n++) {
                    try {
                        inFlight.acquire();
                    } catch (InterruptedException e) {
                        failure.compareAndSet(null, new java.io.InterruptedIOException("copy interrupted"));
                        executor.shutdownNow();
                        break;
                    }
                    int part = n;
                    executor.submit(() -> {
                        try {
                            if (failure.get() != null) return;
                            ProgressTracker.PartCounter counter = tracker.part(plan.length(part));
                            etags[part - 1] = client.uploadPartCopy(new UploadPartCopyRequest(bucket, key, uploadId,
                                    part, sourceBucket, sourceKey,
                                    ByteRange.ofLength(plan.offset(part), plan.length(part)), sourceEtag)).eTag();
                            counter.done();
                        } catch (Throwable t) {
                            if (!failure.compareAndSet(null, t)) failure.get().addSuppressed(t);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            if (Thread.interrupted()) failure.compareAndSet(null, new java.io.InterruptedIOException("copy interrupted"));
            Throwable f = failure.get();
            if (f != null) throw f;
            // RGW 16.2 ignores the parts' if-match condition: the source must still be the one HEAD saw, or the
            // parts may come from different versions of it.
            ObjectMetadata after = client.headObject(sourceBucket, sourceKey);
            if (after.contentLength() != size || !Etags.same(after.eTag(), sourceEtag)) {
                throw new IOException("s3://" + sourceBucket + "/" + sourceKey + " changed during the copy (ETag "
                        + Etags.normalize(sourceEtag) + ", now " + Etags.normalize(after.eTag()) + "); the copy was"
                        + " aborted: run it again");
            }
            List<CompletedPart> parts = new ArrayList<>(plan.partCount());
            List<Md5Digest> md5s = new ArrayList<>(plan.partCount());
            for (int n = 1; n <= plan.partCount(); n++) {
                parts.add(new CompletedPart(n, etags[n - 1]));
                if (md5s != null && Etags.isPlainMd5(Etags.normalize(etags[n - 1])))
                    md5s.add(Md5Digest.ofHex(Etags.normalize(etags[n - 1])));
                else md5s = null;
            }
            ObjectMetadata head = Interruptions.uninterruptibly(() -> {
                client.completeMultipartUpload(bucket, key, uploadId, parts);
                return client.headObject(bucket, key);
            });
            Verification v = UploadJob.verify(where, new ObjectStore.Head(head.contentLength(), head.eTag()), size,
                    null, md5s == null ? null : Etags.composite(md5s));
            return result(size, plan.partCount(), plan.partSize(), head.eTag(), start, v);
        } catch (Throwable t) {
            throw Interruptions.afterAborting(t, () -> client.abortMultipartUpload(bucket, key, uploadId));
        }
    }

    /**
     * A whole-object copy is the source's bytes if it has the source's size and ETag (S3 and RGW keep a plain MD5,
     * RGW also a composite one). Two different plain MD5s are a mismatch; any other pair cannot be compared.
     */
    private static Verification verifyCopy(String where, long size, String sourceEtag, ObjectMetadata head)
            throws io.s3pump.client.transfer.VerificationException {
        if (head.contentLength() != size)
            throw new io.s3pump.client.transfer.VerificationException("size of " + where, size + " bytes",
                    head.contentLength() + " bytes");
        String want = Etags.normalize(sourceEtag);
        String got = Etags.normalize(head.eTag());
        if (got.equals(want))
            return new Verification(Verification.Level.SIZE_AND_ETAG, "size " + size + " and ETag " + got
                    + " match the source's");
        if (Etags.isPlainMd5(want) && Etags.isPlainMd5(got))
            throw new io.s3pump.client.transfer.VerificationException("ETag of " + where, want, got);
        return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; the copy's ETag " + got
                + " is not of the source's kind (" + want + "), so it cannot be compared");
    }

    private UploadResult result(long size, int parts, long partSize, String etag, long start, Verification v) {
        return new UploadResult(bucket, key, size, parts, partSize, 0, Etags.normalize(etag),
                Duration.ofNanos(nanoTime.getAsLong() - start), v);
    }
}
