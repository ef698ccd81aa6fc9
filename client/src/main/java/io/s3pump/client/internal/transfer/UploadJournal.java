package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resume state of one multipart upload: where it goes, which upload id holds it, which local file it copies,
 * how that file is cut, and the parts that the server acknowledged.
 *
 * <p>An immutable value with a line-based text form ({@link #format()} / {@link #parse(String)}): one
 * {@code name value} pair per line, strings percent-encoded, then one {@code part} line per finished part.
 * Text rather than JSON keeps it readable with {@code cat} and free of reflection.
 *
 * @param bucket the bucket
 * @param key the object key
 * @param uploadId the multipart upload id
 * @param file the local file as it was when the upload started
 * @param partSize the size of every part but the last
 * @param partCount the number of parts
 * @param parts finished parts by part number
 */
public record UploadJournal(String bucket, String key, String uploadId, FileIdentity file, long partSize,
                            int partCount, SortedMap<Integer, FinishedPart> parts) {

    static final String MAGIC = "s3pump-upload-journal 1";

    public UploadJournal {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(file, "file");
        if (partSize <= 0 || partCount < 1) throw new IllegalArgumentException("bad part size or count");
        parts = Collections.unmodifiableSortedMap(new TreeMap<>(parts));
        for (var e : parts.entrySet()) {
            if (e.getKey() != e.getValue().number() || e.getKey() < 1 || e.getKey() > partCount)
                throw new IllegalArgumentException("bad part entry " + e.getKey());
        }
    }

    /** A journal with no finished parts yet. */
    public static UploadJournal start(String bucket, String key, String uploadId, FileIdentity file, long partSize,
                                      int partCount) {
        return new UploadJournal(bucket, key, uploadId, file, partSize, partCount, new TreeMap<>());
    }

    /** This journal plus one finished part (replacing an earlier record of the same number). */
    public UploadJournal with(FinishedPart part) {
        TreeMap<Integer, FinishedPart> next = new TreeMap<>(parts);
        next.put(part.number(), part);
        return new UploadJournal(bucket, key, uploadId, file, partSize, partCount, next);
    }

    /** This journal with exactly these finished parts. */
    public UploadJournal withParts(Map<Integer, FinishedPart> finished) {
        return new UploadJournal(bucket, key, uploadId, file, partSize, partCount, new TreeMap<>(finished));
    }

    /**
     * A part the server acknowledged.
     *
     * @param number the part number
     * @param size the part's size in bytes
     * @param etag the ETag the server returned, without quotes
     * @param md5 the part's MD5 when it was computed locally, else {@code null}
     */
    public record FinishedPart(int number, long size, String etag, Md5Digest md5) {
        public FinishedPart {
            Objects.requireNonNull(etag, "etag");
            etag = Etags.normalize(etag);
            if (number < 1 || size < 0) throw new IllegalArgumentException("bad part " + number);
        }
    }

    /** The text form; {@link #parse} reads it back. */
    public String format() {
        StringBuilder sb = new StringBuilder(256 + parts.size() * 90);
        sb.append(MAGIC).append('\n');
        line(sb, "bucket", enc(bucket));
        line(sb, "key", enc(key));
        line(sb, "uploadId", enc(uploadId));
        line(sb, "path", enc(file.path()));
        line(sb, "size", Long.toString(file.size()));
        line(sb, "mtimeNanos", Long.toString(file.mtimeNanos()));
        line(sb, "fileKey", enc(file.fileKey()));
        line(sb, "partSize", Long.toString(partSize));
        line(sb, "partCount", Integer.toString(partCount));
        for (FinishedPart p : parts.values()) {
            sb.append("part ").append(p.number()).append(' ').append(p.size()).append(' ').append(enc(p.etag()))
                    .append(' ').append(p.md5() == null ? "-" : p.md5().hex()).append('\n');
        }
        sb.append("end\n");
        return sb.toString();
    }

    /**
     * Reads the text form.
     *
     * @throws IOException if the text is not a complete journal (for example, truncated)
     */
    public static UploadJournal parse(String text) throws IOException {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().equals(MAGIC)) throw new IOException("not an s3pump upload journal");
        if (!lines.getLast().equals("end")) throw new IOException("truncated upload journal");
        Map<String, String> fields = new java.util.HashMap<>();
        TreeMap<Integer, FinishedPart> parts = new TreeMap<>();
        try {
            for (String line : lines.subList(1, lines.size() - 1)) {
                String[] f = line.split(" ", -1);
                if (f[0].equals("part") && f.length == 5) {
                    int n = Integer.parseInt(f[1]);
                    parts.put(n, new FinishedPart(n, Long.parseLong(f[2]), dec(f[3]),
                            f[4].equals("-") ? null : Md5Digest.ofHex(f[4])));
                } else if (f.length == 2) {
                    fields.put(f[0], f[1]);
                } else {
                    throw new IOException("bad journal line: " + line);
                }
            }
            FileIdentity file = new FileIdentity(dec(req(fields, "path")), Long.parseLong(req(fields, "size")),
                    Long.parseLong(req(fields, "mtimeNanos")), dec(req(fields, "fileKey")));
            return new UploadJournal(dec(req(fields, "bucket")), dec(req(fields, "key")), dec(req(fields, "uploadId")),
                    file, Long.parseLong(req(fields, "partSize")), Integer.parseInt(req(fields, "partCount")), parts);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt upload journal: " + e.getMessage(), e);
        }
    }

    private static String req(Map<String, String> fields, String name) throws IOException {
        String v = fields.get(name);
        if (v == null) throw new IOException("upload journal lacks " + name);
        return v;
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(name).append(' ').append(value).append('\n');
    }

    private static String enc(String s) {
        // URL encoding turns spaces into '+', so the line stays space-separated; empty strings become "%"
        return s.isEmpty() ? "%" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return s.equals("%") ? "" : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
