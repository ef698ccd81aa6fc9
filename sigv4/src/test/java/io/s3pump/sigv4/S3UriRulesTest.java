package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * S3's URI and header rules through the whole signer, in both forms, where the vector suites only show them one
 * step at a time: the wire path is signed as it is, the query is encoded and sorted, header values are folded.
 */
class S3UriRulesTest {
    private static final SigningParams PARAMS = SigningParams.s3(
            Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "us-east-1",
            Instant.parse("2013-05-24T00:00:00Z"));
    private static final Signer SIGNER = Signer.sigV4();

    private static String line(String canonicalRequest, int index) {
        return canonicalRequest.split("\n", -1)[index];
    }

    @Test
    void wirePathIsSignedVerbatimWithoutNormalisingOrEncodingAgain() {
        String path = UriEncoding.pathStyle("bucket", "a%2Fb/./c/../d//e f");
        assertThat(path).isEqualTo("/bucket/a%252Fb/./c/../d//e%20f");
        SignableRequest get = SignableRequest.of("GET", "127.0.0.1:7480", path, PayloadMode.empty());

        assertThat(line(SIGNER.sign(get, PARAMS).canonicalRequest(), 1)).isEqualTo(path);
        PresignedRequest presigned = SIGNER.presign(get.withPayload(PayloadMode.unsigned()), PARAMS, Duration.ofMinutes(5));
        assertThat(line(presigned.canonicalRequest(), 1)).isEqualTo(path);
        assertThat(presigned.url("http")).startsWith("http://127.0.0.1:7480" + path + "?");
    }

    @Test
    void queryIsEncodedOnceThenSortedByNameAndValueInBothForms() {
        SignableRequest list = SignableRequest.of("GET", "127.0.0.1:7480", "/bucket", PayloadMode.empty())
                .withQueryParam("prefix", "a+b=c&d/e f").withQueryParam("tag", "z").withQueryParam("tag", "Z")
                .withQueryParam("tag", "é").withQueryParam("delimiter", "/");
        String expected = "delimiter=%2F&prefix=a%2Bb%3Dc%26d%2Fe%20f&tag=%C3%A9&tag=Z&tag=z";

        assertThat(line(SIGNER.sign(list, PARAMS).canonicalRequest(), 2)).isEqualTo(expected);
        assertThat(UriEncoding.canonicalQuery(list.query())).isEqualTo(expected);
        // Presigning adds the X-Amz-* parameters, which sort between "delimiter" and "prefix" (upper case first).
        String presignedQuery = line(SIGNER.presign(list.withPayload(PayloadMode.unsigned()), PARAMS,
                Duration.ofMinutes(5)).canonicalRequest(), 2);
        assertThat(presignedQuery).startsWith("X-Amz-Algorithm=").endsWith("&delimiter=%2F&prefix=a%2Bb%3Dc%26d%2Fe%20f&tag=%C3%A9&tag=Z&tag=z");
    }

    @Test
    void headerValuesAreTrimmedFoldedAndRepeatedNamesCommaJoinedInOrder() {
        SignableRequest put = SignableRequest.of("PUT", "127.0.0.1:7480", "/bucket/key", PayloadMode.unsigned())
                .withHeader("X-Amz-Meta-Note", "  two   words\t ")
                .withHeader("x-amz-meta-note", "line one\r\n   line two")
                .withHeader("X-AMZ-META-NOTE", "   ")
                .withHeader("Content-Type", "text/plain");
        SignedRequest signed = SIGNER.sign(put, PARAMS);

        List<String> lines = List.of(signed.canonicalRequest().split("\n", -1));
        assertThat(lines).contains("content-type:text/plain", "x-amz-meta-note:two words,line one line two,")
                .doesNotContain("x-amz-meta-note:two words");
        assertThat(signed.signedHeaders()).isEqualTo("content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-note");
    }
}
