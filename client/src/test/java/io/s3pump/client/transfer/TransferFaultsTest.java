package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.TestTransport;
import io.s3pump.client.Integrity;
import io.s3pump.client.ListMultipartUploadsRequest;
import io.s3pump.client.RetryPolicy;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.client.S3Exception;
import io.s3pump.sigv4.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack (engine, client, carrier) against MockWebServer faults, routed by partNumber; on every carrier over
 * http and https.
 */
@ParameterizedClass
@MethodSource("io.s3pump.client.TestTransport#all")
class TransferFaultsTest {
    private static final int MIB = 1 << 20;

    final MockWebServer server = new MockWebServer();
    @Parameter TestTransport transport;
    @TempDir Path tmp;
    private final FakeS3Dispatcher s3 = new FakeS3Dispatcher();
    private S3Client client;

    @BeforeEach
    void setUp() throws Exception {
        server.setDispatcher(s3);
        transport.start(server);
        client = client(Integrity.CONTENT_MD5);
    }

    private S3Client client(Integrity integrity) {
        return S3Client.create(builder()
                .credentials(Credentials.of("AKIDEXAMPLE", "secret")).region("us-east-1")
                .readTimeout(Duration.ofSeconds(10)).maxConcurrency(8).integrity(integrity)
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)))
                .build());
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    /** A client builder pointed at the server through this run's transport. */
    private S3ClientConfig.Builder builder() {
        return transport.configure(S3ClientConfig.builder(), server);
    }

    private Path randomFile(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path f = tmp.resolve("f" + size);
        Files.write(f, data);
        return f;
    }

    /**
     * The {@code peek()} at part 1's body, at concurrency 1: CreateMultipartUpload and part 1 share one connection
     * (peek 1 for the connection, 2-3 for Create's start and body, 4 for part 1's body).
     */
    private static final int PART_1_BODY_PEEK = 4;

    private UploadOptions options() {
        return UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).journalDir(tmp.resolve("j"))
                .singlePutThreshold(5 * MIB).concurrency(4).build();
    }

    private List<String> openUploads() throws IOException {
        List<String> ids = new ArrayList<>();
        client.listMultipartUploadsAll(ListMultipartUploadsRequest.of("b"), page -> {
            page.uploads().forEach(u -> ids.add(u.uploadId()));
            return true;
        });
        return ids;
    }

    @Test
    void aPartAnswering503TwiceThenOkIsRetriedAndTheUploadVerifies() throws IOException {
        Path f = randomFile(16 * MIB + 3);
        s3.failPart(2, FakeS3Dispatcher.error(503, "SlowDown"), FakeS3Dispatcher.error(503, "SlowDown"));
        UploadResult r = new Uploader(client).upload(f, "b", "k", options());
        assertThat(s3.attempts(2)).isEqualTo(3);
        assertThat(s3.attempts(1)).isEqualTo(1);
        assertThat(r.partCount()).isEqualTo(4);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(s3.objects.get("b/k").data().toByteArray()).isEqualTo(Files.readAllBytes(f));
        assertThat(s3.count("AbortMultipartUpload")).isZero();
    }

    @Test
    void aPartFailingForGoodSendsAbortAndLeavesNoUploadListed() throws IOException {
        Path f = randomFile(26 * MIB);
        MockResponse[] always = new MockResponse[20];
        java.util.Arrays.fill(always, FakeS3Dispatcher.error(500, "InternalError"));
        s3.failPart(3, always);
        assertThatThrownBy(() -> new Uploader(client).upload(f, "b", "k", options()))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo("InternalError"));
        assertThat(s3.attempts(3)).as("the client's retries ran out").isEqualTo(4);
        assertThat(s3.count("AbortMultipartUpload")).isEqualTo(1);
        assertThat(openUploads()).isEmpty();
        assertThat(s3.objects).isEmpty();
        assertThat(tmp.resolve("j")).isEmptyDirectory();
    }

    @Test
    void completeAnswering200WithAnErrorBodyIsAFailureNotASuccess() throws IOException {
        Path f = randomFile(11 * MIB);
        s3.completeOverride = () -> FakeS3Dispatcher.xml(200,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InvalidPart</Code><Message>One or more of the"
                        + " specified parts could not be found.</Message><RequestId>tx</RequestId></Error>");
        assertThatThrownBy(() -> new Uploader(client).upload(f, "b", "k", options()))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidPart"));
        assertThat(s3.count("AbortMultipartUpload")).isEqualTo(1);
        assertThat(s3.count("HeadObject")).as("never verified as a success").isZero();
        assertThat(openUploads()).isEmpty();
    }

    @Test
    void aLostCompleteAnswerFollowedByNoSuchUploadIsASuccessWhenHeadShowsThePartsSent() throws IOException {
        Path f = randomFile(11 * MIB);
        s3.loseNextCompleteAnswer = stored -> stored;   // completed, but the answer never arrives
        UploadResult r = new Uploader(client).upload(f, "b", "k", options());
        assertThat(s3.count("CompleteMultipartUpload")).as("the reset answer, then the retry's NoSuchUpload").isEqualTo(2);
        assertThat(s3.count("AbortMultipartUpload")).isZero();
        assertThat(r.etag()).isEqualTo(s3.objects.get("b/k").etag()).endsWith("-3");
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(s3.objects.get("b/k").data().toByteArray()).isEqualTo(Files.readAllBytes(f));
        assertThat(tmp.resolve("j")).isEmptyDirectory();
    }

    @Test
    void aLostCompleteAnswerIsAFailureWhenTheObjectIsNotTheOneThePartsMake() throws IOException {
        Path f = randomFile(11 * MIB);
        // Another writer replaced the object (same size, other bytes) before the retry arrived.
        s3.loseNextCompleteAnswer = stored -> new FakeS3Dispatcher.Stored(okio.ByteString.of(new byte[11 * MIB]),
                okio.ByteString.of(new byte[11 * MIB]).md5().hex());
        String expected = io.s3pump.client.internal.transfer.Etags.composite(List.of(
                md5(f, 0, 5 * MIB), md5(f, 5 * MIB, 5 * MIB), md5(f, 10 * MIB, MIB)));
        assertThatThrownBy(() -> new Uploader(client).upload(f, "b", "k", options()))
                .isInstanceOf(IOException.class).isNotInstanceOf(S3Exception.class)
                .hasMessageContaining("CompleteMultipartUpload of upload up1 answered NoSuchUpload")
                .hasMessageContaining("the answer was lost")
                .hasMessageContaining("it is another object (size " + 11 * MIB + ", ETag "
                        + okio.ByteString.of(new byte[11 * MIB]).md5().hex())
                .hasMessageContaining("the parts sent make size " + 11 * MIB + ", ETag " + expected)
                .hasMessageEndingWith("the upload is not known to have completed")
                .hasCauseInstanceOf(S3Exception.class);
        assertThat(s3.count("HeadObject")).isEqualTo(1);
    }

    @Test
    void aLostCompleteAnswerIsAFailureWhenTheObjectIsGone() throws IOException {
        Path f = randomFile(11 * MIB);
        s3.loseNextCompleteAnswer = stored -> null;   // completed, then deleted by someone else
        assertThatThrownBy(() -> new Uploader(client).upload(f, "b", "k", options()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("answered NoSuchUpload")
                .hasMessageContaining("but HEAD failed (NoSuchKey")
                .hasMessageContaining("the upload was aborted or expired, or the object was deleted since");
    }

    private static io.s3pump.client.internal.transfer.Md5Digest md5(Path f, int offset, int length) throws IOException {
        byte[] all = Files.readAllBytes(f);
        return io.s3pump.client.internal.transfer.Md5Digest.of(
                okio.ByteString.of(all, offset, length).md5().toByteArray());
    }

    @Test
    void aConnectionResetMidPartIsRetriedFromTheMapping() throws Exception {
        Path f = randomFile(12 * MIB);
        s3.resetAtPeek = PART_1_BODY_PEEK;
        UploadResult r = new Uploader(client).upload(f, "b", "k",
                options().toBuilder().concurrency(1).build());
        assertThat(s3.resetServed).as("the server closed the socket inside part 1's body").isTrue();
        assertThat(s3.attempts(1)).as("the cut-off attempt never reached the dispatcher").isEqualTo(1);
        assertThat(s3.count("UploadPart")).isEqualTo(3);
        assertThat(s3.objects.get("b/k").data().toByteArray()).isEqualTo(Files.readAllBytes(f));
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void theSameResetWithoutClientRetriesFailsTheUploadAndAbortsIt() throws IOException {
        Path f = randomFile(12 * MIB);
        s3.resetAtPeek = PART_1_BODY_PEEK;
        try (S3Client noRetries = S3Client.create(builder()
                .credentials(Credentials.of("AKIDEXAMPLE", "secret")).region("us-east-1")
                .integrity(Integrity.CONTENT_MD5).retryPolicy(RetryPolicy.NONE).build())) {
            assertThatThrownBy(() -> new Uploader(noRetries).upload(f, "b", "k", options().toBuilder().concurrency(1).build()))
                    .isInstanceOf(IOException.class).isNotInstanceOf(S3Exception.class);
        }
        assertThat(s3.count("AbortMultipartUpload")).isEqualTo(1);
        assertThat(s3.uploads).isEmpty();
    }

    @Test
    void withTheDefaultSignedPayloadThePartEtagsAreVerified() throws Exception {
        Path f = randomFile(11 * MIB);
        try (S3Client signed = client(Integrity.SIGNED_PAYLOAD)) {
            UploadResult r = new Uploader(signed).upload(f, "b", "k", options());
            assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_PART_ETAGS);
        }
        List<String> sha = new ArrayList<>();
        for (int i = 0; i < server.getRequestCount(); i++) {
            var req = server.takeRequest();
            if ("PUT".equals(req.getMethod())) sha.add(req.getHeaders().get("x-amz-content-sha256"));
        }
        assertThat(sha).hasSize(3).allSatisfy(h -> assertThat(h).hasSize(64));
    }

    @Test
    void aRangeResetMidBodyIsResumedAndTheDownloadVerifies() throws IOException {
        Path f = randomFile(21 * MIB + 9);
        new Uploader(client).upload(f, "b", "k", UploadOptions.builder().journalDir(tmp.resolve("j")).build());
        byte[] data = Files.readAllBytes(f);
        long second = 8L * MIB;
        s3.rangeFaults.put(second, new ConcurrentLinkedDeque<>(List.of(() -> new MockResponse.Builder().code(206)
                .addHeader("ETag", "\"" + s3.objects.get("b/k").etag() + "\"")
                .addHeader("Content-Range", "bytes " + second + "-" + (second + 8 * MIB - 1) + "/" + data.length)
                .body(new Buffer().write(data, (int) second, 8 * MIB))
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build())));
        Path target = tmp.resolve("down");
        DownloadResult r = new Downloader(client).download("b", "k", target, DownloadOptions.defaults());
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(s3.count("GetObject")).isGreaterThanOrEqualTo(4);
    }

    private S3Client clientTimingOutAfter(Duration readTimeout) {
        return S3Client.create(builder()
                .credentials(Credentials.of("AKIDEXAMPLE", "secret")).region("us-east-1")
                .readTimeout(readTimeout).maxConcurrency(8).integrity(Integrity.CONTENT_MD5)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)))
                .build());
    }

    @Test
    void aRangeWhoseBodyStallsPastTheReadTimeoutIsRetriedNotTakenForAnInterrupt() throws IOException {
        Path f = randomFile(13 * MIB);
        new Uploader(client).upload(f, "b", "k", UploadOptions.builder().journalDir(tmp.resolve("j")).build());
        byte[] data = Files.readAllBytes(f);
        s3.rangeFaults.put(0L, new ConcurrentLinkedDeque<>(List.of(() -> new MockResponse.Builder().code(206)
                .addHeader("ETag", "\"" + s3.objects.get("b/k").etag() + "\"")
                .addHeader("Content-Range", "bytes 0-" + (8 * MIB - 1) + "/" + data.length)
                .body(new Buffer().write(data, 0, 8 * MIB))
                .throttleBody(MIB, 30, java.util.concurrent.TimeUnit.SECONDS).build())));
        Path target = tmp.resolve("down");
        try (S3Client impatient = clientTimingOutAfter(Duration.ofSeconds(1))) {
            DownloadResult r = new Downloader(impatient).download("b", "k", target, DownloadOptions.defaults());
            assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
    }

    @Test
    void aPartThatTimesOutForGoodIsAbortedLikeAnyFailureNotKeptAsIfInterrupted() throws IOException {
        Path f = randomFile(16 * MIB);
        MockResponse[] slow = new MockResponse[10];
        java.util.Arrays.fill(slow, new MockResponse.Builder().code(200).headersDelay(5, java.util.concurrent.TimeUnit.SECONDS).build());
        s3.failPart(2, slow);
        try (S3Client impatient = clientTimingOutAfter(Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> new Uploader(impatient).upload(f, "b", "k", options()))
                    .isInstanceOf(java.net.SocketTimeoutException.class)
                    .isNotInstanceOf(io.s3pump.client.transfer.ResumableUploadException.class);
        }
        assertThat(s3.count("AbortMultipartUpload")).isEqualTo(1);
        assertThat(openUploads()).isEmpty();
        assertThat(tmp.resolve("j")).isEmptyDirectory();
    }

    @Test
    void aCompleteWhoseAnswerIsLostOnEveryAttemptIsASuccessOnceTheUploadIsGoneAndTheObjectIsThePartsSent() throws IOException {
        Path f = randomFile(11 * MIB);
        s3.loseCompleteAnswers.set(100);
        UploadResult r = new Uploader(client).upload(f, "b", "k", options());
        assertThat(s3.count("CompleteMultipartUpload")).as("every attempt of the policy").isEqualTo(4);
        assertThat(s3.count("ListParts")).isEqualTo(1);
        assertThat(s3.count("AbortMultipartUpload")).isZero();
        assertThat(r.etag()).isEqualTo(s3.objects.get("b/k").etag());
        assertThat(s3.objects.get("b/k").data().toByteArray()).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void aCreateMultipartUploadWhoseAnswerIsLostLeavesNoUploadBehind() throws IOException {
        Path f = randomFile(11 * MIB);
        s3.loseNextCreateAnswer = true;
        new Uploader(client).upload(f, "b", "k", options());
        assertThat(s3.count("CreateMultipartUpload")).isEqualTo(2);
        assertThat(s3.count("AbortMultipartUpload")).as("the lost attempt's upload").isEqualTo(1);
        assertThat(openUploads()).isEmpty();
        assertThat(s3.objects.get("b/k").data().toByteArray()).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void aCreateMultipartUploadRetriedAfterAnErrorAnswerAbortsNoOneElsesUpload() throws IOException {
        Path f = randomFile(11 * MIB);
        s3.uploads.put("someone-elses", new java.util.concurrent.ConcurrentHashMap<>());
        s3.initiated.put("someone-elses", java.time.Instant.now());
        s3.createFaults.add(FakeS3Dispatcher.error(503, "SlowDown"));   // an answer: nothing was created
        new Uploader(client).upload(f, "b", "k", options());
        assertThat(s3.count("CreateMultipartUpload")).isEqualTo(2);
        assertThat(s3.count("AbortMultipartUpload")).isZero();
        assertThat(openUploads()).containsExactly("someone-elses");
    }

    @Test
    void aServerSideCopyIsVerifiedAndOneWhoseSourceChangesMeanwhileIsAborted() throws IOException {
        Path f = randomFile(12 * MIB + 1);
        new Uploader(client).upload(f, "b", "src", options());
        UploadResult whole = new Uploader(client).copy("b", "src", "b", "whole", options());
        assertThat(s3.count("CopyObject")).as("up to 5 GiB, one CopyObject").isEqualTo(1);
        assertThat(whole.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(s3.objects.get("b/whole").data()).isEqualTo(s3.objects.get("b/src").data());

        UploadResult copied = inParts("src", "dst");
        assertThat(copied.partCount()).isEqualTo(3);
        assertThat(copied.verification().level()).isEqualTo(Verification.Level.SIZE_AND_PART_ETAGS);
        assertThat(s3.objects.get("b/dst").data()).isEqualTo(s3.objects.get("b/src").data());

        java.util.concurrent.atomic.AtomicBoolean replaced = new java.util.concurrent.atomic.AtomicBoolean();
        s3.afterPartCopy = () -> {
            if (replaced.compareAndSet(false, true)) {
                ByteString other = ByteString.of(new byte[12 * MIB + 1]);
                s3.objects.put("b/src", new FakeS3Dispatcher.Stored(other, other.md5().hex()));
            }
        };
        assertThatThrownBy(() -> inParts("src", "dst2"))
                .isInstanceOf(IOException.class).hasMessageContaining("changed during the copy");
        assertThat(s3.objects).doesNotContainKey("b/dst2");
        assertThat(openUploads()).isEmpty();
    }

    /** A copy in UploadPartCopy parts, as objects over 5 GiB are copied. */
    private UploadResult inParts(String from, String to) throws IOException {
        return new io.s3pump.client.internal.transfer.ServerCopyJob(client, System::nanoTime, "b", from, "b", to,
                options(), -1).run();
    }

    @Test
    void aClosedClientFailsAtOnceInsteadOfRetrying() {
        // Retries 60 s apart: a closed client that retried would not fail within the 20 s allowed.
        S3Client closed = S3Client.create(builder()
                .credentials(Credentials.of("AKIDEXAMPLE", "secret")).region("us-east-1")
                .retryPolicy(new RetryPolicy(3, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(5)))
                .build());
        closed.close();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> closed.headObject("b", "k")).isInstanceOf(IOException.class)
                        .hasMessageContaining("closed"));
        assertThat(s3.count("HeadObject")).isZero();
    }
}
