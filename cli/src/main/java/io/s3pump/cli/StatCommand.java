package io.s3pump.cli;

import io.s3pump.client.ObjectMetadata;
import io.s3pump.client.S3Client;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code s3pump stat s3://bucket/key}: what HEAD says about an object, spelled out. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Show an object's size, ETag (and what kind it is), part count, content type, last-modified"
                + " time and metadata, from one HEAD request.")
final class StatCommand extends S3Command {
    @Parameters(index = "0", paramLabel = "s3://bucket/key", description = "The object.")
    String url;

    /** The JSON document. */
    record Stat(String url, long size, String etag, String etagKind, Integer parts, String contentType,
            String lastModified, Map<String, String> metadata) {}

    @Override
    public Integer call() throws Exception {
        target = objectOnly(url);
        ObjectMetadata m;
        try (S3Client s3 = client(SINGLE)) {
            m = head(s3, target);
        }
        long size = m.objectSize() > 0 ? m.objectSize() : m.contentLength();
        Integer parts = partCount(m);
        Stat stat = new Stat(target.toString(), size, m.eTag(), etagKind(m.eTag()), parts, m.contentType(),
                Times.iso(m.lastModified()), new LinkedHashMap<>(m.userMetadata()));
        Printer out = printer();
        out.document(stat);
        if (!out.json()) {
            out.data("url:           " + stat.url());
            out.data("size:          " + size + " (" + ByteSize.format(size) + ")");
            out.data("etag:          " + m.eTag());
            out.data("etag kind:     " + stat.etagKind());
            out.data("parts:         " + (parts == null ? "1 (single PutObject)" : parts));
            out.data("content type:  " + (m.contentType() == null ? "" : m.contentType()));
            out.data("last modified: " + Times.text(m.lastModified()) + " UTC");
            out.data("checksums:     " + checksums(m));
            m.userMetadata().forEach((k, v) -> out.data("x-amz-meta-" + k + ": " + v));
        }
        return ExitCodes.OK;
    }

    /** The part count: S3's header when present, else the {@code -N} of a composite ETag (RGW sends no header). */
    static Integer partCount(ObjectMetadata m) {
        if (m.partsCount() != null) return m.partsCount();
        return CompositeEtag.partCount(m.eTag());
    }

    static String etagKind(String etag) {
        Integer n = CompositeEtag.partCount(etag);
        if (n != null) return "composite: MD5 of the " + n + " part MD5s, then -" + n;
        if (etag != null && etag.matches("[0-9a-fA-F]{32}")) return "MD5 of the content";
        return "opaque (not an MD5: encrypted or computed by the server)";
    }

    /** What the object's ETag lets {@code verify} check; RGW 16.2 stores no x-amz-checksum-* values. */
    private static String checksums(ObjectMetadata m) {
        Integer n = CompositeEtag.partCount(m.eTag());
        if (n != null) return "per-part MD5s behind the composite ETag (s3pump verify checks them)";
        if (m.eTag() != null && m.eTag().matches("[0-9a-fA-F]{32}")) return "MD5 (the ETag)";
        return "none reported by the server";
    }

    /** Parses an argument that must name an object. */
    static S3Url objectOnly(String arg) {
        S3Url url = S3Url.argument(arg);
        if (url.key().isEmpty()) throw CliException.usage(arg + " names no object: expected s3://bucket/key");
        return url;
    }
}
