package io.s3pump.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.s3pump.client.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Uploads of unknown length, against the in-memory store. */
class StreamUploadTest {
    private static final int MIB = 1 << 20;
    private final InMemoryStore store = new InMemoryStore();
    private final Uploader uploader = new Uploader(store, System::nanoTime);

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** A stream that hands out at most 1,000 bytes per read, as a pipe does. */
    private static InputStream trickle(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
    }

    @Test
    void aShortStreamGoesUpInOnePut() throws IOException {
        byte[] data = random(3 * MIB);
        UploadResult r = uploader.upload(trickle(data), "b", "k", UploadOptions.defaults());
        assertThat(r.partCount()).isEqualTo(1);
        assertThat(store.uploadPartCalls.get()).isZero();
        assertThat(store.objects.get("b/k").data()).isEqualTo(data);
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
    }

    @Test
    void anEmptyStreamIsAnEmptyObject() throws IOException {
        UploadResult r = uploader.upload(InputStream.nullInputStream(), "b", "empty", UploadOptions.defaults());
        assertThat(r.size()).isZero();
        assertThat(store.objects.get("b/empty").data()).isEmpty();
    }

    @Test
    void aLongStreamGoesUpInPartsAndVerifies() throws IOException {
        byte[] data = random(30 * MIB);   // an exact multiple of the part size: the last read finds the end
        UploadResult r = uploader.upload(trickle(data), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).concurrency(3).build());
        assertThat(r.partCount()).isEqualTo(6);
        assertThat(r.size()).isEqualTo(data.length);
        assertThat(store.objects.get("b/k").data()).isEqualTo(data);
        assertThat(r.etag()).endsWith("-6");
        assertThat(r.verification().level()).isEqualTo(Verification.Level.SIZE_AND_ETAG);
        assertThat(store.maxInFlight.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void partSizesGrowSoTheLimitDoesNotCapTheStream() throws IOException {
        byte[] data = random(40 * MIB);
        // 10 parts allowed: one part per tier, sizes 5, 10, 20 MiB, then the 5 MiB rest
        UploadResult r = uploader.upload(new ByteArrayInputStream(data), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).maxParts(10).build());
        assertThat(r.partCount()).isEqualTo(4);
        assertThat(store.objects.get("b/k").data()).isEqualTo(data);
    }

    @Test
    void aFailingPartAbortsTheStreamUpload() {
        store.failPart = n -> n == 2;
        assertThatThrownBy(() -> uploader.upload(new ByteArrayInputStream(random(20 * MIB)), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partSize(5 * MIB)).build()))
                .isInstanceOf(S3Exception.class);
        assertThat(store.aborts.get()).isEqualTo(1);
        assertThat(store.uploads).isEmpty();
    }

    @Test
    void aPartCountCannotBeHonouredForAStream() {
        assertThatThrownBy(() -> uploader.upload(InputStream.nullInputStream(), "b", "k",
                UploadOptions.builder().sizing(PartSizing.partCount(4)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("part size");
    }
}
