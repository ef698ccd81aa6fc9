package io.s3pump.bench.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.security.SecureRandom;

/** Makes the benchmark's test file: random bytes (incompressible, unlike zeros), reused when it already exists. */
public final class TestFiles {
    private static final int BUFFER = 4 << 20;

    private TestFiles() {}

    /** Whether the file was made now or an existing one of the right size was reused. */
    public record Prepared(Path path, long size, boolean generated, double seconds) {}

    /**
     * Returns {@code file} if it exists with exactly {@code size} bytes; else writes {@code size} random bytes to a
     * temporary file beside it and moves it into place (so an interrupted run never leaves a short file to reuse).
     */
    public static Prepared ensure(Path file, long size) throws IOException {
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
        if (Files.isRegularFile(file) && Files.size(file) == size) return new Prepared(file, size, false, 0);
        long start = System.nanoTime();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
            ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                long left = size;
                while (left > 0) {
                    buf.clear();
                    while (buf.remaining() >= 8) buf.putLong(random.nextLong());
                    buf.flip();
                    if (left < buf.limit()) buf.limit((int) left);
                    left -= buf.remaining();
                    while (buf.hasRemaining()) out.write(buf);
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new Prepared(file, size, true, (System.nanoTime() - start) / 1e9);
    }
}
