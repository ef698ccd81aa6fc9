package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.S3Exception;
import io.s3pump.client.internal.transfer.JournalStore;
import io.s3pump.client.internal.transfer.UploadJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload engine's decisions against an in-memory store; HTTP is covered by the MockWebServer tests. */
class UploaderTest {
    private static final int MIB = 1 << 20;

    @TempDir Path tmp;
    private final InMemoryStore store = new InMemoryStore();
    private final Uploader uploader = new Uploader(store, System::nanoTime);

    private Path randomFile(long size, long seed) throws IOException {
        Path f = tmp.resolve("file-" + size + "-" + seed);
        byte[] data = new byte[(int) size];
        new Random(seed).nextBytes(data);
        Files.write(f, data);
        return f;
    }

    private UploadOptions.Builder opts() {
        return UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).singlePutThreshold(5 * MIB)
                .journalDir(tmp.resolve("journals")).concurrency(3);
    }

    @Test
    void uploadsAFileInPartsAndVerifiesTheCompositeEtag() throws IOException {
        Path f = randomFile(23 * MIB + 5, 1);
        var events = new java.util.concurrent.ConcurrentLinkedQueue<TransferProgress>();
        UploadResult r = uploader.upload(f, "b", "k", opts().listener(events::add).build());
        assertThat(r.partCount()).isEqualTo(5);
        assertThat(r.etag()).endsWith("-5");
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(store.objects.get("b/k").data()).isEqualTo(Files.readAllBytes(f));
        assertThat(store.maxInFlight.get()).isLessThanOrEqualTo(3);
        assertThat(events).isNotEmpty();
        assertThat(events.stream().filter(TransferProgress::complete)).isNotEmpty();
        assertThat(events.size()).as("events per MiB and per part, not per write").isLessThanOrEqualTo(23 + 1 + 5);
        assertThat(tmp.resolve("journals")).isEmptyDirectory();
    }

    @Test
    void smallFilesGoUpInOnePut() throws IOException {
        Path f = randomFile(1000, 2);
        UploadResult r = uploader.upload(f, "b", "small", opts().build());
        assertThat(r.partCount()).isEqualTo(1);
        assertThat(store.uploadPartCalls.get()).isZero();
        assertThat(r.etag()).isEqualTo(InMemoryStore.md5(Files.readAllBytes(f)).hex());
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void withASignedPayloadTheServersPartEtagsAreCheckedWithoutHashingLocally() throws IOException {
        Path f = randomFile(11 * MIB, 3);
        store.payloadCheck = io.s3pump.client.internal.transfer.ObjectStore.PayloadCheck.SIGNED_PAYLOAD;
        UploadResult r = uploader.upload(f, "b", "k", opts().build());
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_PART_ETAGS);
        UploadResult always = uploader.upload(f, "b", "k2", opts().localMd5(UploadOptions.LocalMd5.ALWAYS).build());
        assertThat(always.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void withContentMd5TheMd5IsComputedOnceAndReusedForTheEtag() throws IOException {
        Path f = randomFile(11 * MIB, 13);
        store.payloadCheck = io.s3pump.client.internal.transfer.ObjectStore.PayloadCheck.MD5;
        UploadResult r = uploader.upload(f, "b", "k", opts().localMd5(UploadOptions.LocalMd5.NEVER).build());
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(store.md5sFromClient.get()).as("we hashed before the client needed it").isZero();
    }

    @Test
    void aPartThatFailsForGoodAbortsTheUploadWithSecondaryFailuresSuppressed() throws IOException {
        Path f = randomFile(30 * MIB, 4);
        store.failPart = n -> n >= 2;
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", opts().build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.getSuppressed()).allSatisfy(s -> assertThat(s).isInstanceOf(S3Exception.class));
                });
        assertThat(store.aborts.get()).isEqualTo(1);
        assertThat(store.uploads).isEmpty();
        assertThat(store.uploadPartCalls.get()).as("no new parts start after the failure").isLessThan(6);
        assertThat(tmp.resolve("journals")).isEmptyDirectory();
    }

    @Test
    void anInterruptWhileTheUploadIsCreatedKeepsItResumableInsteadOfOrphaningIt() throws IOException {
        Path f = randomFile(12 * MIB, 31);
        Thread caller = Thread.currentThread();
        store.afterCreate = caller::interrupt;   // Ctrl-C while CreateMultipartUpload is answering
        try {
            assertThatThrownBy(() -> uploader.upload(f, "b", "k", opts().build()))
                    .isInstanceOfSatisfying(ResumableUploadException.class, e -> assertThat(e.journal()).exists());
            assertThat(Thread.interrupted()).as("the interrupt is still reported to the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(store.uploads).hasSize(1);
        store.afterCreate = () -> {};
        UploadResult r = uploader.upload(f, "b", "k", opts().resume(true).build());
        assertThat(store.uploads).isEmpty();
        assertThat(store.objects.get("b/k").data()).isEqualTo(Files.readAllBytes(f));
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void keepResumableLeavesTheUploadAndAResumeSendsOnlyMissingParts() throws IOException {
        Path f = randomFile(30 * MIB + 1, 5);
        store.failPart = n -> n == 4;
        UploadOptions options = opts().keepResumable(true).concurrency(1).build();
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", options))
                .isInstanceOfSatisfying(ResumableUploadException.class, e -> {
                    assertThat(e.getCause()).isInstanceOf(S3Exception.class);
                    assertThat(e.partsDone()).isEqualTo(3);
                    assertThat(e.partCount()).isEqualTo(7);
                    assertThat(e.journal()).exists();
                });
        assertThat(store.aborts.get()).isZero();
        assertThat(store.uploads).hasSize(1);
        int callsBefore = store.uploadPartCalls.get();

        store.failPart = n -> false;
        UploadResult r = uploader.upload(f, "b", "k", options);
        assertThat(r.partsResumed()).isEqualTo(3);
        assertThat(store.uploadPartCalls.get() - callsBefore).isEqualTo(4);
        assertThat(store.objects.get("b/k").data()).isEqualTo(Files.readAllBytes(f));
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void resumeChecksUnjournaledListedPartsAgainstTheLocalBytes() throws IOException {
        Path f = randomFile(20 * MIB, 6);
        store.failPart = n -> n == 3;
        UploadOptions options = opts().keepResumable(true).concurrency(1).build();
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", options)).isInstanceOf(ResumableUploadException.class);
        // Forget the journaled parts, as if the process died before a journal save: ListParts must be checked.
        JournalStore js = new JournalStore(tmp.resolve("journals"));
        Path jp = js.pathFor("b", "k", f.toAbsolutePath().normalize().toString());
        UploadJournal j = js.load(jp).orElseThrow();
        js.save(j.withParts(java.util.Map.of()));
        int callsBefore = store.uploadPartCalls.get();
        store.failPart = n -> false;
        UploadResult r = uploader.upload(f, "b", "k", options);
        assertThat(r.partsResumed()).as("parts 1 and 2 matched by MD5").isEqualTo(2);
        assertThat(store.uploadPartCalls.get() - callsBefore).isEqualTo(2);
        assertThat(store.objects.get("b/k").data()).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void aJournalOfAChangedFileIsNotResumedAndItsUploadIsAborted() throws IOException {
        Path f = randomFile(12 * MIB, 7);
        store.failPart = n -> n == 2;
        UploadOptions options = opts().keepResumable(true).build();
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", options)).isInstanceOf(ResumableUploadException.class);
        Files.write(f, new byte[]{1}, StandardOpenOption.APPEND);
        store.failPart = n -> false;
        UploadResult r = uploader.upload(f, "b", "k", options);
        assertThat(r.partsResumed()).isZero();
        assertThat(store.aborts.get()).isEqualTo(1);
        assertThat(store.uploads).isEmpty();
        assertThat(r.size()).isEqualTo(12 * MIB + 1);
    }

    @Test
    void startingOverWithoutResumeAbortsTheUploadAnEarlierRunKept() throws IOException {
        Path f = randomFile(12 * MIB, 9);
        store.failPart = n -> n == 2;
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", opts().keepResumable(true).build()))
                .isInstanceOf(ResumableUploadException.class);
        assertThat(store.uploads).hasSize(1);
        store.failPart = n -> false;
        UploadResult r = uploader.upload(f, "b", "k", opts().resume(false).build());
        assertThat(r.partsResumed()).isZero();
        assertThat(store.aborts.get()).as("the kept upload is aborted, not orphaned").isEqualTo(1);
        assertThat(store.uploads).isEmpty();
        assertThat(tmp.resolve("journals")).isEmptyDirectory();
    }

    @Test
    void aFileThatChangesDuringTheUploadFailsAndIsAborted() throws IOException {
        Path f = randomFile(20 * MIB, 8);
        AtomicBoolean touched = new AtomicBoolean();
        store.duringPart = () -> {
            if (touched.compareAndSet(false, true)) {
                try {
                    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", opts().keepResumable(true).build()))
                .isInstanceOf(FileChangedException.class)
                .hasMessageContaining("modification time");
        assertThat(store.aborts.get()).isEqualTo(1);
        assertThat(store.objects).isEmpty();
    }

    @Test
    void anEtagMismatchAfterCompleteIsAVerificationFailure() throws IOException {
        Path f = randomFile(11 * MIB, 9);
        store.headEtagOverride = "0123456789abcdef0123456789abcdef-3";
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", opts().build()))
                .isInstanceOfSatisfying(VerificationException.class, e -> {
                    assertThat(e.actual()).isEqualTo(store.headEtagOverride);
                    assertThat(e.expected()).endsWith("-3").isNotEqualTo(e.actual());
                });
    }

    @Test
    void anOpaqueEtagLeavesOnlyTheSizeVerifiedAndSaysSo() throws IOException {
        Path f = randomFile(11 * MIB, 10);
        store.headEtagOverride = "kms-encrypted-etag";
        UploadResult r = uploader.upload(f, "b", "k", opts().build());
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_ONLY);
        assertThat(r.verification().detail()).contains("not MD5-based");
    }

    @Test
    void anInterruptedUploadKeepsItsJournalForResume() throws Exception {
        Path f = randomFile(40 * MIB, 11);
        Thread caller = Thread.currentThread();
        store.duringPart = () -> {
            if (store.uploadPartCalls.get() == 2) caller.interrupt();
        };
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", opts().concurrency(1).build()))
                .isInstanceOf(ResumableUploadException.class)
                .hasCauseInstanceOf(java.io.InterruptedIOException.class);
        Thread.interrupted();
        assertThat(store.aborts.get()).isZero();
        store.duringPart = () -> {};
        UploadResult r = uploader.upload(f, "b", "k", opts().build());
        assertThat(r.partsResumed()).isGreaterThanOrEqualTo(1);
        assertThat(store.objects.get("b/k").data()).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void impossibleRequestsFailBeforeAnyRequest() throws IOException {
        Path f = randomFile(12 * MIB, 12);
        assertThatThrownBy(() -> uploader.upload(f, "b", "k", opts().sizing(PartSizing.partSize(MIB)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 MiB");
        assertThat(store.uploads).isEmpty();
        assertThat(store.objects).isEmpty();
    }
}
