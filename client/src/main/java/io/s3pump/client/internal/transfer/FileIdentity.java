package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * What makes a local file "the same file" for resume and for change detection during an upload: its absolute
 * path, size, modification time and, where the platform has one, its file key (device + inode on Linux).
 *
 * @param path the absolute, normalized path
 * @param size the size in bytes
 * @param mtimeNanos the modification time in nanoseconds since the epoch (as precise as the file system keeps it)
 * @param fileKey the platform file key, e.g. {@code (dev=803,ino=1234)}, or {@code ""} when there is none
 */
public record FileIdentity(String path, long size, long mtimeNanos, String fileKey) {

    public FileIdentity {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fileKey, "fileKey");
        if (size < 0) throw new IllegalArgumentException("negative size");
    }

    /** Reads the identity of {@code file} now. */
    public static FileIdentity of(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) throw new IOException(file + " is not a regular file");
        var mtime = attrs.lastModifiedTime().toInstant();
        long nanos = Math.addExact(Math.multiplyExact(mtime.getEpochSecond(), 1_000_000_000L), mtime.getNano());
        Object key = attrs.fileKey();
        return new FileIdentity(file.toAbsolutePath().normalize().toString(), attrs.size(), nanos,
                key == null ? "" : key.toString());
    }

    /** What differs between {@code this} (recorded) and {@code now}, for messages; empty when nothing does. */
    public String differences(FileIdentity now) {
        StringBuilder sb = new StringBuilder();
        if (!path.equals(now.path)) sb.append("path ").append(path).append(" → ").append(now.path).append("; ");
        if (size != now.size) sb.append("size ").append(size).append(" → ").append(now.size).append(" bytes; ");
        if (mtimeNanos != now.mtimeNanos) sb.append("modification time changed; ");
        if (!fileKey.equals(now.fileKey)) sb.append("file key ").append(fileKey).append(" → ").append(now.fileKey).append("; ");
        return sb.isEmpty() ? "" : sb.substring(0, sb.length() - 2);
    }
}
