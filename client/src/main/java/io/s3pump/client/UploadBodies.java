package io.s3pump.client;

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

    // Writes go out in slices so that a channel which copies (Okio's segment pool, a digest) works on a
    // bounded window instead of one multi-GiB ByteBuffer view.
    static final int SLICE = 1 << 20;

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
            for (int pos = 0; pos < length; pos += SLICE) {
                writeFully(out, ByteBuffer.wrap(bytes, offset + pos, Math.min(SLICE, length - pos)));
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

        Segment(MemorySegment segment) {
            this.segment = Objects.requireNonNull(segment, "segment");
        }

        @Override
        public long contentLength() {
            return segment.byteSize();
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            long size = segment.byteSize();
            for (long pos = 0; pos < size; pos += SLICE) {
                writeFully(out, segment.asSlice(pos, Math.min(SLICE, size - pos)).asByteBuffer());
            }
        }

        @Override
        public InputStream openStream() {
            return new SegmentInputStream(segment);
        }

        @Override
        public String toString() {
            return "UploadBody[segment, " + segment.byteSize() + " B]";
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
