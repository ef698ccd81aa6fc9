package io.s3pump.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** How much to say and in which form: shared by every command. */
final class OutputOptions {
    /** The two output forms. */
    enum Format { text, json }

    /** The options themselves, in a group so that --help lists them under their own heading. */
    static final class Group {
        @Option(names = "--debug", order = 1, description = "Log each request with its canonical request and string"
                + " to sign (secrets redacted), and print stack traces.")
        boolean debug;

        @Option(names = {"-q", "--quiet"}, order = 2,
                description = "Print nothing but errors and the data asked for (no progress, no summary).")
        boolean quiet;

        @Option(names = "--output", paramLabel = "FORMAT", order = 3, defaultValue = "text",
                description = "text or json: one JSON document per command, for scripts (default: ${DEFAULT-VALUE}).")
        Format output = Format.text;
    }

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 101)
    Group group = new Group();

    boolean debug() {
        return group.debug;
    }

    boolean quiet() {
        return group.quiet;
    }

    boolean json() {
        return group.output == Format.json;
    }
}
