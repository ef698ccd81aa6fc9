package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.CompletedPart;
import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import io.s3pump.client.internal.transfer.DownloadState;
import io.s3pump.client.internal.transfer.MappedPart;
import io.s3pump.client.internal.transfer.ObjectStore;
import io.s3pump.client.internal.transfer.Reconciliation;
import io.s3pump.client.internal.transfer.S3ClientStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM downloading an object is killed with SIGKILL mid-download; the same download with keepPartial
 * fetches only the ranges the killed one had not recorded, and gives the right file.
 */
class DownloadKillAndResumeIT {
    @TempDir Path tmp;

    /** Counts the bytes asked for in ranged GETs. */
    private record CountingStore(ObjectStore store, AtomicLong bytes) implements ObjectStore {
        @Override
        public InputStream getRange(String bucket, String key, long first, long last, String ifMatch) throws IOException {
            bytes.addAndGet(last - first + 1);
            return store.getRange(bucket, key, first, last, ifMatch);
        }

        @Override
        public Head headObject(String bucket, String key) throws IOException {
            return store.headObject(bucket, key);
        }

        @Override
        public String createMultipartUpload(String bucket, String key, String contentType) throws IOException {
            return store.createMultipartUpload(bucket, key, contentType);
        }

        @Override
        public String uploadPart(String bucket, String key, String uploadId, MappedPart part) throws IOException {
            return store.uploadPart(bucket, key, uploadId, part);
        }

        @Override
        public void completeMultipartUpload(String bucket, String key, String uploadId, List<CompletedPart> parts)
                throws IOException {
            store.completeMultipartUpload(bucket, key, uploadId, parts);
        }

        @Override
        public void abortMultipartUpload(String bucket, String key, String uploadId) throws IOException {
            store.abortMultipartUpload(bucket, key, uploadId);
        }

        @Override
        public List<Reconciliation.ListedPart> listParts(String bucket, String key, String uploadId) throws IOException {
            return store.listParts(bucket, key, uploadId);
        }

        @Override
        public String putObject(String bucket, String key, String contentType, MappedPart body) throws IOException {
            return store.putObject(bucket, key, contentType, body);
        }

        @Override
        public PayloadCheck payloadCheck() {
            return store.payloadCheck();
        }

        @Override
        public boolean isNoSuchUpload(IOException e) {
            return store.isNoSuchUpload(e);
        }
    }

    private static int recordedRanges(Path statePath) {
        try {
            return DownloadState.load(statePath).map(s -> s.done().size()).orElse(0);
        } catch (IOException e) {
            return 0;   // caught between two saves' renames is impossible; a parse error would be a bug below
        }
    }

    @Test
    void aDownloadKilledWithSigkillResumesWithOnlyTheMissingRanges() throws Exception {
        RgwEndpoint rgw = RgwEndpoint.fromEnvironment();
        long size = 150 * MIB + 11;
        long partSize = 5 * MIB;
        Path file = Rgw.randomFile(tmp, size, 77);
        Path down = Files.createDirectory(tmp.resolve("down"));
        Path target = down.resolve("object.bin");
        Path statePath = down.resolve(".object.bin.s3pump.state");
        try (S3Client client = Rgw.client(rgw)) {
            String bucket = Rgw.newBucket(client, "transfer-kill-down");
            try {
                new Uploader(client).upload(file, bucket, "k", UploadOptions.builder()
                        .sizing(PartSizing.partSize(partSize)).journalDir(tmp.resolve("journals")).build());
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                        "-cp", System.getProperty("java.class.path"), DownloadChild.class.getName(), bucket, "k",
                        target.toString(), Long.toString(partSize))
                        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
                int recorded = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (child.isAlive() && System.nanoTime() < deadline && (recorded = recordedRanges(statePath)) < 8)
                    Thread.sleep(5);
                child.destroyForcibly();   // SIGKILL on Linux: no finally blocks, no shutdown hooks
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String log = Files.readString(tmp.resolve("child.log"));
                assertThat(child.exitValue()).as("killed by signal 9; child output: %s", log).isEqualTo(137);
                assertThat(log).doesNotContain("DONE");
                assertThat(target).doesNotExist();
                assertThat(down.resolve(".object.bin.s3pump.part")).exists();
                int atKill = recordedRanges(statePath);
                assertThat(atKill).as("ranges recorded before the kill").isGreaterThanOrEqualTo(8).isLessThan(31);

                AtomicLong fetched = new AtomicLong();
                Downloader counting = new Downloader(new CountingStore(new S3ClientStore(client), fetched), System::nanoTime);
                DownloadResult r = counting.download(bucket, "k", target,
                        DownloadOptions.builder().partSizeHint(partSize).keepPartial(true).build());
                System.out.printf("resumed after kill -9: %d of %d ranges recorded, %d of %d bytes fetched again%n",
                        r.rangesResumed(), r.ranges(), fetched.get(), size);
                assertThat(r.rangesResumed()).isEqualTo(atKill);
                assertThat(fetched.get()).as("bytes fetched by the resumed download")
                        .isLessThanOrEqualTo(size - (atKill - 1) * partSize).isLessThan(size);
                assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
                assertThat(Rgw.sha256(target)).isEqualTo(Rgw.sha256(file));
                try (var listing = Files.list(down)) {
                    assertThat(listing.toList()).as("no temporary or state file left").containsExactly(target);
                }
            } finally {
                Rgw.deleteBucket(client, bucket);
            }
        }
    }
}
