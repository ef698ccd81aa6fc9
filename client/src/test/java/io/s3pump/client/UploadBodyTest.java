package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.internal.hash.BodyHashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies write the same bytes every time, from arrays, mapped segments and file ranges, and hash alike. */
class UploadBodyTest {
    @TempDir
    Path dir;

    private static byte[] write(UploadBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(Channels.newChannel(out));
        return out.toByteArray();
    }

    private static byte[] read(UploadBody body) throws IOException {
        try (InputStream in = body.openStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aMappedBodyThatReleasesItsPagesAsItGoesWritesEveryLengthExactlyTwice() throws Exception {
        // lengths around the 1 MiB release window and the 8 KiB write slice, where the last slice is short
        int[] lengths = {(1 << 20) - 1, 1 << 20, (1 << 20) + 1, 5 * (1 << 20) - 1, 5 * (1 << 20) + 1, 3 * (1 << 20) + 4097};
        byte[] data = new byte[5 * (1 << 20) + 1];
        new Random(11).nextBytes(data);
        Path file = dir.resolve("m");
        Files.write(file, data);
        for (int length : lengths) {
            try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file)) {
                UploadBody body = UploadBody.ofFileMapping(ch.map(FileChannel.MapMode.READ_ONLY, 0, length, arena));
                byte[] expected = java.util.Arrays.copyOf(data, length);
                assertThat(write(body)).as("length " + length).isEqualTo(expected);
                assertThat(write(body)).as("second write, length " + length).isEqualTo(expected);
            }
        }
    }

    @Test
    void aCopyOnWriteMappingKeepsItsChangesAndSendsThemOnEveryWrite() throws Exception {
        // Releasing pages (madvise DONTNEED) of a PRIVATE mapping would discard the caller's changes: the body
        // would then send the file's bytes, not the segment's, and the caller's memory would change under it.
        byte[] data = new byte[3 * (1 << 20) + 5];
        new Random(13).nextBytes(data);
        Path file = dir.resolve("cow");
        Files.write(file, data);
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MemorySegment cow = ch.map(FileChannel.MapMode.PRIVATE, 0, data.length, arena);
            byte[] expected = data.clone();
            for (int i = 0; i < expected.length; i += 4096) {
                expected[i] ^= 0x5a;
                cow.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, expected[i]);
            }
            UploadBody body = UploadBody.of(cow);
            assertThat(Arrays.equals(write(body), expected)).as("first write sends the segment's bytes").isTrue();
            assertThat(Arrays.equals(write(body), expected)).as("second write (a retry) too").isTrue();
            assertThat(Arrays.equals(cow.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), expected))
                    .as("the caller's segment keeps its changes").isTrue();
        }
    }

    @Test
    void everyKindOfBodyWritesAndStreamsItsExactBytesRepeatedly() throws Exception {
        byte[] data = new byte[3 * (1 << 20) + 17]; // crosses the 1 MiB write slices
        new Random(7).nextBytes(data);
        Path file = dir.resolve("f");
        Files.write(file, new byte[5]);
        Files.write(file, data, StandardOpenOption.APPEND);
        byte[] expectedRange = java.util.Arrays.copyOfRange(data, 100, 100 + 2_000_000);
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file)) {
            MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 5 + 100, 2_000_000, arena);
            for (UploadBody body : new UploadBody[] {UploadBody.of(data, 100, 2_000_000), UploadBody.of(mapped),
                    UploadBody.ofFile(file, 5 + 100, 2_000_000)}) {
                assertThat(body.contentLength()).isEqualTo(2_000_000);
                assertThat(write(body)).as(body.toString()).isEqualTo(expectedRange);
                assertThat(write(body)).as("second write of " + body).isEqualTo(expectedRange);
                assertThat(read(body)).as("stream of " + body).isEqualTo(expectedRange);
            }
        }
    }

    @Test
    void hashingAMappedSegmentMatchesTheJdkDigests() throws Exception {
        byte[] data = new byte[1_500_000];
        new Random(9).nextBytes(data);
        Path file = dir.resolve("g");
        Files.write(file, data);
        HexFormat hex = HexFormat.of();
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file)) {
            MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, data.length, arena);
            Digests d = BodyHashing.complete(UploadBody.of(mapped), new BodyHashing.Wanted(true, true, true, true), Digests.NONE);
            assertThat(d.md5()).isEqualTo(hex.formatHex(MessageDigest.getInstance("MD5").digest(data)));
            assertThat(d.sha256()).isEqualTo(hex.formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
            java.util.zip.CRC32C c = new java.util.zip.CRC32C();
            c.update(data);
            assertThat(d.crc32c()).isEqualTo(String.format("%08x", c.getValue()));
            java.util.zip.CRC32 c32 = new java.util.zip.CRC32();
            c32.update(data);
            assertThat(d.crc32()).isEqualTo(String.format("%08x", c32.getValue()));
        }
    }

    @Test
    void aFileShorterThanItsRangeFailsInsteadOfSendingTooFewBytes() throws Exception {
        Path file = dir.resolve("short");
        Files.write(file, new byte[10]);
        assertThatThrownBy(() -> write(UploadBody.ofFile(file, 5, 10))).isInstanceOf(IOException.class).hasMessageContaining("ended");
    }

    @Test
    void digestsMustBeHex() {
        assertThatThrownBy(() -> Digests.NONE.withMd5("xyz")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Digests.NONE.withMd5("5D41402ABC4B2A76B9719D911017C592").md5()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    }
}
