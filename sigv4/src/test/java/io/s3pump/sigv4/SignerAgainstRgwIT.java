package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signer against a real Ceph RGW, through the JDK's HTTP client: object keys with every awkward character,
 * query parameters, presigned URLs, aws-chunked uploads, and a tampered signature that must be refused.
 * Reads AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION; fails when they are unset.
 * Over https it trusts exactly the CA in AWS_CA_BUNDLE (or the JDK's CAs without one), and fails when the failsafe
 * run names another scheme (S3PUMP_IT_SCHEME, set by the root pom).
 */
class SignerAgainstRgwIT {
    // The JDK client sets these itself (Host from the URI, Content-Length from the body publisher).
    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    private static URI endpoint;
    private static String host;
    private static Credentials credentials;
    private static String region;
    private static HttpClient http;
    private static final Signer SIGNER = Signer.sigV4();
    private static final String BUCKET = "sigv4-it-" + Long.toHexString(System.nanoTime());

    @BeforeAll
    static void connect() throws Exception {
        String url = System.getenv("AWS_ENDPOINT_URL");
        String key = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        region = System.getenv("AWS_REGION");
        if (url == null || key == null || secret == null || region == null) {
            fail("RGW is not configured: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION must be set. "
                    + "Run ./run-tests, or eval \"$(rgw/rgw.sh start)\" first.");
        }
        endpoint = URI.create(url);
        String scheme = System.getenv("S3PUMP_IT_SCHEME");
        if (scheme != null && !scheme.isBlank() && !scheme.equals(endpoint.getScheme())) {
            fail("this is the " + scheme + " run of the integration tests, but AWS_ENDPOINT_URL is " + url
                    + " (./run-tests starts RGW with RGW_TLS=1 and runs the tests over http and https)");
        }
        host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        credentials = Credentials.of(key, secret);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .sslContext(sslContext(System.getenv("AWS_CA_BUNDLE"))).build();
        try {
            HttpResponse<String> created = send(SignableRequest.of("PUT", host, "/" + BUCKET, PayloadMode.empty()),
                    HttpRequest.BodyPublishers.noBody());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        } catch (ConnectException e) {
            fail("RGW at " + url + " is unreachable (" + e + "). Run ./run-tests, or eval \"$(rgw/rgw.sh start)\" first.");
        }
    }

    /** Trusts exactly the CAs in {@code caBundle} (a PEM file), or the JDK's when it is unset; never trusts all. */
    private static SSLContext sslContext(String caBundle) throws Exception {
        if (caBundle == null || caBundle.isBlank()) return SSLContext.getDefault();
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(caBundle.strip()))) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static SigningParams now() {
        return SigningParams.s3(credentials, region, Instant.now());
    }

    private static HttpResponse<String> send(SignableRequest request, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        SignedRequest signed = SIGNER.sign(request, now());
        return http.send(build(request, signed.headers(), body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest build(SignableRequest request, List<Header> signerHeaders, HttpRequest.BodyPublisher body) {
        String query = request.query().isEmpty() ? "" : "?" + UriEncoding.canonicalQuery(request.query());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.getScheme() + "://" + host + request.path() + query))
                .method(request.method(), body);
        for (Header h : request.headers()) if (!RESTRICTED.contains(h.name().toLowerCase(Locale.ROOT))) b.header(h.name(), h.value());
        for (Header h : signerHeaders) if (!RESTRICTED.contains(h.name().toLowerCase(Locale.ROOT))) b.setHeader(h.name(), h.value());
        return b.build();
    }

    private static String objectPath(String key) {
        return UriEncoding.pathStyle(BUCKET, key);
    }

    @ParameterizedTest(name = "key \"{0}\"")
    @ValueSource(strings = {"plain.txt", "with space/and+plus.bin", "ü/ß/東京.txt", "~*'()!$&=@:,;.txt", "dir//double//slash",
            "a%2Fb", "50%.txt", "tilde~under_score-dot."})
    void awkwardKeysRoundTripWithHeaderAuthAndPresignedUrls(String key) throws Exception {
        byte[] body = ("content of " + key).getBytes(StandardCharsets.UTF_8);
        SignableRequest put = SignableRequest.of("PUT", host, objectPath(key), PayloadMode.signed(body));
        HttpResponse<String> stored = send(put, HttpRequest.BodyPublishers.ofByteArray(body));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        HttpResponse<String> got = send(SignableRequest.of("GET", host, objectPath(key), PayloadMode.empty()),
                HttpRequest.BodyPublishers.noBody());
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("content of " + key);

        PresignedRequest url = SIGNER.presign(SignableRequest.of("GET", host, objectPath(key), PayloadMode.unsigned()),
                now(), Duration.ofMinutes(5));
        HttpResponse<String> viaUrl = http.send(HttpRequest.newBuilder(URI.create(url.url(endpoint.getScheme()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaUrl.statusCode()).as(viaUrl.body()).isEqualTo(200);
        assertThat(viaUrl.body()).isEqualTo("content of " + key);

        // The listing finds the key by a prefix that itself needs encoding in the signed query.
        SignableRequest list = SignableRequest.of("GET", host, "/" + BUCKET, PayloadMode.empty())
                .withQueryParam("list-type", "2").withQueryParam("prefix", key);
        HttpResponse<String> listed = send(list, HttpRequest.BodyPublishers.noBody());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("<KeyCount>1</KeyCount>");
    }

    @Test
    void awsChunkedUploadIsAcceptedAndStoresTheDecodedBytes() throws Exception {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        SignableRequest put = SignableRequest.of("PUT", host, objectPath("chunked.bin"),
                new PayloadMode.Streaming(data.length, PayloadMode.DEFAULT_CHUNK_SIZE));
        SignedRequest signed = SIGNER.sign(put, now());
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> signed.chunkEncoder().encode(new java.io.ByteArrayInputStream(data))),
                signed.contentLength().orElseThrow());
        HttpResponse<String> stored = http.send(build(put, signed.headers(), body), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        assertThat(stored.headers().firstValue("ETag")).hasValue("\"" + md5 + "\"");

        HttpResponse<byte[]> got = http.send(build(SignableRequest.of("GET", host, objectPath("chunked.bin"), PayloadMode.empty()),
                SIGNER.sign(SignableRequest.of("GET", host, objectPath("chunked.bin"), PayloadMode.empty()), now()).headers(),
                HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.body()).isEqualTo(data);
    }

    @Test
    void aPresignedPutOverTheBodysHashIsAcceptedWithItsHeaderAndRefusedForOtherBytes() throws Exception {
        byte[] body = "exactly these bytes".getBytes(StandardCharsets.US_ASCII);
        PayloadMode hashed = PayloadMode.signed(body);
        SignableRequest put = SignableRequest.of("PUT", host, objectPath("presigned-hash.txt"), hashed)
                .withHeader("x-amz-content-sha256", hashed.contentSha256());
        PresignedRequest url = SIGNER.presign(put, now(), Duration.ofMinutes(5));
        assertThat(url.headers()).extracting(Header::name).contains("x-amz-content-sha256");

        HttpRequest.Builder ok = HttpRequest.newBuilder(URI.create(url.url(endpoint.getScheme())))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        url.headers().forEach(h -> ok.header(h.name(), h.value()));
        HttpResponse<String> stored = http.send(ok.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        HttpRequest.Builder other = HttpRequest.newBuilder(URI.create(url.url(endpoint.getScheme())))
                .PUT(HttpRequest.BodyPublishers.ofByteArray("other bytes".getBytes(StandardCharsets.US_ASCII)));
        url.headers().forEach(h -> other.header(h.name(), h.value()));
        HttpResponse<String> refused = http.send(other.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("XAmzContentSHA256Mismatch");
    }

    @Test
    void unsignedPayloadIsAccepted() throws Exception {
        byte[] body = "unsigned".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> stored = send(SignableRequest.of("PUT", host, objectPath("unsigned.txt"), PayloadMode.unsigned()),
                HttpRequest.BodyPublishers.ofByteArray(body));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        SignableRequest get = SignableRequest.of("GET", host, "/" + BUCKET, PayloadMode.empty());
        SignedRequest signed = SIGNER.sign(get, now());
        String auth = signed.authorization();
        char last = auth.charAt(auth.length() - 1);
        List<Header> tampered = List.of(signed.headers().get(0), signed.headers().get(1),
                new Header("Authorization", auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0')));
        HttpResponse<String> refused = http.send(build(get, tampered, HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("SignatureDoesNotMatch");
    }
}
