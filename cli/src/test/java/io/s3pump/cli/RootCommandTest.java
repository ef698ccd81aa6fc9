package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class RootCommandTest {

    @Test
    void helpFooterDocumentsEveryExitCodeConstant() throws Exception {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        for (Field f : ExitCodes.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class) continue;
            int code = f.getInt(null);
            assertThat(r.out()).as("exit code %s (%d) in --help", f.getName(), code)
                    .containsPattern("(?m)^ +" + code + "  \\w");
        }
        assertThat(r.out()).contains("Exit codes:", "4  auth (InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied");
    }

    @Test
    void versionComesFromTheBuild() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("s3pump 0.").doesNotContain("${").contains("Java 25");
    }

    @Test
    void anUnknownCommandIsAUsageErrorOnOneLine() {
        Cli.Result r = Cli.run("frobnicate");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("s3pump: Unmatched argument").contains("'frobnicate'", "see 's3pump --help'");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLine() {
        Cli.Result r = Cli.run("--frobnicate");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("Unknown option: '--frobnicate'");
    }

    @Test
    void helpCommandPrintsTheCommandList() {
        Cli.Result r = Cli.run("help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: s3pump", "Commands:", "help");
    }
}
