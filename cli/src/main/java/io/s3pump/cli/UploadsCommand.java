package io.s3pump.cli;

import io.s3pump.client.ListMultipartUploadsRequest;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3Exception;
import io.s3pump.client.Upload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code s3pump uploads ls|abort}: open multipart uploads, left by crashed clients of any make. */
@Command(name = "uploads", mixinStandardHelpOptions = true,
        description = "List or abort open multipart uploads (their parts use space until they are completed or aborted).",
        subcommands = {UploadsCommand.Ls.class, UploadsCommand.Abort.class})
final class UploadsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: ls or abort");
    }

    /** One open upload in a JSON document. */
    record Entry(String key, String uploadId, String initiated) {
        static Entry of(Upload u) {
            return new Entry(u.key(), u.uploadId(), Times.iso(u.initiated()));
        }
    }

    /** Lists the open uploads whose key matches {@code url}: all, a prefix ending in '/', or one exact key. */
    static List<Upload> open(S3Client s3, S3Url url) throws Exception {
        List<Upload> out = new ArrayList<>();
        ListMultipartUploadsRequest request = ListMultipartUploadsRequest.of(url.bucket())
                .withPrefix(url.key().isEmpty() ? null : url.key());
        s3.listMultipartUploadsAll(request, page -> {
            for (Upload u : page.uploads()) {
                if (url.isPrefix() || u.key().equals(url.key())) out.add(u);
            }
            return true;
        });
        return out;
    }

    /** {@code uploads ls s3://bucket[/key]}. */
    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "List open multipart uploads: initiated (UTC), upload id and key.")
    static final class Ls extends S3Command {
        @Parameters(index = "0", paramLabel = "s3://bucket[/key]",
                description = "The bucket; a key ending in '/' lists a prefix, another key that key only.")
        String url;

        /** The JSON document. */
        record Listing(String bucket, List<Entry> uploads) {}

        @Override
        public Integer call() throws Exception {
            target = S3Url.argument(url);
            Printer out = printer();
            List<Entry> entries = new ArrayList<>();
            try (S3Client s3 = client(SINGLE)) {
                for (Upload u : open(s3, target)) {
                    entries.add(Entry.of(u));
                    out.data(Times.text(u.initiated()) + "  " + u.uploadId() + "  " + u.key());
                }
            }
            out.document(new Listing(target.bucket(), entries));
            return ExitCodes.OK;
        }
    }

    /** {@code uploads abort s3://bucket[/key] (--upload-id ID | --all) [--older-than AGE]}. */
    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Abort open multipart uploads: one by its id, or all (of a key or prefix), optionally only"
                    + " those older than an age.")
    static final class Abort extends S3Command {
        @Parameters(index = "0", paramLabel = "s3://bucket[/key]",
                description = "The bucket, or a key (exact) or a prefix (ending in '/').")
        String url;

        /** Exactly one of the two ways to choose uploads. */
        static final class Which {
            @Option(names = "--upload-id", paramLabel = "ID", required = true,
                    description = "The upload to abort (needs the key).")
            String uploadId;

            @Option(names = "--all", required = true, description = "Every open upload under the URL.")
            boolean all;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Option(names = "--older-than", paramLabel = "AGE", converter = Age.Converter.class,
                description = "Only uploads initiated more than AGE ago: 90s, 30m, 12h, 1d, 2w.")
        Duration olderThan;

        /** The JSON document. */
        record Aborted(String bucket, List<Entry> aborted) {}

        @Override
        public Integer call() throws Exception {
            target = S3Url.argument(url);
            Printer out = printer();
            List<Entry> done = new ArrayList<>();
            try (S3Client s3 = client(SINGLE)) {
                if (which.uploadId != null) {
                    if (target.isPrefix()) {
                        throw CliException.usage("--upload-id needs the upload's key: s3://" + target.bucket() + "/KEY");
                    }
                    if (olderThan != null) throw CliException.usage("--older-than goes with --all, not --upload-id");
                    s3.abortMultipartUpload(target.bucket(), target.key(), which.uploadId);
                    done.add(new Entry(target.key(), which.uploadId, null));
                    out.say("aborted: " + which.uploadId + "  " + target.key());
                } else {
                    Instant cutoff = olderThan == null ? null : environment().clock().instant().minus(olderThan);
                    for (Upload u : open(s3, target)) {
                        if (cutoff != null && (u.initiated() == null || !u.initiated().isBefore(cutoff))) continue;
                        try {
                            s3.abortMultipartUpload(target.bucket(), u.key(), u.uploadId());
                        } catch (S3Exception e) {
                            // Completed or aborted by someone else since the listing: what we wanted.
                            if (!e.is(S3Exception.NO_SUCH_UPLOAD)) throw e;
                            continue;
                        }
                        done.add(Entry.of(u));
                        out.say("aborted: " + u.uploadId() + "  " + u.key());
                    }
                    out.say("aborted " + done.size() + " upload" + (done.size() == 1 ? "" : "s") + " in " + target);
                }
            }
            out.document(new Aborted(target.bucket(), done));
            return ExitCodes.OK;
        }
    }
}
