package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which boot of the machine this is. A download's state names the boot it was saved in: bytes written in the same
 * boot are in the page cache or on the disk whatever was killed, so a resume in that boot trusts the listed ranges
 * and the download need not force its data to the disk before each save. After a reboot, only what can be checked
 * again is trusted.
 */
@FunctionalInterface
public interface BootId {
    /** This boot's identity, or empty where the system does not say (then every save forces the data first). */
    Optional<String> current();

    /** Linux's {@code /proc/sys/kernel/random/boot_id}: a random UUID chosen at each boot, read once. */
    static BootId system() {
        return SystemBootId::get;
    }
}

final class SystemBootId {
    private static final Optional<String> ID = read();

    private SystemBootId() {}

    static Optional<String> get() {
        return ID;
    }

    private static Optional<String> read() {
        try {
            String id = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).strip();
            return id.matches("[0-9a-fA-F-]{8,64}") ? Optional.of(id) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
