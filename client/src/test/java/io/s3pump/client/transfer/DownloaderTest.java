package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.internal.transfer.Etags;
import io.s3pump.client.internal.transfer.Md5Digest;
import io.s3pump.client.internal.transfer.PartSizeGuess;
import java.io.IOException;
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
}
