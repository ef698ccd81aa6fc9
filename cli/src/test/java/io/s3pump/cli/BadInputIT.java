package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input rows of issue 6 run as a user would, against the real RGW: the exit code, one line naming the
 * problem, and nothing left behind: no temporary files and no open multipart uploads.
 */
class BadInputIT {
    static ItBucket bucket;
    static Jar jar;

    @TempDir Path dir;

    @BeforeAll
    static void bucket() throws IOException {
        bucket = new ItBucket("cli-bad");
        jar = Jar.withEnvironment();
    }

    @AfterAll
    static void removeBucket() throws IOException {
        if (bucket != null) bucket.close();
    }

    private Path file(long size) throws IOException {
        return CliIT.randomFile(dir, "data.bin", size, 42);
    }

    /** Exit code, one line on stderr, no open uploads, and only {@code expected} in the temp dir. */
    private void assertClean(Jar.Result r, int exitCode, String linePrefix, String... expectedFiles) throws IOException {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.errLines()).as(r.toString()).singleElement().asString().startsWith(linePrefix);
        assertThat(bucket.openUploads()).as("open multipart uploads").isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("files left in " + dir).isEqualTo(List.of(expectedFiles));
        }
    }

    @Test
    void aMissingBucketIsNotFound() throws IOException {
        Path f = file(6 * ByteSize.MIB);
        Jar.Result r = jar.run("cp", "--part-size", "5MiB", f.toString(), "s3://no-such-bucket-s3pump/key");
        assertClean(r, ExitCodes.NOT_FOUND, "s3pump: NoSuchBucket: bucket 'no-such-bucket-s3pump' does not exist",
                "data.bin");
    }

    @Test
    void aMissingKeyIsNotFoundAndLeavesNoTemporaryFile() throws IOException {
        Jar.Result r = jar.run("cp", bucket.url("no/such/key.bin"), dir.resolve("target.bin").toString());
        assertClean(r, ExitCodes.NOT_FOUND,
                "s3pump: NoSuchKey: key 'no/such/key.bin' does not exist in bucket '" + bucket.name + "'");
    }

    @Test
    void wrongCredentialsAreAnAuthErrorAndLeaveNoUpload() throws IOException {
        Path f = file(11 * ByteSize.MIB);
        Jar.Result r = jar.env("AWS_SECRET_ACCESS_KEY", "wrong-secret")
                .run("cp", "--part-size", "5MiB", f.toString(), bucket.url("wrong-creds.bin"));
        assertClean(r, ExitCodes.AUTH, "s3pump: SignatureDoesNotMatch: ", "data.bin");
        assertThat(r.err()).doesNotContain("wrong-secret");
        Jar.Result unknown = jar.env("AWS_ACCESS_KEY_ID", "nobody-knows-me").run("ls", bucket.url(""));
        assertClean(unknown, ExitCodes.AUTH, "s3pump: InvalidAccessKeyId: ", "data.bin");
    }

    @Test
    void noCredentialsAtAllIsAnAuthError() throws IOException {
        Jar.Result r = jar.env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null)
                .env("HOME", dir.toString()).env("AWS_PROFILE", null)
                .run("ls", bucket.url(""));
        assertClean(r, ExitCodes.AUTH, "s3pump: no S3 credentials found; looked at: ");
    }

    @Test
    void anUnreachableEndpointExitsWithFive() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path f = file(1000);
        Jar.Result r = jar.run("cp", "--endpoint-url", "http://127.0.0.1:" + port, f.toString(), bucket.url("x"));
        assertClean(r, ExitCodes.UNREACHABLE, "s3pump: cannot reach the endpoint http://127.0.0.1:" + port, "data.bin");
    }

    @Test
    void anUnreadableFileIsAFailureBeforeAnyRequest() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = Files.writeString(sub.resolve("secret.bin"), "secret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Root reads every file: drop to nobody, as a user without the permission would run it.
        Jar asUser = "root".equals(System.getProperty("user.name"))
                ? jar.prefixedBy("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups").env("HOME", "/tmp")
                : jar;
        Jar.Result r = asUser.run("cp", secret.toString(), bucket.url("secret.bin"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.errLines()).containsExactly("s3pump: cannot read " + secret + ": permission denied");
        assertThat(bucket.keys()).doesNotContain("secret.bin");
    }

    @Test
    void aPartSizeOfOneMebibyteIsRefusedBeforeAnyRequest() throws IOException {
        Path f = file(3 * ByteSize.MIB);
        Jar.Result r = jar.run("cp", "--part-size", "1MiB", f.toString(), bucket.url("small-parts.bin"));
        assertClean(r, ExitCodes.USAGE, "s3pump: --part-size 1.00 MiB is below S3's minimum part size of 5 MiB",
                "data.bin");
        assertThat(bucket.keys()).doesNotContain("small-parts.bin");
    }

    @Test
    void tooManyPartsForTheFileAreRefusedBeforeAnyRequest() throws IOException {
        Path f = file(12 * ByteSize.MIB);
        Jar.Result r = jar.run("cp", "--parts", "20000", f.toString(), bucket.url("many.bin"));
        assertClean(r, ExitCodes.USAGE, "s3pump: --parts 20000 is outside 1 to 10000", "data.bin");
        Jar.Result planner = jar.run("cp", "--parts", "5", f.toString(), bucket.url("many.bin"));
        assertClean(planner, ExitCodes.USAGE, "s3pump: ", "data.bin");
        assertThat(bucket.keys()).doesNotContain("many.bin");
    }

    @Test
    void aNegativeConcurrencyIsAUsageError() throws IOException {
        Path f = file(1000);
        Jar.Result r = jar.run("cp", "--concurrency", "-1", f.toString(), bucket.url("neg.bin"));
        assertClean(r, ExitCodes.USAGE, "s3pump: --concurrency -1 must be between 1 and 1024", "data.bin");
    }

    @Test
    void anExistingTargetIsNotOverwrittenWithoutForce() throws IOException {
        Path f = file(1000);
        assertThat(jar.run("cp", f.toString(), bucket.url("exists.bin")).exitCode()).isZero();
        Path target = Files.writeString(dir.resolve("target.bin"), "keep me");
        Jar.Result r = jar.run("cp", bucket.url("exists.bin"), target.toString());
        assertClean(r, ExitCodes.USAGE, "s3pump: " + target + " already exists; add --force to overwrite it",
                "data.bin", "target.bin");
        assertThat(Files.readString(target)).isEqualTo("keep me");
        Jar.Result forced = jar.run("cp", "--force", bucket.url("exists.bin"), target.toString());
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void aDownloadIntoAMissingDirectoryIsNotFound() throws IOException {
        Path f = file(1000);
        assertThat(jar.run("cp", f.toString(), bucket.url("dl.bin")).exitCode()).isZero();
        Path missing = dir.resolve("missing");
        Jar.Result r = jar.run("cp", bucket.url("dl.bin"), missing.resolve("dl.bin").toString());
        assertClean(r, ExitCodes.NOT_FOUND, "s3pump: directory " + missing + " does not exist", "data.bin");
    }

    @Test
    void aPresignExpiryBeyondSevenDaysIsAUsageError() throws IOException {
        Jar.Result r = jar.run("presign", "--expires-in", "999999999", bucket.url("any.bin"));
        assertClean(r, ExitCodes.USAGE, "s3pump: --expires-in 999999999 is outside 1 to 604800 seconds");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMalformedUrlAndAnInvalidBucketNameAreUsageErrors() throws IOException {
        Path f = file(1000);
        assertClean(jar.run("cp", f.toString(), "s3//bucket/key"), ExitCodes.USAGE,
                "s3pump: one of SRC and DST must be an s3://bucket/key URL", "data.bin");
        assertClean(jar.run("cp", f.toString(), "s3://Bad_Bucket/key"), ExitCodes.USAGE,
                "s3pump: invalid bucket name 'Bad_Bucket': ", "data.bin");
    }

    @Test
    void aMissingFileAndADirectoryAsSourceAreRefused() throws IOException {
        assertClean(jar.run("cp", dir.resolve("nope.bin").toString(), bucket.url("nope.bin")), ExitCodes.NOT_FOUND,
                "s3pump: no such file: " + dir.resolve("nope.bin"));
        Files.createDirectory(dir.resolve("adir"));
        assertClean(jar.run("cp", dir.resolve("adir").toString(), bucket.url("adir")), ExitCodes.USAGE,
                "s3pump: " + dir.resolve("adir") + " is a directory", "adir");
    }
}
