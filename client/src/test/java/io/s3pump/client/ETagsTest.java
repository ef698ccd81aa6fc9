package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ETagsTest {
    @Test
    void quotesAndWeakPrefixesAreStripped() {
        assertThat(ETags.unquote("\"abc\"")).isEqualTo("abc");
        assertThat(ETags.unquote("W/\"abc\"")).isEqualTo("abc");
        assertThat(ETags.unquote("&quot;abc&quot;")).isEqualTo("abc");
        assertThat(ETags.unquote("abc-2")).isEqualTo("abc-2");
        assertThat(ETags.unquote("")).isEmpty();
        assertThat(ETags.unquote(null)).isNull();
    }

    @Test
    void theCompositeEtagIsTheMd5OfThePartMd5sThenTheCount() throws Exception {
        byte[] p1 = new byte[] {1, 2, 3};
        byte[] p2 = new byte[] {4, 5};
        HexFormat hex = HexFormat.of();
        String m1 = hex.formatHex(MessageDigest.getInstance("MD5").digest(p1));
        String m2 = hex.formatHex(MessageDigest.getInstance("MD5").digest(p2));
        MessageDigest outer = MessageDigest.getInstance("MD5");
        outer.update(hex.parseHex(m1));
        outer.update(hex.parseHex(m2));
        assertThat(ETags.composite(List.of(m1, "\"" + m2 + "\""))).isEqualTo(hex.formatHex(outer.digest()) + "-2");
    }

    @Test
    void rgwsMeasuredTwoPartEtagIsReproduced() {
        // The two parts of RGW's captured ListPartsResult.xml and the ETag RGW gave the completed object.
        assertThat(ETags.composite(List.of("37c4cbeb730b17f94e5d4601e5c37c39", "fbade9e36a3f36d3d676c1b808451dd7")))
                .isEqualTo("1e3c103bc212e98bd4c793927ad458ab-2"); // CompleteMultipartUploadResult-repeated.xml
    }

    @Test
    void aCompositeNeedsRealMd5s() {
        assertThatThrownBy(() -> ETags.composite(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ETags.composite(List.of("abc"))).isInstanceOf(IllegalArgumentException.class);
    }
}
