package io.s3pump.client.transfer;

import static io.s3pump.client.transfer.PartSizing.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interoperability with the AWS CLI: objects it uploads download and verify here, and the reverse. */
class AwsCliInteropIT {
    static RgwEndpoint rgw;
    static S3Client client;
    static String bucket;
    static String aws;

    @TempDir Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        rgw = RgwEndpoint.fromEnvironment();
        aws = findAws();
        client = Rgw.client(rgw);
        bucket = Rgw.newBucket(client, "transfer-awscli");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (client == null) return;
        Rgw.deleteBucket(client, bucket);
        client.close();
    }

    /** Debian's awscli first, else {@code aws} on PATH; the test fails (never skips) without one. */
    static String findAws() {
        if (Files.isExecutable(Path.of("/usr/bin/aws"))) return "/usr/bin/aws";
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "aws");
            if (!dir.isEmpty() && Files.isExecutable(p)) return p.toString();
        }
        throw new IllegalStateException("the AWS CLI is needed for this test: apt-get install awscli (or put aws on PATH)");
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(aws, "--endpoint-url", rgw.endpoint().toString(), "--region", rgw.region()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", rgw.accessKey());
        pb.environment().put("AWS_SECRET_ACCESS_KEY", rgw.secretKey());
        if (rgw.caBundle() != null) pb.environment().put("AWS_CA_BUNDLE", rgw.caBundle().toString());
        else pb.environment().remove("AWS_CA_BUNDLE");
        // RGW 16.2 rejects the trailer checksums that newer botocore sends by default (RGW.md, pitfall 7)
        pb.environment().put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("aws %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    @Test
    void anObjectUploadedByTheAwsCliDownloadsAndItsCompositeEtagVerifies() throws Exception {
        Path file = Rgw.randomFile(tmp, 50 * MIB + 7, 7);
        run("s3", "cp", "--only-show-errors", file.toString(), "s3://" + bucket + "/from-aws");
        String etag = client.headObject(bucket, "from-aws").eTag();
        assertThat(etag).as("the AWS CLI uploads in 8 MiB parts").isEqualTo(Rgw.compositeEtag(file, 8 * MIB));

        Path target = tmp.resolve("from-aws.down");
        DownloadResult r = new Downloader(client).download(bucket, "from-aws", target, DownloadOptions.defaults());
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(r.rangeSize()).isEqualTo(8 * MIB);
        assertThat(Rgw.sha256(target)).isEqualTo(Rgw.sha256(file));
    }

    @Test
    void anObjectUploadedHereDownloadsIntactWithTheAwsCli() throws Exception {
        Path file = Rgw.randomFile(tmp, 30 * MIB + 3, 8);
        UploadResult up = new Uploader(client).upload(file, bucket, "from-s3pump",
                UploadOptions.builder().journalDir(tmp.resolve("j")).build());
        Path target = tmp.resolve("from-s3pump.down");
        run("s3", "cp", "--only-show-errors", "s3://" + bucket + "/from-s3pump", target.toString());
        assertThat(Rgw.sha256(target)).isEqualTo(Rgw.sha256(file));
        String head = run("s3api", "head-object", "--bucket", bucket, "--key", "from-s3pump");
        assertThat(head).contains(up.etag()).contains("\"ContentLength\": " + (30 * MIB + 3));
    }
}
