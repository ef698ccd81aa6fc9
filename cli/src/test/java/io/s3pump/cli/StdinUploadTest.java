package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cp - s3://…} against MockWebServer: the part requests, and the abort when a part fails for good. */
class StdinUploadTest {
    @StartStop final MockWebServer server = new MockWebServer();
    @TempDir Path home;

    private Environment env(byte[] stdin) {
        return new Environment(Map.of(
                "AWS_ENDPOINT_URL", server.url("/").toString(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_REGION", "us-east-1"), home, Clock.systemUTC(), new ByteArrayInputStream(stdin));
    }

    private static byte[] random(long size) {
        byte[] b = new byte[(int) size];
        new Random(5).nextBytes(b);
        return b;
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) out.add(r);
        return out;
    }

    @Test
    void aPartThatFailsForGoodAbortsTheUploadSoThatNothingIsLeft() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String method = request.getMethod();
                var url = request.getUrl();
                if ("POST".equals(method) && url.queryParameterNames().contains("uploads")) {
                    return new MockResponse.Builder().code(200).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<InitiateMultipartUploadResult><Bucket>bucket</Bucket><Key>piped</Key>"
                            + "<UploadId>up-1</UploadId></InitiateMultipartUploadResult>").build();
                }
                if ("PUT".equals(method) && "2".equals(url.queryParameter("partNumber"))) {
                    return ServerErrorsTest.error(403, "AccessDenied", "tx-part2");
                }
                if ("PUT".equals(method)) {
                    return new MockResponse.Builder().code(200).setHeader("ETag", "\"0123456789abcdef0123456789abcdef\"").build();
                }
                if ("DELETE".equals(method)) return new MockResponse.Builder().code(204).build();
                return new MockResponse.Builder().code(500).build();
            }
        });
        Cli.Result r = Cli.run(env(random(11 * ByteSize.MIB)), "cp", "--part-size", "5MiB", "--concurrency", "1",
                "-", "s3://bucket/piped");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.AUTH);
        assertThat(r.errLines()).containsExactly("s3pump: AccessDenied: access denied to s3://bucket/piped (request id tx-part2)");
        List<RecordedRequest> seen = requests();
        assertThat(seen).anySatisfy(q -> {
            assertThat(q.getMethod()).isEqualTo("DELETE");
            assertThat(q.getUrl().queryParameter("uploadId")).isEqualTo("up-1");
        });
        assertThat(seen).as("CompleteMultipartUpload requests")
                .filteredOn(q -> "POST".equals(q.getMethod()) && q.getUrl().queryParameter("uploadId") != null)
                .isEmpty();
    }

    @Test
    void aShortStreamGoesUpInOnePutObjectAndIsCheckedAgainstHead() throws Exception {
        byte[] data = "hello from a pipe\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"" + md5 + "\"").build());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"" + md5 + "\"")
                .setHeader("Content-Length", data.length).setHeader("Last-Modified", "Wed, 25 Nov 2026 11:00:00 GMT")
                .build());
        Cli.Result r = Cli.run(env(data), "cp", "-", "s3://bucket/hello.txt");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("upload: - -> s3://bucket/hello.txt  18 B in ").contains("1 part, verified: size + ETag");
        RecordedRequest put = server.takeRequest();
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getBody().toByteArray()).isEqualTo(data);
        assertThat(server.takeRequest().getMethod()).isEqualTo("HEAD");
    }

    @Test
    void anObjectWhoseEtagDiffersFromTheBytesReadIsAVerificationFailure() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"ffffffffffffffffffffffffffffffff\"").build());
        Cli.Result r = Cli.run(env("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "cp", "-", "s3://bucket/abc");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(r.errLines()).singleElement().asString().startsWith("s3pump: VerificationFailed: ");
    }
}
