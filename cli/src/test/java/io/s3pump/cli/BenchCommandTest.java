package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad input to {@code s3pump bench} is refused before any file is made or request sent. */
class BenchCommandTest {
    // Nothing listens here: a check that wrongly reached the network would fail with exit 5, not 2.
    private static final String NOWHERE = "--endpoint-url=http://127.0.0.1:9";

    @Test
    void aPartSizeBelowFiveMebibytesIsAUsageError() {
        assertOneLine(Cli.run("bench", NOWHERE, "--part-size", "1MiB"),
                "s3pump: part size must be between 5 MiB and 5 GiB: 1048576");
    }

    @Test
    void zeroRoundsIsAUsageError() {
        assertOneLine(Cli.run("bench", NOWHERE, "--rounds", "0"), "s3pump: rounds must be between 1 and 1000: 0");
    }

    @Test
    void anExistingKeyNeedsANamedBucket() {
        assertOneLine(Cli.run("bench", NOWHERE, "--key", "x"),
                "s3pump: --key needs s3://bucket (a temporary bucket has no objects)");
    }

    @Test
    void benchIsListedInTheRootHelp() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("(?m)^\\s+bench\\s+Measure upload and download throughput");
    }

    private static void assertOneLine(Cli.Result r, String line) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).as(r.toString()).containsExactly(line);
        assertThat(r.out()).as(r.toString()).isEmpty();
    }
}
