package io.s3pump.client.internal.wire;

import io.s3pump.client.UploadBody;
import io.s3pump.client.internal.carrier.LargeWrites;
import io.s3pump.sigv4.ChunkEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * An aws-chunked request body sent without copying its payload: the payload writes itself (a file mapping, in 1 MiB
 * views) into a channel that cuts it into the encoder's chunks where they lie, hashes each for its signature and
 * sends it between its frame's head and tail, a batch of chunks per gathering write. So each byte is hashed and
 * sent in one pass over the mapping, with the kernel's copy into the socket as the only copy.
 */
final class FramedBody {
    /** Chunks gathered into one write: 1 MiB of 64 KiB chunks. */
    private static final int BATCH_BYTES = 1 << 20;
    private static final int BATCH_BUFFERS = 3 * 32;

    private final UploadBody payload;
    private final ChunkEncoder encoder;

    FramedBody(UploadBody payload, ChunkEncoder encoder) {
        this.payload = Objects.requireNonNull(payload, "payload");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (payload.contentLength() != encoder.mode().decodedLength()) {
            throw new IllegalArgumentException("the payload has " + payload.contentLength() + " bytes, the encoder was"
                    + " signed for " + encoder.mode().decodedLength());
        }
    }

    long contentLength() {
        return encoder.encodedLength();
    }

    void writeTo(WritableByteChannel out) throws IOException {
        Framer framer = new Framer(out, encoder.frames(), encoder.mode().chunkSize());
        payload.writeTo(framer);
        framer.end();
    }

    @Override
    public String toString() {
        return "FramedBody[" + encoder.mode() + "]";
    }

    /** Writes of whole chunks (about 1 MiB of them), so that no chunk of a mapping straddles two writes. */
    static int writeSize(int chunkSize) {
        return Math.max(1, LargeWrites.SIZE / chunkSize) * chunkSize;
    }

    /**
     * Takes the payload's writes and sends them framed. Everything a write is given is on its way to the socket
     * when the write returns (a body releases the mapping's pages behind it); only a chunk that straddles two
     * writes is copied, into {@link #partial}.
     */
    private static final class Framer implements WritableByteChannel, LargeWrites {
        private final WritableByteChannel out;
        private final ChunkEncoder.Frames frames;
        private final int chunkSize;
        private final ByteBuffer[] batch = new ByteBuffer[BATCH_BUFFERS];
        private int batched;
        private long batchedBytes;
        private ByteBuffer partial;

        Framer(WritableByteChannel out, ChunkEncoder.Frames frames, int chunkSize) {
            this.out = out;
            this.frames = frames;
            this.chunkSize = chunkSize;
        }

        @Override
        public int preferredWriteSize() {
            return writeSize(chunkSize);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            while (src.hasRemaining()) {
                boolean aligned = partial == null || partial.position() == 0;
                if (aligned && (src.remaining() >= chunkSize || src.remaining() == frames.remaining())) {
                    // a whole chunk, or the payload's last bytes: framed where they lie
                    int take = (int) Math.min(chunkSize, src.remaining());
                    frame(src.slice(src.position(), take));
                    src.position(src.position() + take);
                } else {
                    if (partial == null) partial = ByteBuffer.allocateDirect(chunkSize);
                    int take = Math.min(src.remaining(), partial.remaining());
                    partial.put(src.slice(src.position(), take));
                    src.position(src.position() + take);
                    if (!partial.hasRemaining()) {
                        frame(partial.flip());
                        flush();   // the staging buffer is reused next
                        partial.clear();
                    }
                }
            }
            flush();
            return n;
        }

        /** After the payload's last write: its last, short chunk, then the final chunk and trailer. */
        void end() throws IOException {
            if (partial != null && partial.position() > 0) {
                frame(partial.flip());
                flush();
                partial.clear();
            }
            if (frames.remaining() > 0) {
                // a bug in the body, not the network: not worth a retry
                throw new IllegalStateException("the upload body ended " + frames.remaining() + " bytes early");
            }
            add(frames.finish());
            flush();
        }

        private void frame(ByteBuffer chunk) throws IOException {
            if (chunk.remaining() > frames.remaining()) {
                throw new IllegalStateException("the upload body wrote more than its length");   // a bug, no retry
            }
            ByteBuffer head = frames.head(chunk);
            if (batched + 3 > batch.length) flush();
            add(head);
            add(chunk);
            add(frames.tail());
            if (batchedBytes >= BATCH_BYTES) flush();
        }

        private void add(ByteBuffer b) {
            batch[batched++] = b;
            batchedBytes += b.remaining();
        }

        private void flush() throws IOException {
            if (batched == 0) return;
            if (out instanceof GatheringByteChannel g) {
                int first = 0;
                while (first < batched) {
                    if (g.write(batch, first, batched - first) == 0 && batch[first].hasRemaining()) throw stalled();
                    while (first < batched && !batch[first].hasRemaining()) first++;
                }
            } else {
                for (int i = 0; i < batched; i++) {
                    while (batch[i].hasRemaining()) {
                        if (out.write(batch[i]) == 0) throw stalled();
                    }
                }
            }
            java.util.Arrays.fill(batch, 0, batched, null);
            batched = 0;
            batchedBytes = 0;
        }

        private static IOException stalled() {
            return new IOException("the socket took no bytes of the upload body");   // a non-blocking channel
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() {
            // the socket outlives the body
        }
    }
}
