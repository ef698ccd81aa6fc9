package io.s3pump.cli;

import io.s3pump.client.Bucket;
import io.s3pump.client.CommonPrefix;
import io.s3pump.client.Contents;
import io.s3pump.client.ListObjectsV2Request;
import io.s3pump.client.S3Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code s3pump ls [s3://bucket[/prefix]]}: the buckets, or the objects under a prefix. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        header = "List buckets, or objects with size, time and ETag.",
        description = {"List the buckets, or the objects of a bucket with their size, last-modified time (UTC) and"
                + " ETag. Without --recursive, keys are grouped at the next '/' (shown as PRE)."})
final class LsCommand extends S3Command {

    @Parameters(index = "0", arity = "0..1", paramLabel = "S3URI", description = "s3://bucket[/prefix]: what to list (default: the buckets).")
    String url;

    @Option(names = {"-r", "--recursive"}, description = "List every key under the prefix, not grouped at '/'.")
    boolean recursive;

    @Option(names = {"-H", "--human-readable"}, description = "Sizes in KiB, MiB, GiB instead of bytes.")
    boolean humanReadable;

    /** One object in the JSON document. */
    record ObjectEntry(String key, long size, String lastModified, String etag) {}

    /** One bucket in the JSON document. */
    record BucketEntry(String name, String created) {}

    @Override
    public Integer call() throws Exception {
        Printer out = printer();
        if (url == null || url.equals(S3Url.SCHEME)) return listBuckets(out);   // "s3://", as aws s3 ls takes it
        target = S3Url.argument(url);
        try (S3Client s3 = client(SINGLE)) {
            ListObjectsV2Request request = ListObjectsV2Request.of(target.bucket())
                    .withPrefix(target.key().isEmpty() ? null : target.key())
                    .withDelimiter(recursive ? null : "/");
            List<ObjectEntry> objects = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            long[] totals = new long[2];
            s3.listObjectsV2All(request, page -> {
                for (CommonPrefix p : page.commonPrefixes()) {
                    if (out.json()) prefixes.add(p.prefix());
                    else out.data(String.format(Locale.ROOT, "%19s  %12s  %-34s  %s", "", "PRE", "", Printer.visible(p.prefix())));
                }
                for (Contents c : page.contents()) {
                    totals[0]++;
                    totals[1] += c.size();
                    if (out.json()) {
                        objects.add(new ObjectEntry(c.key(), c.size(), Times.iso(c.lastModified()), c.eTag()));
                    } else {
                        out.data(String.format(Locale.ROOT, "%s  %12s  %-34s  %s", Times.text(c.lastModified()),
                                size(c.size()), c.eTag() == null ? "" : c.eTag(), Printer.visible(c.key())));
                    }
                }
                return true;
            });
            out.document(new ObjectListing(target.bucket(), target.key(), recursive, objects, prefixes, totals[0], totals[1]));
            if (!out.json() && recursive) {
                out.say("total: " + totals[0] + " objects, " + ByteSize.format(totals[1]));
            }
        }
        return ExitCodes.OK;
    }

    /** The JSON document of an object listing. */
    record ObjectListing(String bucket, String prefix, boolean recursive, List<ObjectEntry> objects,
            List<String> prefixes, long objectCount, long totalBytes) {}

    private int listBuckets(Printer out) throws Exception {
        try (S3Client s3 = client(SINGLE)) {
            List<BucketEntry> buckets = new ArrayList<>();
            for (Bucket b : s3.listBuckets().buckets()) {
                buckets.add(new BucketEntry(b.name(), Times.iso(b.creationDate())));
                out.data(Times.text(b.creationDate()) + "  " + b.name());
            }
            out.document(new BucketListing(buckets));
        }
        return ExitCodes.OK;
    }

    /** The JSON document of a bucket listing. */
    record BucketListing(List<BucketEntry> buckets) {}

    private String size(long bytes) {
        return humanReadable ? ByteSize.format(bytes) : Long.toString(bytes);
    }
}
