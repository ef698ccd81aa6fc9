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
        assertThat(r.out()).contains("Exit codes:", "4  auth: InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied");
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
    void sharedOptionsMayComeBeforeTheCommandAsWithTheAwsCli() {
        var cl = S3pump.commandLine();
        assertThat(LeadingOptions.reorder(cl, new String[] {"--endpoint-url", "http://h:1", "--debug", "ls", "s3://b"}))
                .containsExactly("ls", "--endpoint-url", "http://h:1", "--debug", "s3://b");
        assertThat(LeadingOptions.reorder(cl, new String[] {"--output=json", "uploads", "ls", "s3://b"}))
                .containsExactly("uploads", "ls", "--output=json", "s3://b");
        assertThat(LeadingOptions.reorder(cl, new String[] {"--version"})).containsExactly("--version");
        assertThat(LeadingOptions.reorder(cl, new String[] {"--bogus", "ls"})).containsExactly("--bogus", "ls");
        assertThat(LeadingOptions.reorder(cl, new String[] {"--part-size", "8M", "cp", "a", "b"}))
                .as("an option of one command only is left for picocli to report").containsExactly("--part-size", "8M", "cp", "a", "b");
        Cli.Result r = Cli.run("--output", "json", "presign", "--expires-in", "0", "s3://bucket/key");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).contains("\"exitCode\" : 2");
    }

    @Test
    void helpCommandPrintsTheCommandList() {
        Cli.Result r = Cli.run("help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: s3pump", "Commands:", "help");
    }

    @Test
    void aRunBuildsOnlyTheCommandsItsArgumentsName() {
        var env = Environment.system();
        assertThat(S3pump.commandLine(env, "cp", "a", "s3://b/k").getSubcommands()).containsOnlyKeys("cp");
        assertThat(S3pump.commandLine(env, "--profile", "ls", "cp", "a", "s3://b/k").getSubcommands())
                .as("a value that is also a command's name adds that command too").containsOnlyKeys("ls", "cp");
        assertThat(S3pump.commandLine(env, "--help").getSubcommands()).containsOnlyKeys(S3pump.COMMANDS.keySet());
        assertThat(S3pump.commandLine(env, "help", "cp").getSubcommands()).containsOnlyKeys(S3pump.COMMANDS.keySet());
        assertThat(S3pump.commandLine(env, "frobnicate").getSubcommands()).containsOnlyKeys(S3pump.COMMANDS.keySet());
        assertThat(S3pump.commandLine(env, "-h", "cp").getSubcommands())
                .as("the root's usage, asked for before the command").containsOnlyKeys(S3pump.COMMANDS.keySet());
        assertThat(S3pump.commandLine(env, "cp", "-h").getSubcommands()).containsOnlyKeys("cp");
    }

    @Test
    void eachCommandIsRegisteredUnderItsAnnotatedName() {
        S3pump.COMMANDS.forEach((name, type) -> assertThat(
                type.getAnnotation(picocli.CommandLine.Command.class).name()).as(type.getName()).isEqualTo(name));
        assertThat(S3pump.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(S3pump.COMMANDS.keySet());
    }

    @Test
    void sharedOptionsMayComeBeforeANestedCommandWhenOnlyItIsBuilt() {
        String[] args = {"--output=json", "uploads", "abort", "s3://b/k", "--upload-id", "x"};
        var cl = S3pump.commandLine(Environment.system(), args);
        assertThat(cl.getSubcommands()).containsOnlyKeys("uploads");
        assertThat(LeadingOptions.reorder(cl, args))
                .containsExactly("uploads", "abort", "--output=json", "s3://b/k", "--upload-id", "x");
    }

    @Test
    void aLeadingOptionWhoseValueNamesACommandStillReachesTheCommand() {
        Cli.Result r = Cli.run("--region", "ls", "presign", "--expires-in", "0", "s3://bucket/key");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).doesNotContain("Unknown option").contains("expires");
    }
}
