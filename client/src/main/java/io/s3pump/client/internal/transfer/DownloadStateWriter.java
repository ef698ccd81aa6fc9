package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Records a download's finished ranges and saves its {@link DownloadState} as they finish, at most once per
 * interval (and on {@link #flush()}), so that a download killed with SIGKILL can be resumed: the state is on disk
 * before anything could catch a failure. The state names the boot it was saved in: bytes written before a kill are
 * in the page cache, so a resume in the same boot can trust the listed ranges, and one after a reboot checks them
 * again. Only where the boot is unknown does each save first force the temporary file's data, so that a listed
 * range is on the disk even after a power loss (forcing costs every download disk writes while it runs, for the
 * rare resume after a crash). One saver at a time; the other ranges keep streaming meanwhile.
 */
final class DownloadStateWriter {
    private static final System.Logger LOG = System.getLogger(DownloadStateWriter.class.getName());

    private final Path path;
    private final FileChannel data;
    private final String etag;
    private final long size;
    private final long rangeSize;
    private final String boot;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Serialises saves, so an older snapshot can never overwrite a newer one. */
    private final ReentrantLock saving = new ReentrantLock();
    private final TreeMap<Integer, Md5Digest> done = new TreeMap<>();
    private long lastSave;
    private long version;
    private long savedVersion = -1;
    private int saves;

    /** {@code boot} is this boot's {@link BootId}, or {@code null} if unknown (then the data is forced first). */
    DownloadStateWriter(Path path, FileChannel data, String etag, long size, long rangeSize, String boot,
                        SortedMap<Integer, Md5Digest> alreadyDone, LongSupplier nanoTime, long intervalNanos) {
        this.path = path;
        this.data = data;
        this.etag = etag;
        this.size = size;
        this.rangeSize = rangeSize;
        this.boot = boot;
        this.nanoTime = nanoTime;
        this.intervalNanos = intervalNanos;
        this.done.putAll(alreadyDone);
        this.lastSave = nanoTime.getAsLong();
    }

    /** Records a finished range ({@code md5} null if not hashed); saves if the interval has passed. */
    void finished(int range, Md5Digest md5) {
        boolean due;
        lock.lock();
        try {
            done.put(range, md5);
            version++;
            due = nanoTime.getAsLong() - lastSave >= intervalNanos;
            if (due) lastSave = nanoTime.getAsLong();
        } finally {
            lock.unlock();
        }
        // A save in progress will be followed by the next due one; never queue finished ranges behind it.
        if (due && saving.tryLock()) {
            try {
                save();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not save the download state " + path
                        + "; a killed download may refetch more", e);
            } finally {
                saving.unlock();
            }
        }
    }

    /** Saves now if anything changed since the last save. */
    void flush() throws IOException {
        saving.lock();
        try {
            save();
        } finally {
            saving.unlock();
        }
    }

    /** How many times the state was written, for tests of the coalescing. */
    int saves() {
        lock.lock();
        try {
            return saves;
        } finally {
            lock.unlock();
        }
    }

    private void save() throws IOException {
        DownloadState state;
        long v;
        lock.lock();
        try {
            if (version == savedVersion) return;
            v = version;
            state = new DownloadState(etag, size, rangeSize, boot, done);
        } finally {
            lock.unlock();
        }
        // Without a boot to check against, the ranges the state lists must be on the disk before the state that
        // vouches for them.
        if (boot == null) data.force(false);
        state.save(path);
        lock.lock();
        try {
            savedVersion = Math.max(savedVersion, v);
            saves++;
        } finally {
            lock.unlock();
        }
    }
}
