package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upload, download, sha256 and composite ETag for the boundary sizes and 1 GiB, against the local RGW. */
class TransferSizesIT {
    static S3Client client;
    static String bucket;

    @TempDir Path tmp;

    @BeforeAll
    static void connect() throws Exception {
        client = Rgw.client(RgwEndpoint.fromEnvironment());
        bucket = Rgw.newBucket(client, "transfer-sizes");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (client == null) return;
        Rgw.deleteBucket(client, bucket);
        client.close();
    }

    /** Multipart in 5 MiB parts for every non-empty size, so that 5 MiB ± 1 lands on the part boundary. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 5 * MIB - 1, 5 * MIB, 5 * MIB + 1, 104_857_601L})
    void roundTripsWithFiveMebibyteParts(long size) throws Exception {
        Path file = Rgw.randomFile(tmp, size, size);
        UploadOptions options = UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).singlePutThreshold(0)
                .localMd5(UploadOptions.LocalMd5.ALWAYS).journalDir(tmp.resolve("journals")).build();
        UploadResult up = new Uploader(client).upload(file, bucket, "sizes/" + size, options);

        String expectedEtag = size == 0 ? Rgw.md5(file) : Rgw.compositeEtag(file, 5 * MIB);
        assertThat(up.etag()).isEqualTo(expectedEtag);
        assertThat(up.size()).isEqualTo(size);
        assertThat(up.partCount()).isEqualTo(size == 0 ? 1 : (int) Math.ceilDiv(size, 5 * MIB));
        assertThat(up.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);

        Path target = tmp.resolve("down-" + size);
        DownloadResult down = new Downloader(client).download(bucket, "sizes/" + size, target,
                DownloadOptions.defaults());
        assertThat(Rgw.sha256(target)).isEqualTo(Rgw.sha256(file));
        assertThat(down.etag()).isEqualTo(expectedEtag);
        assertThat(down.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void aStreamOfUnknownLengthRoundTrips() throws Exception {
        Path file = Rgw.randomFile(tmp, 23 * MIB + 5, 23);
        UploadResult up;
        try (var in = Files.newInputStream(file)) {
            up = new Uploader(client).upload(in, bucket, "stream", UploadOptions.builder()
                    .sizing(PartSizing.partSize(5 * MIB)).localMd5(UploadOptions.LocalMd5.ALWAYS).build());
        }
        assertThat(up.partCount()).isEqualTo(5);
        assertThat(up.etag()).isEqualTo(Rgw.compositeEtag(file, 5 * MIB));
        assertThat(up.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        Path target = tmp.resolve("stream.down");
        new Downloader(client).download(bucket, "stream", target, DownloadOptions.defaults());
        assertThat(Rgw.sha256(target)).isEqualTo(Rgw.sha256(file));
    }

    @Test
    void roundTripsOneGibibyteWithTheDefaults() throws Exception {
        long size = 1L << 30;
        Path file = Rgw.randomFile(tmp, size, 42);
        try {
            UploadResult up = new Uploader(client).upload(file, bucket, "gib", UploadOptions.builder()
                    .journalDir(tmp.resolve("journals")).build());
            assertThat(up.partCount()).isEqualTo(128);
            assertThat(up.etag()).isEqualTo(Rgw.compositeEtag(file, 8 * MIB));
            assertThat(up.verification().level()).isIn(Verification.Level.SIZE_AND_ETAG,
                    Verification.Level.SIZE_AND_PART_ETAGS);
            System.out.printf("upload 1 GiB: %.1f MiB/s, %s%n", up.bytesPerSecond() / MIB, up.verification());

            Path target = tmp.resolve("gib.down");
            DownloadResult down = new Downloader(client).download(bucket, "gib", target, DownloadOptions.defaults());
            System.out.printf("download 1 GiB: %.1f MiB/s, %s%n", down.bytesPerSecond() / MIB, down.verification());
            assertThat(down.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
            assertThat(Rgw.sha256(target)).isEqualTo(Rgw.sha256(file));
            Files.delete(target);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
