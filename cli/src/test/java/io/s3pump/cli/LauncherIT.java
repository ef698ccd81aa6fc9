package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./s3pump} launcher itself, against the local RGW: the class-data archive it builds covers each kind of
 * transfer that has succeeded with the jar build, and a kind already covered records nothing again.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "s3pump").toAbsolutePath().normalize();
    static ItBucket bucket;

    @TempDir Path dir;
    @TempDir Path cache;

    @BeforeAll
    static void bucket() throws IOException {
        bucket = new ItBucket("launcher-it");
    }

    @AfterAll
    static void removeBucket() throws IOException {
        if (bucket != null) bucket.close();
    }

    private record Run(int exitCode, String out, String err) {}

    /** Runs the launcher with its cache under the test's directory, dumping archives before it exits. */
    private Run launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("S3PUMP_CDS_WAIT", "1");
        pb.environment().remove("S3PUMP_JAVA_OPTS");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher ran over 300 s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path archiveFile(String suffix) throws IOException {
        if (!Files.isDirectory(cache.resolve("s3pump"))) return null;
        try (Stream<Path> files = Files.list(cache.resolve("s3pump"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-static.jsa" + suffix)).findFirst().orElse(null);
        }
    }

    private List<String> kinds() throws IOException {
        Path kinds = archiveFile(".kinds");
        return kinds == null ? List.of() : Files.readAllLines(kinds, StandardCharsets.US_ASCII);
    }

    @Test
    void theArchiveCoversEachKindOfTransferOnceAndThenRecordsNothingMore() throws Exception {
        Path file = CliIT.randomFile(dir, "f.bin", 12L << 20, 7);   // two parts of 8 MiB
        Run failed = launch("cp", "--quiet", file.toString(), "s3://" + bucket.name + "-missing/f.bin");
        assertThat(failed.exitCode()).as("the JVM's exit code, through the launcher").isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(archiveFile("")).as("a failed transfer leaves no archive for its kind").isNull();

        Run up = launch("cp", "--quiet", "--part-size", "8MiB", file.toString(), bucket.url("f.bin"));
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(archiveFile("")).as("archive after the first upload").isNotNull();
        assertThat(kinds()).containsExactly("up");

        Run down = launch("cp", "--quiet", bucket.url("f.bin"), dir.resolve("back.bin").toString());
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(Files.mismatch(file, dir.resolve("back.bin"))).isEqualTo(-1);
        assertThat(kinds()).containsExactly("up", "down");
        String list = Files.readString(archiveFile(".list"));
        assertThat(list).as("the merged class list holds both engines")
                .contains("io/s3pump/client/internal/transfer/UploadJob ", "io/s3pump/client/internal/transfer/DownloadJob ");
        long modified = Files.getLastModifiedTime(archiveFile("")).toMillis();

        Run again = launch("cp", "--quiet", "--force", "--region", "us-east-1", bucket.url("f.bin"),
                dir.resolve("back.bin").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(kinds()).containsExactly("up", "down");
        assertThat(Files.getLastModifiedTime(archiveFile("")).toMillis()).as("not dumped again").isEqualTo(modified);
        try (Stream<Path> files = Files.list(cache.resolve("s3pump"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no class list or temporary file left").noneMatch(n -> n.contains("classlist") || n.contains(".tmp."));
        }

        Run help = launch("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: s3pump").doesNotContain("[warning]", "[error]");
    }
}
