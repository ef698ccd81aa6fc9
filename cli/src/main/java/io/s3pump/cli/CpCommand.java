package io.s3pump.cli;

import io.s3pump.client.Integrity;
import io.s3pump.client.S3Client;
import io.s3pump.client.transfer.DownloadOptions;
import io.s3pump.client.transfer.DownloadResult;
import io.s3pump.client.transfer.Downloader;
import io.s3pump.client.transfer.PartSizing;
import io.s3pump.client.transfer.ResumableUploadException;
import io.s3pump.client.transfer.TransferListener;
import io.s3pump.client.transfer.UploadOptions;
import io.s3pump.client.transfer.UploadResult;
import io.s3pump.client.transfer.Uploader;
import io.s3pump.client.transfer.Verification;
import io.s3pump.sigv4.ChecksumAlgorithm;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code s3pump cp SRC DST}: a multipart upload from a file or stdin, or a parallel ranged download. */
@Command(name = "cp", mixinStandardHelpOptions = true,
        header = "Copy a file to S3 or back (or between two keys), in parallel parts, verified.", sortOptions = false,
        description = {
            "Upload a file (or stdin, as '-') to an S3 key, download an S3 key to a file (or stdout, as '-'), or copy"
                    + " one S3 key to another on the server.%n",
            "Uploads go in parts from a memory-mapped file; downloads in parallel ranges into a temporary file that "
                    + "is renamed into place only after it verified. A local target is never overwritten without --force."
        },
        footer = {"",
            "SIZE units are binary and case-insensitive: K = KB = KiB = 1024 bytes,",
            "M = MB = MiB = 1024², G = GB = GiB = 1024³; a plain number is bytes.",
            "",
            "--checksum MODE:",
            "  auto    the client's default (signed SHA-256 payload)",
            "  sha256  signed payload SHA-256, verified by RGW",
            "  md5     Content-MD5 per part, verified by RGW (the part's ETag)",
            "  crc32c  x-amz-checksum-crc32c header (RGW 16.2 ignores it)",
            "  crc32   x-amz-checksum-crc32 header (RGW 16.2 ignores it)",
            "  none    UNSIGNED-PAYLOAD: no per-part check beyond TCP",
            "After the transfer the object is checked against the file (size, then the",
            "composite ETag or checksums) unless --no-verify."})
final class CpCommand extends S3Command {
    /** The four limits S3 puts on a multipart upload, checked before any byte moves. */
    static final long MIN_PART = 5 * ByteSize.MIB;
    static final long MAX_PART = 5 * ByteSize.GIB;
    static final int MAX_PARTS = 10_000;
    static final int MAX_CONCURRENCY = 1024;
    static final int DEFAULT_CONCURRENCY = 8;

    /** The integrity choices of {@code --checksum}. */
    enum Checksum {
        auto, crc32c, crc32, sha256, md5, none;

        /** The client's integrity mode, or {@code null} for the client's default. */
        Integrity integrity() {
            return switch (this) {
                case auto -> null;
                case crc32c -> new Integrity.ChecksumHeader(ChecksumAlgorithm.CRC32C);
                case crc32 -> new Integrity.ChecksumHeader(ChecksumAlgorithm.CRC32);
                case sha256 -> Integrity.SIGNED_PAYLOAD;
                case md5 -> Integrity.CONTENT_MD5;
                case none -> Integrity.UNSIGNED_PAYLOAD;
            };
        }
    }

    @Parameters(index = "0", paramLabel = "SRC", description = "A local file, '-' for stdin, or s3://bucket/key.")
    String source;

    @Parameters(index = "1", paramLabel = "DST",
            description = "s3://bucket/key (a key ending in '/' takes the file's name), or a local file or directory.")
    String destination;

    @Option(names = "--part-size", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "Size of every part (download: range) but the last, 5MiB to 5GiB (default: 8MiB, grown to"
                    + " stay within 10,000 parts).")
    Long partSize;

    @Option(names = "--parts", paramLabel = "N", description = "Upload (and a copy over 5 GiB): cut the object into N parts"
            + " instead (1 to 10,000).")
    Integer parts;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight (default: 8).")
    Integer concurrency;

    @Option(names = "--checksum", paramLabel = "MODE", defaultValue = "auto",
            description = "Upload: per-part integrity, one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE};"
                    + " see below).")
    Checksum checksum = Checksum.auto;

    @Option(names = "--no-verify", description = "Do not hash the bytes locally to check the object's ETag. Upload: the"
            + " size and the part ETags the server returned are still checked. Download: no MD5 at all; only the size"
            + " is checked.")
    boolean noVerify;

    @Option(names = "--resume", description = "Continue an interrupted upload of the same unchanged file to the same"
            + " key (only missing parts are sent), or an interrupted download of the same unchanged object to the same"
            + " file (only missing ranges are fetched; a download records its progress as it goes, so this works even"
            + " after kill -9). A download without --resume starts over.")
    boolean resume;

    @Option(names = "--keep-on-failure", description = "On failure keep the multipart upload (or the partial download)"
            + " for --resume, instead of aborting (removing) it.")
    boolean keepOnFailure;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "Upload: the objects' Content-Type (default:"
            + " guessed from the file name's extension, as aws s3 does; application/octet-stream when unknown). Copy:"
            + " replaces the source's (and its other headers), keeping its metadata.")
    String contentType;

    @Option(names = "--no-guess-mime-type", description = "Upload: do not guess the Content-Type from the extension.")
    boolean noGuessMimeType;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Option(names = "--force", description = "Overwrite an existing local file.")
    boolean force;

    @Option(names = {"-r", "--recursive"}, description = "Copy a directory tree to the keys under a prefix, or every"
            + " key under a prefix (taken as a directory: s3://b/photos means photos/...) into a directory. Small"
            + " files go up to --concurrency at a time, large ones one at a time with their parts in parallel. With"
            + " --resume, files already complete (same size; for uploads, an object no older than the file) are"
            + " skipped and interrupted ones continue.")
    boolean recursive;

    /** The JSON document of a finished transfer. */
    record Transfer(String operation, String source, String target, long bytes, double seconds, double mibPerSecond,
            int parts, long partSize, Integer partsResumed, String etag, String verified, String verifiedBy) {}

    @Override
    public Integer call() throws Exception {
        checkOptions();
        if (recursive) return copyTree();
        CopyJob job = CopyJob.resolve(source, destination, force);
        target = switch (job) {
            case CopyJob.Upload u -> u.target();
            case CopyJob.Download d -> d.source();
            case CopyJob.Copy c -> c.source();
        };
        if (job instanceof CopyJob.Copy) {
            if (checksum != Checksum.auto) throw CliException.usage("--checksum applies to uploads; a server-side copy"
                    + " sends no bytes");
            if (resume || keepOnFailure) throw CliException.usage((resume ? "--resume" : "--keep-on-failure")
                    + " does not apply to a server-side copy: a failed copy is aborted and costs nothing to run again");
        }
        if (job instanceof CopyJob.Upload u && u.fromStdin() && (parts != null || resume)) {
            throw CliException.usage((parts != null ? "--parts" : "--resume")
                    + " needs a file: stdin has no known length and cannot be read again; give --part-size instead");
        }
        if (job instanceof CopyJob.Download d) {
            if (parts != null) throw CliException.usage("--parts applies to uploads; a download follows the object's parts");
            if (checksum != Checksum.auto) throw CliException.usage("--checksum applies to uploads");
            if (d.toStdout() && output.json()) {
                throw CliException.usage("--output json writes its document to standard output, which carries the"
                        + " object here; download to a file instead");
            }
            if (d.toStdout() && (resume || keepOnFailure)) {
                throw CliException.usage((resume ? "--resume" : "--keep-on-failure") + " needs a file: bytes written"
                        + " to standard output cannot be taken back or continued");
            }
        }
        int inFlight = concurrency != null ? concurrency : DEFAULT_CONCURRENCY;
        Integrity integrity = checksum.integrity();
        Printer out = printer();
        try (S3Client s3 = S3Client.create(config(inFlight, b -> {
                    if (integrity != null) b.integrity(integrity);
                }));
                ProgressBar bar = out.progressAllowed() && !noProgress
                        ? ProgressBar.start(out.err(), switch (job) {
                            case CopyJob.Upload u -> "upload";
                            case CopyJob.Download d -> "download";
                            case CopyJob.Copy c -> "copy";
                        }) : null;
                InterruptGuard guard = InterruptGuard.install()) {
            TransferListener listener = bar == null ? TransferListener.NONE
                    : p -> bar.update(p.bytesDone(), p.totalBytes(), p.partsDone(), p.partCount());
            Transfer done;
            try {
                done = switch (job) {
                    case CopyJob.Upload u -> upload(s3, u, inFlight, listener);
                    case CopyJob.Download d -> download(s3, d, inFlight, listener, null);
                    case CopyJob.Copy c -> copy(s3, c, inFlight, listener);
                };
            } catch (ResumableUploadException e) {
                if (bar != null) bar.close();
                return stopped(e, guard.fired());
            } catch (Exception e) {
                if (!guard.fired() && !Thread.currentThread().isInterrupted()) throw e;
                // Ctrl-C: whatever the interrupted I/O threw (ClosedByInterruptException, InterruptedIOException…)
                // means only that; the engine has removed the partial file unless asked to keep it.
                if (bar != null) bar.close();
                // A file upload that had begun is kept (ResumableUploadException, above); one from stdin cannot be
                // resumed and was aborted; anything else stopped before an upload existed.
                spec.commandLine().getErr().println("s3pump: interrupted" + switch (job) {
                    case CopyJob.Download d -> keepOnFailure || resume ? "; partial download kept for --resume"
                            : "; nothing was written";
                    case CopyJob.Copy c -> "; the copy was aborted";
                    case CopyJob.Upload u -> u.fromStdin() ? "; the upload of stdin was aborted (a stream cannot be"
                            + " resumed)" : "; nothing was uploaded";
                });
                spec.commandLine().getErr().flush();
                return ExitCodes.INTERRUPTED;
            }
            if (bar != null) bar.close();
            report(out, done);
            return ExitCodes.OK;
        }
    }

    private Transfer upload(S3Client s3, CopyJob.Upload u, int inFlight, TransferListener listener) throws IOException {
        UploadOptions.Builder options = UploadOptions.builder()
                .concurrency(inFlight)
                .resume(resume)
                .keepResumable(keepOnFailure)
                .listener(listener);
        if (partSize != null) options.sizing(PartSizing.partSize(partSize));
        if (parts != null) options.sizing(PartSizing.partCount(parts));
        if (noVerify) options.localMd5(UploadOptions.LocalMd5.NEVER);
        options.contentType(contentTypeFor(u.fromStdin() ? u.target().fileName() : u.file().getFileName().toString()));
        Uploader uploader = new Uploader(s3);
        // A pipe is read once into off-heap parts that grow, so an unknown length is not capped by one part size.
        UploadResult r = u.fromStdin()
                ? uploader.upload(environment().stdin(), u.target().bucket(), u.target().key(), options.build())
                : uploader.upload(u.file(), u.target().bucket(), u.target().key(), options.build());
        double seconds = seconds(r.duration());
        return new Transfer("upload", u.fromStdin() ? "-" : u.file().toString(), u.target().toString(), r.size(), seconds,
                mib(r.bytesPerSecond()), r.partCount(), r.partSize(), r.partsResumed(), r.etag(),
                level(r.verification()), r.verification().detail());
    }

    private Transfer copy(S3Client s3, CopyJob.Copy c, int inFlight, TransferListener listener) throws IOException {
        UploadOptions.Builder options = UploadOptions.builder().concurrency(inFlight).listener(listener);
        if (partSize != null) options.sizing(PartSizing.partSize(partSize));
        if (parts != null) options.sizing(PartSizing.partCount(parts));
        if (contentType != null) options.contentType(contentType);
        UploadResult r;
        try {
            r = new Uploader(s3).copy(c.source().bucket(), c.source().key(), c.target().bucket(), c.target().key(),
                    options.build());
        } catch (io.s3pump.client.S3Exception e) {
            // An error line names what the failing request was about: the target, unless it was the source
            String t = c.target().bucket() + (c.target().key().isEmpty() ? "" : "/" + c.target().key());
            if (e.resource() != null && (e.resource().equals(t) || e.resource().equals(c.target().bucket()))) {
                target = c.target();
            }
            throw e;
        }
        return new Transfer("copy", c.source().toString(), c.target().toString(), r.size(), seconds(r.duration()),
                mib(r.bytesPerSecond()), r.partCount(), r.partSize(), null, r.etag(), level(r.verification()),
                r.verification().detail());
    }

    /** {@code listed}: the item of a recursive copy, whose listing already gave the object's size and ETag; or null. */
    private Transfer download(S3Client s3, CopyJob.Download d, int inFlight, TransferListener listener,
                              RecursiveCopy.Item listed) throws IOException {
        DownloadOptions.Builder options = DownloadOptions.builder()
                .concurrency(inFlight)
                .keepPartial(keepOnFailure || resume)
                .verifyEtag(!noVerify)
                .listener(listener);
        if (listed != null && listed.listedEtag() != null) options.listed(listed.size(), listed.listedEtag());
        if (partSize != null) options.rangeSize(partSize).partSizeHint(partSize);
        DownloadResult r;
        if (d.toStdout()) {
            r = stream(s3, d, java.nio.channels.Channels.newChannel(environment().stdout()), options.build());
        } else if (d.streamed()) {
            try (var out = java.nio.channels.FileChannel.open(d.file(), java.nio.file.StandardOpenOption.WRITE)) {
                r = stream(s3, d, out, options.build());
            }
        } else {
            r = new Downloader(s3).download(d.source().bucket(), d.source().key(), d.file(), options.build());
        }
        return new Transfer("download", d.source().toString(), d.toStdout() ? "-" : d.file().toString(), r.size(),
                seconds(r.duration()),
                mib(r.bytesPerSecond()), r.ranges(), r.rangeSize(), r.rangesResumed(), r.etag(), level(r.verification()),
                r.verification().detail());
    }

    /** The JSON document of {@code cp --recursive}: every file copied, and every one that was not. */
    record TreeCopy(String operation, String source, String target, int files, int skipped, long bytes,
            double seconds, double mibPerSecond, List<Transfer> transfers, List<Failure> failures) {}

    /** A file of a recursive copy that failed or was refused, with the exit code it would have had alone. */
    record Failure(String source, String target, String error, int exitCode) {}

    private int copyTree() throws Exception {
        boolean upload = S3Url.looksLikeS3(destination);
        if (upload && S3Url.looksLikeS3(source)) {
            throw CliException.usage("--recursive between two S3 locations is not supported; copy the keys one by one");
        }
        if (!upload && !S3Url.looksLikeS3(source)) CopyJob.resolve(source, destination, force);   // the same usage error
        if (source.equals(CopyJob.STDIN)) throw CliException.usage("--recursive copies a directory; stdin is one stream");
        if (parts != null) throw CliException.usage("--parts applies to one file; give --part-size with --recursive");
        if (!upload && checksum != Checksum.auto) throw CliException.usage("--checksum applies to uploads");
        S3Url remote = S3Url.argument(upload ? destination : source);
        target = remote;
        int inFlight = concurrency != null ? concurrency : DEFAULT_CONCURRENCY;
        long small = partSize != null ? partSize : PartSizing.DEFAULT_PART_SIZE;
        Integrity integrity = checksum.integrity();
        Printer out = printer();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        RecursiveCopy.Plan walked = upload ? RecursiveCopy.uploads(source, remote) : null;   // before any request
        try (S3Client s3 = S3Client.create(config(inFlight, b -> {
                    if (integrity != null) b.integrity(integrity);
                }));
                InterruptGuard guard = InterruptGuard.install()) {
            RecursiveCopy.Plan plan = walked != null ? walked
                    : RecursiveCopy.downloads(s3, remote, destination, force, resume);
            List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (String refused : plan.refused()) {
                err.println("s3pump: skipping " + refused);
                failures.add(new Failure(null, null, refused, ExitCodes.FAILURE));
            }
            err.flush();
            List<Transfer> done = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger(plan.complete());
            java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicInteger files = new java.util.concurrent.atomic.AtomicInteger();
            int total = plan.items().size();
            int named = total + plan.refused().size() + plan.complete();
            long totalBytes = plan.bytes();
            ProgressBar bar = out.progressAllowed() && !noProgress && total > 0
                    ? ProgressBar.start(err, upload ? "upload" : "download") : null;
            // Small files share the permits one each; a large one takes them all, so that at most --concurrency
            // requests are in flight whatever the mix.
            java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(inFlight);
            var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
            boolean stopped = false;
            try (executor) {
                for (RecursiveCopy.Item item : plan.items()) {
                    int need = item.size() <= small ? 1 : inFlight;
                    try {
                        permits.acquire(need);
                    } catch (InterruptedException e) {
                        stopped = true;
                        executor.shutdownNow();
                        break;
                    }
                    executor.submit(() -> {
                        long[] last = {0};
                        TransferListener listener = bar == null ? TransferListener.NONE : p -> {
                            long delta;
                            synchronized (last) {
                                delta = p.bytesDone() - last[0];
                                last[0] = p.bytesDone();
                            }
                            bar.update(bytes.addAndGet(delta), totalBytes, files.get(), total);
                        };
                        try {
                            Transfer t = switch (item.job()) {
                                case CopyJob.Upload u -> resume && uploaded(s3, u, item.size()) ? null
                                        : upload(s3, u, need, listener);
                                case CopyJob.Download d -> download(s3, d, need, listener, item);
                                case CopyJob.Copy c -> throw new IllegalStateException("no copies in a tree");
                            };
                            if (t == null) skipped.incrementAndGet();
                            else {
                                done.add(t);
                                if (bar == null) out.say(summary(t));
                            }
                        } catch (Exception e) {
                            Errors.Verdict v = treeFailure(e, item.remote(), guard.fired());
                            failures.add(new Failure(item.from(), item.to(), v.line(), v.exitCode()));
                            if (!guard.fired()) {
                                synchronized (err) {
                                    err.println("s3pump: " + item.from() + " -> " + item.to() + ": " + v.line());
                                    err.flush();
                                }
                            }
                        } finally {
                            files.incrementAndGet();
                            permits.release(need);
                        }
                    });
                }
            } finally {
                if (bar != null) bar.close();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long moved = done.stream().mapToLong(Transfer::bytes).sum();
            List<Transfer> transfers = new ArrayList<>(done);
            if (bar != null) for (Transfer t : transfers) out.say(summary(t));
            out.document(new TreeCopy(upload ? "upload" : "download", source, destination, transfers.size(),
                    skipped.get(), moved, Math.round(seconds * 1e3) / 1e3, mib(moved / Math.max(seconds, 1e-9)),
                    transfers, List.copyOf(failures)));
            if (stopped || guard.fired() || Thread.currentThread().isInterrupted()) {
                err.println("s3pump: interrupted; " + transfers.size() + " of " + named + " files copied; resume with: "
                        + resumeCommand());
                err.flush();
                return ExitCodes.INTERRUPTED;
            }
            out.say(String.format(Locale.ROOT, "%s: %d of %d files, %s in %.1f s, %.1f MiB/s%s%s",
                    upload ? "upload" : "download", transfers.size(), named,
                    ByteSize.format(moved), seconds, mib(moved / Math.max(seconds, 1e-9)),
                    skipped.get() > 0 ? ", " + skipped.get() + " already complete" : "",
                    failures.isEmpty() ? "" : ", " + failures.size() + " failed"));
            return failures.isEmpty() ? ExitCodes.OK : failures.getFirst().exitCode();
        }
    }

    /** What one file's failure in a tree means: a kept upload, an interrupt, or the failure's own verdict. */
    private static Errors.Verdict treeFailure(Exception e, S3Url remote, boolean interrupted) {
        if (e instanceof ResumableUploadException r) {
            return new Errors.Verdict(ExitCodes.INTERRUPTED, null, "upload " + r.uploadId() + " kept with "
                    + r.partsDone() + " of " + r.partCount() + " parts done");
        }
        if (interrupted) return new Errors.Verdict(ExitCodes.INTERRUPTED, null, "interrupted");
        return Errors.classify(e, (Targeted) () -> remote);
    }

    /**
     * Whether an earlier run already uploaded this file: an object of the file's size, written no earlier than the
     * file's last change (S3 keeps whole seconds). Used by {@code --recursive --resume}, which otherwise sends the
     * files that finished before it was interrupted again.
     */
    private static boolean uploaded(S3Client s3, CopyJob.Upload u, long size) throws IOException {
        io.s3pump.client.ObjectMetadata head;
        try {
            head = s3.headObject(u.target().bucket(), u.target().key());
        } catch (io.s3pump.client.S3Exception e) {
            if (e.status() == 404) return false;
            throw e;
        }
        java.time.Instant changed = java.nio.file.Files.getLastModifiedTime(u.file()).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return head.objectSize() == size && head.lastModified() != null && !head.lastModified().isBefore(changed);
    }

    /** The Content-Type to upload {@code name} with: the option, else the extension's type, else none (octet-stream). */
    String contentTypeFor(String name) {
        if (contentType != null) return contentType;
        if (noGuessMimeType || name == null || name.isEmpty()) return null;
        return MediaTypes.forName(name);
    }

    /** Streams the object in order into {@code out} (standard output, a FIFO, a device); {@code out} stays open. */
    private static DownloadResult stream(S3Client s3, CopyJob.Download d, java.nio.channels.WritableByteChannel out,
                                         DownloadOptions options) throws IOException {
        try {
            return new Downloader(s3).download(d.source().bucket(), d.source().key(), out, options);
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("Broken pipe")) throw e;
            throw new CliException(ExitCodes.FAILURE, (d.toStdout() ? "standard output" : d.file().toString())
                    + " was closed before the whole object was written (broken pipe)");
        }
    }

    /** An upload left open for --resume: say how to continue, with the exit code of what stopped it. */
    private int stopped(ResumableUploadException e, boolean interrupted) {
        String resumeCommand = resumeCommand();
        String why = interrupted || e.getCause() == null ? "interrupted"
                : Errors.classify(e.getCause(), this).line();
        PrintWriter err = spec.commandLine().getErr();
        err.println("s3pump: " + why + "; upload " + e.uploadId() + " kept with " + e.partsDone() + " of "
                + e.partCount() + " parts done; resume with: " + resumeCommand);
        err.flush();
        if (output.json()) {
            spec.commandLine().getOut().println(Printer.toJson(java.util.Map.of("error", java.util.Map.of(
                    "message", why, "uploadId", e.uploadId(), "journal", String.valueOf(e.journal()),
                    "partsDone", e.partsDone(), "partCount", e.partCount(),
                    "resume", resumeCommand, "exitCode", interrupted ? ExitCodes.INTERRUPTED
                            : Errors.classify(e.getCause(), this).exitCode()))));
            spec.commandLine().getOut().flush();
        }
        return interrupted || e.getCause() == null ? ExitCodes.INTERRUPTED : Errors.classify(e.getCause(), this).exitCode();
    }

    /** The command line that continues this upload: the same arguments plus --resume, shell-quoted. */
    String resumeCommand() {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        // The parse result is the root's: the arguments after the subcommand's name are cp's own.
        List<String> args = new ArrayList<>(all.subList(all.indexOf(spec.name()) + 1, all.size()));
        if (!args.contains("--resume")) args.add(0, "--resume");
        StringBuilder sb = new StringBuilder("s3pump cp");
        for (String a : args) sb.append(' ').append(shellQuote(a));
        return sb.toString();
    }

    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_@%+=:,./-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private void report(Printer out, Transfer t) {
        out.document(t);
        if (t.target().equals("-")) {
            // standard output carries the object: the summary goes to stderr
            if (!output.quiet()) {
                spec.commandLine().getErr().println(summary(t));
                spec.commandLine().getErr().flush();
            }
        } else {
            out.say(summary(t));
        }
    }

    /** The one line that ends a transfer: what went where, how fast, in how many parts, and what was verified. */
    private static String summary(Transfer t) {
        String arrow = t.source() + " -> " + t.target();
        String parts = t.parts() + (t.operation().equals("download") ? " range" : " part") + (t.parts() == 1 ? "" : "s")
                + (t.parts() > 1 ? " of " + ByteSize.format(t.partSize()) : "")
                + (t.partsResumed() != null && t.partsResumed() > 0 ? " (" + t.partsResumed() + " resumed)" : "");
        return String.format(Locale.ROOT, "%s: %s  %s in %.1f s, %.1f MiB/s, %s, verified: %s (%s)", t.operation(),
                arrow, ByteSize.format(t.bytes()), t.seconds(), t.mibPerSecond(), parts, t.verified(), t.verifiedBy());
    }

    static String level(Verification v) {
        return switch (v.level()) {
            case SIZE_AND_ETAG -> "size + ETag";
            case SIZE_AND_PART_ETAGS -> "size + part ETags";
            case SIZE_ONLY -> "size only";
        };
    }

    static double seconds(Duration d) {
        return Math.round(d.toNanos() / 1e6) / 1e3;
    }

    static double mib(double bytesPerSecond) {
        return Math.round(bytesPerSecond / ByteSize.MIB * 10) / 10.0;
    }

    /** Every option check that needs neither the file nor the server, so that a typo costs nothing. */
    void checkOptions() {
        if (partSize != null && parts != null) {
            throw CliException.usage("--part-size and --parts exclude each other; give one");
        }
        if (partSize != null && partSize < MIN_PART) {
            throw CliException.usage("--part-size " + ByteSize.format(partSize) + " is below S3's minimum part size"
                    + " of 5 MiB (only the last part may be smaller)");
        }
        if (partSize != null && partSize > MAX_PART) {
            throw CliException.usage("--part-size " + ByteSize.format(partSize) + " is above S3's maximum part size of 5 GiB");
        }
        if (parts != null && (parts < 1 || parts > MAX_PARTS)) {
            throw CliException.usage("--parts " + parts + " is outside 1 to " + MAX_PARTS + ", S3's limit on parts per upload");
        }
        if (contentType != null && (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20 || c >= 0x7f))) {
            throw CliException.usage("--content-type must be a printable ASCII media type such as text/plain, not '"
                    + contentType + "'");
        }
        if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
            throw CliException.usage("--concurrency " + concurrency + " must be between 1 and " + MAX_CONCURRENCY);
        }
    }
}
