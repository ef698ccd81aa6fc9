package io.s3pump.sigv4;

import io.s3pump.sigv4.internal.Checksums;
import io.s3pump.sigv4.internal.Hex;
import io.s3pump.sigv4.internal.Sha256;
import io.s3pump.sigv4.internal.SigningKey;
import io.s3pump.sigv4.internal.StringToSign;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * Produces the aws-chunked body of a streaming payload mode: chunk headers (with chained chunk signatures for the
 * signed modes), the data, the final empty chunk and, for the trailer modes, the checksum trailer.
 *
 * <p>Immutable and thread-safe; each {@code encode} call starts a new, independent body from the seed signature,
 * so a retry simply encodes again. The returned streams are not thread-safe. Memory per stream is bounded by one
 * chunk, whatever the payload size. Chunk sizes are written in lower-case hex.
 */
public final class ChunkEncoder {
    private static final byte[] CRLF = {'\r', '\n'};

    private final PayloadMode.Chunked mode;
    private final SigningKey key;
    private final String amzDate;
    private final String scope;
    private final String seedSignature;

    ChunkEncoder(PayloadMode.Chunked mode, SigningKey key, String amzDate, String scope, String seedSignature) {
        this.mode = mode;
        this.key = key;
        this.amzDate = amzDate;
        this.scope = scope;
        this.seedSignature = seedSignature;
    }

    /** The payload mode this encoder was signed for. */
    public PayloadMode.Chunked mode() {
        return mode;
    }

    /** The exact length in bytes of every body this encoder produces: the {@code Content-Length}. */
    public long encodedLength() {
        return mode.encodedLength();
    }

    /**
     * The encoded body of {@code payload}, read lazily as the returned stream is read. Exactly
     * {@link PayloadMode.Chunked#decodedLength()} bytes are read from {@code payload}; a shorter payload makes the
     * stream fail with an {@link IOException}. Closing the returned stream closes {@code payload}.
     */
    public InputStream encode(InputStream payload) {
        return new EncodingStream(Objects.requireNonNull(payload, "payload"));
    }

    /**
     * The encoded body of the remaining bytes of {@code payload} (its position is not moved), e.g. a memory-mapped
     * part.
     *
     * @throws IllegalArgumentException when the remaining bytes differ from the decoded length
     */
    public InputStream encode(ByteBuffer payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.remaining() != mode.decodedLength()) {
            throw new IllegalArgumentException("payload has " + payload.remaining() + " bytes but the payload mode says "
                    + mode.decodedLength());
        }
        return new EncodingStream(new BufferStream(payload.duplicate()));
    }

    /**
     * Writes the encoded body of {@code payload} to {@code out}, and closes {@code payload}.
     *
     * @return the number of bytes written: always {@link #encodedLength()}
     * @throws IOException when {@code payload} ends before the decoded length, or reading or writing fails
     */
    public long writeTo(InputStream payload, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        try (InputStream in = encode(payload)) {
            return in.transferTo(out);
        }
    }

    /**
     * A push-style encoding of one body, for a sender that writes the payload from its own buffers without copying
     * them (a memory-mapped file part, say): for each chunk of the payload in order it sends
     * {@link Frames#head(ByteBuffer) head(chunk)}, the chunk itself and {@link Frames#tail()}, and after the last
     * chunk {@link Frames#finish()}. Every chunk but the last is exactly {@link PayloadMode.Chunked#chunkSize()}
     * bytes; the bytes sent are those {@link #encode(InputStream)} produces. Each call starts a new body (a retry
     * takes new frames); the frames are not thread-safe.
     */
    public Frames frames() {
        return new Frames();
    }

    @Override
    public String toString() {
        return "ChunkEncoder[" + mode + "]";
    }

    /**
     * One body's chunk framing: chained chunk signatures and the trailer's running checksum. Not thread-safe. A
     * chunk's bytes must not change between {@link #head} and their sending (the signature covers them), and the
     * chain cannot be rewound: after a failure, a new attempt takes new {@link #frames()}.
     */
    public final class Frames {
        private final boolean signed = ChunkMath.signsChunks(mode);
        private final MessageDigest sha = signed ? Sha256.newDigest() : null;
        private final Checksums.Running checksum = mode.trailer() == null ? null : Checksums.start(mode.trailer());
        private String previousSignature = seedSignature;
        private long remaining = mode.decodedLength();
        private boolean finished;

        private Frames() {}

        /**
         * What precedes {@code chunk} on the wire: its size and, in the signed modes, its signature. Reads the
         * chunk's remaining bytes (to hash them) without moving its position.
         *
         * @throws IllegalArgumentException if the chunk is empty, or neither a full chunk nor the payload's last bytes
         * @throws IllegalStateException after {@link #finish()}
         */
        public ByteBuffer head(ByteBuffer chunk) {
            return ByteBuffer.wrap(headBytes(chunk));
        }

        /** How many bytes of the payload are still to be framed. */
        public long remaining() {
            return remaining;
        }

        /** What follows each chunk's bytes on the wire. */
        public ByteBuffer tail() {
            return ByteBuffer.wrap(CRLF).asReadOnlyBuffer();
        }

        /**
         * The end of the body: the final empty chunk and, in the trailer modes, the checksum trailer (signed in the
         * signed modes).
         *
         * @throws IllegalStateException if payload bytes have not been framed yet, or the body is already finished
         */
        public ByteBuffer finish() {
            return ByteBuffer.wrap(finishBytes());
        }

        byte[] headBytes(ByteBuffer chunk) {
            if (finished) throw new IllegalStateException("the body is finished");
            int n = chunk.remaining();
            boolean full = n == mode.chunkSize() && n <= remaining;
            boolean last = n == remaining && n < mode.chunkSize();
            if (n == 0 || !(full || last)) {
                throw new IllegalArgumentException("a chunk of " + n + " bytes with " + remaining + " of the payload left;"
                        + " chunks are " + mode.chunkSize() + " bytes, the last one the rest");
            }
            remaining -= n;
            if (checksum != null) checksum.update(chunk.duplicate());
            return chunkHead(n, signed ? chunkSignature(chunk.duplicate()) : null);
        }

        byte[] finishBytes() {
            if (finished) throw new IllegalStateException("the body is finished");
            if (remaining > 0) throw new IllegalStateException(remaining + " bytes of the payload are not framed yet");
            finished = true;
            byte[] head = chunkHead(0, signed ? chunkSignature(ByteBuffer.allocate(0)) : null);
            byte[] end = finalBlock();
            byte[] out = new byte[head.length + end.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(end, 0, out, head.length, end.length);
            return out;
        }

        private String chunkSignature(ByteBuffer chunk) {
            sha.update(chunk);
            String chunkHash = Hex.encode(sha.digest());
            String sts = StringToSign.chunk(amzDate, scope, previousSignature, chunkHash);
            previousSignature = key.signHex(sts.getBytes(StandardCharsets.US_ASCII));
            return previousSignature;
        }

        private static byte[] chunkHead(int size, String signature) {
            String hex = Integer.toHexString(size);
            String text = signature == null ? hex + "\r\n" : hex + ";chunk-signature=" + signature + "\r\n";
            return text.getBytes(StandardCharsets.US_ASCII);
        }

        private byte[] finalBlock() {
            if (checksum == null) return CRLF;
            String trailerLine = mode.trailer().headerName() + ':' + Base64.getEncoder().encodeToString(checksum.finish());
            if (!signed) return (trailerLine + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            String trailerHash = Hex.encode(sha.digest((trailerLine + '\n').getBytes(StandardCharsets.US_ASCII)));
            String sts = StringToSign.trailer(amzDate, scope, previousSignature, trailerHash);
            String trailerSignature = key.signHex(sts.getBytes(StandardCharsets.US_ASCII));
            return (trailerLine + "\r\nx-amz-trailer-signature:" + trailerSignature + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Pull-based encoder: holds one chunk of data plus its small header and tail. */
    private final class EncodingStream extends InputStream {
        private final InputStream payload;
        private final Frames frames = new Frames();
        private final byte[] data;
        private final byte[] one = new byte[1];
        private long remaining = mode.decodedLength();
        private boolean finished;
        // Current frame: head bytes, then data[0, dataLength), then tail bytes.
        private byte[] head = new byte[0];
        private int headPos;
        private int dataLength;
        private int dataPos;
        private byte[] tail = new byte[0];
        private int tailPos;

        EncodingStream(InputStream payload) {
            this.payload = payload;
            this.data = new byte[(int) Math.min(mode.chunkSize(), Math.max(1, mode.decodedLength()))];
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            int total = 0;
            while (total < len) {
                if (headPos < head.length) {
                    int n = Math.min(len - total, head.length - headPos);
                    System.arraycopy(head, headPos, b, off + total, n);
                    headPos += n;
                    total += n;
                } else if (dataPos < dataLength) {
                    int n = Math.min(len - total, dataLength - dataPos);
                    System.arraycopy(data, dataPos, b, off + total, n);
                    dataPos += n;
                    total += n;
                } else if (tailPos < tail.length) {
                    int n = Math.min(len - total, tail.length - tailPos);
                    System.arraycopy(tail, tailPos, b, off + total, n);
                    tailPos += n;
                    total += n;
                } else if (!nextFrame()) {
                    break;
                }
            }
            return total == 0 ? -1 : total;
        }

        private boolean nextFrame() throws IOException {
            if (finished) return false;
            headPos = 0;
            dataPos = 0;
            tailPos = 0;
            if (remaining > 0) {
                int n = (int) Math.min(data.length, remaining);
                int got = payload.readNBytes(data, 0, n);
                if (got < n) {
                    throw new IOException("the payload ended after " + (mode.decodedLength() - remaining + got)
                            + " bytes, but " + mode.decodedLength() + " were signed for");
                }
                remaining -= n;
                dataLength = n;
                head = frames.headBytes(ByteBuffer.wrap(data, 0, n));
                tail = CRLF;
                return true;
            }
            finished = true;
            dataLength = 0;
            head = frames.finishBytes();
            tail = new byte[0];
            return true;
        }

        @Override
        public void close() throws IOException {
            payload.close();
        }
    }

    /** Reads a ByteBuffer without moving the caller's position (the encoder works on a duplicate). */
    private static final class BufferStream extends InputStream {
        private final ByteBuffer buffer;

        BufferStream(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (!buffer.hasRemaining()) return len == 0 ? 0 : -1;
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }
    }
}
