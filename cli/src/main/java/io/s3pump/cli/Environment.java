package io.s3pump.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the command reads from the outside world besides its arguments: the environment variables, the home
 * directory (for {@code ~/.aws}) and the clock. Passed in, never read from statics inside commands, so that tests
 * can give a command no credentials at all or a fixed time.
 *
 * @param variables the process environment ({@code AWS_*})
 * @param home the user's home directory
 * @param clock the wall clock ({@code uploads abort --older-than})
 * @param stdin standard input ({@code cp - s3://…})
 * @param stdout standard output as bytes, unbuffered ({@code cp s3://… -}); text goes through picocli's writer
 */
record Environment(Map<String, String> variables, Path home, Clock clock, InputStream stdin, OutputStream stdout) {
    Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
    }

    Environment(Map<String, String> variables, Path home, Clock clock) {
        this(variables, home, clock, InputStream.nullInputStream(), OutputStream.nullOutputStream());
    }

    /** The same environment with {@code out} as standard output's bytes. */
    Environment withStdout(OutputStream out) {
        return new Environment(variables, home, clock, stdin, out);
    }

    /** The real process environment. */
    static Environment system() {
        // Read through a channel: a thread blocked reading a pipe then wakes up when it is interrupted (Ctrl-C),
        // so that a stdin upload can still be aborted; System.in's stream would block until the writer wrote.
        InputStream stdin = java.nio.channels.Channels.newInputStream(
                new java.io.FileInputStream(java.io.FileDescriptor.in).getChannel());
        return new Environment(System.getenv(), home(System.getenv()), Clock.systemUTC(), stdin,
                new java.io.FileOutputStream(java.io.FileDescriptor.out));
    }

    /** {@code $HOME}, as the AWS CLI and the shell take it; Java's {@code user.home} (the passwd entry) without it. */
    static Path home(Map<String, String> variables) {
        String home = variables.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }

    @Override
    public String toString() {
        return "Environment[" + variables.size() + " variables, home=" + home + "]";
    }
}
