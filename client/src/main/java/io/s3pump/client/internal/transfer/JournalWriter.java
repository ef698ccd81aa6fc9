package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Records finished parts and saves the journal at most once per interval (and on {@link #flush()}), so a
 * 10,000-part upload does not rewrite a growing file 10,000 times. Parts finished since the last save are not
 * lost on a crash: resume finds them in ListParts and checks them against the local bytes.
 */
public final class JournalWriter {
    private static final System.Logger LOG = System.getLogger(JournalWriter.class.getName());

    private final JournalStore store;
    private final UploadJournal base;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Integer, UploadJournal.FinishedPart> parts;
    private long lastSave;
    private boolean dirty;
    private Path path;

    public JournalWriter(JournalStore store, UploadJournal journal, LongSupplier nanoTime, long intervalNanos) {
        this.store = store;
        this.base = journal.withParts(Map.of());
        this.nanoTime = nanoTime;
        this.intervalNanos = intervalNanos;
        this.parts = new TreeMap<>(journal.parts());
        this.lastSave = nanoTime.getAsLong();
        this.dirty = true;
    }

    /** Records a finished part; saves if the interval has passed. A failed save is logged, not thrown. */
    public void finished(UploadJournal.FinishedPart part) {
        lock.lock();
        try {
            parts.put(part.number(), part);
            dirty = true;
            if (nanoTime.getAsLong() - lastSave >= intervalNanos) {
                try {
                    saveLocked();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not save the upload journal; resume will rely on ListParts", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Saves now if anything changed since the last save, and returns the journal's path. */
    public Path flush() throws IOException {
        lock.lock();
        try {
            if (dirty) saveLocked();
            return path != null ? path : store.pathFor(base.bucket(), base.key(), base.file().path());
        } finally {
            lock.unlock();
        }
    }

    /** The journal as recorded so far. */
    public UploadJournal snapshot() {
        lock.lock();
        try {
            return base.withParts(parts);
        } finally {
            lock.unlock();
        }
    }

    private void saveLocked() throws IOException {
        path = store.save(base.withParts(parts));
        lastSave = nanoTime.getAsLong();
        dirty = false;
    }
}
