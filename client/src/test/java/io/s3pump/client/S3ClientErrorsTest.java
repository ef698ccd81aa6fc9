package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Error answers, retries, transport failures and clock skew, on every carrier over http and https. */
@ParameterizedClass
@MethodSource("io.s3pump.client.TestTransport#all")
class S3ClientErrorsTest {
    final MockWebServer server = new MockWebServer();

    @Parameter
    TestTransport transport;

    S3Client client;

    @BeforeEach
    void setUp() throws Exception {
        transport.start(server);
        client = S3Client.create(config().build());
    }

    /** The shared MockWebServer setup, through this run's transport. */
    private S3ClientConfig.Builder config() {
        return transport.configure(MockS3.config(server), server);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void anErrorDocumentBecomesAnS3ExceptionWithEveryField() {
        server.enqueue(MockS3.xml(404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>"
                + "<Message>The bucket does not exist</Message><BucketName>nope</BucketName>"
                + "<RequestId>tx00000abc</RequestId><HostId>zone-a</HostId></Error>"));
        assertThatThrownBy(() -> client.listObjectsV2(ListObjectsV2Request.of("nope")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo(S3Exception.NO_SUCH_BUCKET);
                    assertThat(e.s3Message()).isEqualTo("The bucket does not exist");
                    assertThat(e.resource()).isEqualTo("nope");
                    assertThat(e.requestId()).isEqualTo("tx00000abc");
                    assertThat(e.hostId()).isEqualTo("zone-a");
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.getMessage()).contains("NoSuchBucket", "404", "tx00000abc");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rgwsEmptyMessageIsAccepted() {
        server.enqueue(MockS3.xml(400, "<Error><Code>InvalidBucketName</Code><Message></Message>"
                + "<BucketName>b1</BucketName><RequestId>tx1</RequestId><HostId>h</HostId></Error>"));
        assertThatThrownBy(() -> client.createBucket("b1")).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(S3Exception.INVALID_BUCKET_NAME);
            assertThat(e.s3Message()).isEmpty();
            assertThat(e.resource()).isEqualTo("b1");
        });
    }

    @Test
    void aHeadWithoutBodyDerivesTheCodeFromTheStatus() {
        server.enqueue(new MockResponse.Builder().code(404).addHeader("x-amz-request-id", "tx-head").build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().code(403).build());
        assertThatThrownBy(() -> client.headObject("b", "k")).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(S3Exception.NO_SUCH_KEY);
            assertThat(e.requestId()).isEqualTo("tx-head");
            assertThat(e.resource()).isEqualTo("b/k");
        });
        assertThatThrownBy(() -> client.headBucket("b")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3Exception.NO_SUCH_BUCKET));
        assertThatThrownBy(() -> client.headObject("b", "k")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3Exception.ACCESS_DENIED));
    }

    @Test
    void aNonXmlErrorBodyKeepsTheStatusAndASnippet() {
        server.enqueue(new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build());
        client.close();
        client = S3Client.create(config().retryPolicy(RetryPolicy.NONE).build());
        assertThatThrownBy(() -> client.listBuckets()).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.code()).isEqualTo(S3Exception.UNKNOWN);
            assertThat(e.s3Message()).contains("bad gateway");
        });
    }

    @Test
    void completeAnsweringOkWithAnErrorBodyFails() {
        server.enqueue(MockS3.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidPart</Code>"
                + "<Message>One or more of the specified parts could not be found.</Message>"
                + "<RequestId>tx2</RequestId><HostId>h</HostId></Error>"));
        assertThatThrownBy(() -> client.completeMultipartUpload("b", "k", "u", List.of(new CompletedPart(1, "aaa"))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.code()).isEqualTo(S3Exception.INVALID_PART);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void completeAnsweringOkWithAnInternalErrorBodyIsRetried() throws Exception {
        server.enqueue(MockS3.xml(200, "<Error><Code>InternalError</Code><Message>try again</Message></Error>"));
        server.enqueue(MockS3.xml(200, "<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
                + "<ETag>\"0123456789abcdef0123456789abcdef-1\"</ETag></CompleteMultipartUploadResult>"));
        CompleteMultipartUploadResult r = client.completeMultipartUpload("b", "k", "u", List.of(new CompletedPart(1, "aaa")));
        assertThat(r.eTag()).isEqualTo("0123456789abcdef0123456789abcdef-1");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void uploadPartCopyAnsweringOkWithAnErrorBodyFails() {
        server.enqueue(MockS3.xml(200, "<Error><Code>SlowDown</Code><Message>x</Message></Error>"));
        server.enqueue(MockS3.xml(200, "<Error><Code>AccessDenied</Code><Message>x</Message></Error>"));
        assertThatThrownBy(() -> client.uploadPartCopy(new UploadPartCopyRequest("b", "k", "u", 1, "s", "k", null)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3Exception.ACCESS_DENIED));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void serviceUnavailableIsRetriedUntilSuccess() throws Exception {
        server.enqueue(MockS3.error(503, "SlowDown", "Please reduce your request rate."));
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"5d41402abc4b2a76b9719d911017c592\"").build());
        UploadPartResult r = client.uploadPart(UploadPartRequest.of("b", "k", "u", 1),
                UploadBody.of("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.eTag()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(server.getRequestCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) assertThat(server.takeRequest().getBody().utf8()).isEqualTo("hello");
    }

    @Test
    void retriesStopAfterMaxAttempts() {
        for (int i = 0; i < 4; i++) server.enqueue(MockS3.error(500, "InternalError", "boom"));
        assertThatThrownBy(() -> client.listBuckets()).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3Exception.INTERNAL_ERROR));
        assertThat(server.getRequestCount()).isEqualTo(MockS3.FAST_RETRIES.maxAttempts());
    }

    @Test
    void retriesStopWhenTheTotalTimeIsSpent() {
        client.close();
        client = S3Client.create(config()
                .retryPolicy(new RetryPolicy(100, Duration.ofMillis(40), Duration.ofMillis(40), Duration.ofMillis(1)))
                .build());
        for (int i = 0; i < 5; i++) server.enqueue(MockS3.error(503, "SlowDown", "x"));
        assertThatThrownBy(() -> client.listBuckets()).isInstanceOf(S3Exception.class);
        // The first delay may be drawn as zero by the jitter; the budget of 1 ms stops the loop at once after.
        assertThat(server.getRequestCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void aPermanentForbiddenIsNotRetried() {
        server.enqueue(MockS3.error(403, "SignatureDoesNotMatch", "bad"));
        server.enqueue(MockS3.ok());
        assertThatThrownBy(() -> client.putObject(PutObjectRequest.of("b", "k"), UploadBody.of(new byte[3])))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3Exception.SIGNATURE_DOES_NOT_MATCH);
                    assertThat(e.isAuthFailure()).isTrue();
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aConnectionResetWhileSendingAPartIsRetriedFromTheMappedSegment(@TempDir Path dir) throws Exception {
        byte[] data = new byte[256 * 1024];
        new java.util.Random(1).nextBytes(data);
        Path file = dir.resolve("part");
        Files.write(file, data);
        server.setDispatcher(new FailFirstDispatcher(
                new MockResponse.Builder().onRequestBody(SocketEffect.ShutdownConnection.INSTANCE).build(),
                new MockResponse.Builder().code(200).addHeader("ETag", "\"e\"").build()));
        try (Arena arena = Arena.ofShared(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment segment = ch.map(FileChannel.MapMode.READ_ONLY, 0, data.length, arena);
            UploadPartResult r = client.uploadPart(UploadPartRequest.of("b", "k", "u", 1), UploadBody.of(segment));
            assertThat(r.eTag()).isEqualTo("e");
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(server.takeRequest().getFailure()).isNotNull();
        RecordedRequest second = server.takeRequest();
        assertThat(second.getBody().toByteArray()).isEqualTo(data);
        assertThat(second.getHeaders().get("Content-Length")).isEqualTo(Integer.toString(data.length));
    }

    @Test
    void aConnectionDroppedMidDownloadIsRetriedAndTheRangeRewritten(@TempDir Path dir) throws Exception {
        String body = "0123456789".repeat(10_000);
        server.enqueue(new MockResponse.Builder().code(200).body(body)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        Path file = dir.resolve("out");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ObjectMetadata m = client.getObject(GetObjectRequest.of("b", "k"), ch, 7);
            assertThat(m.contentLength()).isEqualTo(body.length());
        }
        byte[] written = Files.readAllBytes(file);
        assertThat(new String(written, 7, written.length - 7, StandardCharsets.US_ASCII)).isEqualTo(body);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aFailureOfTheCallersOwnHandlerIsNotRetried() {
        server.enqueue(new MockResponse.Builder().code(200).body("abc").build());
        server.enqueue(new MockResponse.Builder().code(200).body("abc").build());
        assertThatThrownBy(() -> client.getObject(GetObjectRequest.of("b", "k"), (m, in) -> {
            in.readAllBytes();
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void connectionRefusedIsAConnectExceptionAndNotRetried() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (S3Client c = S3Client.create(config().endpoint((transport.tls() ? "https" : "http") + "://127.0.0.1:" + port).build())) {
            long start = System.nanoTime();
            assertThatThrownBy(c::listBuckets).isInstanceOf(ConnectException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void clockSkewIsCorrectedOnceAndTheRequestResigned() throws Exception {
        Instant serverTime = MockS3.NOW.plus(Duration.ofMinutes(42));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(serverTime);
        server.enqueue(new MockResponse.Builder().code(403).addHeader("Date", date).addHeader("Content-Type", "application/xml")
                .body("<Error><Code>RequestTimeTooSkewed</Code><Message></Message></Error>").build());
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>"));
        assertThat(client.listBuckets().buckets()).isEmpty();
        assertThat(server.takeRequest().getHeaders().get("x-amz-date")).isEqualTo("20261125T120000Z");
        assertThat(server.takeRequest().getHeaders().get("x-amz-date")).isEqualTo("20261125T124200Z");
        assertThat(client.clockOffset()).isEqualTo(Duration.ofMinutes(42));
    }

    @Test
    void clockSkewIsCorrectedOnlyOnce() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(MockS3.NOW.plus(Duration.ofHours(1)));
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(403).addHeader("Date", date)
                    .body("<Error><Code>RequestTimeTooSkewed</Code></Error>").build());
        }
        assertThatThrownBy(() -> client.listBuckets()).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3Exception.REQUEST_TIME_TOO_SKEWED));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aForbiddenWithAFarAwayServerDateIsTreatedAsSkew() throws Exception {
        client.close();
        Instant local = Instant.parse("2020-01-01T00:00:00Z");
        client = S3Client.create(config().clock(InstantSource.fixed(local)).build());
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(MockS3.NOW);
        server.enqueue(new MockResponse.Builder().code(403).addHeader("Date", date)
                .body("<Error><Code>AccessDenied</Code></Error>").build());
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        client.listBuckets();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void requestTimeTooSkewedIsCorrectedWhateverTheStatus() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(MockS3.NOW.minus(Duration.ofHours(2)));
        server.enqueue(MockS3.xml(400, "<Error><Code>RequestTimeTooSkewed</Code><Message></Message></Error>").newBuilder()
                .addHeader("Date", date).build());
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
        client.listBuckets();
        assertThat(client.clockOffset()).isEqualTo(Duration.ofHours(-2));
    }

    @Test
    void aSuccessfulAnswerWithAFarAwayDateLeavesTheClockAlone() throws Exception {
        // A request the server accepted was inside its window; a stale Date (a cache, a proxy) must not move us.
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(MockS3.NOW.plus(Duration.ofHours(3)));
        server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>").newBuilder().addHeader("Date", date).build());
        server.enqueue(MockS3.error(404, "NoSuchBucket", "").newBuilder().addHeader("Date", date).build());
        client.listBuckets();
        assertThatThrownBy(() -> client.headBucket("b")).isInstanceOf(S3Exception.class);
        assertThat(client.clockOffset()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @org.junit.jupiter.api.RepeatedTest(10)   // a race: each rejected request measures the gap at its own moment
    void parallelRequestsRejectedForSkewTogetherAllSucceedAndTheOffsetIsTheGap() throws Exception {
        int parallel = 8;
        Instant serverTime = MockS3.NOW.plus(Duration.ofHours(1));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(serverTime);
        java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(parallel);
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                if ("20261125T130000Z".equals(r.getHeaders().get("x-amz-date"))) {
                    return MockS3.xml(200, "<ListAllMyBucketsResult/>");
                }
                allArrived.countDown();
                allArrived.await(5, java.util.concurrent.TimeUnit.SECONDS); // answer all rejections at once
                return MockS3.xml(403, "<Error><Code>RequestTimeTooSkewed</Code></Error>").newBuilder()
                        .addHeader("Date", date).build();
            }
        });
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<ListAllMyBucketsResult>> heads = new java.util.ArrayList<>();
            for (int i = 0; i < parallel; i++) heads.add(threads.submit(() -> client.listBuckets()));
            for (var h : heads) h.get();
        }
        assertThat(client.clockOffset()).isEqualTo(Duration.ofHours(1));
        assertThat(server.getRequestCount()).isEqualTo(2 * parallel);
    }

    @Test
    void listPartsAfterAbortAnsweringNoSuchKeyBecomesNoSuchUpload() {
        server.enqueue(MockS3.error(404, "NoSuchKey", ""));
        assertThatThrownBy(() -> client.listParts(ListPartsRequest.of("b", "k", "gone")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3Exception.NO_SUCH_UPLOAD);
                    assertThat(e.status()).isEqualTo(404);
                });
    }

    @Test
    void errorMessagesNeverCarrySignaturesOrTokens() {
        server.enqueue(MockS3.xml(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>bad</Message>"
                + "<StringToSign>AWS4-HMAC-SHA256</StringToSign>"
                + "<Resource>/b/k?X-Amz-Signature=deadbeefcafe&amp;X-Amz-Security-Token=SECRETTOKEN</Resource></Error>"));
        assertThatThrownBy(() -> client.listBuckets()).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.toString()).doesNotContain("deadbeefcafe", "SECRETTOKEN");
            assertThat(e.getMessage()).doesNotContain("deadbeefcafe", "SECRETTOKEN");
            assertThat(e.resource()).contains("X-Amz-Signature=****");
        });
    }

    @Test
    void theSecretKeyAppearsInNoRequestHeader() throws Exception {
        server.enqueue(MockS3.ok());
        client.headBucket("b");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().toString()).doesNotContain(MockS3.CREDENTIALS.secretAccessKey());
        assertThat(client.config().toString()).doesNotContain(MockS3.CREDENTIALS.secretAccessKey());
    }

    /**
     * MockWebServer takes a request-body effect from {@code peek()} and, when it kills the connection, never
     * dequeues the response (a queued failure would repeat forever); this dispatcher serves the failing
     * response to the first request only, then the good one.
     */
    static final class FailFirstDispatcher extends mockwebserver3.Dispatcher {
        private final java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        private final MockResponse failing;
        private final MockResponse good;

        FailFirstDispatcher(MockResponse failing, MockResponse good) {
            this.failing = failing;
            this.good = good;
        }

        @Override
        public MockResponse peek() {
            // The server also peeks when accepting a connection and for tunnels; only the peek that reads a
            // request applies the body effect, so only that one consumes the failure.
            boolean readingRequest = StackWalker.getInstance()
                    .walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("readRequest")));
            if (!readingRequest) return failed.get() ? good : failing;
            return failed.getAndSet(true) ? good : failing;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            return good;
        }
    }
}
