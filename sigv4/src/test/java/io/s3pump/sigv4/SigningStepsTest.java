package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.sigv4.internal.AmzDate;
import io.s3pump.sigv4.internal.CanonicalHeaders;
import io.s3pump.sigv4.internal.CanonicalQuery;
import io.s3pump.sigv4.internal.CanonicalRequest;
import io.s3pump.sigv4.internal.Signatures;
import io.s3pump.sigv4.internal.SigningKey;
import io.s3pump.sigv4.internal.StringToSign;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each SigV4 step on its own, against the S3 documentation's GET Object example. */
class SigningStepsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void amzDateIsUtcBasicFormatTruncatedToTheSecond() {
        assertThat(AmzDate.format(Instant.parse("2013-05-24T00:00:00Z"))).isEqualTo("20130524T000000Z");
        assertThat(AmzDate.format(Instant.parse("2015-08-30T12:36:00.999Z"))).isEqualTo("20150830T123600Z");
        assertThat(AmzDate.format(Instant.parse("1999-12-31T23:59:59Z"))).isEqualTo("19991231T235959Z");
    }

    @Test
    void canonicalHeadersLowerCaseSortTrimFoldAndJoinRepeatedNames() {
        CanonicalHeaders h = CanonicalHeaders.of(List.of(new Header("My-Header1", "  a   b \t c  "),
                new Header("Host", "example.com"), new Header("my-header1", "second"), new Header("X-B", "")));
        assertThat(h.toString()).isEqualTo("host:example.com\nmy-header1:a b c,second\nx-b:\n");
        assertThat(h.signedHeaders()).isEqualTo("host;my-header1;x-b");
    }

    @Test
    void nonAsciiHeaderValuesAreCanonicalisedAsUtf8() {
        CanonicalHeaders h = CanonicalHeaders.of(List.of(new Header("x-amz-meta-city", "  Zürich   ሴ ")));
        assertThat(h.toString()).isEqualTo("x-amz-meta-city:Zürich ሴ\n");
    }

    @Test
    void foldingTurnsObsFoldLineBreaksIntoOneSpace() {
        assertThat(CanonicalHeaders.fold("value1\n  value2\n     value3")).isEqualTo("value1 value2 value3");
        String clean = "already clean";
        assertThat(CanonicalHeaders.fold(clean)).isSameAs(clean);
    }

    @Test
    void eachStepReproducesTheGetObjectExample() {
        CanonicalHeaders headers = CanonicalHeaders.of(List.of(new Header("host", "examplebucket.s3.amazonaws.com"),
                new Header("range", "bytes=0-9"), new Header("x-amz-content-sha256", Signatures.EMPTY_SHA256),
                new Header("x-amz-date", "20130524T000000Z")));
        CanonicalRequest canonical = new CanonicalRequest("GET", "/test.txt", CanonicalQuery.of(List.of()), headers,
                Signatures.EMPTY_SHA256);
        String expected = "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                + "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(canonical.text()).isEqualTo(expected);
        String hash = CanonicalRequest.hash(canonical.text());
        assertThat(hash).isEqualTo("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
        String sts = StringToSign.of("AWS4-HMAC-SHA256", "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", hash);
        SigningKey key = SigningKey.derive(SECRET, "20130524", "us-east-1", "s3");
        assertThat(key.toHexForTest()).isEqualTo("dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378");
        assertThat(Signatures.v4(key, sts)).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void signingKeyNeverPrintsItself() {
        assertThat(SigningKey.derive(SECRET, "20130524", "us-east-1", "s3").toString()).isEqualTo("SigningKey[****]");
    }
}
