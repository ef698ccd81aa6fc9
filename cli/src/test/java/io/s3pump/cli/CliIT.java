package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.CreateMultipartUploadRequest;
import io.s3pump.client.ListPartsRequest;
import io.s3pump.client.ObjectMetadata;
import io.s3pump.client.Upload;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as a user runs it, against the local RGW: every command, both directions of cp. */
class CliIT {
    static ItBucket bucket;
    static Jar jar;

    @TempDir Path dir;

    @BeforeAll
    static void bucket() throws IOException {
        bucket = new ItBucket("cli-it");
        jar = Jar.withEnvironment();
    }

    @AfterAll
    static void removeBucket() throws IOException {
        if (bucket != null) bucket.close();
    }

    static Path randomFile(Path dir, String name, long size, long seed) throws IOException {
        Path f = dir.resolve(name);
        Random random = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (var out = Files.newOutputStream(f)) {
            for (long left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
        return f;
    }

    static String sha256(Path f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void s3ToS3IsAServerSideCopyThatKeepsTheHeadersAndIsVerified() throws Exception {
        Path file = randomFile(dir, "page.html", 13 * ByteSize.MIB + 5, 11);
        assertThat(jar.run("cp", "--part-size", "5MiB", file.toString(), bucket.url("copy/src.html")).exitCode()).isZero();
        try (ItBucket other = new ItBucket("cli-it-copy")) {
            Jar.Result copy = jar.run("cp", bucket.url("copy/src.html"), other.url("backup/"));
            assertThat(copy.exitCode()).as(copy.toString()).isZero();
            assertThat(copy.out()).startsWith("copy: " + bucket.url("copy/src.html") + " -> " + other.url("backup/src.html"))
                    .contains("verified: size + ETag");
            assertThat(other.s3.headObject(other.name, "backup/src.html").contentType()).isEqualTo("text/html");
            assertThat(other.s3.headObject(other.name, "backup/src.html").eTag())
                    .isEqualTo(bucket.s3.headObject(bucket.name, "copy/src.html").eTag()).endsWith("-3");

            // RGW's UploadPartCopy cannot find a key holding '%'; CopyObject can
            Path small = Files.writeString(dir.resolve("pct.txt"), "fifty percent");
            assertThat(jar.run("cp", small.toString(), bucket.url("copy/50%.txt")).exitCode()).isZero();
            Jar.Result pct = jar.run("cp", bucket.url("copy/50%.txt"), other.url("copy/x%41y.txt"));
            assertThat(pct.exitCode()).as(pct.toString()).isZero();
            assertThat(other.keys()).contains("copy/x%41y.txt");

            Jar.Result noBucket = jar.run("cp", bucket.url("copy/50%.txt"), "s3://no-such-bucket-s3pump/x");
            assertThat(noBucket.exitCode()).as(noBucket.toString()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(noBucket.errLines()).singleElement().asString().contains("'no-such-bucket-s3pump'");
            assertThat(other.openUploads()).isEmpty();
            Path back = dir.resolve("back.html");
            assertThat(jar.run("cp", other.url("backup/src.html"), back.toString()).exitCode()).isZero();
            assertThat(sha256(back)).isEqualTo(sha256(file));

            Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
            assertThat(jar.run("cp", empty.toString(), bucket.url("copy/empty")).exitCode()).isZero();
            Jar.Result none = jar.run("cp", bucket.url("copy/empty"), other.url("empty"));
            assertThat(none.exitCode()).as(none.toString()).isZero();
            assertThat(other.s3.headObject(other.name, "empty").contentLength()).isZero();

            Jar.Result missing = jar.run("cp", bucket.url("copy/nope"), other.url("x"));
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(other.openUploads()).isEmpty();
        }
    }

    @Test
    void anUploadsContentTypeIsGuessedFromItsExtensionUnlessGiven() throws Exception {
        Path page = Files.writeString(dir.resolve("index.html"), "<p>hello</p>");
        assertThat(jar.run("cp", page.toString(), bucket.url("web/")).exitCode()).isZero();
        assertThat(bucket.s3.headObject(bucket.name, "web/index.html").contentType()).isEqualTo("text/html");
        assertThat(jar.run("cp", "--content-type", "text/x-custom", page.toString(), bucket.url("web/other")).exitCode())
                .isZero();
        assertThat(bucket.s3.headObject(bucket.name, "web/other").contentType()).isEqualTo("text/x-custom");
        assertThat(jar.run("cp", "--no-guess-mime-type", page.toString(), bucket.url("web/plain.html")).exitCode()).isZero();
        assertThat(bucket.s3.headObject(bucket.name, "web/plain.html").contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void cpToDashWritesTheObjectToStdoutVerifiedAndTheSummaryToStderr() throws Exception {
        Path file = dir.resolve("letters.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 11 * ByteSize.MIB; i++) text.append("line ").append(i).append('\n');
        Files.writeString(file, text);
        Jar.Result up = jar.run("cp", "--part-size", "5MiB", file.toString(), bucket.url("stdout/letters.txt"));
        assertThat(up.exitCode()).as(up.toString()).isZero();

        Jar.Result down = jar.run("cp", bucket.url("stdout/letters.txt"), "-");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.out()).isEqualTo(text.toString());
        assertThat(down.errLines()).singleElement().asString()
                .startsWith("download: " + bucket.url("stdout/letters.txt") + " -> -  ").contains("verified: size + ETag");
        try (Stream<Path> files = Files.list(Path.of("."))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("-");
        }
    }

    @Test
    void cpUploadsInPartsAndDownloadsInRangesByteForByte() throws Exception {
        Path file = randomFile(dir, "source.bin", 23 * ByteSize.MIB + 17, 1);
        String key = "cp/a b?c#d%e+f.bin";

        Jar.Result up = jar.run("cp", "--part-size", "5MiB", "--concurrency", "4", file.toString(), bucket.url(key));
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).startsWith("upload: " + file + " -> " + bucket.url(key) + "  23.00 MiB in ")
                .contains("MiB/s, 5 parts of 5.00 MiB, verified: size + ");
        assertThat(up.err()).isEmpty();
        ObjectMetadata head = bucket.s3.headObject(bucket.name, key);
        assertThat(head.contentLength()).isEqualTo(23 * ByteSize.MIB + 17);
        assertThat(head.eTag()).endsWith("-5");

        Path back = dir.resolve("back.bin");
        Jar.Result down = jar.run("cp", "--output", "json", bucket.url(key), back.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.out()).contains("\"operation\" : \"download\"", "\"bytes\" : " + (23 * ByteSize.MIB + 17),
                "\"parts\" : 5", "\"verified\" : \"size + ETag\"", "\"mibPerSecond\" : ");
        assertThat(sha256(back)).isEqualTo(sha256(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("no temporary file left next to the target").containsExactly("back.bin", "source.bin");
        }
        assertThat(bucket.openUploads()).isEmpty();
    }

    @Test
    void cpReadsStdinWithoutKnowingItsLength() throws Exception {
        Path file = randomFile(dir, "stdin.bin", 11 * ByteSize.MIB, 2);
        Jar.Result up = jar.run(file, p -> {}, "cp", "--part-size", "5MiB", "-", bucket.url("stdin/piped.bin"));
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).contains("upload: - -> " + bucket.url("stdin/piped.bin"), "3 parts of 5.00 MiB",
                "verified: size + part ETags");
        Jar.Result verify = jar.run("verify", file.toString(), bucket.url("stdin/piped.bin"));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    void lsListsBucketsAndObjectsWithSizeMtimeAndEtag() throws Exception {
        Path file = randomFile(dir, "small.bin", 1000, 3);
        assertThat(jar.run("cp", file.toString(), bucket.url("ls/dir/one.bin")).exitCode()).isZero();
        assertThat(jar.run("cp", file.toString(), bucket.url("ls/two.bin")).exitCode()).isZero();

        Jar.Result buckets = jar.run("ls");
        assertThat(buckets.exitCode()).isZero();
        assertThat(buckets.out()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  " + bucket.name + "$");

        Jar.Result grouped = jar.run("ls", bucket.url("ls/"));
        assertThat(grouped.exitCode()).as(grouped.toString()).isZero();
        String etag = bucket.s3.headObject(bucket.name, "ls/two.bin").eTag();
        assertThat(grouped.out().lines().toList()).hasSize(2);
        assertThat(grouped.out()).contains("PRE", "ls/dir/")
                .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +1000  " + etag + " +ls/two.bin$");

        Jar.Result recursive = jar.run("ls", "--recursive", "--output", "json", bucket.url("ls/"));
        assertThat(recursive.exitCode()).isZero();
        assertThat(recursive.out()).contains("\"key\" : \"ls/dir/one.bin\"", "\"key\" : \"ls/two.bin\"",
                "\"size\" : 1000", "\"objectCount\" : 2");
    }

    @Test
    void statShowsSizeEtagPartsTypeAndTime() throws Exception {
        Path file = randomFile(dir, "stat.bin", 12 * ByteSize.MIB, 4);
        assertThat(jar.run("cp", "--parts", "2", file.toString(), bucket.url("stat.bin")).exitCode()).isZero();
        Jar.Result stat = jar.run("stat", bucket.url("stat.bin"));
        assertThat(stat.exitCode()).as(stat.toString()).isZero();
        assertThat(stat.out()).contains("size:          12582912 (12.00 MiB)", "parts:         2",
                "etag kind:     composite: MD5 of the 2 part MD5s, then -2", "content type:", "last modified: 20");
    }

    @Test
    void presignedUrlIsFetchedWithAPlainGet() throws Exception {
        Path file = randomFile(dir, "presign.bin", 4096, 5);
        String key = "presign/with space+plus.bin";
        assertThat(jar.run("cp", file.toString(), bucket.url(key)).exitCode()).isZero();
        Jar.Result url = jar.run("presign", "--expires-in", "300", bucket.url(key));
        assertThat(url.exitCode()).as(url.toString()).isZero();
        assertThat(url.out().lines().toList()).hasSize(1);
        try (HttpClient http = HttpClient.newBuilder().sslContext(bucket.rgw.sslContext()).build()) {
            assertThat(url.out()).startsWith(bucket.rgw.endpoint() + "/");
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url.out().strip())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(Files.readAllBytes(file));
            HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(
                    URI.create(url.out().strip().replace("X-Amz-Expires=300", "X-Amz-Expires=301"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).isEqualTo(403);

            Jar.Result put = jar.run("presign", "--method", "PUT", bucket.url("presign/put.bin"));
            assertThat(put.exitCode()).as(put.toString()).isZero();
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(put.out().strip()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            assertThat(bucket.s3.headObject(bucket.name, "presign/put.bin").contentLength()).isEqualTo(4096);

            // A PUT that sends a Content-Type works on every release once the URL signs it (RGW 20.2 refuses one it
            // does not), and the object keeps that type.
            Jar.Result typed = jar.run("presign", "--method", "PUT", "--content-type", "image/png",
                    bucket.url("presign/typed.png"));
            assertThat(typed.exitCode()).as(typed.toString()).isZero();
            assertThat(typed.out()).contains("X-Amz-SignedHeaders=content-type%3Bhost");
            HttpResponse<String> typedPut = http.send(HttpRequest.newBuilder(URI.create(typed.out().strip()))
                    .header("Content-Type", "image/png")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(typedPut.statusCode()).as(typedPut.body()).isEqualTo(200);
            assertThat(bucket.s3.headObject(bucket.name, "presign/typed.png").contentType()).isEqualTo("image/png");
            HttpResponse<String> otherType = http.send(HttpRequest.newBuilder(URI.create(typed.out().strip()))
                    .header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(otherType.statusCode()).as("a type other than the signed one").isEqualTo(403);
        }
    }

    @Test
    void uploadsAreListedAndAbortedByIdOrAll() throws Exception {
        String one = bucket.s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket.name, "uploads/one")).uploadId();
        String two = bucket.s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket.name, "uploads/two")).uploadId();

        Jar.Result ls = jar.run("uploads", "ls", bucket.url("uploads/"));
        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        assertThat(ls.out()).contains(one + "  uploads/one", two + "  uploads/two");

        Jar.Result byId = jar.run("uploads", "abort", "--upload-id", one, bucket.url("uploads/one"));
        assertThat(byId.exitCode()).as(byId.toString()).isZero();
        assertThat(bucket.openUploads()).extracting(Upload::uploadId).doesNotContain(one).contains(two);

        Jar.Result young = jar.run("uploads", "abort", "--all", "--older-than", "1d", bucket.url("uploads/"));
        assertThat(young.exitCode()).isZero();
        assertThat(young.out()).contains("aborted 0 uploads");
        assertThat(bucket.openUploads()).extracting(Upload::uploadId).contains(two);

        Jar.Result all = jar.run("uploads", "abort", "--all", "--output", "json", bucket.url("uploads/"));
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).contains("\"uploadId\" : \"" + two + "\"");
        assertThat(bucket.openUploads()).extracting(Upload::uploadId).doesNotContain(two);

        Jar.Result gone = jar.run("uploads", "abort", "--upload-id", one, bucket.url("uploads/one"));
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(gone.errLines()).singleElement().asString().startsWith("s3pump: NoSuchUpload: ");
    }

    @Test
    void uploadsLsListsAwkwardKeysExactlyAndAbortAllReachesThem() throws Exception {
        List<String> keys = List.of("awkward-uploads/a b+c%41.bin", "awkward-uploads/uni é€😀.bin",
                "awkward-uploads/ctl\u0001 key.bin", "awkward-uploads/amp&lt;<x>.bin");
        java.util.Map<String, String> ids = new java.util.TreeMap<>();
        for (String k : keys) {
            ids.put(k, bucket.s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket.name, k)).uploadId());
        }
        Jar.Result ls = jar.run("uploads", "ls", "--output", "json", bucket.url("awkward-uploads/"));
        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        var listed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ls.out()).get("uploads");
        java.util.Map<String, String> seen = new java.util.TreeMap<>();
        listed.forEach(u -> seen.put(u.get("key").asText(), u.get("uploadId").asText()));
        assertThat(seen).isEqualTo(ids);

        Jar.Result text = jar.run("uploads", "ls", bucket.url("awkward-uploads/"));
        assertThat(text.out()).contains(ids.get(keys.get(0)) + "  awkward-uploads/a b+c%41.bin",
                ids.get(keys.get(1)) + "  awkward-uploads/uni é€😀.bin");

        Jar.Result all = jar.run("uploads", "abort", "--all", bucket.url("awkward-uploads/"));
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).contains("aborted 4 uploads");
        assertThat(bucket.openUploads()).extracting(Upload::key).noneMatch(k -> k.startsWith("awkward-uploads/"));
    }

    @Test
    void keysWithDotSegmentsGoUpComeDownAndAreListedAndRemovedExactly() throws Exception {
        Path file = randomFile(dir, "dots.bin", 6 * ByteSize.MIB + 5, 9);
        String key = "dots/a/../b/./c";
        Jar.Result up = jar.run("cp", "--part-size", "5MiB", file.toString(), bucket.url(key));
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(bucket.s3.headObject(bucket.name, key).contentLength()).isEqualTo(6 * ByteSize.MIB + 5);
        assertThat(bucket.keys()).contains(key).doesNotContain("dots/b/c");

        Jar.Result ls = jar.run("ls", "--recursive", bucket.url("dots/"));
        assertThat(ls.out()).contains("  " + key + "\n");
        Path down = dir.resolve("down.bin");
        Jar.Result get = jar.run("cp", bucket.url(key), down.toString());
        assertThat(get.exitCode()).as(get.toString()).isZero();
        assertThat(sha256(down)).isEqualTo(sha256(file));

        Jar.Result rm = jar.run("rm", bucket.url(key));
        assertThat(rm.exitCode()).as(rm.toString()).isZero();
        assertThat(bucket.keys()).doesNotContain(key);
    }

    @Test
    void verifyMatchesWithoutDownloadingAndExitsSixOnAMismatch() throws Exception {
        Path file = randomFile(dir, "verify.bin", 17 * ByteSize.MIB, 6);
        assertThat(jar.run("cp", "--part-size", "8MiB", file.toString(), bucket.url("verify.bin")).exitCode()).isZero();

        Jar.Result ok = jar.run("verify", file.toString(), bucket.url("verify.bin"));
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("matches", "(3 parts of 8.00 MiB)");

        byte[] bytes = Files.readAllBytes(file);
        bytes[9 * (int) ByteSize.MIB] ^= 1;  // same size, one bit flipped in part 2
        Path changed = Files.write(dir.resolve("changed.bin"), bytes);
        // Without the part size, a composite ETag that no likely part size reproduces proves nothing either way
        Jar.Result unsure = jar.run("verify", changed.toString(), bucket.url("verify.bin"));
        assertThat(unsure.exitCode()).as(unsure.toString()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(unsure.errLines()).singleElement().asString()
                .startsWith("s3pump: " + changed + " could not be verified against " + bucket.url("verify.bin")
                        + ": same size, but ETag ")
                .contains("no part size tried (8.00 MiB").contains("--part-size");
        // with it, it is a definite mismatch
        Jar.Result bad = jar.run("verify", "--part-size", "8MiB", changed.toString(), bucket.url("verify.bin"));
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(bad.errLines()).singleElement().asString()
                .startsWith("s3pump: " + changed + " and " + bucket.url("verify.bin") + " differ: same size, but ETag ");
    }

    /** A condition the test polls for. */
    interface Probe {
        boolean holds() throws Exception;
    }

    /**
     * Sends SIGINT, as a terminal's Ctrl-C would, once {@code started} holds (the transfer is under way, so the
     * command's handler is in place; a loaded machine can take seconds to get there), after {@code delayMillis}.
     */
    static void interruptOnce(Process p, Probe started, long delayMillis) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!started.holds()) {
                if (!p.isAlive() || System.nanoTime() > deadline) throw new AssertionError("the transfer never started");
                TimeUnit.MILLISECONDS.sleep(50);
            }
            TimeUnit.MILLISECONDS.sleep(delayMillis);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Parts RGW holds for the open upload of {@code key}, 0 when there is none yet. */
    static int partsUploaded(String key) throws IOException {
        for (Upload u : bucket.openUploads()) {
            if (u.key().equals(key)) {
                return bucket.s3.listPartsAll(ListPartsRequest.of(bucket.name, key, u.uploadId())).size();
            }
        }
        return 0;
    }

    @Test
    void quietPrintsNothingOnSuccess() throws Exception {
        Path file = randomFile(dir, "quiet.bin", 1000, 8);
        Jar.Result r = jar.run("cp", "--quiet", file.toString(), bucket.url("quiet.bin"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void ctrlCDuringADownloadExits130AndLeavesNoPartialFile() throws Exception {
        Path file = randomFile(dir, "download-me.bin", 200 * ByteSize.MIB, 9);
        assertThat(jar.run("cp", file.toString(), bucket.url("interrupt/download.bin")).exitCode()).isZero();
        Path targetDir = Files.createDirectory(dir.resolve("down"));
        Jar.Result stopped = jar.run(null, p -> interruptOnce(p, () -> {
            try (Stream<Path> files = Files.list(targetDir)) {
                return files.findAny().isPresent();   // the temporary file exists: ranges are being written
            }
        }, 0), "cp", "--concurrency", "1", bucket.url("interrupt/download.bin"),
                targetDir.resolve("download.bin").toString());
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(stopped.errLines()).containsExactly("s3pump: interrupted; nothing was written");
        try (Stream<Path> left = Files.list(targetDir)) {
            assertThat(left.toList()).as("files left in the target directory").isEmpty();
        }
    }

    @Test
    void cpNoVerifyDownloadsWithoutHashingAndSaysOnlyTheSizeWasVerified() throws Exception {
        Path file = randomFile(dir, "noverify.bin", 12 * ByteSize.MIB + 3, 10);
        assertThat(jar.run("cp", "--part-size", "5MiB", file.toString(), bucket.url("noverify.bin")).exitCode()).isZero();
        Path back = dir.resolve("back.bin");
        Jar.Result down = jar.run("cp", "--no-verify", bucket.url("noverify.bin"), back.toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.out()).contains("3 ranges of 5.00 MiB, verified: size only (size " + (12 * ByteSize.MIB + 3)
                + " verified; ETag check turned off)");
        assertThat(sha256(back)).isEqualTo(sha256(file));
        Jar.Result json = jar.run("cp", "--no-verify", "--force", "--output", "json", bucket.url("noverify.bin"),
                back.toString());
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).contains("\"verified\" : \"size only\"", "ETag check turned off");
        Jar.Result verified = jar.run("cp", "--force", bucket.url("noverify.bin"), back.toString());
        assertThat(verified.out()).contains("verified: size + ETag");
    }

    @Test
    void aDownloadKilledWithSigkillIsContinuedByResumeWithOnlyTheMissingRanges() throws Exception {
        long size = 300 * ByteSize.MIB + 5;
        Path file = randomFile(dir, "killed.bin", size, 11);
        assertThat(jar.run("cp", "--part-size", "5MiB", file.toString(), bucket.url("kill/killed.bin")).exitCode()).isZero();
        Path targetDir = Files.createDirectory(dir.resolve("down"));
        Path target = targetDir.resolve("killed.bin");
        Path state = targetDir.resolve(".killed.bin.s3pump.state");
        Jar.Result killed = jar.run(null, p -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                // the state file appears once ranges finished: the download records them as it goes
                while (p.isAlive() && !Files.exists(state) && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(5);
                // SIGKILL, nothing in s3pump runs after it (kill(1), as destroyForcibly would close the output pipes)
                new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).inheritIO().start().waitFor();
            } catch (InterruptedException | IOException e) {
                throw new AssertionError(e);
            }
        }, "cp", "--concurrency", "1", bucket.url("kill/killed.bin"), target.toString());
        assertThat(killed.exitCode()).as(killed.toString()).isEqualTo(137);
        assertThat(target).doesNotExist();

        Jar.Result resumed = jar.run("cp", "--resume", "--output", "json", bucket.url("kill/killed.bin"), target.toString());
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).containsPattern("\"partsResumed\" : [1-9]\\d*").contains("\"verified\" : \"size + ETag\"");
        assertThat(sha256(target)).isEqualTo(sha256(file));
        try (Stream<Path> left = Files.list(targetDir)) {
            assertThat(left.toList()).as("no temporary or state file left").containsExactly(target);
        }
    }

    @Test
    void ctrlCKeepsTheUploadResumableAndPrintsTheResumeCommand() throws Exception {
        Path file = randomFile(dir, "interrupted.bin", 200 * ByteSize.MIB, 7);
        Path journals = Files.createDirectories(dir.resolve("state"));
        Jar withState = jar.env("XDG_STATE_HOME", journals.toString());
        String key = "resume/interrupted.bin";
        Jar.Result stopped = withState.run(null, p -> interruptOnce(p, () -> partsUploaded(key) > 0, 0), "cp", "--part-size", "5MiB", "--concurrency", "1", file.toString(), bucket.url(key));
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(stopped.err()).contains("s3pump: interrupted; upload ", " kept with ",
                "resume with: s3pump cp --resume --part-size 5MiB --concurrency 1 " + file + " " + bucket.url(key));
        List<Upload> open = bucket.openUploads();
        assertThat(open).extracting(Upload::key).contains(key);

        Jar.Result resumed = withState.run("cp", "--resume", "--part-size", "5MiB", "--concurrency", "4",
                file.toString(), bucket.url(key));
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).containsPattern("\\(\\d+ resumed\\)");
        assertThat(bucket.openUploads()).extracting(Upload::key).doesNotContain(key);
        Jar.Result verify = jar.run("verify", file.toString(), bucket.url(key));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }
}
