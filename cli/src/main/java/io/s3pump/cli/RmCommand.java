package io.s3pump.cli;

import io.s3pump.client.Contents;
import io.s3pump.client.DeleteError;
import io.s3pump.client.DeleteResult;
import io.s3pump.client.ListObjectsV2Request;
import io.s3pump.client.ObjectIdentifier;
import io.s3pump.client.S3Client;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code s3pump rm s3://bucket/key}: DeleteObject, after a HEAD so that a typo is not a silent success; or, with
 * {@code --recursive}, every key under a prefix in DeleteObjects batches.
 */
@Command(name = "rm", mixinStandardHelpOptions = true,
        header = "Remove an object, or every object under a prefix.",
        description = "Remove an object. A key that does not exist is an error (exit 3), unlike S3's DeleteObject."
                + " With --recursive, remove every key under the prefix (taken as a directory: s3://b/photos means"
                + " photos/...; s3://b means the whole bucket), 1,000 keys per request.")
final class RmCommand extends S3Command {
    /** S3's limit on keys per DeleteObjects request. */
    static final int BATCH = 1000;

    @Parameters(index = "0", paramLabel = "S3URI", description = "s3://bucket/key: the object to remove"
            + " (with --recursive: s3://bucket[/prefix]).")
    String url;

    @Option(names = {"-r", "--recursive"}, description = "Remove every key under the prefix.")
    boolean recursive;

    @Override
    public Integer call() throws Exception {
        if (recursive) return removeTree();
        target = StatCommand.objectOnly(url);
        try (S3Client s3 = client(SINGLE)) {
            head(s3, target);
            s3.deleteObject(target.bucket(), target.key());
        }
        printer().say("delete: " + target);
        printer().document(Map.of("deleted", target.toString()));
        return ExitCodes.OK;
    }

    /** The JSON document of {@code rm --recursive}. */
    record Removal(String prefix, List<String> deleted, List<Map<String, String>> errors) {}

    private int removeTree() throws IOException {
        target = S3Url.argument(url);
        String prefix = RecursiveCopy.asDirectory(target.key());
        Printer out = printer();
        List<String> deleted = new ArrayList<>();
        List<Map<String, String>> errors = new ArrayList<>();
        try (S3Client s3 = client(SINGLE)) {
            // The listing is taken whole first: deleting while paging through the same prefix would make the
            // continuation token point past keys that moved.
            List<ObjectIdentifier> keys = new ArrayList<>();
            s3.listObjectsV2All(ListObjectsV2Request.of(target.bucket()).withPrefix(prefix.isEmpty() ? null : prefix),
                    page -> {
                        for (Contents c : page.contents()) keys.add(new ObjectIdentifier(c.key(), null));
                        return true;
                    });
            for (int from = 0; from < keys.size(); from += BATCH) {
                DeleteResult r = s3.deleteObjects(target.bucket(), keys.subList(from, Math.min(keys.size(), from + BATCH)),
                        false);
                r.deleted().forEach(d -> {
                    deleted.add(d.key());
                    out.say("delete: " + Printer.visible(new S3Url(target.bucket(), d.key()).toString()));
                });
                PrintWriter err = spec.commandLine().getErr();
                for (DeleteError e : r.errors()) {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("key", e.key());
                    entry.put("code", e.code());
                    entry.put("message", e.message());
                    errors.add(entry);
                    err.println("s3pump: " + e.code() + ": cannot delete " + new S3Url(target.bucket(), e.key())
                            + (e.message() == null || e.message().isBlank() ? "" : ": " + Errors.oneLine(e.message())));
                }
                err.flush();
            }
        }
        out.document(new Removal(new S3Url(target.bucket(), prefix).toString(), deleted, errors));
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
