package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.S3Exception;
import io.s3pump.client.internal.transfer.StreamUploadJob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Uploads of unknown length, against the in-memory store. */
class StreamUploadTest {
    private static final int MIB = 1 << 20;
    private final InMemoryStore store = new InMemoryStore();
    private final Uploader uploader = new Uploader(store, System::nanoTime);

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** A stream that hands out at most 1,000 bytes per read, as a pipe does. */
    private static InputStream trickle(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
    }

    @Test
    void aShortStreamGoesUpInOnePut() throws IOException {
        byte[] data = random(3 * MIB);
        UploadResult r = uploader.upload(trickle(data), "b", "k", UploadOptions.defaults());
        assertThat(r.partCount()).isEqualTo(1);
        assertThat(store.uploadPartCalls.get()).isZero();
        assertThat(store.objects.get("b/k").data()).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void anEmptyStreamIsAnEmptyObject() throws IOException {
        UploadResult r = uploader.upload(InputStream.nullInputStream(), "b", "empty", UploadOptions.defaults());
        assertThat(r.size()).isZero();
        assertThat(store.objects.get("b/empty").data()).isEmpty();
    }

    @Test
    void aLongStreamGoesUpInPartsAndVerifies() throws IOException {
        byte[] data = random(30 * MIB);   // an exact multiple of the part size: the last read finds the end
        UploadResult r = uploader.upload(trickle(data), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).concurrency(3).build());
        assertThat(r.partCount()).isEqualTo(6);
        assertThat(r.size()).isEqualTo(data.length);
        assertThat(store.objects.get("b/k").data()).isEqualTo(data);
        assertThat(r.etag()).endsWith("-6");
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(store.maxInFlight.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void partSizesGrowSoTheLimitDoesNotCapTheStream() throws IOException {
        byte[] data = random(40 * MIB);
        // 10 parts allowed: one part per tier, sizes 5, 10, 20 MiB, then the 5 MiB rest
        UploadResult r = uploader.upload(new ByteArrayInputStream(data), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).maxParts(10).build());
        assertThat(r.partCount()).isEqualTo(4);
        assertThat(store.objects.get("b/k").data()).isEqualTo(data);
    }

    @Test
    void aStreamUploadWhoseCompleteAnswerWasLostIsConfirmedByHead() throws IOException {
        store.loseCompleteAnswer = true;
        byte[] data = random(12 * MIB);
        UploadResult r = uploader.upload(new ByteArrayInputStream(data), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).build());
        assertThat(r.partCount()).isEqualTo(3);
        assertThat(r.etag()).isEqualTo(store.objects.get("b/k").etag());
        assertThat(store.aborts.get()).isZero();
    }

    @Test
    void aFailingPartAbortsTheStreamUpload() {
        store.failPart = n -> n == 2;
        assertThatThrownBy(() -> uploader.upload(new ByteArrayInputStream(random(20 * MIB)), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).build()))
                .isInstanceOf(S3Exception.class);
        assertThat(store.aborts.get()).isEqualTo(1);
        assertThat(store.uploads).isEmpty();
    }

    /** Arenas that count how many were opened and how many closed. */
    private static final class CountingArenas implements java.util.function.Supplier<Arena> {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public Arena get() {
            Arena arena = Arena.ofShared();
            opened.incrementAndGet();
            return new Arena() {
                @Override
                public MemorySegment allocate(long byteSize, long byteAlignment) {
                    return arena.allocate(byteSize, byteAlignment);
                }

                @Override
                public MemorySegment.Scope scope() {
                    return arena.scope();
                }

                @Override
                public void close() {
                    arena.close();
                    closed.incrementAndGet();
                }
            };
        }
    }

    private UploadResult streamUpload(byte[] data, UploadOptions options, CountingArenas arenas) throws IOException {
        return new StreamUploadJob(store, System::nanoTime, new ByteArrayInputStream(data), "b", "k", options,
                new StreamingPartPlan(5 * MIB, 10_000), arenas).run();
    }

    @Test
    void aStreamUploadInterruptedWhileReadingIsAbortedForAStreamCannotBeResumed() {
        byte[] chunk = new byte[1 << 20];
        InputStream interruptedAfter12MiB = new InputStream() {
            long served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= 12L << 20) {
                    // What an interruptible channel's stream does when Ctrl-C interrupts the reading thread
                    Thread.currentThread().interrupt();
                    throw new java.nio.channels.ClosedByInterruptException();
                }
                int n = Math.min(len, chunk.length);
                System.arraycopy(chunk, 0, b, off, n);
                served += n;
                return n;
            }
        };
        try {
            assertThatThrownBy(() -> uploader.upload(interruptedAfter12MiB, "b", "k", UploadOptions.builder()
                    .sizing(PartSizing.partSize(5 << 20)).build()))
                    .isInstanceOf(java.nio.channels.ClosedByInterruptException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(store.aborts.get()).isEqualTo(1);
        assertThat(store.uploads).isEmpty();
        assertThat(store.objects).isEmpty();
    }

    @Test
    void aFailedStreamUploadFreesEveryBufferItRead() {
        // One part in flight: part 1 fails while part 2 waits for memory, part 2 goes out anyway, and part 3 is
        // already read when the loop sees the failure. Its off-heap buffer must be freed, not leaked.
        store.failPart = n -> n == 1;
        CountingArenas arenas = new CountingArenas();
        assertThatThrownBy(() -> streamUpload(random(20 * MIB),
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).concurrency(1).build(), arenas))
                .isInstanceOf(S3Exception.class);
        assertThat(store.aborts.get()).isEqualTo(1);
        assertThat(arenas.opened.get()).isGreaterThanOrEqualTo(3);
        assertThat(arenas.closed.get()).as("arenas closed").isEqualTo(arenas.opened.get());
    }

    @Test
    void aStreamUploadThatCannotStartFreesItsFirstBuffer() {
        store.failCreate = true;
        CountingArenas arenas = new CountingArenas();
        assertThatThrownBy(() -> streamUpload(random(6 * MIB), UploadOptions.defaults(), arenas))
                .isInstanceOf(IOException.class);
        assertThat(arenas.opened.get()).isEqualTo(1);
        assertThat(arenas.closed.get()).isEqualTo(1);
    }

    @Test
    void aSuccessfulStreamUploadFreesEveryBuffer() throws IOException {
        CountingArenas arenas = new CountingArenas();
        byte[] data = random(12 * MIB);
        streamUpload(data, UploadOptions.defaults(), arenas);
        assertThat(store.objects.get("b/k").data()).isEqualTo(data);
        assertThat(arenas.opened.get()).isEqualTo(3); // 5 + 5 + 2 MiB: the short part ends the stream
        assertThat(arenas.closed.get()).isEqualTo(3);
    }

    @Test
    void aStreamedPartThatArrivedDamagedAbortsBeforeComplete() {
        // UNSIGNED-PAYLOAD with the default local MD5: the part's ETag is the only check, and it must be made
        // before Complete, so that a damaged object is never assembled.
        store.corruptPart = n -> n == 2;
        assertThatThrownBy(() -> uploader.upload(new ByteArrayInputStream(random(12 * MIB)), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).build()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.getMessage()).contains("part 2"));
        assertThat(store.aborts.get()).isEqualTo(1);
        assertThat(store.objects).isEmpty();
        assertThat(store.uploads).isEmpty();
    }

    @Test
    void aPartCountCannotBeHonouredForAStream() {
        assertThatThrownBy(() -> uploader.upload(InputStream.nullInputStream(), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partCount(4)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("part size");
    }
}
