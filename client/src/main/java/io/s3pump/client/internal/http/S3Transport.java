package io.s3pump.client.internal.http;

import io.s3pump.client.AddressingStyle;
import io.s3pump.client.RetryPolicy;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.client.S3Exception;
import io.s3pump.client.UploadBody;
import io.s3pump.client.internal.wire.ResponseHead;
import io.s3pump.client.internal.wire.FramedBody;
import io.s3pump.client.internal.wire.WireClient;
import io.s3pump.client.internal.wire.WireRequest;
import io.s3pump.client.internal.xml.Timestamps;
import io.s3pump.sigv4.ChunkEncoder;
import io.s3pump.sigv4.Credentials;
import io.s3pump.sigv4.Header;
import io.s3pump.sigv4.PayloadMode;
import io.s3pump.sigv4.SignableRequest;
import io.s3pump.sigv4.SignedRequest;
import io.s3pump.sigv4.Signer;
import io.s3pump.sigv4.SigningParams;
import io.s3pump.sigv4.UriEncoding;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Sends {@link S3Request}s: addressing, signing (the one place where requests are signed), retries with
 * full-jitter backoff, clock-skew correction and error mapping. Thread-safe; one per {@code S3Client}.
 */
public final class S3Transport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.s3pump.client");
    private static final String USER_AGENT = "s3pump/0.1";

    private final S3ClientConfig config;
    /**
     * On a plain-http endpoint, built at its first use: a download (HEAD, then GETs) never needs it, and building it
     * and its first call cost a short-lived process ~50 ms.
     */
    private volatile OkHttpClient http;
    /** Carries upload bodies, HEAD and GetObject answers on plain-http endpoints; {@code null} when OkHttp does. */
    private final WireClient wire;
    private final Signer signer = Signer.sigV4();
    private final HttpUrl base;
    // Milliseconds to add to the configured clock, learned from a RequestTimeTooSkewed answer.
    private final AtomicLong clockOffsetMillis = new AtomicLong();

    public S3Transport(S3ClientConfig config) {
        this.config = config;
        this.wire = "http".equalsIgnoreCase(config.endpoint().getScheme()) && config.directDataPath()
                && direct(config.endpoint())
                ? new WireClient(config.connectTimeout(), config.readTimeout(), config.writeTimeout(),
                        config.maxConcurrency())
                : null;
        // Over https (trust material, a bad CA bundle) it is built now, so that a configuration error shows at once.
        if (wire == null) this.http = HttpClients.build(config);
        URI e = config.endpoint();
        this.base = HttpUrl.get(e.getScheme() + "://" + e.getRawAuthority() + "/");
    }

    private OkHttpClient http() {
        OkHttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) http = c = HttpClients.build(config);
            }
        }
        return c;
    }

    /** Whether the JVM's proxy settings send {@code endpoint} straight to it; a proxied endpoint stays on OkHttp. */
    private static boolean direct(URI endpoint) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) return true;
        try {
            return selector.select(endpoint).stream().allMatch(p -> p.type() == Proxy.Type.DIRECT);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads a successful answer. The body stream is the response's; do not close the response. */
    @FunctionalInterface
    public interface Handler<T> {
        T handle(Response response, InputStream body) throws IOException;
    }

    /** The clock offset currently applied to signing (zero until a skew was measured). */
    public Duration clockOffset() {
        return Duration.ofMillis(clockOffsetMillis.get());
    }

    private Instant now() {
        return config.clock().instant().plusMillis(clockOffsetMillis.get());
    }

    /**
     * Sends {@code request}, retrying per the policy, and hands a 2xx answer to {@code handler}.
     * A transport failure while the handler reads the body is retried too (the handler runs again).
     *
     * @throws S3Exception for an error answer that is not retried, or after the last attempt
     * @throws IOException for a transport failure that is not retried, or after the last attempt
     */
    public <T> T execute(S3Request request, Handler<T> handler) throws IOException {
        return run(request, handler, false, null);
    }

    /**
     * As {@link #execute(S3Request, Handler)}, and hands {@code onRetry} each failed attempt's failure just before
     * the next attempt: for a request that is not idempotent, whose caller must then look for what an attempt whose
     * answer was lost did.
     */
    public <T> T execute(S3Request request, Handler<T> handler, java.util.function.Consumer<IOException> onRetry)
            throws IOException {
        return run(request, handler, false, onRetry);
    }

    /**
     * Sends {@code request} and returns the open 2xx answer; retries happen only before the body is read.
     * The caller closes it.
     */
    public Opened open(S3Request request) throws IOException {
        return run(request, (response, body) -> new Opened(response, body), true, null);
    }

    /**
     * An open answer: its status and headers, and its body. A body carried by the direct data path is also a
     * {@link ReadableByteChannel} that reads from the socket straight into a direct buffer.
     */
    public record Opened(Response response, InputStream body) implements Closeable {
        @Override
        public void close() throws IOException {
            try {
                body.close();
            } finally {
                response.close();
            }
        }
    }

    /** One exchange's answer, whichever client carried it; closing it releases the connection. */
    private record Exchange(Response response, InputStream body) implements Closeable {
        @Override
        public void close() throws IOException {
            try {
                if (body != null) body.close();
            } finally {
                response.close();
            }
        }
    }

    private Exchange exchange(S3Request request, Request httpRequest) throws IOException {
        if (wire == null) {
            Response response = http().newCall(httpRequest).execute();
            return new Exchange(response, null);
        }
        WireClient.Answer answer = wire.execute(toWire(httpRequest));
        ResponseHead head = answer.head();
        Headers.Builder headers = new Headers.Builder();
        Response.Builder b = new Response.Builder().request(httpRequest).protocol(Protocol.HTTP_1_1)
                .code(head.code()).message(head.reason());
        try {
            for (ResponseHead.Field f : head.headers()) headers.addUnsafeNonAscii(f.name(), f.value());
        } catch (IllegalArgumentException e) {
            answer.body().close();
            throw new ProtocolException("malformed header in the answer: " + e.getMessage());
        }
        b.headers(headers.build());
        if (head.code() >= 200 && head.code() < 300) return new Exchange(b.build(), answer.body());
        // Error answers are small XML documents; read them whole so that the connection can be reused.
        try (InputStream in = answer.body()) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            return new Exchange(b.body(ResponseBody.create(bytes, null)).build(), null);
        }
    }

    private static final int MAX_ERROR_BODY = 1 << 20;

    private static WireRequest toWire(Request httpRequest) throws IOException {
        HttpUrl url = httpRequest.url();
        String target = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
        List<Header> headers = new ArrayList<>(httpRequest.headers().size());
        boolean expect = false;
        for (int i = 0; i < httpRequest.headers().size(); i++) {
            String name = httpRequest.headers().name(i);
            if (name.equalsIgnoreCase("Expect")) {
                expect = true;
            } else {
                headers.add(new Header(name, httpRequest.headers().value(i)));
            }
        }
        WireRequest.Body body = switch (httpRequest.body()) {
            case DirectBody d -> WireRequest.Body.of(d.body);
            case ChunkedBody c -> new FramedBody(c.body, c.encoder);   // framed around the mapping, no copy
            case null -> null;
            case RequestBody small -> {
                // An XML document or an empty PUT/POST; OkHttp would add its Content-Type header itself.
                Buffer bytes = new Buffer();
                small.writeTo(bytes);
                MediaType type = small.contentType();
                if (type != null && httpRequest.header("Content-Type") == null)
                    headers.add(new Header("Content-Type", type.toString()));
                yield WireRequest.Body.of(UploadBody.of(bytes.readByteArray()));
            }
        };
        return new WireRequest(httpRequest.method(), url.host(), url.port(), hostHeader(url), target, headers, body,
                expect);
    }

    private <T> T run(S3Request request, Handler<T> handler, boolean keepOpen,
                      java.util.function.Consumer<IOException> onRetry) throws IOException {
        RetryPolicy policy = config.retryPolicy();
        long start = System.nanoTime();
        boolean skewCorrected = false;
        int attempt = 0;
        while (true) {
            if (closed) throw new ClientClosedException();
            attempt++;
            BodyTracker tracker = new BodyTracker();
            IOException failure;
            try {
                Request httpRequest = toHttp(request);
                long sent = System.nanoTime();
                Exchange exchange = exchange(request, httpRequest);
                Response response = exchange.response();
                final int attemptNo = attempt;
                LOG.log(System.Logger.Level.DEBUG, () -> request.operation() + " " + request.method() + " "
                        + httpRequest.url().encodedPath() + (httpRequest.url().encodedQuery() == null ? ""
                        : "?" + SafeText.query(httpRequest.url().encodedQuery())) + " -> " + response.code() + " in "
                        + (System.nanoTime() - sent) / 1_000_000 + " ms (attempt " + attemptNo + ")");
                boolean close = true;
                try {
                    if (response.isSuccessful()) {
                        InputStream body = tracker.wrap(exchange.body() != null ? exchange.body()
                                : response.body().byteStream());
                        T result = handler.handle(response, body);
                        close = !keepOpen;
                        return result;
                    }
                    S3Exception error = errorOf(request, response);
                    Instant serverDate = parseDate(response.header("Date"));
                    Duration skew = skewCorrected ? null : Retries.skewCorrection(error, serverDate, now());
                    if (skew != null) {
                        skewCorrected = true;
                        // Set, not add: requests rejected together each measure the same gap, and adding it once
                        // per request would move the clock by a multiple of it.
                        clockOffsetMillis.set(Duration.between(config.clock().instant(), serverDate).toMillis());
                        LOG.log(System.Logger.Level.INFO, () -> "server clock differs from ours by " + skew
                                + "; signing with the corrected time and retrying " + request.operation());
                        attempt--; // the skew retry does not count against the policy
                        continue;
                    }
                    throw error;
                } finally {
                    if (close) exchange.close();
                }
            } catch (S3Exception e) {
                failure = e;
                if (!e.isRetryable()) throw e;
            } catch (IOException e) {
                failure = e;
                // A failure thrown by the handler itself (a full disk, malformed XML) is not the network's.
                boolean transport = !tracker.handlerStarted || tracker.readFailed;
                if (!transport || !Retries.isRetryableTransport(e)) throw e;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Duration delay = policy.delay(attempt, ThreadLocalRandom.current().nextDouble());
            if (attempt >= policy.maxAttempts() || elapsed.plus(delay).compareTo(policy.maxElapsed()) > 0) {
                throw failure;
            }
            final int failedAttempt = attempt;
            final IOException cause = failure;
            LOG.log(System.Logger.Level.DEBUG, () -> request.operation() + " attempt " + failedAttempt + " failed ("
                    + cause + "); retrying in " + delay.toMillis() + " ms");
            sleep(delay);
            if (onRetry != null) onRetry.accept(cause);
        }
    }

    private static void sleep(Duration delay) throws InterruptedIOException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private S3Exception errorOf(S3Request request, Response response) throws IOException {
        byte[] body = request.method().equals("HEAD") ? new byte[0] : response.body().bytes();
        return ErrorParsing.toException(response.code(), response.header("x-amz-request-id"),
                response.header("x-amz-id-2"), body, request.bucket(), request.key());
    }

    private static Instant parseDate(String date) {
        if (date == null) return null;
        try {
            return Timestamps.parse(date);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The wire URL of {@code request}: path-style or virtual-host, key encoded once, query canonical. */
    public HttpUrl url(S3Request request) {
        String host = base.host();
        String path;
        boolean virtual = config.addressingStyle() == AddressingStyle.VIRTUAL_HOST && request.bucket() != null;
        if (request.bucket() == null) {
            path = "/";
        } else if (virtual) {
            host = request.bucket() + "." + host;
            path = request.key() == null ? "/" : KeyPaths.virtualHosted(request.key());
        } else {
            path = request.key() == null ? "/" + UriEncoding.encode(request.bucket())
                    : KeyPaths.pathStyle(request.bucket(), request.key());
        }
        String query = request.query().isEmpty() ? "" : "?" + UriEncoding.canonicalQuery(request.query());
        String port = base.port() == HttpUrl.defaultPort(base.scheme()) ? "" : ":" + base.port();
        String h = host.contains(":") ? "[" + host + "]" : host;
        return HttpUrl.get(base.scheme() + "://" + h + port + path + query);
    }

    /** Builds and signs the OkHttp request; the only place where signing happens. */
    Request toHttp(S3Request request) {
        HttpUrl url = url(request);
        String host = hostHeader(url);
        Request.Builder b = new Request.Builder().url(url).header("User-Agent", USER_AGENT);
        if (request.operation().equals("GetObject")) {
            // Otherwise OkHttp asks for gzip and decodes an object stored with Content-Encoding: gzip, so the
            // bytes would differ from the object's (and from the direct data path's). Not signed, like Expect.
            b.header("Accept-Encoding", "identity");
        }
        for (Header h : request.headers()) b.header(h.name(), h.value());

        PayloadMode mode = request.body().payloadMode();
        ChunkEncoder encoder = null;
        Credentials credentials = config.credentials().orElse(null);
        if (credentials != null) {
            SignableRequest signable = new SignableRequest(request.method(), host, KeyPaths.canonical(url.encodedPath()),
                    request.query(), request.headers(), mode);
            // The signer logs the canonical request and string to sign at DEBUG (logger io.s3pump.sigv4.Signer),
            // with the session token redacted and never the key or signature.
            SignedRequest signed = signer.sign(signable, SigningParams.s3(credentials, config.region(), now()));
            for (Header h : signed.headers()) {
                if (!h.is("Content-Length")) b.header(h.name(), h.value());
            }
            if (mode instanceof PayloadMode.Chunked) encoder = signed.chunkEncoder();
        } else {
            b.header("x-amz-content-sha256", mode.contentSha256());
        }
        if (config.expectContinue() && request.body() instanceof S3Request.Upload) {
            b.header("Expect", "100-continue"); // not signed: proxies may strip it
        }
        b.method(request.method(), requestBody(request, encoder));
        return b.build();
    }

    private static String hostHeader(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }

    private static RequestBody requestBody(S3Request request, ChunkEncoder encoder) {
        return switch (request.body()) {
            case S3Request.NoBody none -> switch (request.method().toUpperCase(Locale.ROOT)) {
                case "PUT", "POST", "PATCH" -> RequestBody.create(new byte[0]);
                default -> null;
            };
            case S3Request.Small small -> RequestBody.create(small.bytes(),
                    small.contentType() == null ? null : MediaType.get(small.contentType()));
            case S3Request.Upload upload -> encoder == null ? new DirectBody(upload.body())
                    : new ChunkedBody(upload.body(), encoder);
        };
    }

    /** Writes an upload body straight from its source; exact length, re-sendable. */
    private static final class DirectBody extends RequestBody {
        private final UploadBody body;

        DirectBody(UploadBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return null; // Content-Type, when any, is a signed header set by the operation
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            body.writeTo(sink);
        }
    }

    /** Writes the aws-chunked encoding of an upload body; the encoder starts afresh on every write. */
    private static final class ChunkedBody extends RequestBody {
        private final UploadBody body;
        private final ChunkEncoder encoder;

        ChunkedBody(UploadBody body, ChunkEncoder encoder) {
            this.body = body;
            this.encoder = encoder;
        }

        @Override
        public MediaType contentType() {
            return null;
        }

        @Override
        public long contentLength() {
            return encoder.encodedLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try (InputStream in = encoder.encode(body.openStream()); Source source = Okio.source(in)) {
                sink.writeAll(source);
            }
        }
    }

    /** Notes whether the handler ran and whether a read of the answer's body failed (a transport failure). */
    private static final class BodyTracker {
        boolean handlerStarted;
        boolean readFailed;

        InputStream wrap(InputStream in) {
            handlerStarted = true;
            return new TrackedBody(in, this);
        }
    }

    /** A body whose read failures are noted; a channel too, straight through when the body is one. */
    private static final class TrackedBody extends FilterInputStream implements ReadableByteChannel {
        private final BodyTracker tracker;
        private boolean open = true;

        TrackedBody(InputStream in, BodyTracker tracker) {
            super(in);
            this.tracker = tracker;
        }

        private IOException failed(IOException e) {
            tracker.readFailed = true;
            return e;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            try {
                if (in instanceof ReadableByteChannel ch) return ch.read(dst);
                if (dst.hasArray()) {
                    int n = super.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                    if (n > 0) dst.position(dst.position() + n);
                    return n;
                }
                byte[] b = new byte[Math.min(dst.remaining(), 64 * 1024)];
                int n = super.read(b, 0, b.length);
                if (n > 0) dst.put(b, 0, n);
                return n;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            super.close();
        }
    }

    private volatile boolean closed;

    @Override
    public void close() {
        closed = true;
        if (wire != null) wire.close();
        OkHttpClient c = http;
        if (c != null) {
            c.dispatcher().executorService().shutdown();
            c.connectionPool().evictAll();
        }
    }
}
