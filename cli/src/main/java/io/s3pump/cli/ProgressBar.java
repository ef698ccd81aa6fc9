package io.s3pump.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress bar on stderr: bytes, percentage, rate, ETA and parts done, redrawn five times a second by
 * one virtual thread from the latest snapshot the transfer reported.
 *
 * <p>Why not a library: me.tongfei:progressbar 0.10.1 was tried. It drags in JLine's terminal (~450 KiB) whose
 * native loader makes JDK 25 print four "restricted method" warnings on every run, it starts its own scheduler,
 * and off a TTY it still writes carriage returns and colour codes. We draw only on a real terminal, and all we
 * need is a formatted line and {@code \r}.
 *
 * <p>Thread-safe: {@link #update} may be called from any transfer thread.
 */
final class ProgressBar implements AutoCloseable {
    private static final long REDRAW_MILLIS = 200;

    private final PrintWriter err;
    private final String label;
    private final long startNanos = System.nanoTime();
    private final Thread painter;
    private final int width;
    private final Object lock = new Object();
    private long bytesDone;
    private long totalBytes;
    private int partsDone;
    private int partCount;
    private volatile boolean closed;

    // Smoothed rate: an exponentially weighted mean over ~2 s, so that the ETA does not jump with every part.
    private double rate;
    private long lastBytes;
    private long lastNanos = startNanos;

    private ProgressBar(PrintWriter err, String label, int width) {
        this.err = err;
        this.label = label;
        this.width = width;
        this.painter = Thread.ofVirtual().name("s3pump-progress").start(this::paintLoop);
    }

    /** Starts drawing; {@code label} is e.g. "upload" or "download". */
    static ProgressBar start(PrintWriter err, String label) {
        return new ProgressBar(err, label, terminalWidth());
    }

    /** Records the latest totals; cheap, and never draws on the caller's thread. */
    void update(long bytesDone, long totalBytes, int partsDone, int partCount) {
        synchronized (lock) {
            this.bytesDone = bytesDone;
            this.totalBytes = totalBytes;
            this.partsDone = partsDone;
            this.partCount = partCount;
        }
    }

    private void paintLoop() {
        try {
            while (!closed) {
                TimeUnit.MILLISECONDS.sleep(REDRAW_MILLIS);
                if (closed) break;
                String line;
                synchronized (lock) {
                    long now = System.nanoTime();
                    double dt = (now - lastNanos) / 1e9;
                    if (dt > 0) {
                        double instant = (bytesDone - lastBytes) / dt;
                        double alpha = Math.min(1.0, dt / 2.0);
                        rate = rate == 0 ? instant : rate + alpha * (instant - rate);
                        lastBytes = bytesDone;
                        lastNanos = now;
                    }
                    line = render(label, bytesDone, totalBytes, partsDone, partCount,
                            Duration.ofNanos(now - startNanos), rate, width);
                }
                synchronized (err) {
                    err.print('\r' + line);
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops drawing and clears the line, so that the summary line starts on a clean row. */
    @Override
    public void close() {
        closed = true;
        painter.interrupt();
        try {
            painter.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (err) {
            err.print('\r' + " ".repeat(Math.max(0, width - 1)) + '\r');
            err.flush();
        }
    }

    /**
     * One progress line, at most {@code width - 1} characters:
     * {@code upload  412.00 MiB/1.00 GiB  40% [#####.....]  98.1 MiB/s  ETA 0:06  parts 51/128}.
     *
     * @param rate bytes per second, 0 when unknown
     */
    static String render(String label, long done, long total, int partsDone, int partCount, Duration elapsed,
            double rate, int width) {
        String sizes = ByteSize.format(done) + (total >= 0 ? "/" + ByteSize.format(total) : "");
        String pct = total > 0 ? String.format(Locale.ROOT, "%3d%%", (int) Math.min(100, done * 100 / total))
                : total == 0 ? "100%" : "";
        String speed = rate > 0 ? String.format(Locale.ROOT, "%.1f MiB/s", rate / ByteSize.MIB) : "-- MiB/s";
        String eta = rate > 0 && total > 0 ? "ETA " + clock(Duration.ofSeconds((long) Math.ceil((total - done) / rate)))
                : "ETA --:--";
        String parts = partCount > 0 ? "parts " + partsDone + "/" + partCount : "parts " + partsDone;
        String head = label + "  " + sizes + "  " + pct;
        String tail = "  " + speed + "  " + eta + "  " + parts + "  " + clock(elapsed);
        int barWidth = width - 1 - head.length() - tail.length() - 3;
        if (barWidth < 5 || total <= 0) {
            String line = head + tail;
            return line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
        }
        int filled = (int) (barWidth * Math.min(1.0, (double) done / total));
        return head + " [" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "]" + tail;
    }

    /** {@code m:ss} or {@code h:mm:ss}. */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
            return columns >= 40 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
