package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriEncodingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a%2Fb|a%252Fb",
            "a b|a%20b",
            "a+b|a%2Bb",
            "dir//double//slash|dir//double//slash",
            "./dot/../seg|./dot/../seg",
            "~*'()!$&=@:|~%2A%27%28%29%21%24%26%3D%40%3A",
            "ü/ß.txt|%C3%BC/%C3%9F.txt",
            "😀|%F0%9F%98%80",
            "AZaz09-._~|AZaz09-._~",
            "\"\"|\"\""})
    void encodesAnObjectKeyOnceKeepingSlashesAndUnreserved(String key, String wire) {
        assertThat(UriEncoding.encodeKey(key)).isEqualTo(wire);
    }

    @Test
    void encodeAlsoEncodesSlashForQueryComponents() {
        assertThat(UriEncoding.encode("a/b c")).isEqualTo("a%2Fb%20c");
    }

    @Test
    void plainKeysAreReturnedWithoutCopying() {
        String key = "plain/key-1.bin";
        assertThat(UriEncoding.encodeKey(key)).isSameAs(key);
    }

    @Test
    void pathStyleAndVirtualHostedPathsEncodeTheKeyOnly() {
        assertThat(UriEncoding.pathStyle("bucket", "a%2Fb/c d")).isEqualTo("/bucket/a%252Fb/c%20d");
        assertThat(UriEncoding.pathStyle("bucket", "")).isEqualTo("/bucket");
        assertThat(UriEncoding.virtualHosted("x y")).isEqualTo("/x%20y");
    }

    @Test
    void canonicalQuerySortsByNameThenValueAndKeepsRepeatedNames() {
        String q = UriEncoding.canonicalQuery(List.of(new QueryParam("prefix", "a b/c"), QueryParam.flag("uploads"),
                new QueryParam("Param1", "value2"), new QueryParam("Param1", "Value1"), new QueryParam("ሴ", "x")));
        assertThat(q).isEqualTo("%E1%88%B4=x&Param1=Value1&Param1=value2&prefix=a%20b%2Fc&uploads=");
    }

    @Test
    void canonicalQueryOfNothingIsEmpty() {
        assertThat(UriEncoding.canonicalQuery(List.of())).isEmpty();
    }
}
