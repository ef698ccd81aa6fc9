package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With {@code expectContinue(true)} the server can refuse an upload before its body is sent; on every carrier over
 * http and https.
 */
@ParameterizedClass
@MethodSource("io.s3pump.client.TestTransport#all")
class ExpectContinueTest {
    final MockWebServer server = new MockWebServer();

    @Parameter
    TestTransport transport;

    @BeforeEach
    void start() throws Exception {
        transport.start(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private S3ClientConfig.Builder config() {
        return transport.configure(MockS3.config(server), server);
    }

    @Test
    void aContinuedUploadSendsItsBodyAndARefusedOneDoesNot() throws Exception {
        server.enqueue(new MockResponse.Builder().add100Continue().code(200).addHeader("ETag", "\"e\"").build());
        server.enqueue(new MockResponse.Builder().code(403).doNotReadRequestBody()
                .body("<Error><Code>AccessDenied</Code></Error>").build());
        byte[] part = new byte[1 << 20];
        try (S3Client c = S3Client.create(config().expectContinue(true).build())) {
            c.uploadPart(UploadPartRequest.of("b", "k", "u", 1), UploadBody.of(part));
            assertThatThrownBy(() -> c.uploadPart(UploadPartRequest.of("b", "k", "u", 2), UploadBody.of(part)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3Exception.ACCESS_DENIED));
        }
        RecordedRequest first = server.takeRequest();
        assertThat(first.getHeaders().get("Expect")).isEqualTo("100-continue");
        assertThat(first.getBodySize()).isEqualTo(part.length);
        assertThat(server.takeRequest().getBodySize()).isZero();
    }

    @Test
    void itIsOffByDefaultAndNeverSentWithoutABody() throws Exception {
        server.enqueue(MockS3.ok());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"e\"").build());
        try (S3Client c = S3Client.create(config().build())) {
            c.headBucket("b");
            c.uploadPart(UploadPartRequest.of("b", "k", "u", 1), UploadBody.of(new byte[10]));
        }
        assertThat(server.takeRequest().getHeaders().get("Expect")).isNull();
        assertThat(server.takeRequest().getHeaders().get("Expect")).isNull();
    }
}
