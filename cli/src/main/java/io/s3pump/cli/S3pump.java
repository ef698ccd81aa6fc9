package io.s3pump.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code s3pump} command: lists the subcommands and carries the global options. */
@Command(
        name = "s3pump",
        mixinStandardHelpOptions = true,
        versionProvider = S3pump.Version.class,
        description = "A fast, dependable S3 client for Ceph RGW and other S3-compatible storage.")
public final class S3pump implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new S3pump()).execute(args));
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
