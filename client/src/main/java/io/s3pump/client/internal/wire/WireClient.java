package io.s3pump.client.internal.wire;

import io.s3pump.client.internal.carrier.Carrier;
import io.s3pump.client.internal.carrier.CarrierRequest;
import io.s3pump.client.internal.carrier.CarrierResponse;
import io.s3pump.client.internal.carrier.ClientClosedException;
import io.s3pump.client.internal.carrier.LargeWrites;
import io.s3pump.client.internal.carrier.ResponseHead;
import io.s3pump.client.internal.carrier.TlsTrust;
import io.s3pump.sigv4.Header;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small HTTP/1.1 client for the data path of plain-http endpoints: request bodies go from their source (a file
 * mapping) straight to the socket, and answer bodies can be read from the socket straight into a direct buffer.
 *
 * <p>Why not OkHttp here: OkHttp moves every body byte through Okio's 8 KiB heap segments, two or three copies in
 * Java per byte each way. On the 2-core machines where RGW is the bottleneck, every CPU-second the client spends
 * is taken from the server. Signing, retries, error mapping and every other request stay with the transport and
 * OkHttp; this class only carries bytes. TLS endpoints never use it.
 *
 * <p>Keep-alive connections are pooled per host and port (most recently used first). A connection that the server
 * closed while it was idle is detected before reuse (a non-blocking read sees the end of the stream) and connections
 * idle for longer than servers keep them are not reused. Nothing is retried here: like OkHttp's with
 * {@code retryOnConnectionFailure(false)}, every failure goes to the transport's retry policy, which counts it.
 */
public final class WireClient implements Carrier {
    private static final System.Logger LOG = System.getLogger("io.s3pump.client.wire");
    /** Idle connections older than this are not reused: servers close idle connections after some time. */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(30).toNanos();
    private static final long WATCHDOG_PERIOD_MILLIS = 250;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final int maxIdle;
    /** Whom TLS trusts; {@code null} when this client carries plain http only. */
    private final TlsTrust trust;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ArrayDeque<WireConnection>> idle = new HashMap<>();
    private final Set<WireConnection> open = ConcurrentHashMap.newKeySet();
    private Thread watchdog;
    private boolean closed;

    /**
     * @param maxIdle how many idle connections to keep per host and port
     */
    public WireClient(Duration connectTimeout, Duration readTimeout, Duration writeTimeout, int maxIdle) {
        this(connectTimeout, readTimeout, writeTimeout, maxIdle, null);
    }

    /**
     * @param trust whom TLS trusts, for {@code https} requests ({@code null}: plain http only)
     */
    public WireClient(Duration connectTimeout, Duration readTimeout, Duration writeTimeout, int maxIdle,
                      TlsTrust trust) {
        this.trust = trust;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.writeTimeout = writeTimeout;
        this.maxIdle = maxIdle;
    }

    /** An answer: its head, and its body to read and close (closing returns the connection to the pool). */
    record Answer(ResponseHead head, WireBody body) {}

    @Override
    public CarrierResponse send(CarrierRequest request) throws IOException {
        Answer answer = execute(request);
        return new CarrierResponse(answer.head(), answer.body(), answer.body());
    }

    /**
     * Sends {@code request} and returns the answer once its head has arrived. Interim answers
     * ({@code 100 Continue}) are consumed here.
     *
     * @throws IOException when the exchange fails; nothing is retried here
     */
    Answer execute(CarrierRequest request) throws IOException {
        WireConnection connection = acquire(request);
        connection.startExchange();
        try {
            return exchange(connection, request);
        } catch (IOException | RuntimeException e) {
            release(connection, false);
            throw e;
        }
    }

    /** The request line and headers, ending with the empty line. */
    static String head(CarrierRequest request) {
        StringBuilder b = new StringBuilder(256 + 64 * request.headers().size());
        b.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(request.hostHeader()).append("\r\n");
        for (Header h : request.headers()) b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        CarrierRequest.Body body = request.body();
        long length = body == null ? 0 : body.contentLength();
        // A bodiless GET, HEAD or DELETE says nothing about length; PUT and POST always do (RGW answers 411 otherwise).
        String method = request.method();
        if (body != null || !(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE"))) {
            b.append("Content-Length: ").append(length).append("\r\n");
        }
        if (request.expectContinue() && length > 0) b.append("Expect: 100-continue\r\n");
        return b.append("\r\n").toString();
    }

    /** Writes {@code body} to {@code out}: as it is, or framed in aws-chunked chunks around its source. */
    private static void writeBody(CarrierRequest.Body body, WritableByteChannel out) throws IOException {
        switch (body) {
            case CarrierRequest.Plain plain -> plain.body().writeTo(out);
            case CarrierRequest.Framed framed -> new FramedBody(framed.payload(), framed.encoder()).writeTo(out);
        }
    }

    /**
     * How long an {@code Expect: 100-continue} request waits for the go-ahead (or a refusal) before it sends the
     * body anyway, as RFC 9110 (10.1.1) allows and curl does after 1 s: a server or proxy that ignores the
     * expectation would otherwise cost each part a whole read timeout. A go-ahead that comes later is skipped
     * like any interim answer.
     */
    static final Duration CONTINUE_WAIT = Duration.ofSeconds(1);

    private Answer exchange(WireConnection c, CarrierRequest request) throws IOException {
        c.writeFully(ByteBuffer.wrap(head(request).getBytes(StandardCharsets.ISO_8859_1)));
        CarrierRequest.Body body = request.body();
        boolean reusable = true;
        if (body != null && body.contentLength() > 0) {
            if (request.expectContinue() && c.awaitAnswer(CONTINUE_WAIT)) {
                ResponseHead first;
                do {
                    first = c.readHead(); // other interim answers (102, 103) may come before the go-ahead
                } while (first.isInterim() && first.code() != 100);
                if (first.code() != 100) {
                    // A final answer instead of the go-ahead: the body is not sent, so the connection's state is
                    // unclear to the server; do not reuse it.
                    return new Answer(first, new WireBody(c, this, first, request.isHead(), false));
                }
            }
            BodySink sink = new BodySink(c);
            try {
                writeBody(body, sink);
            } catch (IOException e) {
                // A server may answer an error and close without reading the rest of the body: the write then
                // fails (broken pipe, reset) while the answer waits in the socket. It says more than the broken
                // pipe does, and OkHttp reads it too.
                // Only when the socket failed: a failing source (a short file) leaves a server waiting for bytes.
                ResponseHead early = sink.socketFailed ? earlyAnswer(c, e) : null;
                if (early == null) throw e;
                return new Answer(early, new WireBody(c, this, early, request.isHead(), false));
            }
            if (sink.written != body.contentLength()) {
                throw new IOException("the body wrote " + sink.written + " bytes, not its length "
                        + body.contentLength());
            }
        }
        ResponseHead head;
        do {
            head = c.readHead();
        } while (head.isInterim());
        return new Answer(head, new WireBody(c, this, head, request.isHead(), reusable));
    }

    /**
     * The error answer a server sent before the body's write failed, or {@code null}. Not after a timeout or an
     * interrupt (the channel is closed then), and never a 2xx: a success for a body the server did not get whole
     * must not count as one.
     */
    private static ResponseHead earlyAnswer(WireConnection c, IOException writeFailure) {
        if (!c.isOpen() || Thread.currentThread().isInterrupted()) return null;
        try {
            ResponseHead head;
            do {
                head = c.readHead();
            } while (head.isInterim());
            return head.code() >= 300 ? head : null;
        } catch (IOException e) {
            writeFailure.addSuppressed(e);
            return null;
        }
    }

    /**
     * Where an upload body writes: straight to the socket. {@link LargeWrites} tells the body that large
     * writes are welcome here (each one is a single system call with no copy in Java).
     */
    private static final class BodySink implements GatheringByteChannel, LargeWrites {
        private final WireConnection connection;
        long written;
        boolean socketFailed;

        BodySink(WireConnection connection) {
            this.connection = connection;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) counted(() -> {
                int n = 0;
                while (src.hasRemaining()) n += connection.write(src);
                return n;
            });
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return counted(() -> connection.write(srcs, offset, length));
        }

        private interface SocketWrite {
            long run() throws IOException;
        }

        /** Counts what a socket write wrote, and notes that the socket (not the body's source) failed. */
        private long counted(SocketWrite write) throws IOException {
            try {
                long n = write.run();
                written += n;
                return n;
            } catch (IOException e) {
                socketFailed = true;
                throw e;
            }
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }

        @Override
        public void close() {
            // the connection outlives the body
        }
    }

    private WireConnection acquire(CarrierRequest request) throws IOException {
        if (request.isTls() && trust == null) throw new IllegalStateException("this client carries plain http only");
        String route = WireConnection.route(request.isTls(), request.host(), request.port());
        long now = System.nanoTime();
        while (true) {
            WireConnection c;
            lock.lock();
            try {
                if (closed) throw new ClientClosedException();
                ArrayDeque<WireConnection> q = idle.get(route);
                c = q == null ? null : q.pollFirst();
            } finally {
                lock.unlock();
            }
            if (c == null) return connect(request);
            if (now - c.idleSince() < MAX_IDLE_NANOS && c.looksAlive()) return c;
            discard(c);
        }
    }

    private WireConnection connect(CarrierRequest request) throws IOException {
        WireConnection c = WireConnection.open(request.host(), request.port(), request.isTls() ? trust : null,
                connectTimeout, readTimeout, writeTimeout);
        open.add(c);
        lock.lock();
        try {
            if (closed) {
                discard(c);
                throw new ClientClosedException();
            }
            if (watchdog == null) {
                watchdog = Thread.ofVirtual().name("s3pump-wire-watchdog").start(this::watch);
            }
        } finally {
            lock.unlock();
        }
        try {
            c.handshake(connectTimeout); // under the watchdog, which now knows the connection
        } catch (IOException | RuntimeException e) {
            discard(c);
            throw e;
        }
        return c;
    }

    /**
     * Closes connections whose read or write has not progressed within its timeout. It outlives {@link #close()}
     * until the exchanges then in flight have ended: their reads would have no timeout otherwise.
     */
    private void watch() {
        try {
            while (true) {
                Thread.sleep(WATCHDOG_PERIOD_MILLIS);
                long now = System.nanoTime();
                for (WireConnection c : open) c.expireIfLate(now);
                if (isClosed() && open.isEmpty()) return;
            }
        } catch (InterruptedException e) {
            // interrupted from outside: nothing to do but stop
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a connection back after an exchange: pooled when {@code reusable}, closed otherwise. */
    void release(WireConnection c, boolean reusable) {
        if (reusable && c.isOpen() && c.nothingBuffered()) {
            lock.lock();
            try {
                ArrayDeque<WireConnection> q = idle.computeIfAbsent(c.route, r -> new ArrayDeque<>());
                if (!closed && q.size() < maxIdle) {
                    c.idle(System.nanoTime());
                    q.addFirst(c);
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        discard(c);
    }

    private void discard(WireConnection c) {
        open.remove(c);
        c.close();
    }

    /** Idle connections now pooled, over all hosts; for tests. */
    int idleCount() {
        lock.lock();
        try {
            return idle.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            idle.values().forEach(q -> q.forEach(this::discard));
            idle.clear();
        } finally {
            lock.unlock();
        }
        // the watchdog stops by itself once the exchanges in flight have ended
    }

    @Override
    public String toString() {
        return "direct carrier" + (trust == null ? "" : " (TLS: " + trust.providerName() + ")");
    }
}
