package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Upload journals on disk, one file per (bucket, key, local file), replaced durably with {@link AtomicFiles}
 * (temporary file, fsync, atomic rename, directory fsync), so a crash or power loss leaves the old or the new
 * journal, never half of one.
 */
public final class JournalStore {
    private final Path dir;

    public JournalStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The directory holding the journals. */
    public Path dir() {
        return dir;
    }

    /** The default location: {@code $XDG_STATE_HOME/s3pump/journals}, or {@code ~/.local/state/s3pump/journals}. */
    public static Path defaultDir() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state)
                : io.s3pump.client.internal.config.Home.directory().resolve(".local").resolve("state");
        return base.resolve("s3pump").resolve("journals");
    }

    /** The journal file of an upload of local file {@code path} to {@code bucket}/{@code key}. */
    public Path pathFor(String bucket, String key, String path) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((bucket + "\n" + key + "\n" + path).getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(sha.digest(), 0, 16) + ".journal");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads the journal at {@code file}; empty if there is none. */
    public Optional<UploadJournal> load(Path file) throws IOException {
        try {
            return Optional.of(UploadJournal.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code journal} atomically to its place and returns that path. */
    public Path save(UploadJournal journal) throws IOException {
        Path target = pathFor(journal.bucket(), journal.key(), journal.file().path());
        Files.createDirectories(dir);
        AtomicFiles.write(target, journal.format());
        return target;
    }

    /** Removes the journal at {@code file}, if any. */
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
