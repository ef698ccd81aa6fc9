package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher's {@code scripts/transfer-kind.sh}: which kind of transfer a command line runs, so that the class-data
 * archive records each kind once. A wrong answer marks a kind covered by another kind's classes for the whole build.
 */
class TransferKindTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "transfer-kind.sh").toAbsolutePath().normalize();

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("up", List.of("cp", "a", "s3://b/k")),
                Arguments.of("down", List.of("cp", "s3://b/k", "a")),
                Arguments.of("down", List.of("cp", "S3://b/k", "a")),
                Arguments.of("up", List.of("cp", "-", "s3://b/k")),
                Arguments.of("up", List.of("cp", "--part-size", "8MiB", "--concurrency", "8", "a", "s3://b/k")),
                Arguments.of("down", List.of("cp", "--part-size=8MiB", "--no-verify", "s3://b/k", "a")),
                Arguments.of("down", List.of("--endpoint-url", "http://h:1", "--region", "us", "cp", "s3://b/k", "a")),
                Arguments.of("up", List.of("--profile", "cp", "cp", "a", "s3://b/k")),
                Arguments.of("", List.of("--profile", "cp", "ls", "s3://b")),
                Arguments.of("", List.of("ls", "s3://b/cp")),
                Arguments.of("up", List.of("cp", "cp", "s3://b/")),
                Arguments.of("down", List.of("cp", "s3://b/k", "bench")),
                Arguments.of("up", List.of("cp", "--", "-file", "s3://b/k")),
                Arguments.of("down", List.of("cp", "--", "s3://b/k", "x")),
                Arguments.of("bench", List.of("bench", "s3://b", "--file", "f")),
                Arguments.of("", List.of("bench", "--help")),
                Arguments.of("", List.of("cp", "--help")),
                Arguments.of("", List.of("--help", "cp")),
                Arguments.of("", List.of("--version")),
                Arguments.of("", List.of("stat", "s3://b/k")),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest(name = "{1} -> ''{0}''")
    @MethodSource("commandLines")
    void aCommandLineIsClassifiedByItsCommandAndCpsSource(String kind, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "set -euo pipefail; . \"$0\"; transfer_kind \"$@\"; printf '%s' \"$kind\"", SCRIPT.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo(kind);
    }
}
