package io.s3pump.client;

import io.s3pump.client.internal.carrier.LargeWrites;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/** The {@link UploadBody} implementations. */
final class UploadBodies {
    private UploadBodies() {}

    // Writes go out in 8 KiB slices (one Okio segment). Okio's buffered sink copies a whole write into 8 KiB
    // segments before it emits any, and its segment pool keeps only 64 KiB per bucket: with 1 MiB slices, 120 of
    // every 128 segments were fresh allocations (1 GiB of garbage per GiB sent, 59 young GCs with a 64 MiB heap);
    // with small slices the emitted segments come back to the pool before the next slice takes them.
    static final int SLICE = 8 * 1024;
    /** A mapped body releases its pages behind the write position in steps of this many bytes. */
    static final int RELEASE_WINDOW = 1 << 20;
    /**
     * Slice of a heap array written to a channel that takes large writes ({@link LargeWrites}: a socket written
     * straight from a direct buffer; a mapping goes in the channel's {@link LargeWrites#preferredWriteSize()}, one
     * system call each, no copy in Java): the JDK copies a heap buffer into a temporary direct buffer of the same
     * size.
     */
    static final int HEAP_SLICE = 256 * 1024;

    static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (out.write(buffer) < 0) throw new IOException("channel closed while writing the body");
        }
    }

    static final class Bytes implements UploadBody {
        static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);
        private final byte[] bytes;
        private final int offset;
        private final int length;

        Bytes(byte[] bytes, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            int slice = out instanceof LargeWrites ? HEAP_SLICE : SLICE;
            for (int pos = 0; pos < length; pos += slice) {
                writeFully(out, ByteBuffer.wrap(bytes, offset + pos, Math.min(slice, length - pos)));
            }
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes, offset, length);
        }

        @Override
        public String toString() {
            return "UploadBody[bytes, " + length + " B]";
        }
    }

    static final class Segment implements UploadBody {
        private final MemorySegment segment;
        /**
         * Whether pages behind the write position may be released. Only for a shared file mapping the caller
         * vouches for: releasing a private (copy-on-write) mapping's pages discards the caller's changes, so the
         * next write (a retry) would send the file's bytes instead. A segment cannot tell which kind it is.
         */
        private final boolean release;

        Segment(MemorySegment segment, boolean release) {
            this.segment = Objects.requireNonNull(segment, "segment");
            this.release = release && segment.isMapped();
        }

        @Override
        public long contentLength() {
            return segment.byteSize();
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            long size = segment.byteSize();
            long released = 0;
            int slice = out instanceof LargeWrites large ? large.preferredWriteSize() : SLICE;
            for (long pos = 0; pos < size; pos += slice) {
                long end = Math.min(size, pos + slice);
                writeFully(out, segment.asSlice(pos, end - pos).asByteBuffer());
                // File pages of a mapping count in the RSS until they are unmapped or released. The channel has
                // copied what it was given, so release the pages behind us (madvise DONTNEED: the page cache keeps
                // them, a retry faults them back in): the RSS then holds a window per body, not the whole part.
                if (release && end - released >= RELEASE_WINDOW) {
                    segment.asSlice(released, end - released).unload();
                    released = end;
                }
            }
        }

        @Override
        public InputStream openStream() {
            return new SegmentInputStream(segment);
        }

        @Override
        public String toString() {
            return "UploadBody[" + (release ? "released mapping, " : "segment, ") + segment.byteSize() + " B]";
        }
    }

    static final class FileRange implements UploadBody {
        private final Path path;
        private final long offset;
        private final long length;

        FileRange(Path path, long offset, long length) {
            this.path = Objects.requireNonNull(path, "path");
            if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
            this.offset = offset;
            this.length = length;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long done = 0;
                while (done < length) {
                    long n = ch.transferTo(offset + done, Math.min(SLICE, length - done), out);
                    if (n <= 0) {
                        throw new IOException("file " + path + " ended at " + (offset + done)
                                + " before the " + length + " bytes from " + offset + " were read");
                    }
                    done += n;
                }
            }
        }

        @Override
        public InputStream openStream() throws IOException {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            try {
                ch.position(offset);
                return new BoundedInputStream(Channels.newInputStream(ch), length);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }

        @Override
        public String toString() {
            return "UploadBody[" + path + " @" + offset + ", " + length + " B]";
        }
    }

    /** Reads a memory segment from start to end without copying it anywhere but into the caller's array. */
    static final class SegmentInputStream extends InputStream {
        private final MemorySegment segment;
        private long position;

        SegmentInputStream(MemorySegment segment) {
            this.segment = segment;
        }

        @Override
        public int read() {
            if (position >= segment.byteSize()) return -1;
            return segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, position++) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            long left = segment.byteSize() - position;
            if (left <= 0) return len == 0 ? 0 : -1;
            int n = (int) Math.min(len, left);
            MemorySegment.copy(segment, java.lang.foreign.ValueLayout.JAVA_BYTE, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, segment.byteSize() - position);
        }
    }

    /** Reads at most {@code limit} bytes of a stream; failing if the stream ends sooner is the reader's job. */
    static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = in.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return len == 0 ? 0 : -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
