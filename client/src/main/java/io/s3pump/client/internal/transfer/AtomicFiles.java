package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable replacement of a small file (journals, download state): write a temporary file in the same directory,
 * fsync it, rename it over the target, fsync the directory. A crash or power loss leaves the old or the new
 * content, never a mix and never an empty file (a rename can reach the disk before the data it names otherwise).
 */
public final class AtomicFiles {
    /** The two flushes, a seam so that a test can check their order against the rename. */
    interface Sync {
        /** Forces the temporary file's content and metadata to the device. */
        void file(FileChannel ch) throws IOException;

        /** Forces the directory entry of the rename; a no-op where directories cannot be opened. */
        void directory(Path dir) throws IOException;
    }

    static final Sync FSYNC = new Sync() {
        @Override
        public void file(FileChannel ch) throws IOException {
            ch.force(true);
        }

        @Override
        public void directory(Path dir) {
            forceDirectory(dir);
        }
    };

    private AtomicFiles() {}

    /**
     * Replaces {@code target} with {@code text} (UTF-8), durably, through a temporary file of a new random name,
     * so that writers of the same target never share one.
     */
    public static void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        write(target, Files.createTempFile(dir, "." + target.getFileName(), ".tmp"), text, FSYNC);
    }

    /**
     * Replaces {@code target} with {@code text} through the temporary file {@code tmp}, which the caller owns
     * exclusively (a fixed name: a kill between the write and the rename leaves at most this one file, which the
     * next write reuses).
     */
    public static void write(Path target, Path tmp, String text) throws IOException {
        write(target, tmp, text, FSYNC);
    }

    static void write(Path target, Path tmp, String text, Sync sync) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bb = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bb.hasRemaining()) ch.write(bb);
                sync.file(ch);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            sync.directory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Fsyncs a directory so that a rename or unlink in it survives a power loss. Linux and macOS allow opening a
     * directory for reading and forcing it; Windows does not (nor does it need it), so failure is ignored.
     */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here: the rename is as durable as this platform makes it
        }
    }
}
