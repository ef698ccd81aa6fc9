package io.s3pump.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type of an upload, from its name's extension, as {@code aws s3 cp} guesses it.
 *
 * <p>Why not {@link Files#probeContentType}: its first call loads the JDK's file type detectors and parses
 * {@code /etc/mime.types} with regular expressions, about 0.1 CPU-s that every upload would pay at start-up (a
 * 1 GiB upload costs the client ~1.3 CPU-s in all). The common types are a table here; only an extension that is
 * not in it costs a scan of the system's {@code mime.types}, for that one extension.
 */
final class MediaTypes {
    private MediaTypes() {}

    private static final Map<String, String> COMMON = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"), Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"), Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"), Map.entry("md", "text/markdown"),
            Map.entry("yaml", "application/yaml"), Map.entry("yml", "application/yaml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"), Map.entry("avif", "image/avif"),
            Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tgz", "application/gzip"), Map.entry("tar", "application/x-tar"), Map.entry("bz2", "application/x-bzip2"),
            Map.entry("xz", "application/x-xz"), Map.entry("zst", "application/zstd"), Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("iso", "application/x-iso9660-image"), Map.entry("jar", "application/java-archive"),
            Map.entry("wasm", "application/wasm"), Map.entry("rtf", "application/rtf"),
            Map.entry("doc", "application/msword"), Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mov", "video/quicktime"), Map.entry("mkv", "video/x-matroska"), Map.entry("avi", "video/x-msvideo"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("wav", "audio/wav"),
            Map.entry("ogg", "audio/ogg"), Map.entry("flac", "audio/flac"), Map.entry("opus", "audio/ogg"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"), Map.entry("sh", "application/x-sh"),
            Map.entry("deb", "application/vnd.debian.binary-package"), Map.entry("rpm", "application/x-rpm"),
            // the usual names of opaque data, so that they cost no scan of mime.types
            Map.entry("bin", "application/octet-stream"), Map.entry("dat", "application/octet-stream"),
            Map.entry("img", "application/octet-stream"), Map.entry("raw", "application/octet-stream"),
            Map.entry("qcow2", "application/octet-stream"), Map.entry("vmdk", "application/octet-stream"),
            Map.entry("parquet", "application/octet-stream"), Map.entry("avro", "application/octet-stream"));

    /** The type for {@code name}'s extension, or {@code null} (the client then sends application/octet-stream). */
    static String forName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1 || name.indexOf('/', dot) >= 0) return null;
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String known = COMMON.get(ext);
        return known != null ? known : fromMimeTypesFile(Path.of("/etc/mime.types"), ext);
    }

    /** The type that a {@code mime.types} file (type, then its extensions, per line) gives {@code ext}, or null. */
    static String fromMimeTypesFile(Path file, String ext) {
        if (!Files.isReadable(file)) return null;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.charAt(0) == '#' || !line.contains(ext)) continue;
                String[] words = line.trim().split("\\s+");
                for (int i = 1; i < words.length; i++) if (words[i].equalsIgnoreCase(ext)) return words[0];
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
