package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.sigv4.Credentials;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At DEBUG the canonical request, string to sign and each exchange are logged, and no secret ever is. */
class DebugLoggingTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final StringBuilder logged = new StringBuilder();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.append(r.getLoggerName()).append(": ").append(r.getMessage()).append('\n');
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger[] loggers = {Logger.getLogger("io.s3pump.client"), Logger.getLogger("io.s3pump.sigv4.Signer")};

    @BeforeEach
    void listen() {
        for (Logger l : loggers) {
            l.setLevel(Level.ALL);
            l.addHandler(capture);
        }
    }

    @AfterEach
    void stop() {
        for (Logger l : loggers) {
            l.removeHandler(capture);
            l.setLevel(null);
        }
    }

    @Test
    void debugShowsTheCanonicalRequestButNoSecretSignatureOrToken() throws Exception {
        Credentials creds = new Credentials("AKIDLOG", "SECRET-KEY-VALUE", "SESSION-TOKEN-VALUE");
        server.enqueue(MockS3.ok());
        try (S3Client client = S3Client.create(MockS3.config(server).credentials(creds).build())) {
            client.headObject("b", "some key");
        }
        RecordedRequest r = server.takeRequest();
        String authorization = r.getHeaders().get("Authorization");
        String signature = authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
        String text = logged.toString();
        assertThat(text).contains("HEAD\n/b/some%20key").contains("AWS4-HMAC-SHA256\n20261125T120000Z")
                .contains("HeadObject HEAD /b/some%20key -> 200");
        assertThat(text).doesNotContain("SECRET-KEY-VALUE", "SESSION-TOKEN-VALUE", signature);
    }
}
