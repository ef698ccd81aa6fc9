package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.GetObjectRequest;
import io.s3pump.client.Integrity;
import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.client.S3Exception;
import io.s3pump.client.PutObjectRequest;
import io.s3pump.client.UploadBody;
import io.s3pump.sigv4.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real RGW, the direct data path (part bodies and downloads without OkHttp) stores and returns the same
 * bytes and ETags as the OkHttp path, in every integrity mode, with and without {@code Expect: 100-continue}.
 */
class DirectDataPathIT {
    @TempDir Path tmp;

    private static S3Client client(RgwEndpoint rgw, boolean direct, boolean expectContinue, Integrity integrity) {
        return S3Client.create(rgw.config()
                .directDataPath(direct).expectContinue(expectContinue).integrity(integrity).maxConcurrency(8)
                .build());
    }

    @Test
    void bothPathsStoreTheSameObjectInEveryIntegrityModeAndReadItBackByteForByte() throws Exception {
        RgwEndpoint rgw = RgwEndpoint.fromEnvironment();
        Path file = Rgw.randomFile(tmp, 13 * MIB + 17, 21);
        String sha = Rgw.sha256(file);
        UploadOptions options = UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB))
                .journalDir(tmp.resolve("j")).build();
        try (S3Client admin = Rgw.client(rgw)) {
            String bucket = Rgw.newBucket(admin, "direct");
            try {
                String expectedEtag = Rgw.compositeEtag(file, 5 * MIB);
                // aws-chunked with 100,000-byte chunks: chunks straddle the mapping's 1 MiB writes on the direct path
                for (Integrity integrity : new Integrity[] {Integrity.SIGNED_PAYLOAD, Integrity.UNSIGNED_PAYLOAD,
                        Integrity.CONTENT_MD5, new Integrity.StreamingSigned(64 * 1024),
                        new Integrity.StreamingSigned(100_000)}) {
                    for (boolean direct : new boolean[] {true, false}) {
                        for (boolean expect : new boolean[] {false, true}) {
                            String key = "k " + integrity.getClass().getSimpleName() + "/" + direct + "/" + expect + "/ü+%";
                            try (S3Client c = client(rgw, direct, expect, integrity)) {
                                UploadResult up = new Uploader(c).upload(file, bucket, key, options);
                                assertThat(up.etag()).as(key).isEqualTo(expectedEtag);
                                Path back = tmp.resolve("back-" + direct + expect + integrity.hashCode());
                                new Downloader(c).download(bucket, key, back, DownloadOptions.builder().build());
                                assertThat(Rgw.sha256(back)).as(key).isEqualTo(sha);
                            }
                        }
                    }
                }
            } finally {
                Rgw.deleteBucket(admin, bucket);
            }
        }
    }

    @Test
    void aRefusalBeforeTheBodyComesBackAsTheServersErrorOnTheDirectPath() throws Exception {
        RgwEndpoint rgw = RgwEndpoint.fromEnvironment();
        byte[] body = "x".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (S3Client wrongKey = S3Client.create(rgw.config()
                .credentials(Credentials.of(rgw.accessKey(), "not-the-secret"))
                .expectContinue(true).build());
             S3Client admin = Rgw.client(rgw)) {
            String bucket = Rgw.newBucket(admin, "direct-refused");
            try {
                assertThatThrownBy(() -> wrongKey.putObject(PutObjectRequest.of(bucket, "k"), UploadBody.of(body)))
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.code()).isEqualTo(S3Exception.SIGNATURE_DOES_NOT_MATCH);
                        });
                // The connection the refusal came on is not reused in a broken state: the next request works.
                try (S3Client direct = client(rgw, true, true, Integrity.SIGNED_PAYLOAD)) {
                    direct.putObject(PutObjectRequest.of(bucket, "ok"), UploadBody.of(body));
                    byte[] got = direct.getObject(GetObjectRequest.of(bucket, "ok"), (m, in) -> in.readAllBytes());
                    assertThat(got).isEqualTo(body);
                }
            } finally {
                Rgw.deleteBucket(admin, bucket);
            }
        }
    }
}
