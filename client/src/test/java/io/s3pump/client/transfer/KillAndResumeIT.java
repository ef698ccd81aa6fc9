package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM uploading a file is killed with SIGKILL mid-upload; the resumed upload gives the right object. */
class KillAndResumeIT {
    @TempDir Path tmp;

    @Test
    void anUploadKilledWithSigkillResumesAndGivesTheRightObject() throws Exception {
        RgwEndpoint rgw = RgwEndpoint.fromEnvironment();
        long size = 150 * MIB + 11;
        long partSize = 5 * MIB;
        Path file = Rgw.randomFile(tmp, size, 99);
        Path journals = tmp.resolve("journals");
        try (S3Client client = Rgw.client(rgw)) {
            String bucket = Rgw.newBucket(client, "transfer-kill");
            try {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        UploadChild.class.getName(), file.toString(), bucket, "killed", journals.toString(),
                        Long.toString(partSize)).redirectErrorStream(true).start();
                int partsSeen = 0;
                List<String> output = new ArrayList<>();
                try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        output.add(line);
                        if (line.startsWith("PARTS ")) partsSeen = Integer.parseInt(line.substring(6));
                        if (partsSeen >= 8) break;
                    }
                    assertThat(partsSeen).as("child output: %s", output).isGreaterThanOrEqualTo(8);
                    child.destroyForcibly();   // SIGKILL on Linux: no shutdown hooks, no journal flush
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(137);
                assertThat(output).noneMatch(l -> l.startsWith("DONE"));
                try (var listing = Files.list(journals)) {
                    assertThat(listing.filter(p -> p.toString().endsWith(".journal")).count())
                            .as("the killed upload left its journal").isEqualTo(1);
                }

                UploadResult r = new Uploader(client).upload(file, bucket, "killed", UploadOptions.builder()
                        .sizing(PartSizing.partSize(partSize)).journalDir(journals).build());
                System.out.printf("resumed after kill -9: %d of %d parts were already there%n", r.partsResumed(), r.partCount());
                assertThat(r.partsResumed()).isGreaterThanOrEqualTo(8).isLessThan(r.partCount());
                assertThat(r.etag()).isEqualTo(Rgw.compositeEtag(file, partSize));

                Path target = tmp.resolve("killed.down");
                new Downloader(client).download(bucket, "killed", target, DownloadOptions.builder().partSizeHint(partSize).build());
                assertThat(Rgw.sha256(target)).isEqualTo(Rgw.sha256(file));
                try (var listing = Files.list(journals)) {
                    assertThat(listing.toList()).as("the journal is gone after success").isEmpty();
                }
            } finally {
                Rgw.deleteBucket(client, bucket);
            }
        }
    }
}
