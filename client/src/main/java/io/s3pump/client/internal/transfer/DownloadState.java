package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which ranges of a kept partial download are complete, for resuming it: the object's ETag and size (a resume only
 * continues the same object version), the range size, the {@link BootId boot} it was saved in ({@code null} if
 * unknown: then the data was forced to the disk before each save), and per finished range its MD5 ({@code null}
 * when ranges were not hashed). Text form like the upload journal; replaced durably with {@link AtomicFiles}.
 */
public record DownloadState(String etag, long size, long rangeSize, String boot, SortedMap<Integer, Md5Digest> done) {
    private static final String MAGIC = "s3pump-download-state 2";
    /** Version 1 had no boot line; its saves always forced the data first, so it reads as a boot-less state. */
    private static final String MAGIC_1 = "s3pump-download-state 1";
    private static final Md5Digest NONE = Md5Digest.of(new byte[16]);

    public DownloadState {
        Objects.requireNonNull(etag, "etag");
        // TreeMap does not take null values well in copies; NONE stands for "done, not hashed"
        TreeMap<Integer, Md5Digest> copy = new TreeMap<>();
        done.forEach((k, v) -> copy.put(k, v == null ? NONE : v));
        done = Collections.unmodifiableSortedMap(copy);
    }

    /** The MD5 of a finished range, or {@code null} if it was not hashed. */
    public Md5Digest md5(int range) {
        Md5Digest d = done.get(range);
        return d == NONE || d == null ? null : d;
    }

    public String format() {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        sb.append("etag ").append(etag).append('\n').append("size ").append(size).append('\n')
                .append("rangeSize ").append(rangeSize).append('\n')
                .append("boot ").append(boot == null ? "-" : boot).append('\n');
        done.forEach((n, d) -> sb.append("range ").append(n).append(' ').append(d == NONE ? "-" : d.hex()).append('\n'));
        return sb.append("end\n").toString();
    }

    public static DownloadState parse(String text) throws IOException {
        List<String> lines = text.lines().toList();
        boolean v1 = !lines.isEmpty() && lines.getFirst().equals(MAGIC_1);
        int header = v1 ? 4 : 5;
        if (lines.size() < header + 1 || !(v1 || lines.getFirst().equals(MAGIC)) || !lines.getLast().equals("end"))
            throw new IOException("not a complete s3pump download state");
        try {
            String etag = value(lines.get(1), "etag");
            long size = Long.parseLong(value(lines.get(2), "size"));
            long rangeSize = Long.parseLong(value(lines.get(3), "rangeSize"));
            String boot = v1 ? "-" : value(lines.get(4), "boot");
            TreeMap<Integer, Md5Digest> done = new TreeMap<>();
            for (String line : lines.subList(header, lines.size() - 1)) {
                String[] f = line.split(" ");
                if (f.length != 3 || !f[0].equals("range")) throw new IOException("bad line: " + line);
                done.put(Integer.parseInt(f[1]), f[2].equals("-") ? null : Md5Digest.ofHex(f[2]));
            }
            return new DownloadState(etag, size, rangeSize, boot.equals("-") ? null : boot, done);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt download state: " + e.getMessage(), e);
        }
    }

    private static String value(String line, String name) throws IOException {
        if (!line.startsWith(name + " ")) throw new IOException("expected " + name + ": " + line);
        return line.substring(name.length() + 1);
    }

    public static Optional<DownloadState> load(Path file) throws IOException {
        try {
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The fixed temporary name a save of {@code file} goes through; the download's file lock makes it its own. */
    public static Path tempFor(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    public void save(Path file) throws IOException {
        AtomicFiles.write(file, tempFor(file), format());
    }
}
