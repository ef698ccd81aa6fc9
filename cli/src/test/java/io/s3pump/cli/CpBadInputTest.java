package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input rows of the cp command that need no server: each gets its exit code, one line naming the problem,
 * and leaves nothing behind. Rows that need a server are in {@link CpServerErrorsTest} and {@link BadInputIT}.
 */
class CpBadInputTest {
    // Nothing listens here: if a row wrongly reached the network it would fail with exit 5, not its own code.
    private static final String NOWHERE = "--endpoint-url=http://127.0.0.1:9";

    @TempDir Path dir;
    private Path file;

    @BeforeEach
    void createFile() throws IOException {
        file = Files.write(dir.resolve("data.bin"), new byte[] {1, 2, 3});
    }

    @Test
    void aMissingFileIsNotFound() {
        Cli.Result r = cp(dir.resolve("missing.bin").toString(), "s3://bucket/key");
        assertOneLine(r, ExitCodes.NOT_FOUND, "s3pump: no such file: " + dir.resolve("missing.bin"));
    }

    @Test
    void aDirectoryAsSourceIsAUsageError() {
        Cli.Result r = cp(dir.toString(), "s3://bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: " + dir + " is a directory; add --recursive to upload the files under it");
    }

    @Test
    void aMalformedS3UrlIsAUsageError() {
        Cli.Result r = cp(file.toString(), "s3:/bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: one of SRC and DST must be an s3://bucket/key URL");
        r = cp("s3://", file.toString());
        assertOneLine(r, ExitCodes.USAGE, "s3pump: 's3://' names no bucket: expected s3://bucket/key");
    }

    @Test
    void anInvalidBucketNameIsAUsageErrorThatSaysTheRules() {
        Cli.Result r = cp(file.toString(), "s3://My_Bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: invalid bucket name 'My_Bucket': bucket names are 3-63 characters of"
                + " lowercase letters, digits, '.' and '-', starting and ending with a letter or digit");
    }

    @Test
    void stdinCannotBeCutIntoAPartCountOrResumed() {
        Cli.Result r = cp("--parts", "4", "-", "s3://bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: --parts needs a file: stdin has no known length and cannot be read"
                + " again; give --part-size instead");
        r = cp("--resume", "-", "s3://bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: --resume needs a file: stdin has no known length and cannot be read"
                + " again; give --part-size instead");
    }

    @Test
    void aPartSizeBelowFiveMebibytesIsAUsageError() {
        Cli.Result r = cp("--part-size", "1MiB", file.toString(), "s3://bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: --part-size 1.00 MiB is below S3's minimum part size of 5 MiB"
                + " (only the last part may be smaller)");
    }

    @Test
    void anUnparseablePartSizeIsAUsageErrorNamingTheOption() {
        Cli.Result r = cp("--part-size", "8 parsecs", file.toString(), "s3://bucket/key");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString()
                .contains("--part-size", "'8 parsecs' is not a size: use e.g. 8MiB, 64M, 1GiB or plain bytes");
    }

    @Test
    void twentyThousandPartsIsAUsageError() {
        Cli.Result r = cp("--parts", "20000", file.toString(), "s3://bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: --parts 20000 is outside 1 to 10000, S3's limit on parts per upload");
    }

    @Test
    void aNegativeConcurrencyIsAUsageError() {
        Cli.Result r = cp("--concurrency", "-4", file.toString(), "s3://bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: --concurrency -4 must be between 1 and 1024");
    }

    @Test
    void partSizeAndPartsTogetherAreAUsageError() {
        Cli.Result r = cp("--parts", "4", "--part-size", "8MiB", file.toString(), "s3://bucket/key");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: --part-size and --parts exclude each other; give one");
    }

    @Test
    void anExistingLocalTargetIsRefusedWithoutForce() throws IOException {
        Cli.Result r = cp("s3://bucket/key", file.toString());
        assertOneLine(r, ExitCodes.USAGE, "s3pump: " + file + " already exists; add --force to overwrite it");
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }

    @Test
    void anExistingFileInATargetDirectoryIsRefusedWithoutForce() {
        Cli.Result r = cp("s3://bucket/some/prefix/data.bin", dir.toString());
        assertOneLine(r, ExitCodes.USAGE, "s3pump: " + file + " already exists; add --force to overwrite it");
    }

    @Test
    void aDownloadIntoAMissingDirectoryIsNotFound() {
        Path missing = dir.resolve("no/such/dir");
        Cli.Result r = cp("s3://bucket/key", missing.resolve("file.bin").toString());
        assertOneLine(r, ExitCodes.NOT_FOUND, "s3pump: directory " + missing + " does not exist");
        r = cp("s3://bucket/key", missing + "/");
        assertOneLine(r, ExitCodes.NOT_FOUND, "s3pump: directory " + missing + "/ does not exist");
    }

    @Test
    void aDownloadOfABucketWithoutKeyIsAUsageError() {
        Cli.Result r = cp("s3://bucket", dir.resolve("x").toString());
        assertOneLine(r, ExitCodes.USAGE, "s3pump: s3://bucket names no object; give a key, or add --recursive to download the keys under it");
    }

    @Test
    void uploadOnlyOptionsOnADownloadAreUsageErrors() {
        Path target = dir.resolve("target.bin");
        assertOneLine(cp("--parts", "3", "s3://bucket/key", target.toString()), ExitCodes.USAGE,
                "s3pump: --parts applies to uploads; a download follows the object's parts");
        assertOneLine(cp("--checksum", "md5", "s3://bucket/key", target.toString()), ExitCodes.USAGE,
                "s3pump: --checksum applies to uploads");
    }

    @Test
    void twoLocalPathsAreAUsageError() {
        Cli.Result r = cp(file.toString(), dir.resolve("copy").toString());
        assertOneLine(r, ExitCodes.USAGE, "s3pump: one of SRC and DST must be an s3://bucket/key URL");
    }

    @Test
    void stdinNeedsAKey() {
        Cli.Result r = cp("-", "s3://bucket/");
        assertOneLine(r, ExitCodes.USAGE, "s3pump: an upload from stdin needs a key: s3://bucket/KEY");
    }

    @Test
    void aMissingArgumentIsAUsageErrorOnOneLine() {
        Cli.Result r = Cli.run("cp", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString()
                .isEqualTo("s3pump cp: Missing required parameter: 'DST' (see 's3pump cp --help')");
    }

    @Test
    void jsonOutputTurnsTheErrorIntoTheCommandsDocument() {
        Cli.Result r = cp("--output", "json", dir.resolve("missing.bin").toString(), "s3://bucket/key");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.out()).contains("\"error\"", "\"message\" : \"no such file: ", "\"exitCode\" : 3");
    }

    @Test
    void helpDocumentsThatSizesAreBinary() {
        Cli.Result r = Cli.run("cp", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--part-size", "--checksum", "--keep-on-failure",
                "--endpoint-url", "--output");
    }

    @Test
    void recursiveNeedsADirectoryAndSaysSoBeforeAnyRequest() {
        assertOneLine(cp("--recursive", file.toString(), "s3://bucket/p/"), ExitCodes.USAGE,
                "s3pump: " + file + " is not a directory; cp without --recursive uploads one file");
        assertOneLine(cp("-r", dir.resolve("nope").toString(), "s3://bucket/p/"), ExitCodes.NOT_FOUND,
                "s3pump: no such directory: " + dir.resolve("nope"));
        assertOneLine(cp("-r", "-", "s3://bucket/p/"), ExitCodes.USAGE,
                "s3pump: --recursive copies a directory; stdin is one stream");
        assertOneLine(cp("-r", "--parts", "3", dir.toString(), "s3://bucket/p/"), ExitCodes.USAGE,
                "s3pump: --parts applies to one file; give --part-size with --recursive");
        assertOneLine(cp("-r", "s3://bucket/a", "s3://bucket/b"), ExitCodes.USAGE,
                "s3pump: --recursive between two S3 locations is not supported; copy the keys one by one");
        assertOneLine(cp("--resume", "s3://bucket/a", "s3://bucket/b"), ExitCodes.USAGE, "s3pump: --resume does not"
                + " apply to a server-side copy: a failed copy is aborted and costs nothing to run again");
    }

    private Cli.Result cp(String... args) {
        return Cli.run(Stream.concat(Stream.of("cp", NOWHERE), Stream.of(args)).toArray(String[]::new));
    }

    /** Exit code, exactly one line on stderr, nothing on stdout, and no file but ours left in the directory. */
    private void assertOneLine(Cli.Result r, int exitCode, String line) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.errLines()).as(r.toString()).containsExactly(line);
        assertThat(r.out()).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("data.bin"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
