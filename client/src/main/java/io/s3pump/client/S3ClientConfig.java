package io.s3pump.client;

import io.s3pump.client.internal.config.ConfigResolution;
import io.s3pump.client.internal.config.IniFile;
import io.s3pump.sigv4.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link S3Client} needs: endpoint, credentials, region, addressing, TLS, timeouts,
 * concurrency, retries, integrity mode and the clock used for signing.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}; fill what the user did not give
 * explicitly from the AWS conventions with {@link Builder#resolveFromEnvironment()} (explicit settings win,
 * then {@code AWS_*} environment variables, then {@code ~/.aws/credentials} and {@code ~/.aws/config}).
 * {@link #toString()} never shows the secret key or session token.
 */
public final class S3ClientConfig {
    private final URI endpoint;
    private final Credentials credentials;
    private final String region;
    private final AddressingStyle addressingStyle;
    private final Path caBundle;
    private final boolean insecureTls;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final int maxConcurrency;
    private final RetryPolicy retryPolicy;
    private final Integrity integrity;
    private final InstantSource clock;
    private final boolean expectContinue;
    private final boolean directDataPath;
    private final TlsProvider tlsProvider;
    private final String sources;

    private S3ClientConfig(Builder b, URI endpoint, String region, String sources) {
        this.endpoint = endpoint;
        this.credentials = b.credentials;
        this.region = region;
        this.addressingStyle = b.addressingStyle != null ? b.addressingStyle
                : isAws(endpoint) ? AddressingStyle.VIRTUAL_HOST : AddressingStyle.PATH;
        this.caBundle = b.caBundle;
        this.insecureTls = b.insecureTls;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.maxConcurrency = b.maxConcurrency;
        this.retryPolicy = b.retryPolicy;
        this.integrity = b.integrity;
        this.clock = b.clock;
        this.expectContinue = b.expectContinue;
        this.directDataPath = b.directDataPath;
        this.tlsProvider = b.tlsProvider;
        this.sources = sources;
    }

    private static boolean isAws(URI endpoint) {
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
    }

    /** A builder with the defaults: 16 concurrent requests, 10 s connect, 60 s read/write timeouts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Shortcut for {@code builder().resolveFromEnvironment().build()}. */
    public static S3ClientConfig fromEnvironment() {
        return builder().resolveFromEnvironment().build();
    }

    /** The endpoint, scheme + host + port, for example {@code http://127.0.0.1:7480}. */
    public URI endpoint() { return endpoint; }

    /** The credentials, or empty for anonymous (unsigned) requests. */
    public Optional<Credentials> credentials() { return Optional.ofNullable(credentials); }

    /** The signing region. */
    public String region() { return region; }

    public AddressingStyle addressingStyle() { return addressingStyle; }

    /** A PEM file of CA certificates to trust instead of the JDK's, or {@code null}. */
    public Path caBundle() { return caBundle; }

    /** True when TLS certificates and host names are not verified (testing only). */
    public boolean insecureTls() { return insecureTls; }

    public Duration connectTimeout() { return connectTimeout; }

    public Duration readTimeout() { return readTimeout; }

    public Duration writeTimeout() { return writeTimeout; }

    /** Requests in flight at once that the connection pool and dispatcher are sized for. */
    public int maxConcurrency() { return maxConcurrency; }

    public RetryPolicy retryPolicy() { return retryPolicy; }

    /** The integrity mode for PutObject and UploadPart unless a request names its own. */
    public Integrity integrity() { return integrity; }

    /** The clock that signing reads; the client corrects it by the measured server offset. */
    public InstantSource clock() { return clock; }

    /**
     * True when PutObject and UploadPart send {@code Expect: 100-continue}: the server can then refuse a
     * request (bad signature, missing upload, SlowDown) before the body is sent, at the price of one round
     * trip per upload. RGW 16.2 supports it.
     */
    public boolean expectContinue() { return expectContinue; }

    /**
     * Whether, on an endpoint reached without a proxy, requests skip OkHttp for s3pump's own HTTP/1.1 carrier (default
     * on): upload bodies (UploadPart, PutObject) go from the file mapping to the socket, or through TLS into one
     * buffer of records, and GetObject answers come from the socket into the caller's buffer, with no copy in Java
     * beyond TLS's own. Signing, retries and errors are the same either way. Off (OkHttp) is for comparison and as an
     * escape hatch; a proxied endpoint always takes OkHttp.
     */
    public boolean directDataPath() { return directDataPath; }

    /** Which TLS implementation carries {@code https} requests (default {@link TlsProvider#AUTO}). */
    public TlsProvider tlsProvider() { return tlsProvider; }

    /** Where endpoint, credentials and region came from, for {@code --debug} output. */
    public String sources() { return sources; }

    @Override
    public String toString() {
        return "S3ClientConfig[endpoint=" + endpoint + ", region=" + region + ", credentials="
                + (credentials == null ? "anonymous" : credentials) + ", addressing=" + addressingStyle
                + ", maxConcurrency=" + maxConcurrency + ", integrity=" + integrity + ", retry=" + retryPolicy + "]";
    }

    /** Collects settings; not thread-safe. Unset endpoint, credentials and region are filled by {@link #resolveFrom}. */
    public static final class Builder {
        private String endpoint;
        private Credentials credentials;
        private boolean anonymous;
        private String region;
        private String profile;
        private AddressingStyle addressingStyle;
        private Path caBundle;
        private boolean insecureTls;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private int maxConcurrency = 16;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Integrity integrity = Integrity.DEFAULT;
        private InstantSource clock = InstantSource.system();
        private boolean expectContinue;
        private boolean directDataPath = true;
        private TlsProvider tlsProvider = TlsProvider.AUTO;
        private ConfigResolution.Resolved resolved;
        private boolean caBundleResolved;

        private Builder() {}

        /** The endpoint URL, for example {@code http://127.0.0.1:7480}; checked at {@link #build()}. */
        public Builder endpoint(String url) { this.endpoint = url; return this; }

        public Builder endpoint(URI url) { this.endpoint = url == null ? null : url.toString(); return this; }

        public Builder credentials(Credentials c) { this.credentials = c; this.anonymous = false; return this; }

        /** Sends unsigned requests; no credentials are looked up. */
        public Builder anonymous() { this.credentials = null; this.anonymous = true; return this; }

        public Builder region(String r) { this.region = r; return this; }

        /** The profile to read from the AWS files (instead of {@code AWS_PROFILE} or {@code default}). */
        public Builder profile(String p) { this.profile = p; return this; }

        /** Path-style or virtual-host addressing; default path-style except for {@code *.amazonaws.com}. */
        public Builder addressingStyle(AddressingStyle s) { this.addressingStyle = s; return this; }

        public Builder caBundle(Path pem) { this.caBundle = pem; this.caBundleResolved = false; return this; }

        public Builder insecureTls(boolean insecure) { this.insecureTls = insecure; return this; }

        public Builder connectTimeout(Duration d) { this.connectTimeout = positive(d, "connectTimeout"); return this; }

        public Builder readTimeout(Duration d) { this.readTimeout = positive(d, "readTimeout"); return this; }

        public Builder writeTimeout(Duration d) { this.writeTimeout = positive(d, "writeTimeout"); return this; }

        /** Requests in flight at once (1 to 1024): sizes the connection pool and the dispatcher. */
        public Builder maxConcurrency(int n) {
            if (n < 1 || n > 1024) throw new IllegalArgumentException("maxConcurrency must be 1 to 1024: " + n);
            this.maxConcurrency = n;
            return this;
        }

        public Builder retryPolicy(RetryPolicy p) { this.retryPolicy = Objects.requireNonNull(p); return this; }

        public Builder integrity(Integrity i) { this.integrity = Objects.requireNonNull(i); return this; }

        /** Send {@code Expect: 100-continue} with upload bodies (default off); see {@link S3ClientConfig#expectContinue()}. */
        public Builder expectContinue(boolean on) { this.expectContinue = on; return this; }

        /** Carry plain-http data requests without OkHttp (default on); see {@link S3ClientConfig#directDataPath()}. */
        public Builder directDataPath(boolean on) { this.directDataPath = on; return this; }

        /** Which TLS implementation carries {@code https} requests; see {@link TlsProvider}. */
        public Builder tlsProvider(TlsProvider provider) {
            this.tlsProvider = java.util.Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The signing clock; tests pin it. */
        public Builder clock(InstantSource c) { this.clock = Objects.requireNonNull(c); return this; }

        /** Fills unset endpoint, credentials and region from the process environment and {@code ~/.aws}. */
        public Builder resolveFromEnvironment() {
            return resolveFrom(System.getenv(), io.s3pump.client.internal.config.Home.directory());
        }

        /**
         * Fills unset endpoint, credentials and region from {@code env} and the AWS files under
         * {@code home} (or named by {@code AWS_SHARED_CREDENTIALS_FILE} / {@code AWS_CONFIG_FILE}), and,
         * when unset, the CA bundle ({@code AWS_CA_BUNDLE}, profile {@code ca_bundle}) and the addressing
         * style (profile {@code s3 = addressing_style = path|virtual|auto}).
         *
         * @throws ConfigException when credentials are missing (unless {@link #anonymous()}), a named profile
         *     does not exist, or an endpoint is malformed; the message lists where it looked
         * @throws UncheckedIOException when a profile file exists but cannot be read
         */
        public Builder resolveFrom(Map<String, String> env, Path home) {
            Path credPath = ConfigResolution.credentialsPath(env, home);
            Path confPath = ConfigResolution.configPath(env, home);
            try {
                var files = new ConfigResolution.Files(credPath, IniFile.read(credPath), confPath, IniFile.read(confPath));
                resolved = ConfigResolution.resolve(new ConfigResolution.Explicit(endpoint, credentials, region, profile),
                        env, files, !anonymous);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read AWS profile file: " + e.getMessage(), e);
            }
            if (resolved.endpoint() != null) endpoint = resolved.endpoint().toString();
            if (!anonymous) credentials = resolved.credentials();
            region = resolved.region();
            if (caBundle == null && resolved.caBundle() != null) {
                caBundle = resolved.caBundle();
                caBundleResolved = true;
            }
            if (addressingStyle == null && resolved.addressingStyle() != null) {
                addressingStyle = switch (resolved.addressingStyle()) {
                    case "path" -> AddressingStyle.PATH;
                    case "virtual" -> AddressingStyle.VIRTUAL_HOST;
                    case "auto" -> null;
                    default -> throw new ConfigException("addressing_style must be path, virtual or auto, not '"
                            + resolved.addressingStyle() + "' (in " + confPath + ")");
                };
            }
            return this;
        }

        /**
         * @throws ConfigException when there are no credentials (and not {@link #anonymous()}), or the endpoint
         *     is malformed
         */
        public S3ClientConfig build() {
            if (caBundle != null && insecureTls) {
                if (!caBundleResolved) throw new ConfigException("choose either a CA bundle or insecure TLS, not both");
                caBundle = null; // an explicit insecure choice beats AWS_CA_BUNDLE / ca_bundle from the profile
            }
            String r = region == null || region.isBlank() ? ConfigResolution.DEFAULT_REGION : region.strip();
            URI uri = endpoint == null || endpoint.isBlank()
                    ? URI.create("https://s3." + r + ".amazonaws.com")
                    : ConfigResolution.parseEndpoint(endpoint, resolved != null ? resolved.endpointSource() : "explicit setting");
            if (credentials == null && !anonymous) {
                throw new ConfigException("no S3 credentials: set them explicitly, call anonymous(), or call"
                        + " resolveFromEnvironment() to read AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and ~/.aws");
            }
            String sources = resolved == null ? "explicit settings"
                    : "endpoint from " + resolved.endpointSource() + ", credentials from "
                            + (anonymous ? "none (anonymous)" : resolved.credentialsSource())
                            + ", region from " + resolved.regionSource();
            return new S3ClientConfig(this, uri, r, sources);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
            return d;
        }
    }
}
