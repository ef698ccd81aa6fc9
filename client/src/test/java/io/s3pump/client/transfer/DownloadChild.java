package io.s3pump.client.transfer;

import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import java.nio.file.Path;

/**
 * A child process for {@link DownloadKillAndResumeIT}: downloads one object with default options (no keepPartial)
 * and prints {@code RANGES n} as ranges finish, slowed by a pause per MiB so that the parent can {@code kill -9}
 * it mid-download. Arguments: bucket, key, target file, part size hint in bytes.
 */
public final class DownloadChild {
    private DownloadChild() {}

    public static void main(String[] args) throws Exception {
        try (S3Client client = Rgw.client(RgwEndpoint.fromEnvironment())) {
            DownloadOptions options = DownloadOptions.builder().partSizeHint(Long.parseLong(args[3])).concurrency(2)
                    .listener(p -> {
                        System.out.println("RANGES " + p.partsDone());
                        System.out.flush();
                        try {
                            Thread.sleep(15);   // ~2 s per 150 MiB: room to kill it between two ranges
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }).build();
            DownloadResult r = new Downloader(client).download(args[0], args[1], Path.of(args[2]), options);
            System.out.println("DONE " + r.etag());
        }
    }
}
