package io.s3pump.cli;

import io.s3pump.client.ObjectMetadata;
import io.s3pump.client.S3Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code s3pump verify FILE s3://bucket/key}: does the object hold exactly this file? Answered from one HEAD and one
 * local read, without downloading: the size, then the ETag recomputed from the file.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Check a local file against an object without downloading.",
        description = {"Check that an object holds exactly a local file, without downloading it: the size, then the"
                + " ETag recomputed from the file (the MD5, or for a multipart object the MD5 of the part MD5s with"
                + " the part count). Exits with 6 when they differ, or when no part size tried reproduces a composite"
                + " ETag (then the line says that the file could not be verified, not that it differs)."},
        footer = {"", "A multipart object does not record its part size; verify tries the sizes that give the"
                + " object's part count (whole MiB first). Name it with --part-size if another client used an odd one."})
final class VerifyCommand extends S3Command {
    @Parameters(index = "0", paramLabel = "FILE", description = "The local file.")
    Path file;

    @Parameters(index = "1", paramLabel = "S3URI", description = "s3://bucket/key, taken literally (no percent-decoding).")
    String url;

    @Option(names = "--part-size", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "The part size the object was uploaded with, if known.")
    Long partSize;

    /** The JSON document. */
    record Verdict(String file, String url, boolean match, boolean conclusive, long localSize, long objectSize,
            String etag, String computedEtag, Long partSize, String detail) {}

    @Override
    public Integer call() throws Exception {
        target = StatCommand.objectOnly(url);
        if (!Files.exists(file)) throw CliException.notFound("no such file: " + file);
        if (!Files.isRegularFile(file)) throw CliException.usage(file + " is not a regular file");
        if (!Files.isReadable(file)) throw new CliException(ExitCodes.FAILURE, "cannot read " + file + ": permission denied");
        long localSize = Files.size(file);
        ObjectMetadata m;
        try (S3Client s3 = client(SINGLE)) {
            m = head(s3, target);
        }
        long objectSize = m.objectSize() > 0 ? m.objectSize() : m.contentLength();
        Verdict v = verdict(localSize, objectSize, m.eTag());
        Printer out = printer();
        out.document(v);
        if (!v.match()) {
            // The verdict above is the JSON document; the error line goes to stderr as for any failure.
            // A composite ETag no tried part size reproduces is no proof of a difference: the uploader may have
            // used uneven parts. Still not a success (a script may delete the file on exit 0), but said as it is.
            out.err().println("s3pump: " + file + (v.conclusive() ? " and " + target + " differ: "
                    : " could not be verified against " + target + ": ") + v.detail());
            out.err().flush();
            return ExitCodes.VERIFICATION_FAILED;
        }
        out.say("ok: " + file + " matches " + target + ": " + v.detail());
        return ExitCodes.OK;
    }

    private Verdict verdict(long localSize, long objectSize, String etag) throws Exception {
        if (localSize != objectSize) {
            return new Verdict(file.toString(), target.toString(), false, true, localSize, objectSize, etag, null, null,
                    "size " + localSize + " bytes here, " + objectSize + " bytes in S3");
        }
        Integer parts = CompositeEtag.partCount(etag);
        if (parts == null && (etag == null || !etag.matches("[0-9a-fA-F]{32}"))) {
            throw new CliException(ExitCodes.VERIFICATION_FAILED, "the ETag of " + target + " is not an MD5 ('" + etag
                    + "', e.g. SSE-KMS), so only the size could be compared: it matches, but the content is unverified");
        }
        List<Long> sizes = parts == null ? List.of(0L)
                : partSize != null ? List.of(partSize)
                : CompositeEtag.candidatePartSizes(localSize, parts);
        if (sizes.isEmpty()) {
            return new Verdict(file.toString(), target.toString(), false, true, localSize, objectSize, etag, null, null,
                    "no part size cuts " + localSize + " bytes into " + parts + " parts");
        }
        List<String> computed = CompositeEtag.compute(file, sizes);
        for (int i = 0; i < sizes.size(); i++) {
            if (computed.get(i).equalsIgnoreCase(etag)) {
                long p = sizes.get(i);
                String how = p == 0 ? "size and MD5 ETag " + etag
                        : parts == 1 ? "size and composite ETag " + etag + " (1 part)"
                        : String.format(Locale.ROOT, "size and composite ETag %s (%d parts of %s)", etag, parts,
                                ByteSize.format(p));
                return new Verdict(file.toString(), target.toString(), true, true, localSize, objectSize, etag,
                        computed.get(i), p == 0 ? null : p, how);
            }
        }
        String tried = parts == null ? "the file's MD5 is " + computed.get(0)
                : "no part size tried (" + String.join(", ", sizes.stream().map(ByteSize::format).toList())
                        + ") reproduces it" + (partSize == null ? "; if another client used uneven or unusual part"
                        + " sizes the file may still match: name the part size with --part-size" : "");
        // A plain MD5, or a part size the user named, is a definite answer; guessed part sizes are not.
        boolean conclusive = parts == null || partSize != null || parts == 1;
        return new Verdict(file.toString(), target.toString(), false, conclusive, localSize, objectSize, etag,
                computed.get(0), parts == null ? null : sizes.get(0), "same size, but ETag " + etag + " in S3: " + tried);
    }
}
