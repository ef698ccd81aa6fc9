package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Secrets stay out of strings, caches follow rotated secrets, and one signer serves many virtual threads. */
class SignerSafetyTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FQoGZXIvYXdzEXAMPLETOKEN";
    private static final Instant NOW = Instant.parse("2013-05-24T00:00:00Z");
    private static final SignableRequest GET = SignableRequest.of("GET", "examplebucket.s3.amazonaws.com", "/test.txt",
            PayloadMode.empty()).withHeader("Range", "bytes=0-9");

    @Test
    void toStringsNeverShowSecretsTokensOrSignatures() {
        Credentials creds = new Credentials("AKIAIOSFODNN7EXAMPLE", SECRET, TOKEN);
        SigningParams params = SigningParams.s3(creds, "us-east-1", NOW);
        Signer signer = Signer.sigV4();
        SignedRequest signed = signer.sign(GET, params);
        PresignedRequest presigned = signer.presign(GET.withPayload(PayloadMode.unsigned()), params, Duration.ofHours(1));

        List<String> printed = new ArrayList<>(List.of(creds.toString(), params.toString(), signed.toString(),
                presigned.toString(), signer.toString(), signed.debugText(), presigned.debugText()));
        signed.headers().forEach(h -> printed.add(h.toString()));
        RawHttp.parseQuery(presigned.query()).forEach(p -> printed.add(p.toString()));
        for (String s : printed) {
            assertThat(s).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(signed.signature())
                    .doesNotContain(presigned.signature());
        }
        assertThat(signed.debugText()).contains("x-amz-security-token:****").contains(signed.stringToSign());
        assertThat(presigned.debugText()).contains("X-Amz-Security-Token=****");
        // The exact texts, for whoever needs them, still carry the token that was signed.
        assertThat(signed.canonicalRequest()).contains("x-amz-security-token:" + TOKEN);
        assertThat(presigned.query()).contains("X-Amz-Security-Token=" + TOKEN);
    }

    @Test
    void debugTextMasksATokenPassedAsAQueryParameterWhateverItsCase() {
        SignedRequest signed = Signer.sigV4().sign(GET.withQueryParam("x-amz-security-token", TOKEN),
                SigningParams.s3(Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET), "us-east-1", NOW));
        assertThat(signed.canonicalRequest()).contains("x-amz-security-token=" + TOKEN);
        assertThat(signed.debugText()).doesNotContain(TOKEN).contains("x-amz-security-token=****");
    }

    @Test
    void cacheEntriesNeverPrintTheSecret() throws Exception {
        Credentials creds = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET);
        Signer v4 = Signer.sigV4();
        Signer v4a = Signer.sigV4a();
        v4.sign(GET, SigningParams.s3(creds, "us-east-1", NOW));
        v4a.sign(GET, SigningParams.s3(creds, "us-east-1", NOW));
        // The entries are private records; whoever prints a cache's map (a debugger, a log line) sees their toString.
        String v4Entries = field(field(v4, "keys"), "entries").toString();
        String v4aEntries = field(field(v4a, "v4aKeys"), "keys").toString();
        assertThat(v4Entries).contains("AKIAIOSFODNN7EXAMPLE").doesNotContain(SECRET);
        assertThat(v4aEntries).contains("AKIAIOSFODNN7EXAMPLE").doesNotContain(SECRET);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    @Test
    void rotatedSecretForTheSameAccessKeyIsNotServedFromTheCache() {
        Signer signer = Signer.sigV4();
        String before = signer.sign(GET, SigningParams.s3(Credentials.of("AKID", SECRET), "us-east-1", NOW)).signature();
        String after = signer.sign(GET, SigningParams.s3(Credentials.of("AKID", SECRET + "2"), "us-east-1", NOW)).signature();
        String fresh = Signer.sigV4().sign(GET, SigningParams.s3(Credentials.of("AKID", SECRET + "2"), "us-east-1", NOW)).signature();
        assertThat(after).isNotEqualTo(before).isEqualTo(fresh);
    }

    @Test
    void cachedKeysFollowDateRegionAndService() {
        Signer signer = Signer.sigV4();
        Credentials creds = Credentials.of("AKID", SECRET);
        for (SigningParams p : List.of(SigningParams.s3(creds, "us-east-1", NOW), SigningParams.s3(creds, "eu-west-1", NOW),
                SigningParams.s3(creds, "us-east-1", NOW.plus(Duration.ofDays(1))), new SigningParams(creds, "us-east-1", "sts", NOW),
                SigningParams.s3(creds, "us-east-1", NOW))) {
            assertThat(signer.sign(GET, p).signature()).as(p.toString()).isEqualTo(Signer.sigV4().sign(GET, p).signature());
        }
    }

    @Test
    void oneSignerGivesTheSameSignaturesFromManyVirtualThreads() throws Exception {
        Signer signer = Signer.sigV4();
        Credentials creds = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET);
        String[] regions = {"us-east-1", "eu-west-1", "ap-south-1"};
        List<String> expected = new ArrayList<>();
        for (String r : regions) expected.add(Signer.sigV4().sign(GET, SigningParams.s3(creds, r, NOW)).signature());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                int r = i % regions.length;
                results.add(executor.submit(() ->
                        signer.sign(GET, SigningParams.s3(creds, regions[r], NOW)).signature().equals(expected.get(r))));
            }
            for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
        }
    }

    @Test
    void getObjectExampleSignsTheSameWithoutListingSignerHeaders() {
        // The documented GET Object example, with only Range listed: the signer adds x-amz-date and x-amz-content-sha256.
        SignedRequest signed = Signer.sigV4().sign(GET, SigningParams.s3(Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET), "us-east-1", NOW));
        assertThat(signed.signature()).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(signed.headers()).extracting(Header::name)
                .containsExactly("x-amz-date", "x-amz-content-sha256", "Authorization");
    }

    @Test
    void signingTimeIsTruncatedToTheSecond() {
        Credentials creds = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET);
        String a = Signer.sigV4().sign(GET, SigningParams.s3(creds, "us-east-1", NOW.plusMillis(999))).signature();
        assertThat(a).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void anSseCustomerKeyIsSignedButNeverShown() {
        String key = "MzJieXRlc2xvbmdzZWNyZXRrZXltdXN0YmVwcm92aWRlZA==";
        SignableRequest put = SignableRequest.of("PUT", "examplebucket.s3.amazonaws.com", "/k", PayloadMode.unsigned())
                .withHeader("x-amz-server-side-encryption-customer-algorithm", "AES256")
                .withHeader("x-amz-server-side-encryption-customer-key", key);
        SignedRequest signed = Signer.sigV4().sign(put, SigningParams.s3(Credentials.of("AKID", "secret"), "us-east-1", NOW));
        assertThat(signed.canonicalRequest()).contains("x-amz-server-side-encryption-customer-key:" + key);
        assertThat(signed.debugText()).doesNotContain(key).contains("x-amz-server-side-encryption-customer-key:****");
        assertThat(put.headers().get(1).toString()).doesNotContain(key);
    }
}
