package io.s3pump.client.transfer;

import io.s3pump.client.internal.transfer.BootId;
import io.s3pump.client.internal.transfer.DownloadJob;
import io.s3pump.client.S3Client;
import io.s3pump.client.internal.transfer.ObjectStore;
import io.s3pump.client.internal.transfer.S3ClientStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Downloads objects to local files with parallel ranged GETs into a temporary file next to the target, which is
 * renamed into place only after the size and, where it can be recomputed, the ETag verify.
 *
 * <p>Thread-safe: one {@code Downloader} can run many downloads at once; each {@link #download} call blocks until
 * the file is in place, or has failed (then the target is untouched).
 */
public final class Downloader {
    private final ObjectStore store;
    private final LongSupplier nanoTime;
    private final BootId bootId;

    /**
     * A downloader that sends its requests through {@code client}, in the client's integrity mode. Size the client's
     * {@link io.s3pump.client.S3ClientConfig#maxConcurrency()} at least to the concurrency of the options used.
     */
    public Downloader(S3Client client) {
        this(new S3ClientStore(client), System::nanoTime, BootId.system());
    }

    Downloader(ObjectStore store, LongSupplier nanoTime) {
        this(store, nanoTime, BootId.system());
    }

    Downloader(ObjectStore store, LongSupplier nanoTime, BootId bootId) {
        this.store = Objects.requireNonNull(store, "store");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.bootId = Objects.requireNonNull(bootId, "bootId");
    }

    /**
     * Downloads {@code bucket}/{@code key} to {@code target}, replacing it atomically.
     *
     * <p>For a multipart ETag ({@code <md5>-N}) the ranges follow a part size that reproduces N parts
     * ({@link DownloadOptions#partSizeHint()} first), and each range's MD5 is computed while it streams. If the
     * recomputed ETag differs, the object is read once more: a second read that matches means the first was damaged
     * in transit (the download succeeds with the second read's bytes), one that differs from the first fails with a
     * {@link VerificationException}. When both reads agree, the result says that only the size was verified, unless
     * the part layout was certain (one part, or the hint), in which case it is a {@link VerificationException}.
     * Ranges carry {@code If-Match}, so an object replaced during the download fails it.
     *
     * @throws VerificationException if the bytes do not match the size or a certain ETag; the target is untouched
     * @throws io.s3pump.client.S3Exception if the server refused a request (e.g. 404 NoSuchKey)
     * @throws IOException if a range failed for good, the object changed, or the file cannot be written
     */
    public DownloadResult download(String bucket, String key, Path target, DownloadOptions options) throws IOException {
        return new DownloadJob(store, nanoTime, bootId, bucket, key, target, options).run();
    }

    /**
     * Streams {@code bucket}/{@code key} into {@code out} in order (a pipe, standard output), with one GET that
     * continues from the last byte written when it breaks off. The MD5s are computed as the bytes pass, on the
     * same layout as {@link #download(String, String, Path, DownloadOptions)}; but bytes already written cannot be
     * taken back, so a mismatch is reported after the fact, as a {@link VerificationException}, and the caller
     * must treat what {@code out} received as damaged. {@code out} is not closed. The result's target is
     * {@code null}.
     *
     * @throws VerificationException if the bytes written do not match the size or a certain ETag
     * @throws io.s3pump.client.S3Exception if the server refused a request (e.g. 404 NoSuchKey)
     * @throws IOException if the GET failed for good, the object changed, or {@code out} could not be written
     */
    public DownloadResult download(String bucket, String key, java.nio.channels.WritableByteChannel out,
                                   DownloadOptions options) throws IOException {
        return new io.s3pump.client.internal.transfer.StreamDownloadJob(store, nanoTime, bucket, key, out, options).run();
    }
}
