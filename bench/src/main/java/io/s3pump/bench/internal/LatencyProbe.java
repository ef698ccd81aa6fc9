package io.s3pump.bench.internal;

import io.s3pump.bench.PartLatency;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures how long each part of a transfer takes without touching the engine: the engine runs one virtual thread
 * per part, so the JFR events {@code jdk.VirtualThreadStart} and {@code jdk.VirtualThreadEnd}, paired by thread
 * id, give each part's time from a free slot to its acknowledgement. JFR delivers events about once a second, so
 * {@link #collect()} waits for the flushes that cover the transfer.
 */
public final class LatencyProbe implements AutoCloseable {
    private static final String START = "jdk.VirtualThreadStart";
    private static final String END = "jdk.VirtualThreadEnd";
    /** Two flushes after the transfer ended: the first may have begun before the last part's end event. */
    private static final int FLUSHES = 2;

    private final RecordingStream stream;
    private final Map<Long, Instant> starts = new ConcurrentHashMap<>();
    // microseconds, 3 significant digits, up to an hour
    private final Recorder recorder = new Recorder(3_600_000_000L, 3);
    private final AtomicLong flushes = new AtomicLong();

    private LatencyProbe(RecordingStream stream) {
        this.stream = stream;
    }

    /** Starts the stream; the caller closes the probe. */
    public static LatencyProbe start() {
        RecordingStream s = new RecordingStream();
        LatencyProbe probe = new LatencyProbe(s);
        try {
            s.enable(START);
            s.enable(END);
            s.setReuse(true);
            s.onEvent(START, probe::started);
            s.onEvent(END, probe::ended);
            s.onFlush(probe.flushes::incrementAndGet);
            s.startAsync();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return probe;
    }

    private void started(RecordedEvent e) {
        starts.put(e.getLong("javaThreadId"), e.getStartTime());
    }

    private void ended(RecordedEvent e) {
        Instant start = starts.remove(e.getLong("javaThreadId"));
        if (start != null) {
            long micros = Math.max(0, Duration.between(start, e.getStartTime()).toNanos() / 1000);
            recorder.recordValue(Math.min(micros, 3_600_000_000L));
        }
    }

    /** Forgets what was recorded so far: the next {@link #collect()} covers only what follows. */
    public void reset() {
        waitForFlushes(1);
        starts.clear();
        recorder.getIntervalHistogram();
    }

    /** The latencies of the parts that ended since the last {@link #reset()} or {@code collect()}. */
    public PartLatency collect() {
        waitForFlushes(FLUSHES);
        Histogram h = recorder.getIntervalHistogram();
        if (h.getTotalCount() == 0) return new PartLatency(0, 0, 0, 0, 0);
        return new PartLatency(h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    private void waitForFlushes(int n) {
        long target = flushes.get() + n;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (flushes.get() < target && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stream.close();
    }
}
