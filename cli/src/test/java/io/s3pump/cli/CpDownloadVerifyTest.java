package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cp --no-verify} on a download: against a server whose bytes do not match the object's (single-put MD5)
 * ETag, the default download fails verification, while --no-verify checks only the size and says so.
 */
class CpDownloadVerifyTest {
    private static final int SIZE = 100_000;

    @StartStop final MockWebServer server = new MockWebServer();
    @TempDir Path home;
    private final byte[] served = new byte[SIZE];

    private Environment env() {
        return Cli.mockServer(server.url("/").toString(), home);
    }

    @BeforeEach
    void serveAnObjectWhoseBytesDoNotMatchItsEtag() throws Exception {
        new Random(1).nextBytes(served);
        byte[] original = served.clone();
        original[SIZE / 2] ^= 1;   // the ETag is the MD5 of the bytes before they were damaged
        String etag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(original));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getMethod().equals("HEAD")) {
                    return new MockResponse.Builder().code(200).setHeader("ETag", "\"" + etag + "\"")
                            .setHeader("Content-Length", Integer.toString(SIZE)).build();
                }
                String[] range = request.getHeaders().get("Range").substring("bytes=".length()).split("-");
                int first = Integer.parseInt(range[0]);
                int last = Integer.parseInt(range[1]);
                return new MockResponse.Builder().code(206).setHeader("ETag", "\"" + etag + "\"")
                        .setHeader("Content-Range", "bytes " + first + "-" + last + "/" + SIZE)
                        .body(new Buffer().write(served, first, last - first + 1)).build();
            }
        });
    }

    @Test
    void byDefaultTheDamagedBytesFailTheEtagCheckAndNoFileIsWritten() {
        Path target = home.resolve("o.bin");
        Cli.Result r = Cli.run(env(), "cp", "--no-progress", "s3://bucket/k", target.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(target).doesNotExist();
    }

    @Test
    void noVerifyChecksOnlyTheSizeAndTheSummaryAndJsonSaySo() throws Exception {
        Path target = home.resolve("o.bin");
        Cli.Result r = Cli.run(env(), "cp", "--no-progress", "--no-verify", "s3://bucket/k", target.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("verified: size only (size " + SIZE + " verified; ETag check turned off)");
        assertThat(Files.readAllBytes(target)).isEqualTo(served);

        Cli.Result json = Cli.run(env(), "cp", "--no-verify", "--force", "--output", "json", "s3://bucket/k", target.toString());
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"verified\" : \"size only\"",
                "\"verifiedBy\" : \"size " + SIZE + " verified; ETag check turned off\"");
    }
}
