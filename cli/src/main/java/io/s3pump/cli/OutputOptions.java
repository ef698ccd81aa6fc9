package io.s3pump.cli;

import picocli.CommandLine.Option;

/** How much to say and in which form: shared by every command. */
final class OutputOptions {
    /** The two output forms. */
    enum Format { text, json }

    @Option(names = "--debug", description = "Log each request, its canonical request and string to sign"
            + " (secrets redacted), and print stack traces.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors and requested data (no progress).")
    boolean quiet;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json: one JSON document per command, for scripts (default: ${DEFAULT-VALUE}).")
    Format output = Format.text;

    boolean json() {
        return output == Format.json;
    }
}
