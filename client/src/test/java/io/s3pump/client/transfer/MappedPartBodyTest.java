package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.internal.transfer.MappedPart;
import io.s3pump.client.internal.transfer.MappedPartBody;
import io.s3pump.client.internal.transfer.Md5Digest;
import io.s3pump.client.internal.transfer.ProgressTracker;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedPartBodyTest {

    @TempDir Path tmp;

    private Path file(byte[] data) throws IOException {
        Path f = tmp.resolve("data");
        Files.write(f, data);
        return f;
    }

    @Test
    void bodyWritesExactlyThePartsBytesEveryTimeItIsWritten() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(data);
        try (FileChannel ch = FileChannel.open(file(data), StandardOpenOption.READ);
             MappedPart part = MappedPart.map(ch, 2, 1_000_003, 1_500_000)) {
            MappedPartBody body = new MappedPartBody(part);
            assertThat(body.contentLength()).isEqualTo(1_500_000);
            assertThat(body.isOneShot()).isFalse();
            byte[] expected = Arrays.copyOfRange(data, 1_000_003, 2_500_003);
            for (int attempt = 0; attempt < 2; attempt++) {
                Buffer sink = new Buffer();
                body.writeTo(sink);
                assertThat(sink.readByteArray()).isEqualTo(expected);
            }
            assertThat(part.md5().bytes()).isEqualTo(MessageDigest.getInstance("MD5").digest(expected));
        }
    }

    @Test
    void theSendingPassProvidesTheMd5SoItIsNotComputedAgain() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(2).nextBytes(data);
        try (FileChannel ch = FileChannel.open(file(data), StandardOpenOption.READ);
             MappedPart part = MappedPart.map(ch, 1, 0, data.length)) {
            assertThat(part.md5IfKnown()).isNull();
            new MappedPartBody(part).writeTo(new Buffer());
            Md5Digest fromSend = part.md5IfKnown();
            assertThat(fromSend).isEqualTo(Md5Digest.of(MessageDigest.getInstance("MD5").digest(data)));
            assertThat(part.md5()).isSameAs(fromSend);
        }
    }

    @Test
    void closingThePartUnmapsItAtOnce() throws Exception {
        try (FileChannel ch = FileChannel.open(file(new byte[4096]), StandardOpenOption.READ)) {
            MappedPart part = MappedPart.map(ch, 1, 0, 4096);
            part.close();
            part.close();
            assertThatThrownBy(() -> part.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void progressCountsARetriedPartOnce() throws Exception {
        byte[] data = new byte[2 << 20];
        var events = new java.util.ArrayList<TransferProgress>();
        ProgressTracker tracker = new ProgressTracker(events::add, () -> 0, data.length, 1);
        try (FileChannel ch = FileChannel.open(file(data), StandardOpenOption.READ);
             MappedPart part = MappedPart.map(ch, 1, 0, data.length)) {
            ProgressTracker.PartCounter counter = tracker.part(data.length);
            MappedPartBody body = new MappedPartBody(part, counter, true);
            body.writeTo(new Buffer());
            body.writeTo(new Buffer());
            counter.done();
        }
        assertThat(tracker.snapshot().bytesDone()).isEqualTo(data.length);
        assertThat(events).hasSize(3);
    }

    @Test
    void anEmptyPartNeedsNoMapping() throws Exception {
        try (FileChannel ch = FileChannel.open(file(new byte[0]), StandardOpenOption.READ);
             MappedPart part = MappedPart.map(ch, 1, 0, 0)) {
            Buffer sink = new Buffer();
            new MappedPartBody(part).writeTo(sink);
            assertThat(sink.size()).isZero();
            assertThat(part.md5().hex()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        }
    }
}
