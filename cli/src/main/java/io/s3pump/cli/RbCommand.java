package io.s3pump.cli;

import io.s3pump.client.S3Client;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code s3pump rb s3://bucket}: DeleteBucket. */
@Command(name = "rb", mixinStandardHelpOptions = true,
        description = "Remove an empty bucket (remove its objects with rm and its open uploads with 'uploads abort').")
final class RbCommand extends S3Command {
    @Parameters(index = "0", paramLabel = "s3://bucket", description = "The bucket to remove.")
    String url;

    @Override
    public Integer call() throws Exception {
        target = MbCommand.bucketOnly(url);
        try (S3Client s3 = client(SINGLE)) {
            s3.deleteBucket(target.bucket());
        }
        printer().say("remove_bucket: " + target);
        printer().document(Map.of("removed", target.toString()));
        return ExitCodes.OK;
    }
}
