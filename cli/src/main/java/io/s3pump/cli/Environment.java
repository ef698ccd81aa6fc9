package io.s3pump.cli;

import java.io.InputStream;
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
 */
record Environment(Map<String, String> variables, Path home, Clock clock, InputStream stdin) {
    Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stdin, "stdin");
    }

    Environment(Map<String, String> variables, Path home, Clock clock) {
        this(variables, home, clock, InputStream.nullInputStream());
    }

    /** The real process environment. */
    static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), Clock.systemUTC(), System.in);
    }

    @Override
    public String toString() {
        return "Environment[" + variables.size() + " variables, home=" + home + "]";
    }
}
