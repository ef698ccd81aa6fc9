package io.s3pump.client.internal.wire;

import io.s3pump.client.internal.carrier.CarrierRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.TestTransport;
import io.s3pump.client.UploadBody;
import io.s3pump.sigv4.Header;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct carrier frames requests and answers exactly, reuses connections, and times out: over http, and over https
 * with each TLS provider.
 */
@ParameterizedClass
@MethodSource("io.s3pump.client.TestTransport#directCarrier")
class WireClientTest {
    final MockWebServer server = new MockWebServer();
    @Parameter TestTransport transport;
    private WireClient client;

    @BeforeEach
    void open() throws Exception {
        transport.start(server);
        client = new WireClient(Duration.ofSeconds(5), Duration.ofMillis(800), Duration.ofSeconds(5), 4,
                transport.trust());
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private CarrierRequest put(UploadBody body, boolean expectContinue) {
        return new CarrierRequest("PUT", transport.scheme(), "localhost", server.getPort(), "/b/k?partNumber=1",
                List.of(new Header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")), new CarrierRequest.Plain(body), expectContinue);
    }

    private CarrierRequest get(String target) {
        return new CarrierRequest("GET", transport.scheme(), "localhost", server.getPort(), target, List.of(),
                null, false);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] readAll(WireBody body) throws IOException {
        try (body) {
            return body.readAllBytes();
        }
    }

    @Test
    void anUploadSendsItsHeadersAndExactBodyAndReadsTheAnswer() throws Exception {
        byte[] data = random(3 * 1024 * 1024 + 7);
        server.enqueue(new MockResponse.Builder().addHeader("ETag", "\"e1\"").build());
        WireClient.Answer a = client.execute(put(UploadBody.of(data), false));
        assertThat(a.head().code()).isEqualTo(200);
        assertThat(a.head().header("ETag")).isEqualTo("\"e1\"");
        assertThat(readAll(a.body())).isEmpty();

        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("PUT /b/k?partNumber=1 HTTP/1.1");
        assertThat(r.getHeaders().get("Host")).isEqualTo("localhost" + ":" + server.getPort());
        assertThat(r.getHeaders().get("Content-Length")).isEqualTo(String.valueOf(data.length));
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(r.getHeaders().get("Expect")).isNull();
        assertThat(r.getBody().toByteArray()).isEqualTo(data);
    }

    @Test
    void anEmptyPutStillSaysContentLengthZero() throws Exception {
        server.enqueue(new MockResponse.Builder().build());
        readAll(client.execute(put(UploadBody.empty(), false)).body());
        assertThat(server.takeRequest().getHeaders().get("Content-Length")).isEqualTo("0");
    }

    @Test
    void aFinishedExchangeLeavesItsConnectionForTheNext() throws Exception {
        for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().body("x" + i).build());
        for (int i = 0; i < 3; i++) {
            assertThat(new String(readAll(client.execute(get("/b/k")).body()), StandardCharsets.US_ASCII))
                    .isEqualTo("x" + i);
            assertThat(client.idleCount()).isEqualTo(1);
        }
        assertThat(server.takeRequest().getConnectionIndex()).isZero();
        assertThat(server.takeRequest().getConnectionIndex()).isZero();
        assertThat(server.takeRequest().getConnectionIndex()).isZero();
    }

    @Test
    void aBodyClosedBeforeItsEndClosesTheConnectionInsteadOfPoolingIt() throws Exception {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(random(200_000))).build());
        server.enqueue(new MockResponse.Builder().body("next").build());
        WireBody body = client.execute(get("/b/k")).body();
        assertThat(body.read()).isNotNegative();
        body.close();
        assertThat(client.idleCount()).isZero();
        assertThat(readAll(client.execute(get("/b/k")).body())).asString().isEqualTo("next");
        server.takeRequest();
        assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(1);
    }

    @Test
    void aLargeBodyReadsStraightIntoADirectBufferByteForByte() throws Exception {
        byte[] data = random(5 * 1024 * 1024 + 3);
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(data)).build());
        WireBody body = client.execute(get("/b/k")).body();
        ByteBuffer dst = ByteBuffer.allocateDirect(data.length + 100);
        while (body.read(dst) >= 0) {
            // read to the end
        }
        body.close();
        dst.flip();
        byte[] got = new byte[dst.remaining()];
        dst.get(got);
        assertThat(got).isEqualTo(data);
        assertThat(body.bytesRead()).isEqualTo(data.length);
        assertThat(client.idleCount()).isEqualTo(1);
    }

    @Test
    void aChunkedBodyIsDecodedAndTheConnectionReused() throws Exception {
        byte[] data = random(70_000);
        server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(data), 4096).build());
        server.enqueue(new MockResponse.Builder().body("after").build());
        assertThat(readAll(client.execute(get("/b?list-type=2")).body())).isEqualTo(data);
        assertThat(readAll(client.execute(get("/b/k")).body())).asString().isEqualTo("after");
        server.takeRequest();
        assertThat(server.takeRequest().getConnectionIndex()).as("reused after the last chunk").isZero();
    }

    @Test
    void anErrorAnswerIsReturnedWithItsBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).status("HTTP/1.1 503 Slow Down")
                .body("<Error><Code>SlowDown</Code></Error>").build());
        WireClient.Answer a = client.execute(put(UploadBody.of(random(1000)), false));
        assertThat(a.head().code()).isEqualTo(503);
        assertThat(a.head().reason()).isEqualTo("Slow Down");
        assertThat(readAll(a.body())).asString().contains("SlowDown");
    }

    @Test
    void withExpectContinueTheBodyFollowsTheGoAhead() throws Exception {
        byte[] data = random(100_000);
        server.enqueue(new MockResponse.Builder().add100Continue().addHeader("ETag", "\"e\"").build());
        WireClient.Answer a = client.execute(put(UploadBody.of(data), true));
        assertThat(a.head().code()).isEqualTo(200);
        readAll(a.body());
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("Expect")).isEqualTo("100-continue");
        assertThat(r.getBody().toByteArray()).isEqualTo(data);
    }

    @Test
    void withExpectContinueARefusalComesBackWithoutSendingTheBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(403).body("<Error><Code>AccessDenied</Code></Error>")
                .doNotReadRequestBody().build());
        WireClient.Answer a = client.execute(put(UploadBody.of(random(4 * 1024 * 1024)), true));
        assertThat(a.head().code()).isEqualTo(403);
        assertThat(readAll(a.body())).asString().contains("AccessDenied");
        assertThat(client.idleCount()).as("the server still expects a body: not reusable").isZero();
    }

    @Test
    void anAnswerThatStallsTimesOutInsteadOfHanging() {
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.execute(get("/b/k")))
                .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("no progress");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(client.idleCount()).isZero();
    }

    @Test
    void anExchangeInFlightWhenTheClientClosesStillTimesOut() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ok").build()); // starts the watchdog
        assertThat(readAll(client.execute(get("/b/k")).body())).asString().isEqualTo("ok");
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).build());
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                client.execute(get("/b/k")).body().close();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Thread.sleep(100);
        client.close();
        assertThat(outcome.get(3, TimeUnit.SECONDS)).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aBodyCutShortIsAnErrorNotAShortRead() throws Exception {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(random(300_000)))
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build());
        WireBody body = client.execute(get("/b/k")).body();
        assertThatThrownBy(body::readAllBytes).isInstanceOf(EOFException.class).hasMessageContaining("short");
        body.close();
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsNotReused() throws Exception {
        server.enqueue(new MockResponse.Builder().body("one").onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().body("two").build());
        assertThat(readAll(client.execute(get("/b/k")).body())).asString().isEqualTo("one");
        Thread.sleep(200); // the server's close reaches us
        assertThat(readAll(client.execute(get("/b/k")).body())).asString().isEqualTo("two");
        server.takeRequest();
        assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsAConnectExceptionWhichTheTransportDoesNotRetry() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CarrierRequest r = new CarrierRequest("GET", transport.scheme(), "localhost", closedPort, "/b/k", List.of(), null, false);
        assertThatThrownBy(() -> client.execute(r)).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aHostNameConnectsThroughWhicheverOfItsAddressesAccepts() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ok").build());
        CarrierRequest r = new CarrierRequest("GET", transport.scheme(), "localhost", server.getPort(), "/b/k", List.of(), null,
                false);
        assertThat(readAll(client.execute(r).body())).asString().isEqualTo("ok");
    }

    @Test
    void headerValuesThatAreNotPrintableAsciiAreRefusedBeforeAnythingIsSent() {
        // Sent in one charset and signed in another, such a value could only fail the signature (or be stored garbled).
        assertThatThrownBy(() -> client.send(new CarrierRequest("PUT", transport.scheme(), "localhost", server.getPort(),
                "/b/k", List.of(new Header("x-amz-meta-author", "José")), null, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-amz-meta-author");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void headerValuesWithLineBreaksAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.send(new CarrierRequest("GET", transport.scheme(), "localhost", server.getPort(),
                "/b/k", List.of(new Header("x-amz-meta-a", "v\r\nInjected: yes")), null, false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }
}
