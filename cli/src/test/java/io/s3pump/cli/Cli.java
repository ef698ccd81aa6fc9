package io.s3pump.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the s3pump command line in-process with captured stdout and stderr. */
final class Cli {
    /** The outcome of one run. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {}

    static Result run(String... args) {
        return run(Environment.system(), args);
    }

    /** Test credentials for a MockWebServer at {@code endpoint}, with {@code home} as the home directory. */
    static Environment mockServer(String endpoint, Path home) {
        return new Environment(Map.of(
                "AWS_ENDPOINT_URL", endpoint,
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "very-secret-key",
                "AWS_REGION", "us-east-1"), home, Clock.systemUTC());
    }

    /** Runs with the given environment variables and home directory instead of the process's. */
    static Result run(Environment env, String... args) {
        CommandLine cl = S3pump.commandLine(env, args);   // as main builds it: only the commands args name
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(LeadingOptions.reorder(cl, args));
        return new Result(code, out.toString(), err.toString());
    }
}
