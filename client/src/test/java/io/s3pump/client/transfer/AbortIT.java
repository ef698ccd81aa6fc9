package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.ListMultipartUploadsRequest;
import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3Exception;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed uploads against the real RGW leave nothing behind, unless asked to stay resumable. */
class AbortIT {
    @TempDir Path tmp;

    private static List<String> openUploads(S3Client client, String bucket) throws IOException {
        List<String> ids = new ArrayList<>();
        client.listMultipartUploadsAll(ListMultipartUploadsRequest.of(bucket), page -> {
            page.uploads().forEach(u -> ids.add(u.uploadId()));
            return true;
        });
        return ids;
    }

    @Test
    void aFileChangedMidUploadIsAbortedAndNoUploadIsLeftListed() throws Exception {
        Path file = Rgw.randomFile(tmp, 30 * MIB, 5);
        try (S3Client client = Rgw.client(RgwEndpoint.fromEnvironment())) {
            String bucket = Rgw.newBucket(client, "transfer-abort");
            try {
                AtomicBoolean touched = new AtomicBoolean();
                UploadOptions options = UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).concurrency(1)
                        .keepResumable(true).journalDir(tmp.resolve("j")).listener(p -> {
                            if (p.partsDone() >= 1 && touched.compareAndSet(false, true)) {
                                try {
                                    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000L));
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }
                        }).build();
                assertThatThrownBy(() -> new Uploader(client).upload(file, bucket, "changed", options))
                        .isInstanceOf(FileChangedException.class);
                assertThat(openUploads(client, bucket)).as("aborted even with keepResumable").isEmpty();
                assertThatThrownBy(() -> client.headObject(bucket, "changed"))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.status()).isEqualTo(404));
                assertThat(tmp.resolve("j")).isEmptyDirectory();
            } finally {
                Rgw.deleteBucket(client, bucket);
            }
        }
    }

    @Test
    void anInterruptedUploadStaysListedAndResumes() throws Exception {
        Path file = Rgw.randomFile(tmp, 40 * MIB, 6);
        try (S3Client client = Rgw.client(RgwEndpoint.fromEnvironment())) {
            String bucket = Rgw.newBucket(client, "transfer-interrupt");
            try {
                Thread caller = Thread.currentThread();
                UploadOptions interrupting = UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB))
                        .concurrency(1).journalDir(tmp.resolve("j"))
                        .listener(p -> { if (p.partsDone() == 3) caller.interrupt(); }).build();
                assertThatThrownBy(() -> new Uploader(client).upload(file, bucket, "stopped", interrupting))
                        .isInstanceOfSatisfying(ResumableUploadException.class,
                                e -> assertThat(e.journal()).exists());
                Thread.interrupted();
                assertThat(openUploads(client, bucket)).hasSize(1);

                UploadResult r = new Uploader(client).upload(file, bucket, "stopped", UploadOptions.builder()
                        .sizing(PartSizing.partSize(5 * MIB)).journalDir(tmp.resolve("j")).build());
                assertThat(r.partsResumed()).isGreaterThanOrEqualTo(3);
                assertThat(r.etag()).isEqualTo(Rgw.compositeEtag(file, 5 * MIB));
                assertThat(openUploads(client, bucket)).isEmpty();
            } finally {
                Rgw.deleteBucket(client, bucket);
            }
        }
    }
}
