package io.s3pump.bench;

import io.s3pump.bench.internal.LatencyProbe;
import io.s3pump.bench.internal.ProcFs;
import io.s3pump.bench.internal.ServerProcesses;
import io.s3pump.bench.internal.TestFiles;
import io.s3pump.client.Integrity;
import io.s3pump.client.S3Client;
import io.s3pump.client.transfer.DownloadOptions;
import io.s3pump.client.transfer.DownloadResult;
import io.s3pump.client.transfer.Downloader;
import io.s3pump.client.transfer.PartSizing;
import io.s3pump.client.transfer.UploadOptions;
import io.s3pump.client.transfer.UploadResult;
import io.s3pump.client.transfer.Uploader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures s3pump's transfer engine against an S3 endpoint: uploads and downloads of a random test file with the
 * engine's {@link Uploader} and {@link Downloader}, recording per transfer the wall-clock MiB/s, this process's CPU
 * seconds per GiB and peak RSS, part latency percentiles, and the server's CPU seconds per GiB (radosgw and its
 * OSDs, read from {@code /proc}) with the zero-cost-client ceiling that follows from it.
 *
 * <p>Every object the run uploads is deleted after its round (unless {@link BenchOptions#keepObjects()}), and
 * downloaded files are removed at once. Not thread-safe: one {@link #run} at a time, and nothing else in this
 * process should move data meanwhile, since CPU and RSS are whole-process figures.
 */
public final class Benchmark {
    private static final System.Logger LOG = System.getLogger(Benchmark.class.getName());

    private final S3Client client;
    private final String bucket;
    private final BenchOptions options;
    private final ProcFs proc = ProcFs.system();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * A benchmark sending through {@code client}, in the client's integrity mode. The client's
     * {@link io.s3pump.client.S3ClientConfig#maxConcurrency()} should be at least {@link BenchOptions#concurrency()}.
     */
    public Benchmark(S3Client client, String bucket, BenchOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * What the integrity mode sends with each part, in the words the report uses: {@code UNSIGNED-PAYLOAD},
     * {@code Content-MD5}, {@code signed SHA-256}, {@code aws-chunked (64 KiB chunks)}, {@code x-amz-checksum-crc32c}.
     */
    public static String describe(Integrity integrity) {
        return switch (integrity) {
            case Integrity.UnsignedPayload u -> "UNSIGNED-PAYLOAD";
            case Integrity.ContentMd5 m -> "Content-MD5";
            case Integrity.SignedPayload s -> "signed SHA-256";
            case Integrity.StreamingSigned st -> st.chunkSize() % 1024 == 0
                    ? "aws-chunked (" + st.chunkSize() / 1024 + " KiB chunks)"
                    : "aws-chunked (" + st.chunkSize() + " byte chunks)";
            case Integrity.ChecksumHeader c -> "x-amz-checksum-" + c.algorithm().name().toLowerCase(java.util.Locale.ROOT);
            case Integrity.ChecksumTrailer t -> "trailer x-amz-checksum-" + t.algorithm().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * Runs the warm-up and the rounds and returns the report.
     *
     * @throws IOException if a transfer, a delete or the test file fails (objects uploaded so far are deleted)
     */
    public BenchReport run(BenchListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        client.headBucket(bucket); // a missing bucket fails here, before a GiB of test file is written
        ServerProcesses servers = new ServerProcesses(proc);
        ServerProcesses.Discovery discovery = options.serverPids().isEmpty()
                ? servers.discover(client.config().endpoint()) : servers.named(options.serverPids());
        List<Long> pids = discovery.processes().stream().map(ServerProcesses.Found::pid).toList();
        listener.note("server: " + discovery.how());

        boolean needFile = options.direction().uploads() || options.key() == null || options.warmupBytes() > 0;
        TestFiles.Prepared file = null;
        if (needFile) {
            if (!Files.isRegularFile(options.file()) || Files.size(options.file()) != options.size())
                listener.note("writing " + BenchReport.size(options.size()) + " of random bytes to " + options.file());
            file = TestFiles.ensure(options.file(), options.size());
        }
        long objectSize = file != null ? file.size() : client.headObject(bucket, options.key()).contentLength();

        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String prefix = "s3pump-bench/" + runId + "/";
        List<RoundResult> warmups = new ArrayList<>();
        List<RoundResult> rounds = new ArrayList<>();
        String localMd5Outcome = options.localMd5().name().toLowerCase(java.util.Locale.ROOT);
        try (LatencyProbe probe = options.partLatency() ? LatencyProbe.start() : null) {
            Uploader uploader = new Uploader(client);
            Downloader downloader = new Downloader(client);
            Path journals = Files.createTempDirectory(options.workDir(), "s3pump-bench-journals");
            try {
                UploadOptions up = UploadOptions.builder()
                        .sizing(PartSizing.partSize(options.partSize()))
                        .concurrency(options.concurrency())
                        .resume(false)
                        .journalDir(journals)
                        .localMd5(options.localMd5())
                        .build();
                DownloadOptions down = DownloadOptions.builder()
                        .concurrency(options.concurrency())
                        .rangeSize(options.partSize())
                        .partSizeHint(options.partSize())
                        // "never hash locally" is also how a download runs without its MD5 check (size only).
                        .verifyEtag(options.localMd5() != io.s3pump.client.transfer.UploadOptions.LocalMd5.NEVER)
                        .build();

                // Warm-up: whole-file uploads until the asked bytes are reached; each one is measured and reported.
                if (options.warmupBytes() > 0) {
                    int n = (int) Math.max(1, Math.ceilDiv(options.warmupBytes(), file.size()));
                    listener.note("warming up: " + n + " upload(s) of " + BenchReport.size(file.size()));
                    for (int i = 1; i <= n; i++) {
                        String key = prefix + "warmup-" + i;
                        try {
                            RoundResult r = measureUpload(RoundResult.Phase.WARMUP, i, uploader, file.path(), key, up,
                                    probe, pids);
                            warmups.add(r);
                            listener.transferred(r);
                        } finally {
                            deleteQuietly(key);
                        }
                    }
                }

                Path target = options.workDir().resolve("s3pump-bench-" + runId + ".download");
                String downKey = null;
                boolean ownDownKey = false;
                if (options.direction() == Direction.DOWN) {
                    if (options.key() != null) {
                        downKey = options.key();
                    } else {
                        downKey = prefix + "download";
                        ownDownKey = true;
                        listener.note("uploading the object to download (not measured)");
                        uploader.upload(file.path(), bucket, downKey, up);
                    }
                }
                try {
                    for (int i = 1; i <= options.rounds(); i++) {
                        String key = options.key() != null ? options.key() : prefix + "round-" + i;
                        try {
                            if (options.direction().uploads()) {
                                RoundResult r = measureUpload(RoundResult.Phase.ROUND, i, uploader, file.path(), key, up,
                                        probe, pids);
                                rounds.add(r);
                                listener.transferred(r);
                            }
                            if (options.direction().downloads()) {
                                String k = downKey != null ? downKey : key;
                                RoundResult r = measureDownload(i, downloader, k, target, down, probe, pids);
                                rounds.add(r);
                                listener.transferred(r);
                            }
                        } finally {
                            if (options.direction().uploads() && !options.keepObjects()) deleteQuietly(key);
                        }
                    }
                } finally {
                    Files.deleteIfExists(target);
                    if (ownDownKey && !options.keepObjects()) deleteQuietly(downKey);
                }
            } finally {
                deleteTree(journals);
            }
        }
        BenchReport.Settings settings = new BenchReport.Settings(client.config().endpoint().toString(), bucket,
                objectSize, options.partSize(), options.concurrency(), options.rounds(),
                describe(client.config().integrity()), localMd5Outcome, options.warmupBytes(), options.cores(),
                file == null ? "-" : file.path().toString(), file != null && file.generated(),
                discovery.processes().stream().map(f -> f.command() + ":" + f.pid()).toList(), discovery.how(),
                "Java " + Runtime.version());
        return new BenchReport(settings, warmups, rounds);
    }

    private RoundResult measureUpload(RoundResult.Phase phase, int round, Uploader uploader, Path file, String key,
                                      UploadOptions up, LatencyProbe probe, List<Long> pids) throws IOException {
        return measure(phase, round, Direction.UP, probe, pids, () -> {
            UploadResult r = uploader.upload(file, bucket, key, up);
            return new Outcome(r.size(), r.verification().level() + ": " + r.verification().detail());
        });
    }

    private RoundResult measureDownload(int round, Downloader downloader, String key, Path target, DownloadOptions down,
                                        LatencyProbe probe, List<Long> pids) throws IOException {
        try {
            return measure(RoundResult.Phase.ROUND, round, Direction.DOWN, probe, pids, () -> {
                DownloadResult r = downloader.download(bucket, key, target, down);
                return new Outcome(r.size(), r.verification().level() + ": " + r.verification().detail());
            });
        } finally {
            // Drop the downloaded file at once: a GiB of dirty page cache would be written back during the next round.
            Files.deleteIfExists(target);
        }
    }

    private record Outcome(long bytes, String verification) {}

    @FunctionalInterface
    private interface Transfer {
        Outcome run() throws IOException;
    }

    private RoundResult measure(RoundResult.Phase phase, int round, Direction direction, LatencyProbe probe,
                                List<Long> pids, Transfer transfer) throws IOException {
        if (probe != null) probe.reset();
        boolean reset = proc != null && proc.resetSelfPeakRss();
        double server0 = serverCpu(pids);
        long cpu0 = os.getProcessCpuTime();
        double sys0 = systemSeconds();
        long t0 = System.nanoTime();
        Outcome outcome = transfer.run();
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        double sys1 = systemSeconds();
        double server1 = serverCpu(pids);
        long peak = proc == null ? -1 : proc.selfPeakRss();
        PartLatency latency = probe == null ? null : probe.collect();
        ServerLoad server = Double.isNaN(server0) || Double.isNaN(server1) ? null
                : ServerLoad.of(server1 - server0, outcome.bytes(), options.cores());
        return new RoundResult(phase, round, direction, outcome.bytes(), (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, sys1 - sys0, peak,
                reset, latency, server, shortVerification(outcome.verification()));
    }

    private double systemSeconds() {
        try {
            return proc == null ? Double.NaN : proc.selfSystemSeconds();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Sum of the server processes' CPU seconds; NaN if there are none or one vanished. */
    private double serverCpu(List<Long> pids) {
        if (pids.isEmpty() || proc == null) return Double.NaN;
        double sum = 0;
        for (long pid : pids) {
            try {
                sum += proc.cpuSeconds(pid);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "server process " + pid + " vanished: " + e);
                return Double.NaN;
            }
        }
        return sum;
    }

    private static String shortVerification(String v) {
        // "SIZE_AND_ETAG: size 1073741824 and ETag …-128 match …" -> keep the level, it is what a table needs
        int colon = v.indexOf(':');
        return colon > 0 ? v.substring(0, colon).toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : v;
    }

    private void deleteQuietly(String key) {
        try {
            client.deleteObject(bucket, key);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete s3://" + bucket + "/" + key + ": " + e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
