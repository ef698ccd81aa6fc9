package io.s3pump.client.transfer.perf;

import io.s3pump.client.Integrity;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.client.S3Exception;
import io.s3pump.client.transfer.DownloadOptions;
import io.s3pump.client.transfer.DownloadResult;
import io.s3pump.client.transfer.Downloader;
import io.s3pump.client.transfer.PartSizing;
import io.s3pump.client.transfer.UploadOptions;
import io.s3pump.client.transfer.UploadResult;
import io.s3pump.client.transfer.Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A manual measuring tool, never a test: runs one upload or download against the endpoint in the environment, so
 * that {@code /usr/bin/time} or JFR can measure a whole JVM doing exactly one transfer.
 *
 * <pre>
 * java -cp client/target/classes:client/target/test-classes:$(cat cp.txt) \
 *     io.s3pump.client.transfer.perf.PerfDriver up|down FILE BUCKET KEY [signed|unsigned|raw|md5] [partMiB] [concurrency]
 * </pre>
 */
public final class PerfDriver {
    private PerfDriver() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: PerfDriver up|down FILE BUCKET KEY [signed|unsigned|raw|md5] [partMiB] [concurrency]");
            System.exit(2);
        }
        String op = args[0];
        Path file = Path.of(args[1]);
        String bucket = args[2];
        String key = args[3];
        String mode = args.length > 4 ? args[4] : "signed";
        Integrity integrity = switch (mode) {
            case "signed" -> Integrity.SIGNED_PAYLOAD;
            case "unsigned", "raw" -> Integrity.UNSIGNED_PAYLOAD;
            case "md5" -> Integrity.CONTENT_MD5;
            default -> throw new IllegalArgumentException("mode: signed, unsigned (local MD5), raw (no hash) or md5");
        };
        long partSize = (args.length > 5 ? Long.parseLong(args[5]) : 8) << 20;
        int concurrency = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        long t0 = System.nanoTime();
        // -Ds3pump.direct=false runs the same transfer with OkHttp carrying the bodies, for an A/B comparison.
        boolean direct = Boolean.parseBoolean(System.getProperty("s3pump.direct", "true"));
        try (S3Client s3 = S3Client.create(S3ClientConfig.builder().resolveFromEnvironment().integrity(integrity)
                .directDataPath(direct).maxConcurrency(Math.max(16, concurrency)).build())) {
            if (op.equals("up")) {
                try {
                    s3.createBucket(bucket);
                } catch (S3Exception e) {
                    if (!e.is(S3Exception.BUCKET_ALREADY_OWNED_BY_YOU) && !e.is(S3Exception.BUCKET_ALREADY_EXISTS)) throw e;
                }
                UploadResult r = new Uploader(s3).upload(file, bucket, key, UploadOptions.builder()
                        .sizing(new PartSizing.FixedSize(partSize)).concurrency(concurrency)
                        .localMd5(mode.equals("raw") ? UploadOptions.LocalMd5.NEVER : UploadOptions.LocalMd5.AUTO).build());
                report("upload", r.size(), r.duration().toNanos(), t0, r.verification().toString());
            } else {
                Files.deleteIfExists(file);
                DownloadResult r = new Downloader(s3).download(bucket, key, file, DownloadOptions.builder()
                        .concurrency(concurrency).partSizeHint(partSize).build());
                report("download", r.size(), r.duration().toNanos(), t0, r.verification().toString());
            }
        }
        if (Boolean.getBoolean("perf.threads")) threadCpu();
    }

    /** Prints user+sys CPU per native thread name (from /proc; 100 ticks a second), largest first. */
    private static void threadCpu() throws IOException {
        java.util.Map<String, long[]> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String name = Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+$", "#");
                String stat = Files.readString(t.resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long[] a = byName.computeIfAbsent(name, k -> new long[2]);
                a[0] += Long.parseLong(f[11]);
                a[1] += Long.parseLong(f[12]);
            }
        }
        byName.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1], x.getValue()[0] + x.getValue()[1]))
                .limit(12).forEach(e -> System.out.printf("  %-18s %5.2f user %5.2f sys%n", e.getKey(),
                        e.getValue()[0] / 100.0, e.getValue()[1] / 100.0));
    }

    private static void report(String what, long size, long nanos, long t0, String verification) {
        double mib = size / 1048576.0;
        System.out.printf("%s %.0f MiB in %.2f s = %.1f MiB/s (main %.2f s wall); %s%n",
                what, mib, nanos / 1e9, mib / (nanos / 1e9), (System.nanoTime() - t0) / 1e9, verification);
    }
}
