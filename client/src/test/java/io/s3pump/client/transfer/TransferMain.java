package io.s3pump.client.transfer;

import io.s3pump.client.Integrity;
import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.sigv4.Credentials;
import java.nio.file.Path;

/**
 * A manual measuring tool (not a test): uploads or downloads one file against the RGW in the environment and
 * prints one line of figures, for part-size comparisons and the pinning check under JFR.
 * Arguments: {@code upload|download file bucket key partSizeMiB concurrency [md5|signed|unsigned]}.
 */
public final class TransferMain {
    private TransferMain() {}

    public static void main(String[] args) throws Exception {
        RgwEndpoint rgw = RgwEndpoint.fromEnvironment();
        Integrity integrity = switch (args.length > 6 ? args[6] : "signed") {
            case "md5" -> Integrity.CONTENT_MD5;
            case "unsigned" -> Integrity.UNSIGNED_PAYLOAD;
            default -> Integrity.SIGNED_PAYLOAD;
        };
        int concurrency = Integer.parseInt(args[5]);
        try (S3Client client = S3Client.create(S3ClientConfig.builder().endpoint(rgw.endpoint())
                .credentials(Credentials.of(rgw.accessKey(), rgw.secretKey())).region(rgw.region())
                .maxConcurrency(Math.max(16, concurrency)).integrity(integrity).build())) {
            long partSize = Long.parseLong(args[4]) * PartSizing.MIB;
            if (args[0].equals("upload")) {
                try {
                    client.createBucket(args[2]);
                } catch (io.s3pump.client.S3Exception e) {
                    // already there
                }
                UploadResult r = new Uploader(client).upload(Path.of(args[1]), args[2], args[3], UploadOptions.builder()
                        .sizing(PartSizing.partSize(partSize)).concurrency(concurrency).resume(false).build());
                System.out.printf("upload %d MiB parts x %d %s: %.1f MiB/s %s%n", partSize >> 20, concurrency,
                        integrity.getClass().getSimpleName(), r.bytesPerSecond() / PartSizing.MIB, r.verification().level());
            } else {
                DownloadResult r = new Downloader(client).download(args[2], args[3], Path.of(args[1]),
                        DownloadOptions.builder().concurrency(concurrency).build());
                System.out.printf("download x %d: %.1f MiB/s %s%n", concurrency, r.bytesPerSecond() / PartSizing.MIB,
                        r.verification().level());
            }
        }
    }
}
