package io.s3pump.client;

import io.s3pump.sigv4.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared setup for MockWebServer tests: a client pointed at the server, a pinned clock, fast retries. */
final class MockS3 {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Credentials CREDENTIALS = Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30));

    private MockS3() {}

    static S3ClientConfig.Builder config(MockWebServer server) {
        return S3ClientConfig.builder()
                .endpoint(server.url("/").toString())
                .credentials(CREDENTIALS)
                .region("us-east-1")
                .clock(InstantSource.fixed(NOW))
                .readTimeout(Duration.ofSeconds(5))
                .retryPolicy(FAST_RETRIES);
    }

    static S3Client client(MockWebServer server) {
        return S3Client.create(config(server).build());
    }

    static MockResponse ok() {
        return new MockResponse.Builder().code(200).build();
    }

    static MockResponse xml(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/xml").body(body).build();
    }

    static MockResponse error(int code, String s3Code, String message) {
        return xml(code, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + s3Code + "</Code><Message>" + message
                + "</Message><RequestId>tx-1</RequestId><HostId>host-1</HostId></Error>");
    }
}
