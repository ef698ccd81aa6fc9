package io.s3pump.cli;

import io.s3pump.client.S3Client;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code s3pump rm s3://bucket/key}: DeleteObject, after a HEAD so that a typo is not a silent success. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove an object. A key that does not exist is an error (exit 3), unlike S3's DeleteObject.")
final class RmCommand extends S3Command {
    @Parameters(index = "0", paramLabel = "s3://bucket/key", description = "The object to remove.")
    String url;

    @Override
    public Integer call() throws Exception {
        target = StatCommand.objectOnly(url);
        try (S3Client s3 = client(SINGLE)) {
            head(s3, target);
            s3.deleteObject(target.bucket(), target.key());
        }
        printer().say("delete: " + target);
        printer().document(Map.of("deleted", target.toString()));
        return ExitCodes.OK;
    }
}
