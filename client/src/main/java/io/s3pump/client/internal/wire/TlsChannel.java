package io.s3pump.client.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS over a blocking socket channel with the JDK's {@link SSLEngine}: plaintext goes from the caller's buffers (a
 * file mapping) through the engine into one direct buffer of many records, written with one system call; records
 * read in bulk are decrypted straight into the caller's buffer when it has room for a whole record. So TLS adds the
 * cipher and no copy in Java beyond the engine's own.
 *
 * <p>Why not {@code SSLSocket} (OkHttp's path): its streams take heap arrays, one record per write, and OkHttp then
 * copies every byte through Okio's segments on top.
 */
final class TlsChannel implements ByteChannel, GatheringByteChannel {
    /** Encrypted bytes gathered into one socket write, and read from the socket at once: many records each. */
    private static final int NET_BUFFER = 256 * 1024;
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    private final SocketChannel raw;
    private final SSLEngine engine;
    /** Records read from the socket, not yet decrypted; read mode. */
    private final ByteBuffer netIn;
    /** Records to send; write mode between sends. */
    private final ByteBuffer netOut;
    /** Decrypted bytes not yet handed to a reader; read mode. */
    private final ByteBuffer appIn;
    private final int packetSize;
    private boolean inboundDone;

    TlsChannel(SocketChannel raw, SSLEngine engine) {
        this.raw = raw;
        this.engine = engine;
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocateDirect(Math.max(NET_BUFFER, packetSize)).flip();
        this.netOut = ByteBuffer.allocateDirect(NET_BUFFER + packetSize);
        this.appIn = ByteBuffer.allocateDirect(engine.getSession().getApplicationBufferSize()).flip();
    }

    /** Runs the handshake to its end; certificate and host name checks fail it with an {@link SSLHandshakeException}. */
    void handshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
            hs = switch (hs) {
                case NEED_WRAP -> flushHandshake();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapHandshake();
                case NEED_TASK -> runTasks();
                default -> throw new SSLException("unexpected handshake state " + hs);
            };
        }
    }

    private HandshakeStatus flushHandshake() throws IOException {
        netOut.clear();
        SSLEngineResult r = engine.wrap(NOTHING, netOut);
        if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
            throw new SSLHandshakeException("the TLS engine closed during the handshake");
        }
        netOut.flip();
        while (netOut.hasRemaining()) raw.write(netOut);
        return r.getHandshakeStatus();
    }

    private HandshakeStatus unwrapHandshake() throws IOException {
        while (true) {
            SSLEngineResult r = engine.unwrap(netIn, appIn.compact());
            appIn.flip();
            switch (r.getStatus()) {
                case OK -> {
                    return r.getHandshakeStatus();
                }
                case BUFFER_UNDERFLOW -> {
                    if (!readRaw()) throw new SSLHandshakeException("the server closed the connection during the TLS handshake");
                }
                case CLOSED -> throw new SSLHandshakeException("the server ended TLS during the handshake");
                case BUFFER_OVERFLOW -> throw new SSLException("no room for the handshake's application data");
            }
        }
    }

    private HandshakeStatus runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) task.run();
        return engine.getHandshakeStatus();
    }

    /** Reads more records from the socket into {@link #netIn}; false at the end of the stream. */
    private boolean readRaw() throws IOException {
        netIn.compact();
        try {
            if (!netIn.hasRemaining()) throw new SSLException("a TLS record larger than " + netIn.capacity() + " bytes");
            return raw.read(netIn) >= 0;
        } finally {
            netIn.flip();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) return 0;
        if (appIn.hasRemaining()) return drainAppIn(dst);
        if (inboundDone) return -1;
        int produced = 0;
        while (true) {
            if (netIn.hasRemaining()) {
                // Straight into the caller's buffer when a whole record fits; else through appIn.
                boolean direct = dst.remaining() >= appIn.capacity();
                ByteBuffer target = direct ? dst : appIn.compact();
                SSLEngineResult r;
                try {
                    r = engine.unwrap(netIn, target);
                } finally {
                    if (!direct) appIn.flip();
                }
                switch (r.getStatus()) {
                    case OK -> {
                        handlePostHandshake(r.getHandshakeStatus());
                        if (!direct && appIn.hasRemaining()) return produced + drainAppIn(dst);
                        produced += r.bytesProduced();
                        // More whole records may be waiting; stop once the buffer cannot take another.
                        if (produced > 0 && (!netIn.hasRemaining() || dst.remaining() < appIn.capacity())) return produced;
                        continue;
                    }
                    case CLOSED -> {
                        inboundDone = true; // close_notify: the server ends the connection
                        return produced > 0 ? produced : -1;
                    }
                    case BUFFER_OVERFLOW -> throw new SSLException("a TLS record larger than the engine's buffer");
                    case BUFFER_UNDERFLOW -> {
                        if (produced > 0) return produced;
                    }
                }
            }
            if (!readRaw()) {
                if (netIn.hasRemaining()) throw new EOFException("the connection closed in the middle of a TLS record");
                return produced > 0 ? produced : -1;
            }
        }
    }

    private int drainAppIn(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        dst.put(dst.position(), appIn, appIn.position(), n);
        dst.position(dst.position() + n);
        appIn.position(appIn.position() + n);
        return n;
    }

    /** TLS 1.3 sends messages after the handshake (session tickets, key updates); the engine may need to answer. */
    private void handlePostHandshake(HandshakeStatus hs) throws IOException {
        while (true) {
            switch (hs) {
                case NEED_TASK -> hs = runTasks();
                case NEED_WRAP -> hs = flushHandshake();
                default -> {
                    return;
                }
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    /** Encrypts all of {@code srcs[offset, offset + length)} and sends it, a buffer of many records per write. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long consumed = 0;
        while (remaining(srcs, offset, length)) {
            netOut.clear();
            while (netOut.remaining() >= packetSize && remaining(srcs, offset, length)) {
                SSLEngineResult r = engine.wrap(srcs, offset, length, netOut);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) throw new SSLException("TLS was closed");
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) break;
                consumed += r.bytesConsumed();
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    // The engine wants something other than our data: its delegated work, or an answer from the
                    // server, which an HTTP/1.1 client never waits for while it sends (TLS 1.3 has no renegotiation).
                    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    } else if (r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                        throw new SSLException("the TLS engine stopped sending (" + r.getHandshakeStatus() + ")");
                    }
                }
            }
            netOut.flip();
            while (netOut.hasRemaining()) raw.write(netOut);
        }
        return consumed;
    }

    private static boolean remaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) if (srcs[i].hasRemaining()) return true;
        return false;
    }

    /** Whether decrypted or encrypted bytes already wait to be read. */
    boolean hasBuffered() {
        return appIn.hasRemaining() || netIn.hasRemaining();
    }

    /**
     * Whether the stream ended with the server's close_notify rather than a bare end of the TCP stream, which anyone on
     * the path can forge: a body that runs until the close is whole only after close_notify.
     */
    boolean endedCleanly() {
        return inboundDone;
    }

    /**
     * Whether an idle connection still looks usable: nothing arrived, or only TLS's own messages (a session ticket);
     * not the server's close_notify, its end of the stream, or unasked data.
     */
    boolean looksAlive() {
        // Already closed by the server, bytes beyond the last answer, or a handshake under way: never reused.
        if (inboundDone || appIn.hasRemaining() || engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
            return false;
        }
        try {
            raw.configureBlocking(false);
            try {
                netIn.compact();
                int n;
                try {
                    n = raw.read(netIn);
                } finally {
                    netIn.flip();
                }
                if (n < 0) return false;
                // Discarding a connection is always safe; keep it only when what came is TLS's own business.
                while (netIn.hasRemaining()) {
                    SSLEngineResult r = engine.unwrap(netIn, appIn.compact());
                    appIn.flip();
                    if (r.getStatus() != SSLEngineResult.Status.OK || appIn.hasRemaining()) return false;
                    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) runTasks();
                    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) return false; // it wants an answer
                }
                return true;
            } finally {
                raw.configureBlocking(true);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits up to {@code wait} for the server's answer to start, consuming nothing the next read needs: true once
     * application data (or the server's close) is here, false if none came in time. TLS's own messages do not count:
     * a TLS 1.3 server sends its session tickets after the handshake, while it waits for the request's body.
     */
    boolean awaitInput(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        Socket socket = raw.socket();
        int before = socket.getSoTimeout();
        try {
            while (true) {
                if (appIn.hasRemaining() || inboundDone) return true;
                while (netIn.hasRemaining()) {
                    SSLEngineResult r = engine.unwrap(netIn, appIn.compact());
                    appIn.flip();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        inboundDone = true;
                        return true;
                    }
                    if (r.getStatus() != SSLEngineResult.Status.OK) break; // a record still arriving
                    handlePostHandshake(r.getHandshakeStatus());
                    if (appIn.hasRemaining()) return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                socket.setSoTimeout((int) Math.clamp(Duration.ofNanos(left).toMillis(), 1, Integer.MAX_VALUE));
                byte[] some = new byte[4096];
                int n;
                try {
                    n = socket.getInputStream().read(some);
                } catch (SocketTimeoutException e) {
                    return false;
                }
                if (n < 0) return true; // closed: the next read says so
                netIn.compact().put(some, 0, n).flip();
            }
        } finally {
            if (raw.isOpen()) socket.setSoTimeout(before);
        }
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
