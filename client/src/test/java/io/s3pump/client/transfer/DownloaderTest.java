package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.internal.transfer.BootId;
import io.s3pump.client.internal.transfer.Etags;
import io.s3pump.client.internal.transfer.Md5Digest;
import io.s3pump.client.internal.transfer.PartSizeGuess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final int MIB = 1 << 20;

    @TempDir Path tmp;
    private final InMemoryStore store = new InMemoryStore();
    private final Downloader downloader = new Downloader(store, System::nanoTime);

    /** Stores an object as if uploaded in parts of {@code partSize}, with its composite ETag. */
    private byte[] putMultipart(String key, int size, int partSize, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        List<Md5Digest> md5s = new ArrayList<>();
        for (int off = 0; off < size; off += partSize)
            md5s.add(InMemoryStore.md5(Arrays.copyOfRange(data, off, Math.min(size, off + partSize))));
        store.objects.put("b/" + key, new InMemoryStore.Obj(data, Etags.composite(md5s)));
        return data;
    }

    private byte[] putSingle(String key, int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        store.objects.put("b/" + key, new InMemoryStore.Obj(data, InMemoryStore.md5(data).hex()));
        return data;
    }

    private List<Path> dirListing() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.toList();
        }
    }

    @Test
    void aListedObjectIsFetchedWithoutAHeadAndStillVerified() throws IOException {
        byte[] data = putSingle("k", 1024, 9);
        String listed = "\"" + store.objects.get("b/k").etag() + "\"";
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().listed(data.length, listed).build());
        assertThat(store.headCalls).hasValue(0);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void anObjectReplacedSinceItsListingFailsInsteadOfMixingVersions() throws IOException {
        putSingle("k", 1024, 9);
        String listedBefore = "\"" + store.objects.get("b/k").etag() + "\"";
        putSingle("k", 1024, 10); // replaced after the listing
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().listed(1024, listedBefore).build()))
                .isInstanceOf(IOException.class).hasMessageContaining("s3://b/k changed")
                .hasMessageContaining("ETag is no longer");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void anEmptyListedObjectIsStillHeadedSinceNoGuardedGetFollows() throws IOException {
        putSingle("k", 0, 9);
        downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().listed(0, "\"" + store.objects.get("b/k").etag() + "\"").build());
        assertThat(store.headCalls).hasValue(1);
    }

    @Test
    void downloadsAMultipartObjectAndVerifiesItsCompositeEtag() throws IOException {
        byte[] data = putMultipart("k", 21 * MIB + 3, 8 * MIB, 1);
        Path target = tmp.resolve("out.bin");
        DownloadResult r = downloader.download("b", "k", target, DownloadOptions.defaults());
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(r.ranges()).isEqualTo(3);
        assertThat(r.rangeSize()).isEqualTo(8 * MIB);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(dirListing()).containsExactly(target);
    }

    @Test
    void anUnusualPartSizeLeavesOnlyTheSizeVerifiedAndSaysSo() throws IOException {
        byte[] data = putMultipart("k", 20 * MIB, 7 * MIB, 2);   // 3 parts; the guess is 8 MiB
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"), DownloadOptions.defaults());
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_ONLY);
        assertThat(r.verification().detail()).contains("not reproduced");
        DownloadResult hinted = downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().partSizeHint(7 * MIB).build());
        assertThat(hinted.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void aCorruptObjectWithACertainLayoutFailsAndLeavesTheTargetUntouched() throws IOException {
        putMultipart("k", 20 * MIB, 7 * MIB, 3);
        var o = store.objects.get("b/k");
        o.data()[5] ^= 1;
        Path target = tmp.resolve("existing");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> downloader.download("b", "k", target,
                DownloadOptions.builder().partSizeHint(7 * MIB).build()))
                .isInstanceOf(VerificationException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(dirListing()).containsExactly(target);
    }

    @Test
    void aSinglePutObjectIsCheckedAgainstItsMd5EvenInSeveralRanges() throws IOException {
        byte[] data = putSingle("k", 3 * MIB + 1, 4);
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().rangeSize(MIB).build());
        assertThat(r.ranges()).isEqualTo(4);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        store.objects.get("b/k").data()[0] ^= 1;
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o2"),
                DownloadOptions.builder().rangeSize(MIB).build())).isInstanceOf(VerificationException.class);
    }

    @Test
    void anEmptyObjectBecomesAnEmptyFile() throws IOException {
        putSingle("empty", 0, 5);
        DownloadResult r = downloader.download("b", "empty", tmp.resolve("e"), DownloadOptions.defaults());
        assertThat(tmp.resolve("e")).isEmptyFile();
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(store.getCalls.get()).isZero();
    }

    @Test
    void aRangeBrokenMidStreamResumesFromTheLastByteWritten() throws IOException {
        byte[] data = putMultipart("k", 17 * MIB, 8 * MIB, 6);
        java.util.Set<Long> broken = java.util.concurrent.ConcurrentHashMap.newKeySet();
        store.breakRangeAfter = first -> first == 8L * MIB && broken.add(first) ? 3 * MIB + 7 : -1;
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"), DownloadOptions.defaults());
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(store.getCalls.get()).isEqualTo(4);
    }

    @Test
    void aRangeThatKeepsFailingFailsTheDownloadAndRemovesTheTemporaryFile() throws IOException {
        putMultipart("k", 17 * MIB, 8 * MIB, 7);
        store.breakRangeAfter = first -> first == 0 ? 10 : -1;
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().maxRangeAttempts(3).build()))
                .isInstanceOf(java.net.SocketException.class);
        assertThat(dirListing()).isEmpty();
    }

    @Test
    void keepPartialLeavesTheTemporaryFileAfterAFailure() throws IOException {
        putMultipart("k", 17 * MIB, 8 * MIB, 8);
        store.breakRangeAfter = first -> first == 0 ? 10 : -1;
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().maxRangeAttempts(1).keepPartial(true).build()))
                .isInstanceOf(IOException.class);
        assertThat(dirListing()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(".o.s3pump.part", ".o.s3pump.state");
    }

    @Test
    void aKeptPartialDownloadResumesWithOnlyTheMissingRanges() throws IOException {
        byte[] data = putMultipart("k", 33 * MIB, 8 * MIB, 10);
        store.breakRangeAfter = first -> first == 16L * MIB ? 10 : -1;
        DownloadOptions resumable = DownloadOptions.builder().maxRangeAttempts(1).keepPartial(true).concurrency(1).build();
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o"), resumable)).isInstanceOf(IOException.class);
        assertThat(tmp.resolve(".o.s3pump.state")).exists();
        store.breakRangeAfter = first -> -1;
        int before = store.getCalls.get();
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"), resumable);
        assertThat(store.getCalls.get() - before).as("ranges 0 and 1 were kept").isEqualTo(3);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(dirListing()).containsExactly(tmp.resolve("o"));
    }

    @Test
    void aKeptPartialDownloadOfAnotherObjectVersionStartsOver() throws IOException {
        putMultipart("k", 17 * MIB, 8 * MIB, 11);
        store.breakRangeAfter = first -> first == 8L * MIB ? 10 : -1;
        DownloadOptions resumable = DownloadOptions.builder().maxRangeAttempts(1).keepPartial(true).concurrency(1).build();
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o"), resumable)).isInstanceOf(IOException.class);
        byte[] data = putMultipart("k", 17 * MIB, 8 * MIB, 12);
        store.breakRangeAfter = first -> -1;
        int before = store.getCalls.get();
        downloader.download("b", "k", tmp.resolve("o"), resumable);
        assertThat(store.getCalls.get() - before).isEqualTo(3);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
    }

    /** A clock that moves one second per reading: every finished range is past the state's save interval. */
    private static java.util.function.LongSupplier fastClock() {
        java.util.concurrent.atomic.AtomicLong t = new java.util.concurrent.atomic.AtomicLong();
        return () -> t.addAndGet(1_000_000_000L);
    }

    /** Copies what a SIGKILL at this moment would leave on disk: the temporary file and the state file. */
    private void snapshot(Path into) throws IOException {
        Files.createDirectories(into);
        for (String name : List.of(".o.s3pump.part", ".o.s3pump.state"))
            Files.copy(tmp.resolve(name), into.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theStateIsOnDiskWhileTheDownloadRunsSoAKilledDownloadResumesWithOnlyTheMissingRanges() throws Exception {
        byte[] data = putMultipart("k", 40 * MIB + 5, 8 * MIB, 20);   // 6 ranges of 8 MiB
        killedAfterFourRanges(BootId.system(), DownloadOptions.builder(), () -> {
            // Ranges 0-3 are done and range 4 hangs: no failure was caught, yet the state lists the four.
            var state = io.s3pump.client.internal.transfer.DownloadState.load(tmp.resolve(".o.s3pump.state")).orElseThrow();
            assertThat(state.done().keySet()).containsExactly(0, 1, 2, 3);
            assertThat(state.md5(2)).isEqualTo(InMemoryStore.md5(Arrays.copyOfRange(data, 16 * MIB, 24 * MIB)));
        });
        Path target = tmp.resolve("o");
        int before = store.getCalls.get();
        DownloadResult r = downloader.download("b", "k", target, DownloadOptions.builder().keepPartial(true).build());
        assertThat(store.getCalls.get() - before).as("only ranges 4 and 5 are fetched").isEqualTo(2);
        assertThat(r.rangesResumed()).isEqualTo(4);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(dirListing()).containsExactly(target);
    }

    /**
     * Leaves what a SIGKILL would leave after ranges 0-3 of 6 finished in boot {@code boot}: the temporary file and
     * the state, with no target.
     */
    private void killedAfterFourRanges(BootId boot, DownloadOptions.Builder options) throws Exception {
        killedAfterFourRanges(boot, options, () -> {});
    }

    private interface WhileBlocked {
        void check() throws Exception;
    }

    /** As above, running {@code whileBlocked} while range 4 hangs, before the snapshot is taken. */
    private void killedAfterFourRanges(BootId boot, DownloadOptions.Builder options, WhileBlocked whileBlocked)
            throws Exception {
        var reached = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        store.beforeRange = first -> {
            if (first == 32L * MIB) {
                reached.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Downloader running = new Downloader(store, fastClock(), boot);
        Path snapshot = tmp.resolve("killed");
        Path target = tmp.resolve("o");
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return running.download("b", "k", target, options.concurrency(1).build());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertThat(reached.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            whileBlocked.check();
            snapshot(snapshot);
        } finally {
            release.countDown();
        }
        first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        store.beforeRange = f -> {};
        Files.delete(target);
        for (String name : List.of(".o.s3pump.part", ".o.s3pump.state"))
            Files.move(snapshot.resolve(name), tmp.resolve(name));
        Files.delete(snapshot);
    }

    /** Overwrites {@code length} bytes of the kept temporary file at {@code offset} with zeros, as a lost write would. */
    private void zeroPartial(long offset, int length) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(tmp.resolve(".o.s3pump.part"), java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(length), offset);
        }
    }

    private record Resumed(DownloadResult result, int gets) {}

    /** Resumes the kept download of b/k into "o" in boot {@code boot}: its result and how many GETs it sent. */
    private Resumed resumeIn(String boot, DownloadOptions.Builder options) throws IOException {
        int before = store.getCalls.get();
        DownloadResult r = new Downloader(store, fastClock(), () -> java.util.Optional.of(boot))
                .download("b", "k", tmp.resolve("o"), options.keepPartial(true).build());
        return new Resumed(r, store.getCalls.get() - before);
    }

    @Test
    void inTheSameBootAResumeTrustsTheListedRangesWithoutTheDataHavingBeenForced() throws Exception {
        byte[] data = putMultipart("k", 40 * MIB + 5, 8 * MIB, 22);
        killedAfterFourRanges(() -> java.util.Optional.of("boot-a"), DownloadOptions.builder());
        assertThat(Files.readString(tmp.resolve(".o.s3pump.state"))).contains("\nboot boot-a\n");
        Resumed resumed = resumeIn("boot-a", DownloadOptions.builder());
        DownloadResult r = resumed.result();
        assertThat(resumed.gets()).as("only ranges 4 and 5").isEqualTo(2);
        assertThat(r.rangesResumed()).isEqualTo(4);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
    }

    @Test
    void evenInTheSameBootAListedRangeWhoseBytesNoLongerGiveItsMd5IsFetchedAgain() throws Exception {
        byte[] data = putMultipart("k", 40 * MIB + 5, 8 * MIB, 27);
        killedAfterFourRanges(() -> java.util.Optional.of("boot-a"), DownloadOptions.builder());
        zeroPartial(16L * MIB + 7, 512);   // range 2: a lost writeback, or a remount
        Resumed resumed = resumeIn("boot-a", DownloadOptions.builder());
        DownloadResult r = resumed.result();
        assertThat(resumed.gets()).as("ranges 2, 4 and 5").isEqualTo(3);
        assertThat(r.rangesResumed()).isEqualTo(3);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
    }

    @Test
    void inTheSameBootUnhashedRangesAreTrustedAndTheEtagCheckRehashesThem() throws Exception {
        byte[] data = putMultipart("k", 40 * MIB + 5, 8 * MIB, 28);
        killedAfterFourRanges(() -> java.util.Optional.of("boot-a"), DownloadOptions.builder().verifyEtag(false));
        Resumed resumed = resumeIn("boot-a", DownloadOptions.builder());
        DownloadResult r = resumed.result();
        assertThat(resumed.gets()).isEqualTo(2);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
    }

    @Test
    void afterARebootOnlyListedRangesWhoseBytesStillMatchTheirMd5AreKept() throws Exception {
        byte[] data = putMultipart("k", 40 * MIB + 5, 8 * MIB, 23);
        killedAfterFourRanges(() -> java.util.Optional.of("boot-a"), DownloadOptions.builder());
        zeroPartial(8L * MIB + 100, 4096);   // range 1 never reached the disk before the power went
        Resumed resumed = resumeIn("boot-b", DownloadOptions.builder());
        DownloadResult r = resumed.result();
        assertThat(resumed.gets()).as("ranges 1, 4 and 5").isEqualTo(3);
        assertThat(r.rangesResumed()).isEqualTo(3);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void afterARebootUnhashedRangesCannotBeCheckedAndAreFetchedAgain() throws Exception {
        byte[] data = putMultipart("k", 40 * MIB + 5, 8 * MIB, 24);
        killedAfterFourRanges(() -> java.util.Optional.of("boot-a"), DownloadOptions.builder().verifyEtag(false));
        Resumed resumed = resumeIn("boot-b", DownloadOptions.builder().verifyEtag(false));
        DownloadResult r = resumed.result();
        assertThat(resumed.gets()).as("all six ranges").isEqualTo(6);
        assertThat(r.rangesResumed()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
    }

    @Test
    void whereTheBootIsUnknownTheStateVouchesOnlyForForcedDataAndIsTrustedAnywhere() throws Exception {
        byte[] data = putMultipart("k", 40 * MIB + 5, 8 * MIB, 25);
        killedAfterFourRanges(java.util.Optional::empty, DownloadOptions.builder());
        assertThat(Files.readString(tmp.resolve(".o.s3pump.state"))).contains("\nboot -\n");
        Resumed resumed = resumeIn("boot-b", DownloadOptions.builder());
        DownloadResult r = resumed.result();
        assertThat(resumed.gets()).isEqualTo(2);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
    }

    @Test
    void anInterruptedWriteFailsTheDownloadWithoutOtherRangesRetryingAgainstTheClosedFile() {
        putMultipart("k", 6 * MIB, MIB, 26);
        store.channelBodies = true;
        store.beforeRange = first -> {
            if (first == MIB) {
                Thread.currentThread().interrupt();   // its write then closes the channel every range writes to
            } else {
                try {
                    Thread.sleep(300);   // the others write after the channel is closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o"), DownloadOptions.builder()
                .partSizeHint(MIB).concurrency(3).maxRangeAttempts(5).build()))
                .isInstanceOf(IOException.class);
        assertThat(store.getCalls.get()).as("the ranges in flight (at most 0-2), once each").isLessThanOrEqualTo(3);
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void withoutKeepPartialALeftoverOfAKilledDownloadIsDiscardedAndTheDownloadStartsOver() throws IOException {
        byte[] data = putMultipart("k", 17 * MIB, 8 * MIB, 21);
        Files.write(tmp.resolve(".o.s3pump.part"), new byte[17 * MIB]);   // zeros that a resume would trust
        new io.s3pump.client.internal.transfer.DownloadState(Etags.normalize(store.objects.get("b/k").etag()),
                17 * MIB, 8 * MIB, BootId.system().current().orElse(null), new java.util.TreeMap<>(java.util.Map.of(0, InMemoryStore.md5(new byte[8 * MIB]))))
                .save(tmp.resolve(".o.s3pump.state"));
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"), DownloadOptions.defaults());
        assertThat(store.getCalls.get()).isEqualTo(3);
        assertThat(r.rangesResumed()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
        assertThat(dirListing()).containsExactly(tmp.resolve("o"));
    }

    @Test
    void aResumedRangeRecordedWithoutItsMd5IsRehashedSoDamageInItIsFoundAndReadAgain() throws IOException {
        byte[] data = putMultipart("k", 17 * MIB, 8 * MIB, 22);
        byte[] damaged = data.clone();
        damaged[8 * MIB + 100] ^= 1;   // range 1, recorded done but not hashed (as by a --no-verify run)
        Files.write(tmp.resolve(".o.s3pump.part"), damaged);
        var done = new java.util.TreeMap<Integer, Md5Digest>();
        done.put(0, InMemoryStore.md5(Arrays.copyOfRange(data, 0, 8 * MIB)));
        done.put(1, null);
        new io.s3pump.client.internal.transfer.DownloadState(Etags.normalize(store.objects.get("b/k").etag()),
                17 * MIB, 8 * MIB, BootId.system().current().orElse(null), done).save(tmp.resolve(".o.s3pump.state"));
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().keepPartial(true).partSizeHint(8 * MIB).build());
        assertThat(store.getCalls.get()).as("range 2, then all three again once the ETag did not match").isEqualTo(4);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(r.verification().detail()).contains("second read");
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
    }

    @Test
    void aVerifiedDownloadThatCannotBeRenamedIntoPlaceLeavesNoTemporaryFile() throws IOException {
        putMultipart("k", 9 * MIB, 8 * MIB, 25);
        Path target = Files.createDirectories(tmp.resolve("o"));
        Files.writeString(target.resolve("inside"), "a non-empty directory cannot be replaced by a file");
        assertThatThrownBy(() -> downloader.download("b", "k", target, DownloadOptions.defaults()))
                .isInstanceOf(IOException.class);
        assertThat(dirListing()).containsExactly(target);
    }

    @Test
    void bytesDamagedInTransitAreReadAgainAndTheDownloadSucceedsOnlyWhenTheyMatch() throws IOException {
        byte[] data = putMultipart("k", 17 * MIB, 8 * MIB, 23);
        store.corruptNextGet(8 * MIB + 5);   // one GET delivers a flipped byte, as a faulty middlebox would
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"), DownloadOptions.defaults());
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
        assertThat(store.getCalls.get()).isEqualTo(6);
    }

    @Test
    void bytesThatDifferFromTheEtagOnEveryReadFailVerificationWhenThePartSizeIsKnown() throws IOException {
        putMultipart("k", 17 * MIB, 8 * MIB, 24);
        store.objects.computeIfPresent("b/k", (k, o) -> new InMemoryStore.Obj(o.data(), "0123456789abcdef0123456789abcdef-3"));
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o"),
                DownloadOptions.builder().partSizeHint(8 * MIB).build()))
                .isInstanceOf(VerificationException.class);
        assertThat(store.getCalls.get()).as("read twice before failing").isEqualTo(6);
        assertThat(dirListing()).isEmpty();
    }

    @Test
    void twoDownloadsToTheSameTargetAtOnceDoNotShareATemporaryFile() throws Exception {
        byte[] data = putMultipart("k", 17 * MIB, 8 * MIB, 23);
        var reached = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var blockedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        store.beforeRange = first -> {
            if (first == 8L * MIB && blockedOnce.compareAndSet(false, true)) {
                reached.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Path target = tmp.resolve("o");
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return downloader.download("b", "k", target, DownloadOptions.builder().concurrency(1).build());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertThat(reached.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            DownloadResult second = downloader.download("b", "k", target, DownloadOptions.defaults());
            assertThat(second.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
            assertThat(Files.readAllBytes(target)).isEqualTo(data);
        } finally {
            release.countDown();
        }
        assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).verification().level())
                .isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(dirListing()).containsExactly(target);
    }

    @Test
    void withoutEtagVerificationNothingIsHashedAndOnlyTheSizeIsChecked() throws IOException {
        putMultipart("k", 20 * MIB, 7 * MIB, 24);
        store.objects.get("b/k").data()[5] ^= 1;   // damage that the ETag check would find
        DownloadOptions noVerify = DownloadOptions.builder().partSizeHint(7 * MIB).verifyEtag(false).build();
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"), noVerify);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_ONLY);
        assertThat(r.verification().detail()).contains("ETag check turned off");

        // the state of a kept partial download records its ranges without an MD5: none was computed
        store.breakRangeAfter = first -> first == 14L * MIB ? 10 : -1;
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("p"), DownloadOptions.builder()
                .partSizeHint(7 * MIB).verifyEtag(false).keepPartial(true).maxRangeAttempts(1).concurrency(1).build()))
                .isInstanceOf(IOException.class);
        String state = Files.readString(tmp.resolve(".p.s3pump.state"));
        assertThat(state).contains("range 0 -\n", "range 1 -\n").doesNotContainPattern("range \\d+ [0-9a-f]{32}");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aDiskThatCannotHoldTheObjectFailsBeforeAnyGetWithOneLine() throws IOException {
        long size = 1L << 50;   // 1 PiB: more than any tmpfs holds, refused up front without allocating
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && Files.getFileStore(shm).getTotalSpace() > 0 && Files.getFileStore(shm).getTotalSpace() < size,
                "needs a size-limited tmpfs on /dev/shm");
        assertThat(io.s3pump.client.internal.transfer.Preallocation.available()).as("native access is enabled").isTrue();
        putSingle("big", 10, 25);
        store.headSizeOverride = size;
        Path dir = Files.createTempDirectory(shm, "s3pump-test");
        try {
            assertThatThrownBy(() -> downloader.download("b", "big", dir.resolve("o"),
                    DownloadOptions.builder().rangeSize(PartPlan.MAX_PART_SIZE).keepPartial(true).build()))
                    .isInstanceOf(java.nio.file.FileSystemException.class)
                    .hasMessage("not enough space for " + size + " bytes in " + dir);
            assertThat(store.getCalls.get()).isZero();
            try (var left = Files.list(dir)) {
                assertThat(left.toList()).as("nothing left behind").isEmpty();
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void anObjectReplacedDuringTheDownloadFailsIt() throws IOException {
        putMultipart("k", 17 * MIB, 8 * MIB, 9);
        store.headEtagOverride = "0123456789abcdef0123456789abcdef-3";
        assertThatThrownBy(() -> downloader.download("b", "k", tmp.resolve("o"), DownloadOptions.defaults()))
                .hasMessageContaining("changed during the download");
    }

    @Test
    void partSizeGuessesReproduceThePartCount() {
        long size = 104_857_601L;   // a prime just above 100 MiB
        assertThat(PartSizeGuess.guess(size, 13, 0)).isEqualTo(OptionalLong.of(8 * MIB));
        assertThat(PartSizeGuess.guess(size, 21, 0)).isEqualTo(OptionalLong.of(5 * MIB));
        assertThat(PartSizeGuess.guess(size, 7, 0)).isEqualTo(OptionalLong.of(16 * MIB));
        assertThat(PartSizeGuess.guess(size, 3, 0)).isEqualTo(OptionalLong.of(34 * MIB));
        assertThat(PartSizeGuess.guess(size, 1, 0)).isEqualTo(OptionalLong.of(size));
        assertThat(PartSizeGuess.guess(5, 6, 0)).isEmpty();
        for (int n = 2; n < 500; n += 7) {
            long p = PartSizeGuess.guess(size, n, 0).orElseThrow();
            assertThat(Math.ceilDiv(size, p)).isEqualTo(n);
        }
    }

    @Test
    void aStreamedDownloadContinuesFromTheLastByteWrittenAndVerifiesTheEtagAsTheBytesPass() throws IOException {
        byte[] data = putMultipart("k", 21 * MIB + 3, 8 * MIB, 41);
        java.util.concurrent.atomic.AtomicBoolean broke = new java.util.concurrent.atomic.AtomicBoolean();
        store.breakRangeAfter = first -> broke.compareAndSet(false, true) ? 3 * MIB + 7 : -1;
        var out = new java.io.ByteArrayOutputStream();
        DownloadResult r = downloader.download("b", "k", java.nio.channels.Channels.newChannel(out),
                DownloadOptions.defaults());
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(store.getCalls.get()).as("one GET, and one more from where it broke").isEqualTo(2);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(r.target()).isNull();
        assertThat(dirListing()).isEmpty();
    }

    @Test
    void aStreamedDownloadWhoseBytesDoNotGiveACertainEtagFailsAfterTheFact() throws IOException {
        putMultipart("k", 17 * MIB, 8 * MIB, 42);
        store.objects.computeIfPresent("b/k", (k, o) -> new InMemoryStore.Obj(o.data(), "0123456789abcdef0123456789abcdef-3"));
        assertThatThrownBy(() -> downloader.download("b", "k", java.nio.channels.Channels.newChannel(
                java.io.OutputStream.nullOutputStream()), DownloadOptions.builder().partSizeHint(8 * MIB).build()))
                .isInstanceOf(VerificationException.class).hasMessageContaining("already written");
    }

    @Test
    void aStreamedDownloadWhoseReaderWentAwayIsNotRetried() throws IOException {
        putMultipart("k", 17 * MIB, 8 * MIB, 43);
        java.nio.channels.WritableByteChannel closedPipe = new java.nio.channels.WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        assertThatThrownBy(() -> downloader.download("b", "k", closedPipe, DownloadOptions.defaults()))
                .hasMessage("Broken pipe");
        assertThat(store.getCalls.get()).isEqualTo(1);
    }

    @Test
    void aTargetNameTooLongForTheSideFilesSuffixesStillDownloads() throws IOException {
        byte[] data = putMultipart("k", 9 * MIB, 8 * MIB, 44);
        Path target = tmp.resolve("L".repeat(250));
        DownloadResult r = downloader.download("b", "k", target, DownloadOptions.defaults());
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(dirListing()).containsExactly(target);
    }

    @Test
    void anObjectWhosePartSizeCouldOnlyBeGuessedAsTheSmallestThatFitsIsReadOnceAndVouchedForBySizeOnly() throws IOException {
        byte[] data = putMultipart("k", 47_200_100, 5_900_000, 45);   // 9 parts of an odd size no default gives
        DownloadResult r = downloader.download("b", "k", tmp.resolve("o"), DownloadOptions.defaults());
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_ONLY);
        assertThat(r.verification().detail()).contains("was not reproduced with the guessed");
        assertThat(store.getCalls.get()).as("no second read").isEqualTo(9);
        assertThat(Files.readAllBytes(tmp.resolve("o"))).isEqualTo(data);
    }
}
