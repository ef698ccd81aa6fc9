package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programmer errors fail early with a message that says what to do. */
class SignerRejectsTest {
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Instant NOW = Instant.parse("2013-05-24T00:00:00Z");
    private static final SigningParams PARAMS = SigningParams.s3(CREDS, "us-east-1", NOW);
    private final Signer signer = Signer.sigV4();

    private static SignableRequest get() {
        return SignableRequest.of("GET", "examplebucket.s3.amazonaws.com", "/test.txt", PayloadMode.unsigned());
    }

    private static SignableRequest put(PayloadMode mode) {
        return SignableRequest.of("PUT", "examplebucket.s3.amazonaws.com", "/test.txt", mode);
    }

    @Test
    void missingRegionIsRejectedWithAHint() {
        assertThatThrownBy(() -> new SigningParams(CREDS, null, "s3", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no signing region").hasMessageContaining("AWS_REGION");
        assertThatThrownBy(() -> SigningParams.s3(CREDS, " ", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no signing region");
        assertThatThrownBy(() -> new SigningParams(CREDS, "us-east-1", "", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no signing service");
        assertThatThrownBy(() -> SigningParams.s3(CREDS, "us/east", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region contains an illegal character");
    }

    @Test
    void presignedExpiryOverSevenDaysIsRejected() {
        assertThatThrownBy(() -> signer.presign(get(), PARAMS, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 days (604800 seconds)")
                .hasMessageContaining("604801");
        assertThatThrownBy(() -> signer.presign(get(), PARAMS, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(signer.presign(get(), PARAMS, Duration.ofDays(7)).query()).contains("X-Amz-Expires=604800");
    }

    @Test
    void streamingPayloadOnARequestWithoutBodyIsRejected() {
        SignableRequest request = get().withPayload(new PayloadMode.Streaming(10, 8192));
        assertThatThrownBy(() -> signer.sign(request, PARAMS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STREAMING-AWS4-HMAC-SHA256-PAYLOAD sends a body, but a GET request has none");
    }

    @Test
    void streamingPayloadInAPresignedUrlIsRejected() {
        SignableRequest request = put(new PayloadMode.StreamingUnsignedTrailer(10, 8192, ChecksumAlgorithm.CRC32));
        assertThatThrownBy(() -> signer.presign(request, PARAMS, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be used in a presigned URL");
    }

    @Test
    void contentSha256HeaderThatContradictsThePayloadModeIsRejected() {
        SignableRequest request = put(PayloadMode.unsigned()).withHeader("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertThatThrownBy(() -> signer.sign(request, PARAMS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the payload mode does not fit the request");
    }

    @Test
    void wrongContentLengthForAnAwsChunkedBodyIsRejected() {
        SignableRequest request = put(new PayloadMode.Streaming(66560, 65536)).withHeader("Content-Length", "66560");
        assertThatThrownBy(() -> signer.sign(request, PARAMS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differs from the exact aws-chunked length");
        assertThatCode(() -> signer.sign(put(new PayloadMode.Streaming(66560, 65536)).withHeader("Content-Length", "66824"), PARAMS))
                .doesNotThrowAnyException();
    }

    @Test
    void awsChunkedHeadersWithoutAStreamingModeAreRejected() {
        assertThatThrownBy(() -> signer.sign(put(PayloadMode.unsigned()).withHeader("Content-Encoding", "aws-chunked"), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a streaming payload mode");
        assertThatThrownBy(() -> signer.sign(put(PayloadMode.unsigned()).withHeader("x-amz-decoded-content-length", "5"), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a streaming payload mode");
        assertThatThrownBy(() -> signer.sign(put(new PayloadMode.Streaming(5, 8192)).withHeader("x-amz-trailer", "x-amz-checksum-crc32"), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a trailer payload mode");
    }

    @Test
    void awsChunkedWithSigV4aIsRejected() {
        assertThatThrownBy(() -> Signer.sigV4a().sign(put(new PayloadMode.Streaming(5, 8192)), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not supported with SigV4A");
    }

    @Test
    void signerManagedHeadersMustAgreeWithTheSigner() {
        assertThatThrownBy(() -> signer.sign(get().withHeader("x-amz-date", "20200101T000000Z"), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differs from the signing time");
        assertThatThrownBy(() -> signer.sign(get().withHeader("Host", "other.example.com"), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differs from the request's host");
        assertThatThrownBy(() -> signer.sign(get().withHeader("x-amz-security-token", "tok"), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials have no session token");
        assertThatThrownBy(() -> signer.sign(get().withHeader("Authorization", "AWS4-HMAC-SHA256 x"), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already carries an Authorization header");
    }

    @Test
    void presigningARequestThatAlreadyCarriesSigningParametersIsRejected() {
        assertThatThrownBy(() -> signer.presign(get().withQueryParam("X-Amz-Signature", "x"), PARAMS, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Amz-Signature");
    }

    @Test
    void malformedRequestsAndModesAreRejected() {
        assertThatThrownBy(() -> SignableRequest.of("GET", "h", "/a b", PayloadMode.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UriEncoding.encodeKey");
        assertThatThrownBy(() -> SignableRequest.of("GET", "h", "/a?b=c", PayloadMode.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignableRequest.of("GET", "h", "a", PayloadMode.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> SignableRequest.of("GET", "", "/", PayloadMode.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PayloadMode.signed("ABC")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lower-case hex digits");
        assertThatThrownBy(() -> new PayloadMode.Streaming(-1, 8192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayloadMode.Streaming(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Header("bad name", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryParam("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignableRequest("GET", "h", "/", List.of(), List.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("payload");
    }

    @Test
    void nonStreamingResultHasNoChunkEncoder() {
        SignedRequest signed = signer.sign(get(), PARAMS);
        assertThat(signed.contentLength()).isEmpty();
        assertThatThrownBy(signed::chunkEncoder).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a streaming");
    }

    @Test
    void anS3PresignOverABodyHashWithoutItsHeaderIsRejectedBecauseS3WouldCheckUnsignedPayload() {
        assertThatThrownBy(() -> signer.presign(get().withPayload(PayloadMode.empty()), PARAMS, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNSIGNED-PAYLOAD")
                .hasMessageContaining("x-amz-content-sha256");
        PayloadMode hashed = PayloadMode.signed(new byte[] {1, 2, 3});
        PresignedRequest withHeader = signer.presign(put(hashed).withHeader("x-amz-content-sha256", hashed.contentSha256()),
                PARAMS, Duration.ofHours(1));
        assertThat(withHeader.canonicalRequest()).endsWith("\n" + hashed.contentSha256())
                .contains("x-amz-content-sha256:" + hashed.contentSha256());
        // Other services take the body's hash from the canonical request itself (the aws-c-auth suite's query cases).
        SigningParams other = new SigningParams(CREDS, "us-east-1", "service", NOW);
        assertThat(signer.presign(get().withPayload(PayloadMode.empty()), other, Duration.ofHours(1)).canonicalRequest())
                .endsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aPresignedHeaderThatContradictsTheSignerIsRejected() {
        assertThatThrownBy(() -> signer.presign(get().withHeader("x-amz-content-sha256", "abc"), PARAMS, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the payload mode does not fit");
        assertThatThrownBy(() -> signer.presign(get().withHeader("X-Amz-Date", "20990101T000000Z"), PARAMS, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differs from the signing time");
        assertThat(signer.presign(get().withHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD"), PARAMS, Duration.ofHours(1))
                .canonicalRequest()).endsWith("\nUNSIGNED-PAYLOAD");
    }

    @Test
    void aPresignedUrlExpiresAfterTheWholeSecondsItCarries() {
        PresignedRequest url = signer.presign(get(), PARAMS, Duration.ofMillis(1900));
        assertThat(url.query()).contains("X-Amz-Expires=1&");
        assertThat(url.expiresAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void aRequestThatIsPresignedAlreadyIsNotSignedAgainByHeader() {
        assertThatThrownBy(() -> signer.sign(get().withQueryParam("X-Amz-Signature", "00"), PARAMS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("presigned-URL parameter X-Amz-Signature");
    }

    @Test
    void valuesThatWouldBreakAHeaderOrACredentialScopeAreRejected() {
        assertThatThrownBy(() -> SignableRequest.of("GET", "h\r\nX-Evil: 1", "/", PayloadMode.unsigned()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host must be");
        assertThatThrownBy(() -> SignableRequest.of("GET", "a b", "/", PayloadMode.unsigned()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Credentials.of("AK\nID", "secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("access key id");
        assertThatThrownBy(() -> Credentials.of("AK/ID", "secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Credentials("AKID", "secret", "tok\r\nen")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session token").hasMessageNotContaining("SEKRIT");
        assertThatCode(() -> SignableRequest.of("GET", "[::1]:7480", "/", PayloadMode.unsigned())).doesNotThrowAnyException();
    }

    @Test
    void streamingIsRejectedOnABodilessMethodWhateverItsCase() {
        SignableRequest request = SignableRequest.of("get", "examplebucket.s3.amazonaws.com", "/t", new PayloadMode.Streaming(10, 8192));
        assertThatThrownBy(() -> signer.sign(request, PARAMS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has none");
    }
}
