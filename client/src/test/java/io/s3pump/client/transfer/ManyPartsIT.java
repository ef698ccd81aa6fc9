package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** More than 1,000 parts: ListParts paging on resume territory, and the part limit of a real RGW. */
class ManyPartsIT {
    @TempDir Path tmp;

    @Test
    void uploadsMoreThanAThousandPartsAndVerifiesTheCompositeEtag() throws Exception {
        long size = 1001 * 5 * MIB + 123;   // 1,002 parts of 5 MiB; zeros (sparse), which the ETag rule covers too
        Path file = tmp.resolve("zeros.bin");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        try (S3Client client = Rgw.client(RgwEndpoint.fromEnvironment())) {
            String bucket = Rgw.newBucket(client, "transfer-many");
            try {
                UploadResult r = new Uploader(client).upload(file, bucket, "many", UploadOptions.builder()
                        .sizing(PartSizing.partSize(5 * MIB)).journalDir(tmp.resolve("j")).build());
                System.out.printf("1,002 parts: %.1f MiB/s, %s%n", r.bytesPerSecond() / MIB, r.verification());
                assertThat(r.partCount()).isEqualTo(1002);
                assertThat(r.etag()).endsWith("-1002").isEqualTo(Rgw.compositeEtag(file, 5 * MIB));
                assertThat(client.headObject(bucket, "many").contentLength()).isEqualTo(size);
            } finally {
                Rgw.deleteBucket(client, bucket);
            }
        }
    }
}
