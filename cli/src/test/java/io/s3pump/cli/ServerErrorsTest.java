package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input rows that need a server answer, against MockWebServer speaking RGW's error XML: each gets its exit
 * code and one line that names the problem, with the request id, and no stack trace without --debug.
 */
class ServerErrorsTest {
    @StartStop final MockWebServer server = new MockWebServer();
    @TempDir Path home;

    private Environment env() {
        return Cli.mockServer(server.url("/").toString(), home);
    }

    static MockResponse error(int status, String code, String requestId) {
        return new MockResponse.Builder().code(status)
                .setHeader("Content-Type", "application/xml")
                .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message></Message>"
                        + "<BucketName>nano</BucketName><RequestId>" + requestId + "</RequestId><HostId>h</HostId></Error>")
                .build();
    }

    static MockResponse status(int status) {
        return new MockResponse.Builder().code(status).build();
    }

    @Test
    void anUnresponsiveServerIsUnreachableAfterTheReadTimeoutGiven() {
        for (int i = 0; i < 10; i++) {
            server.enqueue(new MockResponse.Builder().code(200)
                    .headersDelay(30, java.util.concurrent.TimeUnit.SECONDS).build());
        }
        Cli.Result r = Cli.run(env(), "ls", "--read-timeout", "1", "s3://nano");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.errLines()).singleElement().asString().startsWith("s3pump: cannot reach the endpoint")
                .contains("1 s");
        assertThat(server.getRequestCount()).as("retried within the budget").isGreaterThan(1);
    }

    @Test
    void aTimeoutOutsideItsRangeIsAUsageError() {
        Cli.Result r = Cli.run(env(), "ls", "--connect-timeout", "0", "s3://nano");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("--connect-timeout 0 must be between 1 and 3600");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aMissingBucketIsNotFoundNamingTheBucketAndRequestId() {
        server.enqueue(error(404, "NoSuchBucket", "tx00000-nano"));
        Cli.Result r = Cli.run(env(), "ls", "s3://nano");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.errLines()).containsExactly("s3pump: NoSuchBucket: bucket 'nano' does not exist (request id tx00000-nano)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingKeyIsNotFoundNamingKeyAndBucket() throws Exception {
        server.enqueue(status(404));   // HEAD object: no body
        server.enqueue(status(200));   // HEAD bucket: it exists
        Cli.Result r = Cli.run(env(), "stat", "s3://bucket/no such?key#here");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.errLines()).containsExactly(
                "s3pump: NoSuchKey: key 'no such?key#here' does not exist in bucket 'bucket'");
        RecordedRequest head = server.takeRequest();
        assertThat(head.getMethod()).isEqualTo("HEAD");
        assertThat(head.getUrl().encodedPath()).isEqualTo("/bucket/no%20such%3Fkey%23here");
    }

    @Test
    void aHeadOnAMissingBucketSaysTheBucketIsMissing() {
        server.enqueue(status(404));
        server.enqueue(status(404));
        Cli.Result r = Cli.run(env(), "stat", "s3://nano/key");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.errLines()).containsExactly("s3pump: NoSuchBucket: bucket 'nano' does not exist");
    }

    @Test
    void wrongCredentialsAreAnAuthError() {
        server.enqueue(error(403, "InvalidAccessKeyId", "tx1"));
        Cli.Result r = Cli.run(env(), "ls");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.AUTH);
        assertThat(r.errLines()).containsExactly("s3pump: InvalidAccessKeyId: the access key id is not known to the"
                + " server (check AWS_ACCESS_KEY_ID or --profile) (request id tx1)");
        server.enqueue(error(403, "SignatureDoesNotMatch", "tx2"));
        r = Cli.run(env(), "ls", "s3://bucket");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(r.errLines()).singleElement().asString().startsWith("s3pump: SignatureDoesNotMatch: ")
                .doesNotContain("very-secret-key");
    }

    @Test
    void noCredentialsAtAllIsAnAuthErrorBeforeAnyRequest() {
        Environment bare = new Environment(Map.of("AWS_ENDPOINT_URL", server.url("/").toString()), home,
                Clock.systemUTC());
        Cli.Result r = Cli.run(bare, "ls");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.AUTH);
        assertThat(r.errLines()).singleElement().asString().startsWith("s3pump: no S3 credentials found; looked at:");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anUnreachableEndpointExitsWithFiveNamingIt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Result r = Cli.run(env(), "ls", "--endpoint-url", "http://127.0.0.1:" + port);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("s3pump: cannot reach the endpoint http://127.0.0.1:" + port);
    }

    @Test
    void debugAddsTheStackTraceAndTheSignersLinesWithoutSecrets() {
        server.enqueue(error(404, "NoSuchBucket", "tx3"));
        Cli.Result r = Cli.run(env(), "ls", "--debug", "s3://nano");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("s3pump: NoSuchBucket: bucket 'nano' does not exist (request id tx3)",
                "at io.s3pump", "AWS4-HMAC-SHA256").doesNotContain("very-secret-key");
    }

    @Test
    void debugLogsEachCanonicalRequestAndStringToSignOncePerRequestWithoutSecrets() throws Exception {
        String page = "<ListBucketResult><Name>nano</Name><EncodingType>url</EncodingType><KeyCount>1</KeyCount>"
                + "<IsTruncated>%s</IsTruncated>%s<Contents><Key>%s</Key><Size>1</Size>"
                + "<LastModified>2026-11-25T11:00:00.000Z</LastModified></Contents></ListBucketResult>";
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml")
                .body(String.format(page, "true", "<NextContinuationToken>t</NextContinuationToken>", "a")).build());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml")
                .body(String.format(page, "false", "", "b")).build());
        Cli.Result r = Cli.run(env(), "ls", "--debug", "s3://nano");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(2);
        List<String> lines = r.errLines();
        assertThat(lines).filteredOn(l -> l.endsWith("] canonical request:")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.endsWith("] string to sign:")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.endsWith("] GET")).as("each canonical request's first line").hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains("ListObjectsV2 GET /nano?") && l.contains(" -> 200 ")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            String authorization = server.takeRequest().getHeaders().get("Authorization");
            String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
            assertThat(r.err()).doesNotContain(signature);
        }
        assertThat(r.err()).doesNotContain("very-secret-key");
    }

    @Test
    void jsonOutputOfAnErrorIsOneDocument() {
        server.enqueue(error(404, "NoSuchBucket", "tx4"));
        Cli.Result r = Cli.run(env(), "ls", "--output", "json", "s3://nano");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.out()).contains("\"code\" : \"NoSuchBucket\"", "\"exitCode\" : 3");
    }

    @Test
    void anExpiryBeyondSevenDaysIsAUsageError() {
        Cli.Result r = Cli.run(env(), "presign", "--expires-in", "999999999", "s3://bucket/key");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly("s3pump: --expires-in 999999999 is outside 1 to 604800 seconds:"
                + " SigV4 presigned URLs last at most 7 days");
        assertThat(r.out()).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void presignPrintsOnlyTheUrlWithTheKeyEncodedOnce() {
        Cli.Result r = Cli.run(env(), "presign", "--expires-in", "600", "s3://bucket/dir/a b+c%d");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .startsWith(server.url("/").toString() + "bucket/dir/a%20b%2Bc%25d?")
                .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Expires=600", "X-Amz-Signature=",
                        "X-Amz-Credential=test%2F");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aBucketNameTooShortForRgwIsRefusedLocally() throws IOException {
        Files.createDirectories(home);
        Cli.Result r = Cli.run(env(), "mb", "s3://b1");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().startsWith("s3pump: invalid bucket name 'b1': ");
        assertThat(server.getRequestCount()).isZero();
    }
}
