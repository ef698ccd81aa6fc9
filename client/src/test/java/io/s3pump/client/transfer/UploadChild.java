package io.s3pump.client.transfer;

import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import java.nio.file.Path;

/**
 * A child process for {@link KillAndResumeIT}: uploads one file with a journal and prints {@code PARTS n} after
 * each finished part, so that the parent can {@code kill -9} it mid-upload.
 * Arguments: file, bucket, key, journal directory, part size in bytes.
 */
public final class UploadChild {
    private UploadChild() {}

    public static void main(String[] args) throws Exception {
        try (S3Client client = Rgw.client(RgwEndpoint.fromEnvironment())) {
            UploadOptions options = UploadOptions.builder().sizing(PartSizing.partSize(Long.parseLong(args[4])))
                    .journalDir(Path.of(args[3])).concurrency(2)
                    .listener(p -> {
                        System.out.println("PARTS " + p.partsDone());
                        System.out.flush();
                    }).build();
            UploadResult r = new Uploader(client).upload(Path.of(args[0]), args[1], args[2], options);
            System.out.println("DONE " + r.etag());
        }
    }
}
