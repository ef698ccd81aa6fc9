package io.s3pump.client.internal.http;

import io.s3pump.client.AddressingStyle;
import io.s3pump.client.RetryPolicy;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.client.S3Exception;
import io.s3pump.client.UploadBody;
import io.s3pump.client.internal.carrier.Carrier;
import io.s3pump.client.internal.carrier.CarrierRequest;
import io.s3pump.client.internal.carrier.CarrierResponse;
import io.s3pump.client.internal.carrier.ClientClosedException;
import io.s3pump.client.internal.carrier.TlsTrust;
import io.s3pump.client.internal.okhttp.OkHttpCarrier;
import io.s3pump.client.internal.wire.WireClient;
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

/**
 * Sends {@link S3Request}s: addressing, signing (the one place where requests are signed), retries with
 * full-jitter backoff, clock-skew correction and error mapping. Thread-safe; one per {@code S3Client}.
 */
public final class S3Transport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.s3pump.client");
    private static final String USER_AGENT = "s3pump/0.1";

    private final S3ClientConfig config;
    /** Carries every request of this client; chosen once, from the configuration. */
    private final Carrier carrier;
    private final Signer signer = Signer.sigV4();
    private final String scheme;
    private final String host;
    private final int port;
    // Milliseconds to add to the configured clock, learned from a RequestTimeTooSkewed answer.
    private final AtomicLong clockOffsetMillis = new AtomicLong();

    public S3Transport(S3ClientConfig config) {
        this.config = config;
        URI e = config.endpoint();
        this.scheme = e.getScheme().toLowerCase(Locale.ROOT);
        String h = e.getHost();
        this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        this.port = e.getPort() == -1 ? CarrierRequest.defaultPort(scheme) : e.getPort();
        // Built now: over https its trust material (a bad CA bundle) is read here, so that a configuration error
        // shows at once.
        this.carrier = carrier(config);
    }

    /**
     * The direct carrier unless the configuration turns it off or the JVM's proxy settings send the endpoint through a
     * proxy, which only OkHttp speaks to.
     */
    static Carrier carrier(S3ClientConfig config) {
        if (!config.directDataPath() || !direct(config.endpoint())) return new OkHttpCarrier(config);
        boolean tls = "https".equalsIgnoreCase(config.endpoint().getScheme());
        return new WireClient(config.connectTimeout(), config.readTimeout(), config.writeTimeout(),
                config.maxConcurrency(), tls ? TlsTrust.of(config) : null);
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
        T handle(CarrierResponse response, InputStream body) throws IOException;
    }

    /** Which carrier, and which TLS, carries this client's requests: for logs and reports. */
    public String carrierName() {
        return carrier.toString();
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
     * An open answer: its status and headers, and its body. A body carried by the direct carrier is also a
     * {@link ReadableByteChannel} that reads from the socket straight into a direct buffer.
     */
    public record Opened(CarrierResponse response, InputStream body) implements Closeable {
        @Override
        public void close() throws IOException {
            try {
                body.close();
            } finally {
                response.close();
            }
        }
    }

    /** An error answer's body is read whole (so that its connection can be reused), up to this many bytes. */
    private static final int MAX_ERROR_BODY = 1 << 20;

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
                CarrierRequest carried = toCarrier(request);
                long sent = System.nanoTime();
                CarrierResponse response = carrier.send(carried);
                final int attemptNo = attempt;
                LOG.log(System.Logger.Level.DEBUG, () -> request.operation() + " " + request.method() + " "
                        + SafeText.target(carried.target()) + " -> " + response.code() + " in "
                        + (System.nanoTime() - sent) / 1_000_000 + " ms (attempt " + attemptNo + ")");
                boolean close = true;
                try {
                    if (response.isSuccessful()) {
                        InputStream body = tracker.wrap(response.body());
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
                    if (close) response.close();
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

    private S3Exception errorOf(S3Request request, CarrierResponse response) throws IOException {
        byte[] body = request.method().equals("HEAD") ? new byte[0] : response.body().readNBytes(MAX_ERROR_BODY);
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

    /** Where a request goes: the host to connect to, and the request target (encoded path and query). */
    record Target(String host, String path, String query) {
        String target() {
            return query.isEmpty() ? path : path + "?" + query;
        }
    }

    /** The wire target of {@code request}: path-style or virtual-host, key encoded once, query canonical. */
    Target target(S3Request request) {
        String h = host;
        String path;
        boolean virtual = config.addressingStyle() == AddressingStyle.VIRTUAL_HOST && request.bucket() != null;
        if (request.bucket() == null) {
            path = "/";
        } else if (virtual) {
            h = request.bucket() + "." + host;
            path = request.key() == null ? "/" : KeyPaths.virtualHosted(request.key());
        } else {
            path = request.key() == null ? "/" + UriEncoding.encode(request.bucket())
                    : KeyPaths.pathStyle(request.bucket(), request.key());
        }
        String query = request.query().isEmpty() ? "" : UriEncoding.canonicalQuery(request.query());
        return new Target(h, path, query);
    }

    /** The absolute URL of {@code request}, as the carrier receives it. */
    public String url(S3Request request) {
        Target t = target(request);
        return scheme + "://" + CarrierRequest.hostHeader(scheme, t.host(), port) + t.target();
    }

    /** Builds and signs the request the carrier sends; the only place where signing happens. */
    CarrierRequest toCarrier(S3Request request) {
        Target t = target(request);
        List<Header> headers = new ArrayList<>(request.headers().size() + 8);
        headers.add(new Header("User-Agent", USER_AGENT)); // not signed
        if (request.operation().equals("GetObject")) {
            // Without it a server may send the object in any content coding, and OkHttp would ask for gzip (and then
            // decode an object stored with Content-Encoding: gzip). Not signed.
            headers.add(new Header("Accept-Encoding", "identity"));
        }
        headers.addAll(request.headers());

        PayloadMode mode = request.body().payloadMode();
        ChunkEncoder encoder = null;
        Credentials credentials = config.credentials().orElse(null);
        if (credentials != null) {
            String hostHeader = CarrierRequest.hostHeader(scheme, t.host(), port);
            SignableRequest signable = new SignableRequest(request.method(), hostHeader, KeyPaths.canonical(t.path()),
                    request.query(), request.headers(), mode);
            // The signer logs the canonical request and string to sign at DEBUG (logger io.s3pump.sigv4.Signer),
            // with the session token redacted and never the key or signature.
            SignedRequest signed = signer.sign(signable, SigningParams.s3(credentials, config.region(), now()));
            for (Header h : signed.headers()) {
                if (!h.is("Content-Length")) set(headers, h);
            }
            if (mode instanceof PayloadMode.Chunked) encoder = signed.chunkEncoder();
        } else {
            set(headers, new Header("x-amz-content-sha256", mode.contentSha256()));
        }
        CarrierRequest.Body body = switch (request.body()) {
            case S3Request.NoBody none -> switch (request.method().toUpperCase(Locale.ROOT)) {
                case "PUT", "POST", "PATCH" -> new CarrierRequest.Plain(UploadBody.empty());
                default -> null;
            };
            case S3Request.Small small -> {
                // An XML document: its Content-Type is not signed, as OkHttp would add it to a body that has one.
                if (small.contentType() != null && headers.stream().noneMatch(h -> h.is("Content-Type"))) {
                    headers.add(new Header("Content-Type", small.contentType()));
                }
                yield new CarrierRequest.Plain(UploadBody.of(small.bytes()));
            }
            case S3Request.Upload upload -> encoder == null ? new CarrierRequest.Plain(upload.body())
                    : new CarrierRequest.Framed(upload.body(), encoder);
        };
        // Expect is not signed: proxies may strip it.
        boolean expect = config.expectContinue() && request.body() instanceof S3Request.Upload;
        return new CarrierRequest(request.method(), scheme, t.host(), port, t.target(), headers, body, expect);
    }

    /** Sets {@code header}, replacing any of the same name. */
    private static void set(List<Header> headers, Header header) {
        headers.removeIf(h -> h.is(header.name()));
        headers.add(header);
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
        carrier.close();
    }
}
