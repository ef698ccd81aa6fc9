package io.s3pump.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The root {@code s3pump} command: lists the subcommands and carries the exit-code table. */
@Command(
        name = "s3pump",
        mixinStandardHelpOptions = true,
        versionProvider = S3pump.Version.class,
        description = "A fast, dependable S3 client for Ceph RGW and other S3-compatible storage.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {
            "",
            "Exit codes:",
            "    0  ok",
            "    1  failure: I/O or server error, unreadable local file",
            "    2  usage: bad option or URL, invalid bucket name, target exists",
            "    3  not found: bucket, key, upload, local file or directory",
            "    4  auth: InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied,",
            "       or no credentials",
            "    5  endpoint unreachable",
            "    6  verification failed: size, ETag or checksum mismatch",
            "  130  interrupted; an upload stays resumable (cp --resume)",
            "",
            "Credentials, region and endpoint come from the options, the AWS_*",
            "variables, or ~/.aws/credentials and ~/.aws/config, as with the AWS CLI.",
            "'s3pump COMMAND --help' shows a command's options.",
        })
public final class S3pump implements Runnable {
    /**
     * The subcommands by name, in the order help lists them. Not in the annotation: picocli builds a command's model
     * from its annotations, through reflection and annotation proxies, whenever it is added (about 0.1 CPU-s for all
     * of them, a quarter of a small transfer's start-up), so a run adds only the commands its arguments name.
     */
    static final Map<String, Class<?>> COMMANDS = commands(
            "cp", CpCommand.class, "ls", LsCommand.class, "mb", MbCommand.class, "rb", RbCommand.class,
            "rm", RmCommand.class, "stat", StatCommand.class, "presign", PresignCommand.class,
            "uploads", UploadsCommand.class, "verify", VerifyCommand.class, "bench", BenchCommand.class,
            "help", CommandLine.HelpCommand.class);

    private final Environment environment;

    @Spec CommandSpec spec;

    public S3pump() {
        this(Environment.system());
    }

    S3pump(Environment environment) {
        this.environment = environment;
    }

    Environment environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine(Environment.system(), args);
        int status = cl.execute(LeadingOptions.reorder(cl, args));
        ProcessExit.exit(status, cl.getOut(), cl.getErr());
    }

    /**
     * A fully configured command line with every subcommand: error handling, exit codes and {@code --debug}
     * logging.
     */
    public static CommandLine commandLine() {
        return commandLine(Environment.system());
    }

    static CommandLine commandLine(Environment environment) {
        return configure(new CommandLine(new S3pump(environment)), COMMANDS.keySet());
    }

    /**
     * A command line for running {@code args}: with the subcommands that {@code args} name, or all of them when
     * they name none, name {@code help}, or ask for the root's help first (the root's usage, {@code help}, a
     * mistyped command's suggestions need the list). Every token equal to a command's name counts, whatever its position, so a value that happens to be
     * a command's name only adds a command that parsing will not use.
     */
    private static final Set<String> ROOT_HELP = Set.of("-h", "--help", "-V", "--version");

    static CommandLine commandLine(Environment environment, String... args) {
        Set<String> named = new LinkedHashSet<>();
        boolean rootHelp = false;   // -h before any command name: the root's usage lists every command
        for (String arg : args) {
            if (COMMANDS.containsKey(arg)) named.add(arg);
            else if (named.isEmpty() && ROOT_HELP.contains(arg)) rootHelp = true;
        }
        if (rootHelp || named.isEmpty() || named.contains("help")) named = COMMANDS.keySet();
        return configure(new CommandLine(new S3pump(environment)), named);
    }

    private static CommandLine configure(CommandLine cl, Set<String> names) {
        // before the settings below: picocli applies them to the subcommands present at the time
        COMMANDS.forEach((name, type) -> {
            if (names.contains(name)) cl.addSubcommand(name, type);
        });
        Errors errors = new Errors();
        cl.setExecutionExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionStrategy(S3pump::executeWithLogging);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Runs the chosen subcommand with {@code --debug} logging routed to its error writer while it runs. */
    private static int executeWithLogging(ParseResult parseResult) {
        ParseResult last = parseResult;
        boolean help = parseResult.isUsageHelpRequested() || parseResult.isVersionHelpRequested();
        while (last.hasSubcommand()) {
            last = last.subcommand();
            help |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
        }
        // Only the S3 commands log (the client, the signer, bench); help and version output never does, and skipping
        // the handler spares them java.util.logging's start-up (~10 ms of the ~0.2 CPU-s that --help costs).
        if (help || !(last.commandSpec().userObject() instanceof S3Command)) {
            return new CommandLine.RunLast().execute(parseResult);
        }
        CommandLine cmd = last.commandSpec().commandLine();
        var mixin = cmd.getCommandSpec().mixins().get("output");
        boolean debug = mixin != null && mixin.userObject() instanceof OutputOptions o && o.debug();
        try (DebugLog log = DebugLog.start(debug, cmd.getErr())) {
            return new CommandLine.RunLast().execute(parseResult);
        }
    }

    private static Map<String, Class<?>> commands(Object... nameThenType) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) byName.put((String) nameThenType[i], (Class<?>) nameThenType[i + 1]);
        return Collections.unmodifiableMap(byName);
    }

    /** Reads the version Maven wrote into the jar, so that {@code --version} never drifts from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var props = new Properties();
            try (InputStream in = S3pump.class.getResourceAsStream("version.properties")) {
                if (in != null) props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"s3pump " + props.getProperty("version", "unknown")
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
