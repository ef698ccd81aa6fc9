package io.s3pump.cli;

import io.s3pump.client.S3Client;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code s3pump mb s3://bucket}: CreateBucket. */
@Command(name = "mb", mixinStandardHelpOptions = true, description = "Make a bucket.")
final class MbCommand extends S3Command {
    @Parameters(index = "0", paramLabel = "s3://bucket", description = "The bucket to create.")
    String url;

    @Override
    public Integer call() throws Exception {
        target = bucketOnly(url);
        try (S3Client s3 = client(SINGLE)) {
            s3.createBucket(target.bucket());
        }
        printer().say("make_bucket: " + target);
        printer().document(Map.of("created", target.toString()));
        return ExitCodes.OK;
    }

    /** Parses an argument that must name a bucket and nothing more. */
    static S3Url bucketOnly(String arg) {
        S3Url url = S3Url.argument(arg);
        if (!url.key().isEmpty()) throw CliException.usage("expected s3://bucket without a key, got " + arg);
        return url;
    }
}
