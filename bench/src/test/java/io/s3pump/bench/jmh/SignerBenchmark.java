package io.s3pump.bench.jmh;

import io.s3pump.sigv4.Credentials;
import io.s3pump.sigv4.Header;
import io.s3pump.sigv4.PayloadMode;
import io.s3pump.sigv4.PresignedRequest;
import io.s3pump.sigv4.QueryParam;
import io.s3pump.sigv4.SignableRequest;
import io.s3pump.sigv4.SignedRequest;
import io.s3pump.sigv4.Signer;
import io.s3pump.sigv4.SigningParams;
import io.s3pump.sigv4.UriEncoding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * s3pump-sigv4 against the AWS SDK for Java v2's {@code AwsV4HttpSigner}, signing the same requests: an UploadPart
 * (header auth, UNSIGNED-PAYLOAD, six signed headers) and a presigned GET. Setup checks that both produce the same
 * signature, so both do the same work. Each side starts from its own prebuilt, immutable request description.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class SignerBenchmark {
    static final Instant TIME = Instant.parse("2026-11-25T12:00:00Z");
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String HOST = "127.0.0.1:7480";
    static final String BUCKET = "bench-bucket";
    static final String KEY = "datasets/2026/part files/object-0001.bin";
    static final String UPLOAD_ID = "2~Ue3aCTv5Lp0zxsEP3Ob8pJYbB7sQhVq";
    static final String CONTENT_LENGTH = "16777216";
    static final String CHECKSUM = "sOO8/Q==";

    // s3pump
    Signer s3pump;
    SigningParams params;
    SignableRequest uploadPart;
    SignableRequest presignGet;

    // AWS SDK v2
    AwsV4HttpSigner sdk;
    AwsCredentialsIdentity identity;
    Clock clock;
    SdkHttpRequest sdkUploadPart;
    SdkHttpRequest sdkPresignGet;

    @Setup
    public void setUp() {
        String path = UriEncoding.pathStyle(BUCKET, KEY);
        s3pump = Signer.sigV4();
        params = SigningParams.s3(Credentials.of(ACCESS_KEY, SECRET_KEY), "us-east-1", TIME);
        uploadPart = new SignableRequest("PUT", HOST, path,
                List.of(new QueryParam("partNumber", "7"), new QueryParam("uploadId", UPLOAD_ID)),
                List.of(new Header("Content-Length", CONTENT_LENGTH), new Header("Content-Type", "application/octet-stream"),
                        new Header("x-amz-checksum-crc32c", CHECKSUM)),
                PayloadMode.unsigned());
        presignGet = SignableRequest.of("GET", HOST, path, PayloadMode.unsigned());

        sdk = AwsV4HttpSigner.create();
        identity = AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY);
        clock = Clock.fixed(TIME, ZoneOffset.UTC);
        sdkUploadPart = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).protocol("http").host("127.0.0.1").port(7480)
                .encodedPath(path).putRawQueryParameter("partNumber", "7").putRawQueryParameter("uploadId", UPLOAD_ID)
                .putHeader("Content-Length", CONTENT_LENGTH).putHeader("Content-Type", "application/octet-stream")
                .putHeader("x-amz-checksum-crc32c", CHECKSUM)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD") // the SDK's S3 client adds it before signing
                .build();
        sdkPresignGet = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("http").host("127.0.0.1").port(7480)
                .encodedPath(path).build();

        // Same inputs, same work: refuse to measure if the two signers disagree.
        String ours = s3pumpUploadPart().signature();
        String theirs = sdkUploadPart().request().firstMatchingHeader("Authorization").orElseThrow();
        if (!theirs.endsWith("Signature=" + ours)) {
            throw new IllegalStateException("UploadPart signatures differ:\n s3pump " + s3pumpUploadPart().debugText()
                    + "\n sdk    " + theirs);
        }
        String oursGet = s3pumpPresignGet().signature();
        String theirsGet = sdkPresignGet().request().firstMatchingRawQueryParameter("X-Amz-Signature").orElseThrow();
        if (!theirsGet.equals(oursGet)) {
            throw new IllegalStateException("presigned GET signatures differ: " + s3pumpPresignGet().debugText());
        }
    }

    @Benchmark
    public SignedRequest s3pumpUploadPart() {
        return s3pump.sign(uploadPart, params);
    }

    @Benchmark
    public software.amazon.awssdk.http.auth.spi.signer.SignedRequest sdkUploadPart() {
        return sdk.sign(r -> r.identity(identity).request(sdkUploadPart)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    }

    @Benchmark
    public PresignedRequest s3pumpPresignGet() {
        return s3pump.presign(presignGet, params, Duration.ofHours(1));
    }

    @Benchmark
    public software.amazon.awssdk.http.auth.spi.signer.SignedRequest sdkPresignGet() {
        return sdk.sign(r -> r.identity(identity).request(sdkPresignGet)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofHours(1))
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    }
}
