package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body that writes a {@link MappedPart} straight from its mapping, in slices, with an exact
 * {@link #contentLength()} (RGW answers 411 to chunked uploads). It can be written any number of times, so a
 * retry re-sends from the mapping; it never reads the file into the heap.
 *
 * <p>When the part's MD5 is not known yet, the first complete write computes it in the same pass as sending, and
 * hands it to the part so that the composite ETag does not hash the bytes again.
 */
public final class MappedPartBody extends RequestBody {
    /** Bytes per sink write: small enough for Okio's segment pool, large enough to keep calls few. */
    static final int SLICE = 256 * 1024;
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private final MappedPart part;
    private final ProgressTracker.PartCounter progress;
    private final boolean hashWhileSending;

    /**
     * @param progress counts the bytes sent, or {@code null}
     * @param hashWhileSending whether a complete write computes the part's MD5 (when it is not known yet)
     */
    public MappedPartBody(MappedPart part, ProgressTracker.PartCounter progress, boolean hashWhileSending) {
        this.part = part;
        this.progress = progress;
        this.hashWhileSending = hashWhileSending;
    }

    /** A body that hashes while sending and counts no progress. */
    public MappedPartBody(MappedPart part) {
        this(part, null, true);
    }

    public MappedPart part() {
        return part;
    }

    @Override
    public MediaType contentType() {
        return OCTET_STREAM;
    }

    @Override
    public long contentLength() {
        return part.length();
    }

    @Override
    public boolean isOneShot() {
        return false;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        MemorySegment segment = part.segment();
        long size = segment.byteSize();
        MessageDigest md = hashWhileSending && part.md5IfKnown() == null ? Md5Digest.newMd5() : null;
        if (progress != null) progress.restart();
        for (long off = 0; off < size; off += SLICE) {
            ByteBuffer slice = segment.asSlice(off, Math.min(SLICE, size - off)).asByteBuffer();
            if (md != null) {
                md.update(slice);
                slice.rewind();
            }
            while (slice.hasRemaining()) sink.write(slice);
            if (progress != null) progress.advance(slice.capacity());
        }
        if (md != null) part.offerMd5(Md5Digest.of(md.digest()));
    }
}
