package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical URI under S3's rules and under SigV4's general ones (botocore's SigV4Auth, aws-c-auth's defaults). */
class UriRulesTest {
    private static final Credentials CREDS = Credentials.of("AKIDEXAMPLE", "secret");
    private static final Instant NOW = Instant.parse("2015-08-30T12:36:00Z");

    @Test
    void s3AndItsVariantsSignTheWirePathVerbatim() {
        assertThat(UriRules.forService("s3")).isEqualTo(UriRules.S3);
        assertThat(UriRules.forService("s3-object-lambda")).isEqualTo(UriRules.S3);
        assertThat(UriRules.forService("s3express")).isEqualTo(UriRules.S3);
        assertThat(UriRules.S3.canonicalUri("/b/a%20b/./c/../d//e")).isEqualTo("/b/a%20b/./c/../d//e");
    }

    @Test
    void otherServicesNormaliseThePathAndEncodeItAgain() {
        assertThat(UriRules.forService("execute-api")).isEqualTo(UriRules.STANDARD);
        assertThat(UriRules.STANDARD.canonicalUri("/a%20b/c")).isEqualTo("/a%2520b/c");
        assertThat(UriRules.STANDARD.canonicalUri("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(UriRules.STANDARD.canonicalUri("/a//b/")).isEqualTo("/a/b/");
        assertThat(UriRules.STANDARD.canonicalUri("//")).isEqualTo("/");
        assertThat(UriRules.STANDARD.canonicalUri("/..")).isEqualTo("/");
        assertThat(UriRules.STANDARD.canonicalUri("/~a-b_c.d/$x")).isEqualTo("/~a-b_c.d/%24x");
        assertThat(UriRules.STANDARD.canonicalUri("/é/中")).as("a direct caller's non-ASCII, as UTF-8")
                .isEqualTo("/%C3%A9/%E4%B8%AD");
    }

    @Test
    void everyS3VariantSendsThePayloadHashHeaderAsS3Requires() {
        SignableRequest put = SignableRequest.of("PUT", "b.s3express-use1-az4.us-east-1.amazonaws.com", "/k",
                PayloadMode.empty());
        SignedRequest signed = Signer.sigV4().sign(put, new SigningParams(CREDS, "us-east-1", "s3express", NOW));
        assertThat(signed.header("x-amz-content-sha256")).isPresent();
        SignedRequest other = Signer.sigV4().sign(put, new SigningParams(CREDS, "us-east-1", "execute-api", NOW));
        assertThat(other.header("x-amz-content-sha256")).isEmpty();
    }

    @Test
    void theRulesFollowTheServiceUnlessGiven() {
        SignableRequest get = SignableRequest.of("GET", "example.amazonaws.com", "/a%20b/./c", PayloadMode.empty());
        String generic = Signer.sigV4().sign(get, new SigningParams(CREDS, "us-east-1", "execute-api", NOW)).canonicalRequest();
        assertThat(generic.split("\n")[1]).isEqualTo("/a%2520b/c");
        String s3 = Signer.sigV4().sign(get, SigningParams.s3(CREDS, "us-east-1", NOW)).canonicalRequest();
        assertThat(s3.split("\n")[1]).isEqualTo("/a%20b/./c");
        String told = Signer.sigV4().sign(get, new SigningParams(CREDS, "us-east-1", "storage", NOW)
                .withUriRules(UriRules.S3)).canonicalRequest();
        assertThat(told.split("\n")[1]).isEqualTo("/a%20b/./c");
        assertThat(new SigningParams(CREDS, "us-east-1", "execute-api", NOW).at(NOW.plusSeconds(5)).uriRules())
                .isEqualTo(UriRules.STANDARD);
    }
}
