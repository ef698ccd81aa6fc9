package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DebugLogTest {

    @Test
    void routesSystemLoggerDebugLinesToTheCommandsErrorWriterOnlyWhileOpen() {
        StringWriter sink = new StringWriter();
        System.Logger logger = System.getLogger("io.s3pump.client.Test");
        try (DebugLog log = DebugLog.start(true, new PrintWriter(sink))) {
            logger.log(System.Logger.Level.DEBUG, "canonical request:\nGET\n/bucket/key");
        }
        logger.log(System.Logger.Level.DEBUG, "after close");
        assertThat(sink.toString()).isEqualTo(
                "[debug Test] canonical request:\n[debug Test] GET\n[debug Test] /bucket/key\n");
    }

    @Test
    void redactsSignaturesTokensAndSecretKeysAsASecondNet() {
        assertThat(DebugLog.redact("Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host, Signature=0123abcd"))
                .endsWith("Signature=****").contains("Credential=test/20260101");
        assertThat(DebugLog.redact("x-amz-security-token:FQoGZX")).isEqualTo("x-amz-security-token:****");
        assertThat(DebugLog.redact("aws_secret_access_key = wJalr")).isEqualTo("aws_secret_access_key = ****");
        assertThat(DebugLog.redact("Credentials[accessKeyId=test, secretAccessKey=****], addressing=PATH"))
                .as("the redaction stops at the bracket that closes the value").isEqualTo(
                        "Credentials[accessKeyId=test, secretAccessKey=****], addressing=PATH");
    }

    @Test
    void withoutDebugOnlyWarningsReachStderrAsOneLineEach() {
        StringWriter sink = new StringWriter();
        System.Logger logger = System.getLogger("io.s3pump.client.Test");
        try (DebugLog log = DebugLog.start(false, new PrintWriter(sink))) {
            logger.log(System.Logger.Level.DEBUG, "canonical request");
            logger.log(System.Logger.Level.INFO, "resuming upload");
            logger.log(System.Logger.Level.WARNING, "ignoring unreadable journal\n/tmp/x");
        }
        assertThat(sink.toString()).isEqualTo("s3pump: warning: ignoring unreadable journal; /tmp/x\n");
    }
}
