package io.s3pump.client.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.UploadBody;
import io.s3pump.sigv4.ChecksumAlgorithm;
import io.s3pump.sigv4.ChunkEncoder;
import io.s3pump.sigv4.Credentials;
import io.s3pump.sigv4.PayloadMode;
import io.s3pump.sigv4.SignableRequest;
import io.s3pump.sigv4.Signer;
import io.s3pump.sigv4.SigningParams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FramedBodyTest {
    private static final SigningParams PARAMS = SigningParams.s3(Credentials.of("AKID", "secret"), "us-east-1",
            Instant.parse("2026-11-25T00:00:00Z"));

    @TempDir Path dir;

    private static ChunkEncoder encoder(PayloadMode mode) {
        return Signer.sigV4().sign(SignableRequest.of("PUT", "h", "/b/k", mode), PARAMS).chunkEncoder();
    }

    /**
     * Collects what is written, as a socket would take it: gathering, and at most {@code limit} bytes per call (a
     * socket on a virtual thread often takes only what its buffer has room for).
     */
    private static final class Capture implements GatheringByteChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int limit;
        int gatheringWrites;

        Capture(int limit) {
            this.limit = limit;
        }

        Capture() {
            this(Integer.MAX_VALUE);
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(src.remaining(), limit);
            byte[] b = new byte[n];
            src.get(b);
            bytes.writeBytes(b);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            gatheringWrites++;
            long n = 0;
            for (int i = offset; i < offset + length && n < limit; i++) {
                ByteBuffer part = srcs[i].slice(srcs[i].position(), (int) Math.min(srcs[i].remaining(), limit - n));
                n += write(part);
                srcs[i].position(srcs[i].position() + part.position());
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    @ParameterizedTest(name = "{0} bytes in chunks of {1}")
    @CsvSource({"0, 65536", "1, 65536", "65536, 65536", "3145728, 65536", "3145739, 65536", "3145739, 100000",
            "1048576, 8192", "250000, 100000"})
    void aMappedPartFramedWhereItLiesIsTheSameBodyAsTheEncodedStream(int size, int chunk) throws IOException {
        byte[] data = new byte[size];
        new Random(size ^ chunk).nextBytes(data);
        Path file = Files.write(dir.resolve("part"), data);
        for (PayloadMode mode : new PayloadMode[] {new PayloadMode.Streaming(size, chunk),
                new PayloadMode.StreamingSignedTrailer(size, chunk, ChecksumAlgorithm.CRC32C)}) {
            ChunkEncoder encoder = encoder(mode);
            byte[] expected = encoder.encode(ByteBuffer.wrap(data)).readAllBytes();
            try (FileChannel ch = FileChannel.open(file); Arena arena = Arena.ofConfined()) {
                UploadBody mapped = UploadBody.ofFileMapping(ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
                FramedBody body = new FramedBody(mapped, encoder);
                assertThat(body.contentLength()).isEqualTo(expected.length);
                Capture socket = new Capture();
                body.writeTo(socket);
                assertThat(socket.bytes.toByteArray()).as(mode.toString()).isEqualTo(expected);
                if (size >= 1 << 20) assertThat(socket.gatheringWrites).as("a batch of chunks per write").isLessThan(size / chunk);
                Capture again = new Capture(1000);
                body.writeTo(again);   // a retry sends the same body again, here through short gathering writes
                assertThat(again.bytes.toByteArray()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aChannelThatCannotGatherGetsTheSameBytes() throws IOException {
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data);
        ChunkEncoder encoder = encoder(new PayloadMode.Streaming(data.length, 65536));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel plain = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = Math.min(src.remaining(), 1000);   // short writes, too
                byte[] b = new byte[n];
                src.get(b);
                out.writeBytes(b);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
        new FramedBody(UploadBody.of(data), encoder).writeTo(plain);
        assertThat(out.toByteArray()).isEqualTo(encoder.encode(ByteBuffer.wrap(data)).readAllBytes());
    }

    @Test
    void aMappingIsAskedForWritesOfWholeChunksOfAboutOneMebibyte() {
        assertThat(FramedBody.writeSize(65536)).isEqualTo(1 << 20);
        assertThat(FramedBody.writeSize(100_000)).isEqualTo(1_000_000);
        assertThat(FramedBody.writeSize(8 << 20)).as("a chunk larger than 1 MiB").isEqualTo(8 << 20);
    }

    @Test
    void aPayloadThatDoesNotMatchTheSignedLengthIsRefused() {
        ChunkEncoder encoder = encoder(new PayloadMode.Streaming(10, 65536));
        assertThatThrownBy(() -> new FramedBody(UploadBody.of(new byte[11]), encoder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 bytes");
    }
}
