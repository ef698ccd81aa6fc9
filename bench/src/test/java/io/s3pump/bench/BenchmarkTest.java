package io.s3pump.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.Integrity;
import io.s3pump.sigv4.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    @Test
    void describesEachIntegrityModeAsItGoesOnTheWire() {
        assertThat(Benchmark.describe(Integrity.UNSIGNED_PAYLOAD)).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(Benchmark.describe(Integrity.CONTENT_MD5)).isEqualTo("Content-MD5");
        assertThat(Benchmark.describe(Integrity.SIGNED_PAYLOAD)).isEqualTo("signed SHA-256");
        assertThat(Benchmark.describe(new Integrity.StreamingSigned(65536))).isEqualTo("aws-chunked (64 KiB chunks)");
        assertThat(Benchmark.describe(new Integrity.StreamingSigned(10000))).isEqualTo("aws-chunked (10000 byte chunks)");
        assertThat(Benchmark.describe(new Integrity.ChecksumHeader(ChecksumAlgorithm.CRC32C))).isEqualTo("x-amz-checksum-crc32c");
    }

    @Test
    void optionsRefuseWhatNoUploadCouldDo() {
        assertThatThrownBy(() -> BenchOptions.builder().partSize(1 << 20)).hasMessageContaining("5 MiB");
        assertThatThrownBy(() -> BenchOptions.builder().concurrency(0)).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> BenchOptions.builder().rounds(0)).hasMessageContaining("rounds");
        assertThatThrownBy(() -> BenchOptions.builder().size(0)).hasMessageContaining("size");
        assertThatThrownBy(() -> BenchOptions.builder().serverPids(java.util.List.of(0L))).hasMessageContaining("pid");
    }

    @Test
    void defaultsFollowIssueFive() {
        BenchOptions o = BenchOptions.builder().build();
        assertThat(o.size()).isEqualTo(1L << 30);
        assertThat(o.partSize()).isEqualTo(8L << 20);
        assertThat(o.concurrency()).isEqualTo(8);
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.direction()).isEqualTo(Direction.BOTH);
        assertThat(o.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(o.file().getFileName().toString()).isEqualTo("s3pump-bench-1073741824.bin");
    }
}
