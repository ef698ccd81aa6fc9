package io.s3pump.cli;

import io.s3pump.bench.BenchListener;
import io.s3pump.bench.BenchOptions;
import io.s3pump.bench.BenchReport;
import io.s3pump.bench.Benchmark;
import io.s3pump.bench.Direction;
import io.s3pump.bench.RoundResult;
import io.s3pump.client.Integrity;
import io.s3pump.client.S3Client;
import io.s3pump.client.transfer.UploadOptions.LocalMd5;
import io.s3pump.sigv4.ChecksumAlgorithm;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code s3pump bench [s3://bucket]}: measures uploads and downloads of a random file with s3pump's transfer engine
 * against the endpoint, with the client's and the server's CPU per GiB and the ceiling they imply.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure upload and download throughput against an S3 endpoint (made for a local Ceph RGW).%n",
            "Per transfer: MiB/s, this process's CPU-seconds per GiB and peak RSS, part latency percentiles, and the "
                    + "server's CPU-seconds per GiB (radosgw and its OSDs, from /proc) with the zero-cost-client "
                    + "ceiling = cores / server CPU-s per GiB. Every object it uploads is deleted after its round."
        },
        footer = {"",
            "Without s3://bucket a temporary bucket is made and removed afterwards.",
            "SIZE units are binary: K = KiB, M = MiB, G = GiB; a plain number is bytes.",
            "",
            "--checksum MODE (what each part carries):",
            "  auto     the client's default (signed SHA-256 payload)",
            "  sha256   signed payload SHA-256, verified by RGW",
            "  md5      Content-MD5 per part, verified by RGW",
            "  chunked  aws-chunked STREAMING-AWS4-HMAC-SHA256-PAYLOAD, 64 KiB signed chunks",
            "  crc32c   x-amz-checksum-crc32c header (RGW 16.2 ignores it)",
            "  crc32    x-amz-checksum-crc32 header (RGW 16.2 ignores it)",
            "  none     UNSIGNED-PAYLOAD",
            "",
            "Warm up (--warmup 4GiB) before comparing figures: RGW's OSD costs several times more CPU",
            "per GiB until its memory has settled."})
final class BenchCommand extends S3Command {
    /** The per-part integrity choices of {@code --checksum}. */
    enum Checksum { auto, sha256, md5, chunked, crc32c, crc32, none }

    /** The transfers of each round. */
    enum Way { up, down, both }

    @Parameters(index = "0", arity = "0..1", paramLabel = "s3://bucket",
            description = "The bucket to use (default: a temporary bucket).")
    String url;

    @Option(names = "--size", paramLabel = "SIZE", converter = ByteSize.Converter.class, defaultValue = "1GiB",
            description = "Size of the random test file (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--part-size", paramLabel = "SIZE", converter = ByteSize.Converter.class, defaultValue = "8MiB",
            description = "Part size of uploads and range size of downloads, 5MiB to 5GiB (default: ${DEFAULT-VALUE}).")
    long partSize;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Parts or ranges in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--checksum", paramLabel = "MODE", defaultValue = "auto",
            description = "Per-part integrity: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; see below).")
    Checksum checksum = Checksum.auto;

    @Option(names = "--local-md5", paramLabel = "WHEN", defaultValue = "auto",
            description = "Hash parts with MD5 locally to check the ETag: auto, always or never (default: ${DEFAULT-VALUE}:"
                    + " unless RGW verifies a signed payload). Downloads: never checks the size only, as --no-verify.")
    LocalMd5 localMd5 = LocalMd5.AUTO;

    @Option(names = "--warmup", paramLabel = "SIZE", converter = ByteSize.Converter.class, defaultValue = "0",
            description = "Upload this much (whole test files) before the rounds and report it (default: none).")
    long warmup;

    @Option(names = "--direction", paramLabel = "WAY", defaultValue = "both",
            description = "up, down or both per round (default: ${DEFAULT-VALUE}).")
    Way direction = Way.both;

    @Option(names = "--file", paramLabel = "PATH",
            description = "The test file; made with random bytes unless it exists with exactly --size bytes"
                    + " (default: s3pump-bench-<size>.bin in the temporary directory, reused).")
    Path file;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Object key to use instead of fresh ones; with --direction down, an existing object to"
                    + " download (never deleted).")
    String key;

    @Option(names = "--keep", description = "Keep the uploaded objects instead of deleting them after each round.")
    boolean keep;

    @Option(names = "--server-pids", paramLabel = "PID", split = ",",
            description = "Server pids to charge CPU to (default: the radosgw listening on the endpoint's port and the"
                    + " ceph-osd of its cluster).")
    List<Long> serverPids = List.of();

    @Option(names = "--cores", paramLabel = "N", defaultValue = "0",
            description = "Cores shared by client and server, for the ceiling (default: this machine's).")
    int cores;

    @Option(names = "--no-latency", description = "Do not measure part latency (it runs a small JFR stream).")
    boolean noLatency;

    @Override
    public Integer call() throws Exception {
        target = url == null ? null : MbCommand.bucketOnly(url);
        BenchOptions options = options();
        boolean tempBucket = target == null;
        String bucket = tempBucket ? "s3pump-bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
                : target.bucket();
        if (tempBucket) target = S3Url.parse("s3://" + bucket);
        Printer printer = printer();
        try (S3Client s3 = S3Client.create(config(Math.max(concurrency, SINGLE), b -> b.integrity(integrity())))) {
            if (tempBucket) s3.createBucket(bucket);
            BenchReport report;
            boolean done = false;
            try {
                report = new Benchmark(s3, bucket, options).run(new BenchListener() {
                    @Override
                    public void note(String line) {
                        printer.say(line);
                    }

                    @Override
                    public void transferred(RoundResult r) {
                        printer.say(String.format(Locale.ROOT, "%s %d %s: %.1f MiB/s, %.2f CPU-s/GiB%s",
                                r.phase() == RoundResult.Phase.WARMUP ? "warm-up" : "round", r.round(),
                                r.direction() == Direction.UP ? "up" : "down", r.mibPerSecond(),
                                r.clientCpuSecondsPerGiB(), r.server() == null ? ""
                                        : String.format(Locale.ROOT, ", server %.2f CPU-s/GiB", r.server().cpuSecondsPerGiB())));
                    }
                });
                done = true;
            } finally {
                if (tempBucket) removeTemporaryBucket(s3, bucket, done);
            }
            if (printer.json()) {
                spec.commandLine().getOut().println(report.json());
            } else if (!output.quiet()) {
                printer.say("");
                spec.commandLine().getOut().print(report.table());
            }
            printer.flush();
        }
        return ExitCodes.OK;
    }

    /** Removes the temporary bucket; after a failure, a failing removal must not hide the failure itself. */
    private static void removeTemporaryBucket(S3Client s3, String bucket, boolean succeeded) throws java.io.IOException {
        try {
            s3.deleteBucket(bucket);
        } catch (java.io.IOException | RuntimeException e) {
            if (succeeded) throw e;
            System.getLogger("io.s3pump.cli").log(System.Logger.Level.WARNING,
                    "could not remove the temporary bucket " + bucket + ": " + e);
        }
    }

    /** Every option check that needs neither the file nor the server. */
    BenchOptions options() {
        BenchOptions.Builder b = BenchOptions.builder();
        try {
            b.size(size).partSize(partSize).concurrency(concurrency).rounds(rounds).warmupBytes(warmup)
                    .direction(switch (direction) {
                        case up -> Direction.UP;
                        case down -> Direction.DOWN;
                        case both -> Direction.BOTH;
                    })
                    .file(file).key(key).keepObjects(keep).partLatency(!noLatency).serverPids(serverPids).cores(cores)
                    .localMd5(localMd5);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        if (key != null && url == null) throw CliException.usage("--key needs s3://bucket (a temporary bucket has no objects)");
        return b.build();
    }

    Integrity integrity() {
        return switch (checksum) {
            case auto -> Integrity.DEFAULT;
            case sha256 -> Integrity.SIGNED_PAYLOAD;
            case md5 -> Integrity.CONTENT_MD5;
            case chunked -> new Integrity.StreamingSigned(64 * 1024);
            case crc32c -> new Integrity.ChecksumHeader(ChecksumAlgorithm.CRC32C);
            case crc32 -> new Integrity.ChecksumHeader(ChecksumAlgorithm.CRC32);
            case none -> Integrity.UNSIGNED_PAYLOAD;
        };
    }
}
