package io.s3pump.client.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS shared config/credentials file format: {@code [section]} headers, {@code key = value} lines,
 * {@code #}/{@code ;} comments, and one level of nested, indented sub-properties ({@code s3 =} followed by
 * indented {@code endpoint_url = …}), stored as {@code s3.endpoint_url}.
 *
 * @param sections section name (as written between the brackets, trimmed) to its properties
 */
public record IniFile(Map<String, Map<String, String>> sections) {

    public IniFile {
        sections = Map.copyOf(sections);
    }

    /** An empty file (used when the file does not exist). */
    public static final IniFile EMPTY = new IniFile(Map.of());

    /** Reads {@code path}; a missing file is {@link Optional#empty()}. */
    public static Optional<IniFile> read(Path path) throws IOException {
        try {
            return Optional.of(parse(Files.readAllLines(path, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Parses the lines of a file. Lines outside any section and malformed lines are ignored, as the AWS CLI does. */
    public static IniFile parse(List<String> lines) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        String parent = null;
        for (String raw : lines) {
            String stripped = raw.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) continue;
            boolean indented = Character.isWhitespace(raw.charAt(0));
            if (stripped.startsWith("[") && stripped.endsWith("]")) {
                String name = stripped.substring(1, stripped.length() - 1).strip().replaceAll("\\s+", " ");
                current = out.computeIfAbsent(name, n -> new LinkedHashMap<>());
                parent = null;
                continue;
            }
            if (current == null) continue;
            int eq = stripped.indexOf('=');
            if (eq <= 0) continue;
            String key = stripped.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = stripInlineComment(stripped.substring(eq + 1).strip());
            if (indented && parent != null) {
                current.put(parent + "." + key, value);
            } else if (value.isEmpty()) {
                parent = key; // "s3 =" opens a nested block
            } else {
                current.put(key, value);
                parent = null;
            }
        }
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        return new IniFile(frozen);
    }

    // The AWS CLI treats " #" / " ;" after a value as a comment; a '#' inside a token (a secret) is kept.
    private static String stripInlineComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c == '#' || c == ';') && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i).strip();
            }
        }
        return value;
    }

    /** The properties of {@code section}, if present. */
    public Optional<Map<String, String>> section(String section) {
        return Optional.ofNullable(sections.get(section));
    }
}
