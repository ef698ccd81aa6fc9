package io.s3pump.client.transfer;

import io.s3pump.client.S3Client;
import io.s3pump.client.internal.transfer.ObjectStore;
import io.s3pump.client.internal.transfer.S3ClientStore;
import io.s3pump.client.internal.transfer.StreamUploadJob;
import io.s3pump.client.internal.transfer.UploadJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Uploads local files: a single PutObject for small files, else a multipart upload from memory-mapped parts on
 * virtual threads, with resume journals, abort on failure and verification of the result against HEAD.
 *
 * <p>Thread-safe: one {@code Uploader} can run many uploads at once; each {@link #upload} call blocks until its
 * upload is complete and verified, or has failed.
 */
public final class Uploader {
    private final ObjectStore store;
    private final LongSupplier nanoTime;
    private final S3Client client;   // null when built on a bare store (tests): no server-side copy then

    /**
     * An uploader that sends its requests through {@code client}, in the client's integrity mode. Size the client's
     * {@link io.s3pump.client.S3ClientConfig#maxConcurrency()} at least to the concurrency of the options used.
     */
    public Uploader(S3Client client) {
        this.store = new S3ClientStore(client);
        this.nanoTime = System::nanoTime;
        this.client = client;
    }

    Uploader(ObjectStore store, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.client = null;
    }

    /**
     * Copies {@code sourceBucket}/{@code sourceKey} to {@code bucket}/{@code key} on the server, without a byte
     * through the client: a multipart upload whose parts (planned by the options' sizing, in parallel up to their
     * concurrency) are UploadPartCopy ranges of the source, each on the condition that the source still has the ETag
     * HEAD gave (RGW 16.2 ignores the condition, so the source is looked at again before Complete). The source's Content-Type (unless the options give one) and user metadata are kept. Verified after
     * Complete: the size, and the ETag against the composite of the part ETags the server returned. A failure
     * aborts the upload. Journals, resume and local MD5 options do not apply.
     *
     * @throws VerificationException if the copy does not have the source's size or its parts' composite ETag
     * @throws io.s3pump.client.S3Exception if the server refused a request ({@code PreconditionFailed}: the source
     *     changed during the copy)
     */
    public UploadResult copy(String sourceBucket, String sourceKey, String bucket, String key, UploadOptions options)
            throws IOException {
        if (client == null) throw new UnsupportedOperationException("a server-side copy needs an S3Client");
        return new io.s3pump.client.internal.transfer.ServerCopyJob(client, nanoTime, sourceBucket, sourceKey, bucket,
                key, options).run();
    }

    /**
     * Uploads {@code file} to {@code bucket}/{@code key}.
     *
     * <p>With {@link UploadOptions#resume()}, a journal of an earlier upload of the same unchanged file to the same
     * key is reconciled with ListParts and only the missing parts are sent. If the calling thread is interrupted
     * (for example on SIGINT), parts in flight are cancelled, the journal is kept and
     * {@link ResumableUploadException} is thrown.
     *
     * @return what was uploaded and how it was verified
     * @throws IllegalArgumentException if the file cannot be uploaded with these options (too large, bad part size);
     *     nothing was sent
     * @throws VerificationException if the object the server holds does not match the local file
     * @throws FileChangedException if the file changed during the upload (which was aborted)
     * @throws ResumableUploadException if the upload stopped but was kept for a resume
     * @throws io.s3pump.client.S3Exception if the server refused a request (the upload was aborted; failures of
     *     other parts and of the abort are attached as suppressed exceptions)
     * @throws IOException if the file cannot be read or the transport failed for good
     */
    public UploadResult upload(Path file, String bucket, String key, UploadOptions options) throws IOException {
        return new UploadJob(store, nanoTime, file, bucket, key, options).run();
    }

    /**
     * Uploads a stream of unknown length (a pipe, stdin) to {@code bucket}/{@code key}, reading it once.
     *
     * <p>Parts follow {@link StreamingPartPlan} (sizes grow so that the part limit does not cap the object), starting
     * from the options' part size ({@link PartSizing.Auto} or {@link PartSizing.FixedSize}, rounded up to whole
     * MiB, at least 5 MiB). Parts are buffered off-heap, at most {@code concurrency × base part size} bytes in
     * flight plus the part being read. A stream shorter than the first part goes up in one PutObject. A failure
     * aborts the upload (a stream cannot be resumed). The stream is not closed.
     *
     * @throws IllegalArgumentException if the options ask for a part count, which a stream cannot honour
     * @throws VerificationException if the object the server holds does not match what was sent
     * @throws IOException if the stream or the transport failed for good, or the stream is longer than the plan
     *     can carry
     */
    public UploadResult upload(InputStream in, String bucket, String key, UploadOptions options) throws IOException {
        long base = switch (options.sizing()) {
            case PartSizing.Auto(long start) -> start;
            case PartSizing.FixedSize(long bytes) -> bytes;
            case PartSizing.FixedCount c -> throw new IllegalArgumentException(
                    "a stream of unknown length cannot be cut into a fixed number of parts; give a part size");
        };
        base = Math.max(PartPlan.MIN_PART_SIZE, Math.ceilDiv(base, PartSizing.MIB) * PartSizing.MIB);
        StreamingPartPlan plan = new StreamingPartPlan(Math.min(base, PartPlan.MAX_PART_SIZE), Math.max(10, options.maxParts()));
        return new StreamUploadJob(store, nanoTime, in, bucket, key, options, plan).run();
    }
}
