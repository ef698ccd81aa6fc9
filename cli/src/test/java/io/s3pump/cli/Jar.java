package io.s3pump.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the shaded {@code target/s3pump.jar} as a child process with the JDK running the tests (JDK 25), the way a
 * user runs {@code ./s3pump}: its own JVM, its own stdout, stderr and exit code.
 */
final class Jar {
    static final Path JAR = Path.of("target", "s3pump.jar");
    private static final long TIMEOUT_SECONDS = 300;

    /** What the process did. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Map<String, String> env;
    private final List<String> prefix;

    private Jar(Map<String, String> env, List<String> prefix) {
        this.env = env;
        this.prefix = prefix;
    }

    /** A runner with the test's environment (AWS_* from ./run-tests). */
    static Jar withEnvironment() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs with 'mvn verify'"
                    + " (failsafe runs after the shade plugin in 'package')");
        }
        return new Jar(new HashMap<>(System.getenv()), List.of());
    }

    /** The same runner with {@code name} set to {@code value}, or removed when {@code value} is null. */
    Jar env(String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        if (value == null) copy.remove(name);
        else copy.put(name, value);
        return new Jar(copy, prefix);
    }

    /** The same runner with the command line prefixed, e.g. by {@code setpriv} to drop root. */
    Jar prefixedBy(String... command) {
        return new Jar(env, List.of(command));
    }

    Result run(String... args) {
        return run(null, p -> {}, args);
    }

    /** Runs with {@code stdin} (or nothing) as standard input; {@code whileRunning} sees the live process. */
    Result run(Path stdin, Consumer<Process> whileRunning, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As ./s3pump runs it: the process ends with _exit once the command has flushed its output (ProcessExit).
        cmd.add("-Ds3pump.fastExit=true");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-jar");
        cmd.add(JAR.toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        try {
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            whileRunning.accept(p);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("s3pump " + String.join(" ", args) + " ran over " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
