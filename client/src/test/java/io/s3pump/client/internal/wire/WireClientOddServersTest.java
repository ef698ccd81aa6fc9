package io.s3pump.client.internal.wire;

import io.s3pump.client.internal.carrier.CarrierRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.TestTransport;
import io.s3pump.client.UploadBody;
import io.s3pump.sigv4.Header;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Servers that behave in ways MockWebServer cannot script: each test is a raw socket conversation, over http and over
 * https with each TLS provider.
 */
@ParameterizedClass
@MethodSource("io.s3pump.client.TestTransport#directCarrier")
class WireClientOddServersTest {
    @Parameter
    TestTransport transport;

    private WireClient client;

    @BeforeEach
    void open() {
        client = client(Duration.ofSeconds(2));
    }

    private WireClient client(Duration readTimeout) {
        return new WireClient(Duration.ofSeconds(5), readTimeout, Duration.ofSeconds(5), 4, transport.trust());
    }

    private ServerSocket listen(int backlog) throws IOException {
        return transport.serverSocket(backlog);
    }

    private CarrierRequest get(int port) {
        return new CarrierRequest("GET", transport.scheme(), "127.0.0.1", port, "/b/k", List.of(), null, false);
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** Reads up to and including the empty line that ends a request head. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new IOException("client closed: " + b);
            b.append((char) c);
        }
        return b.toString();
    }

    private interface Script {
        void run(Socket s) throws Exception;
    }

    private static CompletableFuture<Void> serve(ServerSocket server, Script script) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                script.run(s);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private CarrierRequest put(int port, UploadBody body, boolean expectContinue) {
        return new CarrierRequest("PUT", transport.scheme(), "127.0.0.1", port, "/b/k", List.of(new Header("x-amz-content-sha256",
                "UNSIGNED-PAYLOAD")), new CarrierRequest.Plain(body), expectContinue);
    }

    @Test
    void anErrorAnswerSentBeforeTheBodyWasReadIsReturnedNotLostInABrokenPipe() throws Exception {
        String error = "<Error><Code>EntityTooLarge</Code></Error>";
        try (ServerSocket server = listen(1)) {
            CompletableFuture<Void> script = serve(server, s -> {
                readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 400 Bad Request\r\nContent-Length: " + error.length()
                        + "\r\nConnection: close\r\n\r\n" + error).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                // closing with the body unread resets the connection: the client's writes fail
            });
            WireClient.Answer a = client.execute(put(server.getLocalPort(), UploadBody.of(new byte[64 << 20]), false));
            script.join();
            assertThat(a.head().code()).isEqualTo(400);
            try (WireBody body = a.body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(error);
            }
            assertThat(client.idleCount()).isZero();
        }
    }

    @Test
    void aBodyWhoseSourceFailsEndsTheExchangeAtOnceWithoutWaitingForAnAnswer() throws Exception {
        // a file shorter than the range its body claims: the source fails after some bytes went out
        java.nio.file.Path file = java.nio.file.Files.createTempFile("wire", ".bin");
        java.nio.file.Files.write(file, new byte[1000]);
        UploadBody failing = UploadBody.ofFile(file, 0, 1 << 20);
        try (ServerSocket server = listen(1)) {
            CompletableFuture<Void> script = serve(server, s -> {
                InputStream in = s.getInputStream();
                readHead(in);
                try {
                    in.readAllBytes(); // waits for the rest of the body, as a server does
                } catch (IOException ignored) {
                    // the client went away
                }
            });
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> client.execute(put(server.getLocalPort(), failing, false)))
                    .hasMessageContaining("ended at 1000");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for an answer that cannot come")
                    .isLessThan(Duration.ofSeconds(1));
            script.join();
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void anInterruptWhileTheBodyIsStuckInTheSocketEndsTheExchangeAtOnce() throws Exception {
        try (ServerSocket server = listen(1)) {
            CompletableFuture<Void> script = serve(server, s -> {
                InputStream in = s.getInputStream();
                readHead(in);
                in.read(new byte[1]); // then read nothing more: the client's writes block
                s.setSoTimeout(3_000);
                try {
                    in.readAllBytes();
                } catch (IOException | RuntimeException ignored) {
                    // the client went away
                }
            });
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread part = Thread.ofVirtual().start(() -> {
                try {
                    client.execute(put(server.getLocalPort(), UploadBody.of(new byte[64 << 20]), false));
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Thread.sleep(300);
            long start = System.nanoTime();
            part.interrupt();
            Throwable t = outcome.get(1, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(t).isInstanceOf(java.nio.channels.ClosedByInterruptException.class);
            assertThat(client.idleCount()).isZero();
            script.join();
        }
    }

    @Test
    void anInterimAnswerOtherThanContinueIsSkippedWhileWaitingForTheGoAhead() throws Exception {
        try (ServerSocket server = listen(1)) {
            CompletableFuture<Void> script = serve(server, s -> {
                InputStream in = s.getInputStream();
                readHead(in);
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(in.readNBytes(5)).isEqualTo("hello".getBytes(StandardCharsets.ISO_8859_1));
                out.write("HTTP/1.1 200 OK\r\nETag: \"e\"\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                in.read(); // until the client closes
            });
            WireClient.Answer a = client.execute(put(server.getLocalPort(),
                    UploadBody.of("hello".getBytes(StandardCharsets.ISO_8859_1)), true));
            assertThat(a.head().code()).isEqualTo(200);
            assertThat(a.head().header("ETag")).isEqualTo("\"e\"");
            a.body().close();
            client.close();
            script.join();
        }
    }

    @Test
    void aServerThatIgnoresTheExpectationGetsTheBodyAfterAShortWaitNotAfterTheReadTimeout() throws Exception {
        try (ServerSocket server = listen(1);
             WireClient patient = client(Duration.ofSeconds(60))) {
            CompletableFuture<Void> script = serve(server, s -> {
                InputStream in = s.getInputStream();
                assertThat(readHead(in)).contains("Expect: 100-continue");
                // no 100 Continue: the server just waits for the body (its own timeout is 10 s)
                assertThat(in.readNBytes(5)).isEqualTo("hello".getBytes(StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nETag: \"e\"\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                in.read(); // until the client closes
            });
            WireClient.Answer a = patient.execute(put(server.getLocalPort(),
                    UploadBody.of("hello".getBytes(StandardCharsets.ISO_8859_1)), true));
            assertThat(a.head().code()).isEqualTo(200);
            a.body().close();
            patient.close();
            script.join();
        }
    }

    @Test
    void aRefusalThatArrivesWithinTheWaitIsReturnedWithoutSendingTheBody() throws Exception {
        try (ServerSocket server = listen(1)) {
            CompletableFuture<Void> script = serve(server, s -> {
                InputStream in = s.getInputStream();
                readHead(in);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                s.setSoTimeout(1500);
                assertThat(in.read()).as("no body byte follows a refusal").isEqualTo(-1);
            });
            WireClient.Answer a = client.execute(put(server.getLocalPort(),
                    UploadBody.of("hello".getBytes(StandardCharsets.ISO_8859_1)), true));
            assertThat(a.head().code()).isEqualTo(403);
            a.body().close();
            client.close();
            script.join();
        }
    }

    @Test
    void transferEncodingOverridesContentLengthAndSuchAnAnswersConnectionIsNotReused() throws Exception {
        try (ServerSocket server = listen(2)) {
            CompletableFuture<Void> script = serve(server, s -> {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                readHead(in);
                // RFC 9112 6.3: chunked wins, and the message may be a smuggling attempt: do not reuse
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nabcde\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                in.read(); // until the client closes
            });
            CarrierRequest get = get(server.getLocalPort());
            try (WireBody body = client.execute(get).body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("abcde");
            }
            assertThat(client.idleCount()).isZero();
            script.join();
        }
        try (ServerSocket server = listen(2)) {
            // not chunked as the final coding: the body runs until the server closes, whatever the length says
            CompletableFuture<Void> script = serve(server, s -> {
                readHead(s.getInputStream());
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: gzip\r\n\r\n"
                        + "four").getBytes(StandardCharsets.ISO_8859_1));
            });
            CarrierRequest get = get(server.getLocalPort());
            try (WireBody body = client.execute(get).body()) {
                script.join();
                assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("four");
            }
            assertThat(client.idleCount()).isZero();
        }
    }

    @Test
    void aChunkedAnswerWithExtensionsAndTrailersIsDecodedAndItsConnectionReused() throws Exception {
        try (ServerSocket server = listen(1)) {
            CompletableFuture<Void> script = serve(server, s -> {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                readHead(in);
                out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3;name=value\r\nabc\r\n2 ; x=\"y\"\r\nde\r\n0;last\r\nx-amz-checksum-crc32: AAAAAA==\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                readHead(in);
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                in.read();
            });
            CarrierRequest get = get(server.getLocalPort());
            try (WireBody body = client.execute(get).body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("abcde");
            }
            assertThat(client.idleCount()).isEqualTo(1);
            try (WireBody body = client.execute(get).body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("ok");
            }
            client.close();
            script.join();
        }
    }

    @Test
    void aBodyThatRunsUntilTheCloseEndsCleanlyOverHttpButOverTlsOnlyWithCloseNotify() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> script = serve(server, raw -> {
                Socket s = raw;
                if (transport.tls()) {
                    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) TestTransport.serverContext()
                            .getSocketFactory().createSocket(raw, null, raw.getPort(), false);
                    tls.setUseClientMode(false);
                    s = tls;
                }
                readHead(s.getInputStream());
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nfour"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                raw.close(); // the TCP stream ends; TLS never said close_notify (anyone on the path can do this)
            });
            try (WireBody body = client.execute(get(server.getLocalPort())).body()) {
                if (transport.tls()) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(body::readAllBytes)
                            .isInstanceOf(java.io.EOFException.class).hasMessageContaining("close_notify");
                } else {
                    assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("four");
                }
            }
            script.join();
        }
    }
}
