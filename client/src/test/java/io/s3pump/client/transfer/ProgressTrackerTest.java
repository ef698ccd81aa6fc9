package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.internal.transfer.ProgressTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {

    private static final long MIB = 1 << 20;

    @Test
    void eventsComePerMebibyteAndPerPartNotPerWrite() {
        List<TransferProgress> events = new ArrayList<>();
        AtomicLong now = new AtomicLong(0);
        ProgressTracker tracker = new ProgressTracker(events::add, now::get, 3 * MIB, 1);
        ProgressTracker.PartCounter part = tracker.part(3 * MIB);
        for (int i = 0; i < 3 * 64; i++) part.advance(16 * 1024);
        assertThat(events).hasSize(3);
        now.set(2_000_000_000L);
        part.done();
        assertThat(events).hasSize(4);
        TransferProgress last = events.getLast();
        assertThat(last.complete()).isTrue();
        assertThat(last.elapsed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(last.bytesPerSecond()).isEqualTo(1.5 * MIB);
    }

    @Test
    void aRetriedPartIsCountedOnce() {
        List<TransferProgress> events = new ArrayList<>();
        ProgressTracker tracker = new ProgressTracker(events::add, () -> 0, 2 * MIB, 1);
        ProgressTracker.PartCounter part = tracker.part(2 * MIB);
        part.advance(MIB + 5);
        part.restart();
        part.advance(MIB);
        assertThat(tracker.snapshot().bytesDone()).isEqualTo(MIB + 5);
        part.advance(MIB);
        part.done();
        assertThat(tracker.snapshot().bytesDone()).isEqualTo(2 * MIB);
        assertThat(events.stream().mapToLong(TransferProgress::bytesDone)).isSorted();
    }

    @Test
    void skippedPartsCountAsDoneAndAFailingListenerDoesNotBreakTheTransfer() {
        ProgressTracker tracker = new ProgressTracker(p -> { throw new IllegalStateException("boom"); }, () -> 0, 10, 2);
        tracker.skipped(4);
        tracker.part(6).done();
        assertThat(tracker.snapshot()).isEqualTo(new TransferProgress(10, 10, 2, 2, Duration.ZERO));
    }
}
