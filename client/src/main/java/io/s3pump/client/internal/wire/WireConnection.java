package io.s3pump.client.internal.wire;

import io.s3pump.client.internal.carrier.ResponseHead;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import io.s3pump.client.internal.carrier.TlsTrust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One keep-alive TCP connection carrying one HTTP/1.1 exchange at a time. Blocking channel I/O, which on a
 * virtual thread parks the thread rather than its carrier. A channel has no read timeout of its own, so every
 * read and write arms a deadline that the client's watchdog enforces by closing the channel.
 */
final class WireConnection implements Closeable {
    /** Holds a response head and the first body bytes; larger body reads bypass it. */
    static final int IN_SIZE = 64 * 1024;
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEAD_LINES = 500;

    final String route;
    private final SocketChannel channel;
    /** What reads and writes go through: the socket itself, or TLS over it. */
    private final ByteChannel io;
    private final GatheringByteChannel gathering;
    private final TlsChannel tls;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    /** Bytes read from the socket but not yet consumed, in read mode. */
    final ByteBuffer in = ByteBuffer.allocateDirect(IN_SIZE).flip();
    /** {@link System#nanoTime()} by which the I/O in progress must progress, or 0 when no I/O is in progress. */
    private volatile long deadline;
    private volatile boolean expired;
    private long idleSince;
    private int exchanges;

    private WireConnection(String route, SocketChannel channel, TlsChannel tls, Duration readTimeout,
                           Duration writeTimeout) {
        this.route = route;
        this.channel = channel;
        this.tls = tls;
        this.io = tls != null ? tls : channel;
        this.gathering = tls != null ? tls : channel;
        this.readTimeout = readTimeout;
        this.writeTimeout = writeTimeout;
    }

    /**
     * Connects to the first of the host's addresses that accepts, in the resolver's order, as OkHttp does (a name
     * such as {@code localhost} can resolve to {@code ::1} first while the server listens on 127.0.0.1 only).
     */
    static WireConnection open(String host, int port, TlsTrust trust, Duration connectTimeout, Duration readTimeout,
                               Duration writeTimeout) throws IOException {
        IOException failure = null;
        for (InetAddress address : InetAddress.getAllByName(host)) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.socket().connect(new InetSocketAddress(address, port),
                        (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                TlsChannel tls = trust == null ? null : new TlsChannel(ch, trust.engine(host, port));
                return new WireConnection(route(trust != null, host, port), ch, tls, readTimeout, writeTimeout);
            } catch (IOException | RuntimeException e) {
                ch.close();
                if (!(e instanceof IOException io)) throw e;
                if (failure == null) failure = io; else failure.addSuppressed(io);
            }
        }
        throw failure != null ? failure : new UnknownHostException(host);
    }

    /** The pool's key for connections to {@code host} and {@code port}. */
    static String route(boolean tls, String host, int port) {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }

    /** The TLS handshake, under the connect timeout; nothing to do for plain http. */
    void handshake(Duration connectTimeout) throws IOException {
        if (tls == null) return;
        timed(connectTimeout, "the TLS handshake with", () -> {
            tls.handshake();
            return 0;
        });
    }

    void startExchange() {
        exchanges++;
    }

    long idleSince() {
        return idleSince;
    }

    void idle(long now) {
        idleSince = now;
    }

    /** Closes the channel if the I/O in progress has not progressed by its deadline; called by the watchdog. */
    void expireIfLate(long now) {
        long d = deadline;
        if (d != 0 && now - d > 0) {
            expired = true;
            close();
        }
    }

    /**
     * Whether an idle connection still looks usable: open, and the server has neither closed it nor sent
     * anything unasked (a non-blocking read finds nothing).
     */
    boolean looksAlive() {
        if (!channel.isOpen() || in.hasRemaining()) return false;
        if (tls != null) return tls.looksAlive();
        try {
            channel.configureBlocking(false);
            try {
                return channel.read(ByteBuffer.allocate(1)) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return false;
        }
    }

    void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) write(src);
    }

    /** One write; a blocking channel writes all of {@code src} unless it fails. */
    int write(ByteBuffer src) throws IOException {
        return (int) timed(writeTimeout, "sending to", () -> io.write(src));
    }

    /** One gathering write of {@code srcs[offset, offset + length)}; it may write only part of them. */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return timed(writeTimeout, "sending to", () -> gathering.write(srcs, offset, length));
    }

    /** One read straight into {@code dst}; -1 at the end of the stream. */
    int read(ByteBuffer dst) throws IOException {
        return (int) timed(readTimeout, "waiting for", () -> io.read(dst));
    }

    private interface ChannelIo {
        long run() throws IOException;
    }

    /**
     * Runs one channel operation under the watchdog's deadline: a channel the watchdog closed for lack of
     * progress fails with a timeout instead of a bare {@link ClosedChannelException}.
     */
    private long timed(Duration timeout, String what, ChannelIo io) throws IOException {
        arm(timeout);
        try {
            return io.run();
        } catch (ClosedChannelException e) {
            throw expired ? timeout(what, timeout, e) : e;
        } finally {
            deadline = 0;
        }
    }

    private void arm(Duration timeout) {
        deadline = System.nanoTime() + timeout.toNanos();
    }

    private SocketTimeoutException timeout(String what, Duration timeout, IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException("timed out " + what + " " + route + ": no progress in "
                + timeout.toSeconds() + " s");
        e.initCause(cause);
        return e;
    }

    /**
     * Waits up to {@code wait} for the server to start an answer, consuming nothing: true once some of it is
     * here (in {@link #in}) or the server closed the connection (the next read says so), false if nothing came
     * in time; the connection stays usable either way. A {@code SocketChannel} has no read timeout, but its socket
     * adaptor's stream honours {@code SO_TIMEOUT}.
     */
    boolean awaitAnswer(Duration wait) throws IOException {
        if (in.hasRemaining()) return true;
        if (tls != null) return tls.awaitInput(wait);
        Socket socket = channel.socket();
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.clamp(wait.toMillis(), 1, Integer.MAX_VALUE));
        try {
            byte[] some = new byte[512];
            int n = socket.getInputStream().read(some);
            if (n > 0) in.clear().put(some, 0, n).flip();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            if (channel.isOpen()) socket.setSoTimeout(before);
        }
    }

    /** Reads more into {@link #in}; false at the end of the stream. */
    boolean fill() throws IOException {
        in.compact();
        try {
            if (!in.hasRemaining()) throw new ProtocolException("line longer than " + IN_SIZE + " bytes");
            return read(in) >= 0;
        } finally {
            in.flip();
        }
    }

    /** The next line without its CRLF (a bare LF is accepted). */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    int n = line.length();
                    if (n > 0 && line.charAt(n - 1) == '\r') line.setLength(n - 1);
                    return line.toString();
                }
                if (line.length() >= MAX_LINE) throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
                line.append((char) (b & 0xff));
            }
            if (!fill()) {
                throw new EOFException(line.isEmpty() && exchanges > 0
                        ? "the server closed the connection" : "the answer ended in the middle of a line");
            }
        }
    }

    /** Reads one answer's status line and headers. */
    ResponseHead readHead() throws IOException {
        String status = readLine();
        List<String> lines = new ArrayList<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (lines.size() >= MAX_HEAD_LINES) throw new ProtocolException("more than " + MAX_HEAD_LINES + " headers");
            lines.add(line);
        }
        return ResponseHead.parse(status, lines);
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Whether nothing but what {@link #in} holds was read beyond the last answer (TLS keeps buffers of its own). */
    boolean nothingBuffered() {
        return !in.hasRemaining() && (tls == null || !tls.hasBuffered());
    }

    /** Whether the end of the stream is trustworthy: always over plain TCP, over TLS only after close_notify. */
    boolean endedCleanly() {
        return tls == null || tls.endedCleanly();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that failed; nothing more to do
        }
    }

    @Override
    public String toString() {
        return "WireConnection[" + route + ", " + exchanges + " exchanges]";
    }
}
