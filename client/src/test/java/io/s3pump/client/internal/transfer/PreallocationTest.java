package io.s3pump.client.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class PreallocationTest {
    @TempDir Path dir;

    /** Bytes the file system allocated to {@code file}, from {@code stat(1)}'s block count. */
    private static long allocatedBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String[] out = new String(p.getInputStream().readAllBytes()).trim().split(" ");
        assertThat(p.waitFor()).isZero();
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }

    @Test
    void reservesRealBlocksWhereASparseFileHasNone() throws Exception {
        assertThat(Preallocation.available()).as("Linux, with native access enabled for the tests").isTrue();
        long length = 64L << 20;
        Path sparse = dir.resolve("sparse");
        try (FileChannel ch = FileChannel.open(sparse, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), length - 1);
        }
        Path reserved = Files.createFile(dir.resolve("reserved"));
        try (Preallocation.Reservation r = Preallocation.allocate(reserved, length)) {
            assertThat(r.reserved()).isTrue();
        }
        assertThat(Files.size(reserved)).isEqualTo(length);
        assertThat(allocatedBytes(reserved)).isGreaterThanOrEqualTo(length);
        assertThat(allocatedBytes(sparse)).isLessThan(1L << 20);
    }

    @Test
    void keepsTheDataOfAFileThatIsAlreadyPartlyWritten() throws IOException {
        Path file = dir.resolve("partial");
        Files.writeString(file, "kept");
        try (Preallocation.Reservation r = Preallocation.allocate(file, 1 << 20)) {
            assertThat(r.reserved()).isTrue();
        }
        assertThat(Files.size(file)).isEqualTo(1 << 20);
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(file)) {
            assertThat(in.read(head)).isEqualTo(4);
        }
        assertThat(new String(head)).isEqualTo("kept");
    }

    @Test
    void fallocateFailingWithEnospcOnAStartedFileGivesTheOutOfSpaceLine() throws IOException {
        long size = 1L << 50;   // 1 PiB: tmpfs refuses more than its size up front, without allocating
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && Files.getFileStore(shm).getTotalSpace() > 0 && Files.getFileStore(shm).getTotalSpace() < size,
                "needs a size-limited tmpfs on /dev/shm");
        Path file = Files.createTempFile(shm, "s3pump-test", ".part");
        try {
            Files.writeString(file, "resumed data");   // not empty: the free-space shortcut does not apply
            assertThatThrownBy(() -> Preallocation.allocate(file, size))
                    .isInstanceOf(java.nio.file.FileSystemException.class)
                    .hasMessage("not enough space for " + size + " bytes in " + shm);
            assertThat(Files.readString(file)).isEqualTo("resumed data");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void theOutOfSpaceLineNamesTheSizeAndTheDirectory() {
        assertThat(Preallocation.notEnoughSpace(123, Path.of("/data")))
                .isEqualTo("not enough space for 123 bytes in /data");
    }
}
