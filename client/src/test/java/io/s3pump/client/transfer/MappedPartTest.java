package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.internal.transfer.MappedPart;
import io.s3pump.client.internal.transfer.Md5Digest;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedPartTest {

    @TempDir Path tmp;

    private Path file(byte[] data) throws IOException {
        Path f = tmp.resolve("data");
        Files.write(f, data);
        return f;
    }

    @Test
    void aPartMapsExactlyItsSliceOfTheFile() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(data);
        try (FileChannel ch = FileChannel.open(file(data), StandardOpenOption.READ);
             MappedPart part = MappedPart.map(ch, 2, 1_000_003, 1_500_000)) {
            byte[] expected = Arrays.copyOfRange(data, 1_000_003, 2_500_003);
            assertThat(part.length()).isEqualTo(1_500_000);
            assertThat(part.segment().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(expected);
            assertThat(part.md5().bytes()).isEqualTo(MessageDigest.getInstance("MD5").digest(expected));
        }
    }

    @Test
    void theMd5IsComputedOnceAndAnOfferedMd5IsKept() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(2).nextBytes(data);
        try (FileChannel ch = FileChannel.open(file(data), StandardOpenOption.READ);
             MappedPart part = MappedPart.map(ch, 1, 0, data.length)) {
            assertThat(part.md5IfKnown()).isNull();
            Md5Digest fromClient = Md5Digest.of(MessageDigest.getInstance("MD5").digest(data));
            part.offerMd5(fromClient);
            assertThat(part.md5()).isSameAs(fromClient);
            part.offerMd5(Md5Digest.of(new byte[16]));
            assertThat(part.md5()).as("the first digest stays").isSameAs(fromClient);
        }
    }

    @Test
    void closingThePartUnmapsItAtOnce() throws Exception {
        try (FileChannel ch = FileChannel.open(file(new byte[4096]), StandardOpenOption.READ)) {
            MappedPart part = MappedPart.map(ch, 1, 0, 4096);
            part.close();
            part.close();
            assertThatThrownBy(() -> part.segment().get(ValueLayout.JAVA_BYTE, 0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anEmptyPartNeedsNoMapping() throws Exception {
        try (FileChannel ch = FileChannel.open(file(new byte[0]), StandardOpenOption.READ);
             MappedPart part = MappedPart.map(ch, 1, 0, 0)) {
            assertThat(part.length()).isZero();
            assertThat(part.md5().hex()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        }
    }
}
