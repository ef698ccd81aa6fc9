package io.s3pump.bench.jmh;

import io.s3pump.sigv4.ChecksumAlgorithm;
import io.s3pump.sigv4.Credentials;
import io.s3pump.sigv4.PayloadMode;
import io.s3pump.sigv4.SignableRequest;
import io.s3pump.sigv4.SignedRequest;
import io.s3pump.sigv4.Signer;
import io.s3pump.sigv4.SigningParams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * aws-chunked encoding throughput: one operation encodes an 8 MiB part in 64 KiB chunks into a discarding sink,
 * so MiB/s = ops/s × 8. {@code sha256Only} is the floor: every signed chunk must be hashed once.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ChunkedEncodingBenchmark {
    static final int PART = 8 << 20;

    byte[] payload;
    SignedRequest streaming;
    SignedRequest signedTrailer;
    SignedRequest unsignedTrailer;

    @Setup
    public void setUp() {
        payload = new byte[PART];
        new Random(42).nextBytes(payload);
        Signer signer = Signer.sigV4();
        SigningParams params = SigningParams.s3(Credentials.of(SignerBenchmark.ACCESS_KEY, SignerBenchmark.SECRET_KEY),
                "us-east-1", Instant.parse("2026-11-25T12:00:00Z"));
        streaming = signer.sign(put(new PayloadMode.Streaming(PART, PayloadMode.DEFAULT_CHUNK_SIZE)), params);
        signedTrailer = signer.sign(put(new PayloadMode.StreamingSignedTrailer(PART, PayloadMode.DEFAULT_CHUNK_SIZE,
                ChecksumAlgorithm.CRC32C)), params);
        unsignedTrailer = signer.sign(put(new PayloadMode.StreamingUnsignedTrailer(PART, PayloadMode.DEFAULT_CHUNK_SIZE,
                ChecksumAlgorithm.CRC32C)), params);
    }

    private static SignableRequest put(PayloadMode mode) {
        return SignableRequest.of("PUT", SignerBenchmark.HOST, "/bench-bucket/object", mode);
    }

    @Benchmark
    public long streamingSigned8MiB(Blackhole bh) throws IOException {
        return streaming.chunkEncoder().writeTo(new ByteArrayInputStream(payload), new Discard(bh));
    }

    @Benchmark
    public long streamingSignedTrailerCrc32c8MiB(Blackhole bh) throws IOException {
        return signedTrailer.chunkEncoder().writeTo(new ByteArrayInputStream(payload), new Discard(bh));
    }

    @Benchmark
    public long streamingUnsignedTrailerCrc32c8MiB(Blackhole bh) throws IOException {
        return unsignedTrailer.chunkEncoder().writeTo(new ByteArrayInputStream(payload), new Discard(bh));
    }

    @Benchmark
    public byte[] sha256Only8MiB() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(payload);
    }

    /** Discards bytes but lets the Blackhole see them, so the copy cannot be optimised away. */
    private static final class Discard extends OutputStream {
        private final Blackhole bh;

        Discard(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void write(int b) {
            bh.consume(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bh.consume(b[off + len - 1]);
        }
    }
}
