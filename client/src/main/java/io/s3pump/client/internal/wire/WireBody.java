package io.s3pump.client.internal.wire;

import io.s3pump.client.internal.carrier.ResponseHead;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * An answer's body, framed by {@code Content-Length}, chunked encoding, or the end of the connection. Read it as
 * a stream, or as a channel: a large read into a direct buffer goes from the socket straight into that buffer.
 * Closing it after the last byte hands the connection back for the next exchange; closing it earlier closes the
 * connection, since the unread rest would have to be read anyway.
 */
public final class WireBody extends InputStream implements ReadableByteChannel {
    private final WireConnection connection;
    private final WireClient owner;
    private final boolean chunked;
    private final boolean untilClose;
    private final boolean reusable;
    /** Bytes left in the body (fixed length) or in the current chunk (chunked). */
    private long remaining;
    private long read;
    private boolean done;
    private boolean closed;

    WireBody(WireConnection connection, WireClient owner, ResponseHead head, boolean noBody, boolean reusable)
            throws ProtocolException {
        this.connection = connection;
        this.owner = owner;
        boolean empty = noBody || head.code() == 204 || head.code() == 304 || head.isInterim();
        // RFC 9112 6.3: Transfer-Encoding overrides Content-Length; when chunked is not its final coding the body
        // runs until the close; and an answer with both may be a smuggling attempt, so its connection is not reused.
        boolean encoded = head.header("Transfer-Encoding") != null;
        this.chunked = !empty && head.isChunked();
        long length = empty || chunked ? 0 : encoded ? -1 : head.contentLength();
        this.untilClose = !empty && !chunked && length < 0;
        this.remaining = Math.max(0, length);
        this.reusable = reusable && !untilClose && head.keepAlive()
                && !(encoded && head.header("Content-Length") != null);
        this.done = !chunked && !untilClose && remaining == 0;
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return read;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (closed) throw new ClosedChannelException();
        if (done) return -1;
        if (!dst.hasRemaining()) return 0;
        if (chunked && remaining == 0 && !nextChunk()) return -1;
        int want = untilClose ? dst.remaining() : (int) Math.min(dst.remaining(), remaining);
        ByteBuffer buffered = connection.in;
        int n;
        if (buffered.hasRemaining()) {
            n = Math.min(want, buffered.remaining());
            dst.put(dst.position(), buffered, buffered.position(), n);
            dst.position(dst.position() + n);
            buffered.position(buffered.position() + n);
        } else if (dst.isDirect() && want >= WireConnection.IN_SIZE) {
            int limit = dst.limit();
            dst.limit(dst.position() + want);
            try {
                n = connection.read(dst);
            } finally {
                dst.limit(limit);
            }
            if (n < 0) return ended();
        } else {
            if (!connection.fill()) return ended();
            return read(dst);
        }
        read += n;
        if (!untilClose) {
            remaining -= n;
            if (remaining == 0 && !chunked) done = true;
        }
        return n;
    }

    private int ended() throws IOException {
        if (untilClose) {
            if (!connection.endedCleanly()) {
                // Over TLS a bare end of the TCP stream can be forged on the path; only close_notify ends such a body.
                throw new EOFException("the connection closed " + read + " bytes into an answer that runs until the"
                        + " close, without TLS's close_notify: the body may be truncated");
            }
            done = true;
            return -1;
        }
        throw new EOFException("the connection closed " + read + " bytes into the answer's body"
                + (chunked ? "" : ", " + remaining + " bytes short"));
    }

    /** Starts the next chunk; false after the last (empty) chunk and its trailers. */
    private boolean nextChunk() throws IOException {
        if (read > 0) {
            String end = connection.readLine();
            if (!end.isEmpty()) throw new ProtocolException("chunk not followed by CRLF");
        }
        String line = connection.readLine();
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        long size;
        try {
            size = Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad chunk size line");
        }
        if (size < 0) throw new ProtocolException("chunk too large");
        if (size == 0) {
            while (!connection.readLine().isEmpty()) {
                // trailer fields: nothing in S3 needs them
            }
            done = true;
            return false;
        }
        remaining = size;
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        int n;
        ByteBuffer dst = ByteBuffer.wrap(b, off, len);
        // A chunk boundary can make a read return nothing; loop until a byte or the end.
        while ((n = read(dst)) == 0) {
            if (done) return -1;
        }
        return n;
    }

    @Override
    public int available() {
        if (done || closed) return 0;
        int buffered = connection.in.remaining();
        return untilClose ? buffered : (int) Math.min(buffered, remaining);
    }

    /** Reads and discards the rest of the body, so that the connection can be reused. */
    void drain() throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(8192);
        while (!done) {
            sink.clear();
            if (read(sink) < 0) break;
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        owner.release(connection, done && reusable);
    }
}
