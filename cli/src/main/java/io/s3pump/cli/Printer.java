package io.s3pump.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one way a command writes: text lines for people, or one JSON document for scripts ({@code --output json}),
 * always through picocli's writers so that tests capture them.
 */
final class Printer {
    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputOptions options;

    Printer(CommandSpec spec, OutputOptions options) {
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.options = options;
    }

    boolean json() {
        return options.json();
    }

    /** Whether a progress bar may be drawn: a terminal that nobody parses, and nobody asked for silence. */
    boolean progressAllowed() {
        var console = System.console();
        return !options.quiet() && !options.json() && console != null && console.isTerminal();
    }

    /** A line for people (confirmations, summaries): text mode only, and not under {@code --quiet}. */
    void say(String line) {
        if (!options.quiet() && !options.json()) {
            out.println(line);
            out.flush();
        }
    }

    /** Data the user asked for (listings, a URL): text mode, even under {@code --quiet}. */
    void data(String line) {
        if (!options.json()) out.println(line);
    }

    /** The command's JSON document; written only under {@code --output json}. */
    void document(Object doc) {
        if (options.json()) {
            out.println(toJson(doc));
            out.flush();
        }
    }

    PrintWriter err() {
        return err;
    }

    void flush() {
        out.flush();
        err.flush();
    }

    /**
     * {@code text} with control characters shown as {@code \xNN}: a key may hold any of them, and printed raw a
     * carriage return or an escape sequence would rewrite what the terminal shows. JSON output carries keys exactly.
     */
    static String visible(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                if (sb == null) sb = new StringBuilder(text.length() + 8).append(text, 0, i);
                sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    static String toJson(Object doc) {
        try {
            return MapperHolder.MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    /** Lazily built, immutable after construction: a process prints at most one document. */
    private static final class MapperHolder {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
    }
}
