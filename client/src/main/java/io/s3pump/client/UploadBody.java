package io.s3pump.client;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A request body with an exact length that can be written any number of times, so that a retry re-sends
 * it from its source (a mapped file segment, a file range or an array) without copying it into the heap.
 *
 * <p>RGW rejects chunked transfer encoding with 411, so every body knows its length up front. The source
 * must not change while a request that uses it runs. Implementations are immutable and thread-safe as long
 * as their source is.
 */
public sealed interface UploadBody permits UploadBodies.Bytes, UploadBodies.Segment, UploadBodies.FileRange {

    /** The exact number of bytes {@link #writeTo} writes. */
    long contentLength();

    /**
     * Writes the whole body to {@code out}, from the start. May be called more than once.
     *
     * @throws IOException when the source cannot be read or {@code out} fails
     */
    void writeTo(WritableByteChannel out) throws IOException;

    /**
     * A new stream over the whole body, from the start; the caller closes it. Used where a consumer pulls
     * bytes (the aws-chunked encoder). May be called more than once.
     *
     * @throws IOException when the source cannot be opened
     */
    InputStream openStream() throws IOException;

    /** An empty body. */
    static UploadBody empty() {
        return UploadBodies.Bytes.EMPTY;
    }

    /** The whole array, not copied: it must not change while requests use it. */
    static UploadBody of(byte[] bytes) {
        return new UploadBodies.Bytes(bytes, 0, bytes.length);
    }

    /** {@code length} bytes of {@code bytes} from {@code offset}, not copied. */
    static UploadBody of(byte[] bytes, int offset, int length) {
        return new UploadBodies.Bytes(bytes, offset, length);
    }

    /**
     * A memory segment, typically a slice of a file mapped with
     * {@code FileChannel.map(READ_ONLY, offset, size, arena)}. Written straight from the mapping.
     * The segment must be accessible from the thread that calls the {@link S3Client} method (a shared or
     * automatic arena, or a confined arena owned by that thread) and stay alive until the call returns.
     */
    static UploadBody of(MemorySegment segment) {
        return new UploadBodies.Segment(segment, false);
    }

    /**
     * Like {@link #of(MemorySegment)}, for a {@code READ_ONLY} (or {@code READ_WRITE}) file mapping, whose pages
     * behind the write position are released as they are sent ({@link MemorySegment#unload()}), so the body
     * holds about 1 MiB of resident file pages instead of its whole length. A rewrite (a retry) faults them
     * back in from the page cache. Never for a {@code PRIVATE} mapping: releasing its pages discards changes
     * made through it. For any other segment this is the same as {@link #of(MemorySegment)}.
     */
    static UploadBody ofFileMapping(MemorySegment segment) {
        return new UploadBodies.Segment(segment, true);
    }

    /** {@code length} bytes of the file at {@code path} from {@code offset}, read on each write. */
    static UploadBody ofFile(Path path, long offset, long length) {
        return new UploadBodies.FileRange(path, offset, length);
    }
}
