package io.s3pump.cli;

import io.s3pump.client.CompletedPart;
import io.s3pump.client.CreateMultipartUploadRequest;
import io.s3pump.client.Digests;
import io.s3pump.client.ETags;
import io.s3pump.client.ObjectMetadata;
import io.s3pump.client.PutObjectRequest;
import io.s3pump.client.PutObjectResult;
import io.s3pump.client.S3Client;
import io.s3pump.client.UploadBody;
import io.s3pump.client.UploadPartRequest;
import io.s3pump.client.UploadPartResult;
import io.s3pump.client.transfer.StreamingPartPlan;
import io.s3pump.client.transfer.TransferListener;
import io.s3pump.client.transfer.TransferProgress;
import io.s3pump.client.transfer.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code cp - s3://bucket/key}: an upload of unknown length from stdin. The transfer engine uploads files (memory
 * mapped, resumable); a pipe can be read only once, so this reads it part by part into heap buffers and sends
 * each part on a virtual thread while the next is read. Part sizes grow with {@link StreamingPartPlan} so that an
 * unknown length is not capped at 10,000 × one part size.
 *
 * <p>Memory is bounded by (concurrency + 1) × the current part size: a {@link Semaphore} holds back reading until
 * a part in flight finishes. A failure aborts the upload (a pipe cannot be resumed), with later failures attached
 * as suppressed. Each part's MD5 is computed as it is read, and the object's ETag after Complete must equal the
 * composite of them.
 */
final class StdinUpload {
    /** Below one part, a single PutObject. */
    private StdinUpload() {}

    static CpCommand.Transfer run(S3Client s3, S3Url target, int concurrency, Long basePartSize,
            TransferListener listener, InputStream in) throws IOException {
        StreamingPartPlan plan = basePartSize == null ? StreamingPartPlan.defaults()
                : new StreamingPartPlan(basePartSize, StreamingPartPlan.defaults().maxParts());
        long start = System.nanoTime();
        Chunk first = readPart(in, plan.partSize(1));
        if (first.length() < plan.partSize(1)) {
            return single(s3, target, java.util.Arrays.copyOf(first.bytes(), first.length()), start, listener);
        }
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.of(target.bucket(), target.key())).uploadId();
        List<String> md5s = new ArrayList<>();
        List<Future<UploadPartResult>> sent = new ArrayList<>();
        Semaphore slots = new Semaphore(concurrency);
        AtomicLong bytesDone = new AtomicLong();
        AtomicInteger partsDone = new AtomicInteger();
        long total = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                Chunk chunk = first;
                for (int n = 1; chunk.length() > 0; n++) {
                    byte[] part = chunk.bytes();
                    int length = chunk.length();
                    if (n > plan.maxParts()) {
                        throw new IOException("stdin is longer than " + ByteSize.format(plan.maxObjectSize())
                                + ", the most " + plan.maxParts() + " growing parts can carry");
                    }
                    md5s.add(md5(part, length));
                    total += length;
                    slots.acquire();
                    int number = n;
                    byte[] body = part;
                    int bodyLength = length;
                    String md5 = md5s.get(n - 1);
                    sent.add(pool.submit(() -> {
                        try {
                            UploadPartResult r = s3.uploadPart(UploadPartRequest.of(target.bucket(), target.key(), uploadId,
                                    number).withPrecomputed(Digests.NONE.withMd5(md5)), UploadBody.of(body, 0, bodyLength));
                            long done = bytesDone.addAndGet(bodyLength);
                            listener.onProgress(new TransferProgress(done, -1, partsDone.incrementAndGet(), 0,
                                    Duration.ofNanos(System.nanoTime() - start)));
                            return r;
                        } finally {
                            slots.release();
                        }
                    }));
                    failFast(sent);
                    if (length < plan.partSize(n)) break;
                    chunk = readPart(in, plan.partSize(n + 1));
                }
                List<CompletedPart> completed = new ArrayList<>();
                for (Future<UploadPartResult> f : sent) {
                    UploadPartResult r = f.get();
                    completed.add(new CompletedPart(r.partNumber(), r.eTag()));
                }
                s3.completeMultipartUpload(target.bucket(), target.key(), uploadId, completed);
            } catch (Exception e) {
                pool.shutdownNow();
                IOException failure = abort(s3, target, uploadId, e);
                throw failure;
            }
        }
        String expected = ETags.composite(md5s);
        return verified(s3, target, total, expected, md5s.size(), plan.partSize(1), start);
    }

    private static CpCommand.Transfer single(S3Client s3, S3Url target, byte[] bytes, long start,
            TransferListener listener) throws IOException {
        String md5 = md5(bytes, bytes.length);
        PutObjectResult r = s3.putObject(PutObjectRequest.of(target.bucket(), target.key()), UploadBody.of(bytes));
        listener.onProgress(new TransferProgress(bytes.length, bytes.length, 1, 1, Duration.ofNanos(System.nanoTime() - start)));
        if (r.eTag() != null && !r.eTag().isEmpty() && !r.eTag().equalsIgnoreCase(md5)) {
            throw new VerificationException("ETag of " + target, md5, r.eTag());
        }
        return verified(s3, target, bytes.length, md5, 1, bytes.length, start);
    }

    /** HEAD after the upload: the size and the ETag must be those of the bytes read. */
    private static CpCommand.Transfer verified(S3Client s3, S3Url target, long size, String expectedEtag, int parts,
            long partSize, long start) throws IOException {
        ObjectMetadata m = s3.headObject(target.bucket(), target.key());
        long objectSize = m.objectSize() > 0 ? m.objectSize() : m.contentLength();
        if (objectSize != size) throw new VerificationException("size of " + target, Long.toString(size), Long.toString(objectSize));
        if (!expectedEtag.equalsIgnoreCase(m.eTag())) throw new VerificationException("ETag of " + target, expectedEtag, m.eTag());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        double seconds = CpCommand.seconds(took);
        return new CpCommand.Transfer("upload", "-", target.toString(), size, seconds,
                CpCommand.mib(seconds == 0 ? 0 : size / seconds), parts, partSize, null, m.eTag(), "size + ETag",
                "the object's ETag " + m.eTag() + " equals the MD5" + (parts > 1 ? "s of the " + parts + " parts" : "")
                        + " of the bytes read from stdin");
    }

    /** Aborts after a failure, keeping the first failure and attaching the others. */
    private static IOException abort(S3Client s3, S3Url target, String uploadId, Exception e) {
        Throwable cause = e instanceof ExecutionException x && x.getCause() != null ? x.getCause() : e;
        IOException failure = cause instanceof IOException io ? io
                : cause instanceof InterruptedException ? new InterruptedIOException("interrupted; upload aborted")
                : new IOException(cause.getMessage(), cause);
        boolean interrupted = Thread.interrupted();   // clear, so that the abort request can be sent
        try {
            s3.abortMultipartUpload(target.bucket(), target.key(), uploadId);
        } catch (IOException | RuntimeException abortFailure) {
            failure.addSuppressed(abortFailure);
        }
        if (interrupted) Thread.currentThread().interrupt();
        return failure;
    }

    /** Rethrows the failure of any part already finished, so that reading stops early. */
    private static void failFast(List<Future<UploadPartResult>> sent) throws ExecutionException, InterruptedException {
        for (Future<UploadPartResult> f : sent) {
            if (f.isDone() && f.state() == Future.State.FAILED) f.get();
        }
    }

    /** One part read from the pipe: the buffer and how much of it holds data. */
    private record Chunk(byte[] bytes, int length) {}

    /** Reads up to {@code size} bytes: less only at the end of the stream. */
    private static Chunk readPart(InputStream in, long size) throws IOException {
        if (size > Integer.MAX_VALUE - 8) throw new IOException("a part of " + ByteSize.format(size) + " does not fit a buffer");
        byte[] buf = new byte[(int) size];
        return new Chunk(buf, in.readNBytes(buf, 0, buf.length));
    }

    private static String md5(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(bytes, 0, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }
}
