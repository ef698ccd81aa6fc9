package io.s3pump.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFilesTest {

    @Test
    void generatesExactlyTheSizeAskedInRandomBytes(@TempDir Path dir) throws Exception {
        long size = (4 << 20) + 13; // not a multiple of the buffer or of 8
        var a = TestFiles.ensure(dir.resolve("a.bin"), size);
        var b = TestFiles.ensure(dir.resolve("b.bin"), size);
        assertThat(a.generated()).isTrue();
        assertThat(Files.size(a.path())).isEqualTo(size);
        byte[] x = Files.readAllBytes(a.path());
        byte[] y = Files.readAllBytes(b.path());
        assertThat(x).isNotEqualTo(y);
        // random bytes: every byte value shows up, roughly evenly (expected 16 K each)
        int[] counts = new int[256];
        for (byte v : x) counts[v & 0xff]++;
        assertThat(java.util.Arrays.stream(counts).boxed()).allSatisfy(c -> assertThat(c).isBetween(14_000, 19_000));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.bin", "b.bin");
        }
    }

    @Test
    void reusesAFileOfTheRightSizeAndReplacesOneOfTheWrongSize(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.bin");
        TestFiles.ensure(f, 1000);
        Files.setLastModifiedTime(f, FileTime.fromMillis(0));
        var again = TestFiles.ensure(f, 1000);
        assertThat(again.generated()).isFalse();
        assertThat(Files.getLastModifiedTime(f).toMillis()).isZero();
        var other = TestFiles.ensure(f, 2000);
        assertThat(other.generated()).isTrue();
        assertThat(Files.size(f)).isEqualTo(2000);
    }
}
