package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyJobTest {
    @TempDir Path dir;

    @Test
    void aKeyEndingInSlashTakesTheFilesName() throws IOException {
        Path f = Files.writeString(dir.resolve("report 2026.csv"), "x");
        assertThat(CopyJob.resolve(f.toString(), "s3://bucket/dir/", false))
                .isEqualTo(new CopyJob.Upload(f, new S3Url("bucket", "dir/report 2026.csv")));
        assertThat(CopyJob.resolve(f.toString(), "s3://bucket", false))
                .isEqualTo(new CopyJob.Upload(f, new S3Url("bucket", "report 2026.csv")));
    }

    @Test
    void anExistingDirectoryTakesTheKeysLastSegment() {
        assertThat(CopyJob.resolve("s3://bucket/a/b/c.bin", dir.toString(), false))
                .isEqualTo(new CopyJob.Download(new S3Url("bucket", "a/b/c.bin"), dir.resolve("c.bin"), false));
    }

    @Test
    void stdinIsAnUploadWithoutFile() {
        CopyJob job = CopyJob.resolve("-", "s3://bucket/piped", false);
        assertThat(job).isInstanceOfSatisfying(CopyJob.Upload.class, u -> assertThat(u.fromStdin()).isTrue());
    }

    @Test
    void forceAllowsAnExistingTarget() throws IOException {
        Path f = Files.writeString(dir.resolve("t.bin"), "old");
        assertThat(CopyJob.resolve("s3://bucket/k", f.toString(), true))
                .isEqualTo(new CopyJob.Download(new S3Url("bucket", "k"), f, true));
        assertThatThrownBy(() -> CopyJob.resolve("s3://bucket/k", f.toString(), false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void s3ToS3IsAServerSideCopyAndAPrefixTargetTakesTheKeysName() {
        assertThat(CopyJob.resolve("s3://a-bucket/dir/k.bin", "s3://b-bucket/k2", false))
                .isEqualTo(new CopyJob.Copy(new S3Url("a-bucket", "dir/k.bin"), new S3Url("b-bucket", "k2")));
        assertThat(CopyJob.resolve("s3://a-bucket/dir/k.bin", "s3://b-bucket/backup/", false))
                .isEqualTo(new CopyJob.Copy(new S3Url("a-bucket", "dir/k.bin"), new S3Url("b-bucket", "backup/k.bin")));
        assertThatThrownBy(() -> CopyJob.resolve("s3://a-bucket/k", "s3://a-bucket/k", false))
                .hasMessage("source and destination are the same object: s3://a-bucket/k");
        assertThatThrownBy(() -> CopyJob.resolve("s3://a-bucket/dir/", "s3://b-bucket/x", false))
                .hasMessageContaining("names no object");
    }

    @Test
    void theResumeCommandQuotesWhatTheShellWouldSplit() {
        assertThat(CpCommand.shellQuote("/tmp/plain-file.bin")).isEqualTo("/tmp/plain-file.bin");
        assertThat(CpCommand.shellQuote("s3://bucket/a b")).isEqualTo("'s3://bucket/a b'");
        assertThat(CpCommand.shellQuote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void dashAsTheDestinationIsStandardOutput() {
        assertThat(CopyJob.resolve("s3://bucket/k", "-", false)).isInstanceOfSatisfying(CopyJob.Download.class, d -> {
            assertThat(d.toStdout()).isTrue();
            assertThat(d.streamed()).isTrue();
        });
    }

    @Test
    void aSymbolicLinkIsWrittenThroughSoTheLinkStaysAndItsFileIsReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("real.bin"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), Path.of("real.bin"));
        assertThat(CopyJob.resolve("s3://bucket/k", link.toString(), true))
                .isEqualTo(new CopyJob.Download(new S3Url("bucket", "k"), real.toAbsolutePath(), true));
        assertThatThrownBy(() -> CopyJob.resolve("s3://bucket/k", link.toString(), false))
                .hasMessageContaining(real.toAbsolutePath() + " already exists");
    }

    @Test
    void aDeviceOrFifoIsWrittenIntoInOrderWithoutForce() throws Exception {
        assertThat(CopyJob.resolve("s3://bucket/k", "/dev/null", false)).isInstanceOfSatisfying(CopyJob.Download.class,
                d -> assertThat(d.streamed()).isTrue());
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThat(CopyJob.resolve("s3://bucket/k", fifo.toString(), false)).isEqualTo(
                new CopyJob.Download(new S3Url("bucket", "k"), fifo, true, true));
    }
}
