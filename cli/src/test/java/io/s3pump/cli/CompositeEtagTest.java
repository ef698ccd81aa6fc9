package io.s3pump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.ETags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositeEtagTest {
    @TempDir Path dir;

    @Test
    void readsThePartCountOfACompositeEtagOnly() {
        assertThat(CompositeEtag.partCount("c210d1278ada0e0fcff697dc4034891a-128")).isEqualTo(128);
        assertThat(CompositeEtag.partCount("c210d1278ada0e0fcff697dc4034891a")).isNull();
        assertThat(CompositeEtag.partCount("not-an-etag-3")).isNull();
        assertThat(CompositeEtag.partCount(null)).isNull();
    }

    @Test
    void triesTheWholeMebibyteSizeFirstThenPowersOfTwoThenTheEvenSplit() {
        long size = 1L << 30;  // 1 GiB in 128 parts: only 8 MiB gives exactly 128 parts among whole MiB sizes
        assertThat(CompositeEtag.candidatePartSizes(size, 128)).first().isEqualTo(8 * ByteSize.MIB);
        long odd = 23 * ByteSize.MIB + 17;  // 5 parts: 5 MiB (aws default 8 MiB gives 3)
        List<Long> sizes = CompositeEtag.candidatePartSizes(odd, 5);
        assertThat(sizes).first().isEqualTo(5 * ByteSize.MIB);
        assertThat(sizes).allSatisfy(p -> assertThat(-Math.floorDiv(-odd, p)).isEqualTo(5));
        assertThat(sizes).hasSizeLessThanOrEqualTo(CompositeEtag.MAX_CANDIDATES);
    }

    @Test
    void findsNoSizeWhenNoneCanGiveThatManyParts() {
        assertThat(CompositeEtag.candidatePartSizes(3, 5)).isEmpty();
    }

    @Test
    void computesPlainAndCompositeEtagsInOnePassAsMd5OfPartMd5s() throws Exception {
        byte[] data = new byte[(int) (11 * ByteSize.MIB + 3)];
        new Random(9).nextBytes(data);
        Path f = Files.write(dir.resolve("f.bin"), data);
        List<String> etags = CompositeEtag.compute(f, List.of(0L, 5 * ByteSize.MIB, 4 * ByteSize.MIB));
        assertThat(etags.get(0)).isEqualTo(md5(data, 0, data.length));
        assertThat(etags.get(1)).isEqualTo(expected(data, 5 * ByteSize.MIB)).endsWith("-3");
        assertThat(etags.get(2)).isEqualTo(expected(data, 4 * ByteSize.MIB)).endsWith("-3");
        assertThat(etags.get(1)).isNotEqualTo(etags.get(2));
    }

    private static String expected(byte[] data, long partSize) throws Exception {
        List<String> parts = new ArrayList<>();
        for (int off = 0; off < data.length; off += (int) partSize) {
            parts.add(md5(data, off, (int) Math.min(partSize, data.length - off)));
        }
        return ETags.composite(parts);
    }

    private static String md5(byte[] data, int off, int len) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Arrays.copyOfRange(data, off, off + len)));
    }
}
