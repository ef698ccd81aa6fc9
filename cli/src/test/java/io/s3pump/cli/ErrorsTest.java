package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.S3Exception;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    private static final Targeted NANO = new Targeted() {
        @Override
        public S3Url target() {
            return S3Url.parse("s3://nano/some key");
        }

        @Override
        public String endpoint() {
            return "http://127.0.0.1:7480";
        }
    };

    @Test
    void noSuchBucketIsNotFoundAndNamesTheBucketAndRequestId() {
        var v = Errors.classify(new S3Exception(404, "NoSuchBucket", "", "/nano", "tx00000a", "h"), NANO);
        assertThat(v.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(v.line()).isEqualTo("NoSuchBucket: bucket 'nano' does not exist (request id tx00000a)");
    }

    @Test
    void aHeadWithoutBodyOn404SaysTheKeyIsMissing() {
        var v = Errors.classify(new S3Exception(404, "NotFound", null, null, null, null), NANO);
        assertThat(v.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(v.line()).isEqualTo("NotFound: key 'some key' does not exist in bucket 'nano'");
    }

    @Test
    void aForbiddenWriteThatIsNotAboutWhoAsksIsAFailureNotAnAuthError() {
        var v = Errors.classify(new S3Exception(403, "QuotaExceeded", "", null, "tx1", null), NANO);
        assertThat(v.exitCode()).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void aParseErrorUnderOutputJsonStillPrintsOneJsonDocument() throws Exception {
        Cli.Result r = Cli.run("cp", "--output", "json", "--part-size", "abc", "a", "s3://bucket/k");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).hasSize(1);
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(doc.get("error").get("exitCode").asInt()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("cp", "--part-size", "abc", "a", "s3://bucket/k").out()).isEmpty();
    }

    @Test
    void controlCharactersInKeysAreShownNotObeyed() {
        assertThat(Printer.visible("plain ü/key")).isEqualTo("plain ü/key");
        assertThat(Printer.visible("a\rb\u001b[2Jc\u007f")).isEqualTo("a\\x0db\\x1b[2Jc\\x7f");
    }

    @Test
    void authCodesExitWithFour() {
        for (String code : new String[] {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied"}) {
            var v = Errors.classify(new S3Exception(403, code, "", null, "tx1", null), NANO);
            assertThat(v.exitCode()).as(code).isEqualTo(ExitCodes.AUTH);
            assertThat(v.line()).startsWith(code + ": ").endsWith("(request id tx1)");
        }
    }

    @Test
    void anUnknownServerErrorKeepsTheServersMessageOnOneLine() {
        var v = Errors.classify(new S3Exception(500, "InternalError", "boom\nsecond line", null, null, null), null);
        assertThat(v.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(v.line()).doesNotContain("\n").startsWith("InternalError: ");
    }

    @Test
    void aRefusedConnectionIsUnreachableAndNamesTheEndpoint() {
        var v = Errors.classify(new IOException("failed", new ConnectException("Connection refused")), NANO);
        assertThat(v.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(v.line()).isEqualTo("cannot reach the endpoint http://127.0.0.1:7480: Connection refused");
        assertThat(Errors.classify(new UnknownHostException("nowhere.invalid"), NANO).exitCode())
                .isEqualTo(ExitCodes.UNREACHABLE);
    }

    @Test
    void wrappersAreLookedThrough() {
        var v = Errors.classify(new ExecutionException(new NoSuchFileException("/x")), null);
        assertThat(v.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(v.line()).isEqualTo("no such file or directory: /x");
    }

    @Test
    void localPermissionProblemsAreFailures() {
        var v = Errors.classify(new AccessDeniedException("/etc/shadow"), null);
        assertThat(v.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(v.line()).isEqualTo("permission denied: /etc/shadow");
    }

    @Test
    void interruptionExitsWith130() {
        assertThat(Errors.classify(new InterruptedException(), null).exitCode()).isEqualTo(ExitCodes.INTERRUPTED);
    }

    @Test
    void secretsInMessagesAreRedacted() {
        var v = Errors.classify(new IllegalStateException(
                "bad request X-Amz-Signature=abcdef0123&X-Amz-Security-Token=SECRET"), null);
        assertThat(v.line()).doesNotContain("abcdef0123", "SECRET").contains("X-Amz-Signature=****");
    }
}
