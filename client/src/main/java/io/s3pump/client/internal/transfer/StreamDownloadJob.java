package io.s3pump.client.internal.transfer;

import io.s3pump.client.S3Exception;
import io.s3pump.client.transfer.DownloadOptions;
import io.s3pump.client.transfer.DownloadResult;
import io.s3pump.client.transfer.Verification;
import io.s3pump.client.transfer.VerificationException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * One download streamed in order into a channel (standard output): HEAD, then one GET from the first byte not yet
 * written, again after each break, with the MD5 of every range of the layout computed as the bytes pass. Nothing
 * written can be taken back, so verification can only judge afterwards.
 */
public final class StreamDownloadJob {
    private static final System.Logger LOG = System.getLogger(StreamDownloadJob.class.getName());

    private final ObjectStore store;
    private final LongSupplier nanoTime;
    private final String bucket;
    private final String key;
    private final WritableByteChannel out;
    private final DownloadOptions options;

    public StreamDownloadJob(ObjectStore store, LongSupplier nanoTime, String bucket, String key, WritableByteChannel out,
                             DownloadOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.out = Objects.requireNonNull(out, "out");
        this.options = Objects.requireNonNull(options, "options");
    }

    public DownloadResult run() throws IOException {
        long start = nanoTime.getAsLong();
        ObjectStore.Head head = store.headObject(bucket, key);
        String etag = Etags.normalize(head.etag());
        long size = head.size();
        DownloadJob.Layout layout = DownloadJob.layout(size, etag, options);
        int ranges = size == 0 ? 0 : layout.ranges();
        boolean hash = options.verifyEtag() && layout.check() != DownloadJob.Check.SIZE;
        ProgressTracker tracker = new ProgressTracker(options.listener(), nanoTime, size, ranges);
        // WHOLE_MD5 hashes everything as one range; the composite layouts one digest per range.
        long rangeSize = layout.check() == DownloadJob.Check.WHOLE_MD5 ? Math.max(1, size) : layout.rangeSize();
        List<Md5Digest> md5s = new ArrayList<>();
        MessageDigest md = hash ? Md5Digest.newMd5() : null;
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(Math.max(size, 1), options.bufferSize()));
        ProgressTracker.PartCounter counter = size == 0 ? null : tracker.part(size);
        long pos = 0;
        int attempt = 0;
        while (pos < size) {
            try (InputStream in = store.getRange(bucket, key, pos, size - 1, etag)) {
                ReadableByteChannel body = in instanceof ReadableByteChannel c ? c : Channels.newChannel(in);
                while (pos < size) {
                    buf.clear().limit((int) Math.min(buf.capacity(), size - pos));
                    int r = body.read(buf);
                    if (r < 0) break;
                    if (r == 0) continue;
                    buf.flip();
                    if (md != null) digest(md, buf.duplicate(), pos, rangeSize, md5s);
                    try {
                        while (buf.hasRemaining()) out.write(buf);
                    } catch (IOException e) {
                        throw new OutputFailed(e);
                    }
                    pos += r;
                    counter.advance(r);
                    attempt = 0;   // progress: a later break starts its count afresh
                }
                if (pos < size) throw new EOFException("the answer ended early at byte " + pos + " of " + size);
            } catch (OutputFailed e) {
                throw e.getCause();   // the reader's end is gone (a closed pipe, a full disk): nothing to retry
            } catch (IOException e) {
                if (e instanceof S3Exception s && s.status() == 412)
                    throw new IOException("s3://" + bucket + "/" + key + " changed during the download (ETag is no"
                            + " longer " + etag + ")", e);
                if (!out.isOpen() || Interruptions.isInterruption(e) || e instanceof S3Exception
                        || ++attempt >= options.maxRangeAttempts())
                    throw e;
                long at = pos;
                LOG.log(System.Logger.Level.DEBUG, () -> "GET of s3://" + bucket + "/" + key + " broke at byte " + at
                        + ", continuing: " + e);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(100L << Math.min(attempt, 6)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("download interrupted");
                }
            }
        }
        if (counter != null) counter.done();
        if (md != null && (size == 0 || pos % rangeSize != 0)) md5s.add(Md5Digest.of(md.digest()));
        Verification v = verify(size, etag, layout, md5s, hash);
        return new DownloadResult(bucket, key, null, size, ranges, 0, layout.rangeSize(), etag,
                Duration.ofNanos(nanoTime.getAsLong() - start), v);
    }

    /** A write to the output failed: kept apart from the GET's failures, which are retried. */
    private static final class OutputFailed extends IOException {
        OutputFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Feeds {@code bytes}, which start at object offset {@code pos}, to the digest, closing a range at each boundary. */
    private static void digest(MessageDigest md, ByteBuffer bytes, long pos, long rangeSize, List<Md5Digest> md5s) {
        while (bytes.hasRemaining()) {
            long toBoundary = rangeSize - (pos % rangeSize);
            int n = (int) Math.min(bytes.remaining(), toBoundary);
            ByteBuffer slice = bytes.slice(bytes.position(), n);
            md.update(slice);
            bytes.position(bytes.position() + n);
            pos += n;
            if (pos % rangeSize == 0) md5s.add(Md5Digest.of(md.digest()));
        }
    }

    private Verification verify(long size, String etag, DownloadJob.Layout layout, List<Md5Digest> md5s, boolean hashed)
            throws VerificationException {
        if (!options.verifyEtag())
            return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; ETag check turned off");
        if (!hashed) return new Verification(Verification.Level.SIZE_ONLY, "size " + size + " verified; " + layout.detail());
        String where = "ETag of s3://" + bucket + "/" + key + " (the bytes already written are damaged)";
        String computed = layout.check() == DownloadJob.Check.WHOLE_MD5 ? md5s.getFirst().hex() : Etags.composite(md5s);
        if (computed.equals(etag))
            return new Verification(Verification.Level.SIZE_AND_ETAG, "size " + size + " and ETag " + etag
                    + " match the MD5" + (layout.check() == DownloadJob.Check.WHOLE_MD5 ? " of the bytes written"
                    : "s of the bytes written (" + layout.detail() + ")"));
        if (layout.check() != DownloadJob.Check.COMPOSITE_GUESSED) throw new VerificationException(where, etag, computed);
        return DownloadJob.guessMissed(size, etag, layout, "");
    }
}
