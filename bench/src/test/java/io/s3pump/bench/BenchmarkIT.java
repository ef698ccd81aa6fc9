package io.s3pump.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.Integrity;
import io.s3pump.client.ListObjectsV2Request;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.sigv4.Credentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark against the local RGW, with small files: figures are noise here, their presence and cleanup are not. */
class BenchmarkIT {
    private static final long MIB = 1 << 20;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void connect() throws IOException {
        s3 = S3Client.create(config(Integrity.SIGNED_PAYLOAD));
        bucket = "bench-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        s3.createBucket(bucket);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (s3 == null) return;
        for (var c : s3.listObjectsV2(ListObjectsV2Request.of(bucket)).contents()) s3.deleteObject(bucket, c.key());
        s3.deleteBucket(bucket);
        s3.close();
    }

    static S3ClientConfig config(Integrity integrity) {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        String access = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        String how = "RGW is not configured: run ./run-tests, or eval \"$(rgw/rgw.sh start)\" first";
        if (endpoint == null || access == null || secret == null) throw new IllegalStateException(how);
        URI uri = URI.create(endpoint);
        String scheme = System.getenv("S3PUMP_IT_SCHEME");
        if (scheme != null && !scheme.isBlank() && !scheme.equals(uri.getScheme())) {
            throw new IllegalStateException("this is the " + scheme + " run of the integration tests, but"
                    + " AWS_ENDPOINT_URL is " + endpoint + " (./run-tests starts RGW with RGW_TLS=1)");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(how + " (nothing accepts connections at " + endpoint + ")", e);
        }
        String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        S3ClientConfig.Builder b = S3ClientConfig.builder().endpoint(endpoint).credentials(Credentials.of(access, secret))
                .region(region).maxConcurrency(8).integrity(integrity);
        String ca = System.getenv("AWS_CA_BUNDLE");   // https: trust exactly the local RGW's CA, never all
        if (ca != null && !ca.isBlank()) b.caBundle(Path.of(ca.strip()));
        return b.build();
    }

    @Test
    void measuresWarmupAndEveryRoundBothWaysAndLeavesNothingBehind(@TempDir Path work) throws IOException {
        long size = 20 * MIB; // parts of 8 + 8 + 4 MiB
        BenchOptions options = BenchOptions.builder().size(size).partSize(8 * MIB).concurrency(4).rounds(2)
                .warmupBytes(size).direction(Direction.BOTH).workDir(work).build();
        List<String> notes = new ArrayList<>();
        List<RoundResult> heard = new ArrayList<>();

        BenchReport report = new Benchmark(s3, bucket, options).run(new BenchListener() {
            @Override
            public void note(String line) {
                notes.add(line);
            }

            @Override
            public void transferred(RoundResult result) {
                heard.add(result);
            }
        });

        assertThat(report.warmup()).hasSize(1);
        assertThat(report.rounds()).extracting(RoundResult::direction)
                .containsExactly(Direction.UP, Direction.DOWN, Direction.UP, Direction.DOWN);
        assertThat(heard).containsExactlyElementsOf(concat(report.warmup(), report.rounds()));
        for (RoundResult r : concat(report.warmup(), report.rounds())) {
            assertThat(r.bytes()).isEqualTo(size);
            assertThat(r.seconds()).isPositive();
            assertThat(r.mibPerSecond()).isPositive();
            assertThat(r.clientCpuSeconds()).isPositive();
            assertThat(r.peakRssBytes()).isPositive();
            assertThat(r.latency().count()).as("one virtual thread per part or range").isEqualTo(3);
            assertThat(r.latency().p50Millis()).isPositive().isLessThanOrEqualTo(r.latency().maxMillis());
            assertThat(r.server()).as("the local radosgw and its OSD are found from the endpoint's port").isNotNull();
            assertThat(r.server().cpuSeconds()).isPositive();
            assertThat(r.server().ceilingMiBps()).isPositive();
            assertThat(r.verification()).startsWith("size and");
        }
        assertThat(report.settings().serverProcesses()).anyMatch(p -> p.startsWith("radosgw:"))
                .anyMatch(p -> p.startsWith("ceph-osd:"));
        assertThat(report.settings().integrity()).isEqualTo("signed SHA-256");
        assertThat(report.medians()).hasSize(2);
        assertThat(notes).anyMatch(n -> n.startsWith("server: radosgw pid"));
        assertThat(report.table()).contains("median");
        assertThat(report.json()).contains("\"rounds\": [");

        assertThat(s3.listObjectsV2(ListObjectsV2Request.of(bucket).withPrefix("s3pump-bench/")).contents())
                .as("every uploaded object is deleted").isEmpty();
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("only the test file stays, for reuse")
                    .containsExactly("s3pump-bench-" + size + ".bin");
        }
    }

    @Test
    void downloadsAnExistingObjectByKeyWithoutDeletingIt(@TempDir Path work) throws IOException {
        long size = 6 * MIB;
        // upload it with the benchmark itself, keeping it
        BenchOptions put = BenchOptions.builder().size(size).partSize(5 * MIB).rounds(1).direction(Direction.UP)
                .key("kept/object").keepObjects(true).partLatency(false).workDir(work).build();
        BenchReport up = new Benchmark(s3, bucket, put).run(BenchListener.NONE);
        assertThat(up.rounds()).singleElement().satisfies(r -> assertThat(r.latency()).isNull());

        BenchOptions get = BenchOptions.builder().rounds(2).direction(Direction.DOWN).key("kept/object")
                .partSize(5 * MIB).partLatency(false).workDir(work).build();
        BenchReport down = new Benchmark(s3, bucket, get).run(BenchListener.NONE);

        assertThat(down.rounds()).hasSize(2).allSatisfy(r -> {
            assertThat(r.direction()).isEqualTo(Direction.DOWN);
            assertThat(r.bytes()).isEqualTo(size);
            assertThat(r.verification()).isEqualTo("size and etag");
        });
        assertThat(down.settings().size()).isEqualTo(size);
        assertThat(s3.headObject(bucket, "kept/object").contentLength()).isEqualTo(size);
        s3.deleteObject(bucket, "kept/object");
    }

    private static List<RoundResult> concat(List<RoundResult> a, List<RoundResult> b) {
        List<RoundResult> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
