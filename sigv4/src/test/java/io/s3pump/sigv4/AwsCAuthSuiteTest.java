package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.s3pump.sigv4.internal.SigV4a;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The aws-c-auth SigV4/SigV4A test suite (vectors/aws-c-auth), one folder per case, at every stage each case
 * provides, in header and query form. Which cases describe S3 behaviour comes from aws-c-auth-s3-relevance.json;
 * the excluded ones are run too, to show that this signer deliberately differs from them and why.
 */
class AwsCAuthSuiteTest {
    private static final JsonNode RELEVANCE = Vectors.json("aws-c-auth-s3-relevance.json").get("cases");
    private static final Map<String, String> WHY_EXCLUDED = Map.of(
            "not-s3:session-token-unsigned", "S3 requires the session token to be signed; this case adds it after signing",
            "incomplete", "upstream ships no expected outputs for it (the botocore copy of the case is run instead)");

    private static final Signer V4 = Signer.sigV4();
    private static final Signer V4A = Signer.sigV4a();

    /** One case folder. */
    record Case(String suite, String name) {
        Path dir() {
            return Vectors.path("aws-c-auth/" + suite + "/" + name);
        }

        String file(String fileName) {
            return Vectors.text(dir().resolve(fileName));
        }

        JsonNode context() {
            return Vectors.json(dir().resolve("context.json"));
        }

        RawHttp http() {
            return RawHttp.parse(file("request.txt"));
        }

        boolean signBody() {
            return context().get("sign_body").asBoolean();
        }

        /** The suite's harness options: the body hash is signed; x-amz-content-sha256 is sent only when sign_body. */
        SignableRequest request(boolean headerMode) {
            RawHttp http = http();
            List<Header> headers = new ArrayList<>(http.headers());
            PayloadMode payload = signBody()
                    ? PayloadMode.signed(http.body().getBytes(StandardCharsets.UTF_8)) : PayloadMode.empty();
            if (headerMode && signBody()) headers.add(new Header("x-amz-content-sha256", payload.contentSha256()));
            return new SignableRequest(http.method(), http.host(), UriEncoding.encodeKey(http.rawPath()), http.query(),
                    headers, payload);
        }

        SigningParams params() {
            JsonNode ctx = context();
            // The harness encodes the raw path of request.txt once into the wire path, so it is not encoded again;
            // "normalize" is the case's own setting (S3 never normalises: the *-unnormalized cases are S3's rules).
            return new SigningParams(Vectors.credentials(ctx), ctx.get("region").asText(), ctx.get("service").asText(),
                    Instant.parse(ctx.get("timestamp").asText()))
                    .withUriRules(new UriRules(ctx.get("normalize").asBoolean(), false));
        }

        Duration expiry() {
            return Duration.ofSeconds(context().get("expiration_in_seconds").asLong());
        }

        String category() {
            return RELEVANCE.get(suite + "/" + name).get("category").get(0).asText();
        }

        @Override
        public String toString() {
            return suite + "/" + name;
        }
    }

    static Stream<Case> cases(String suite) {
        List<Case> out = new ArrayList<>();
        for (Iterator<String> it = RELEVANCE.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.startsWith(suite + "/")) out.add(new Case(suite, key.substring(suite.length() + 1)));
        }
        return out.stream();
    }

    /** Cases this signer matches: S3's, and the normalised-path ones under SigV4's general URI rules. */
    private static boolean matched(Case c) {
        return c.category().equals("s3-compatible") || c.category().equals("not-s3:normalized-path");
    }

    static Stream<Case> v4Cases() {
        return cases("v4").filter(AwsCAuthSuiteTest::matched);
    }

    static Stream<Case> v4aCases() {
        return cases("v4a").filter(AwsCAuthSuiteTest::matched);
    }

    static Stream<Case> v4aCompleteCases() {
        return cases("v4a").filter(c -> !c.category().equals("incomplete"));
    }

    static Stream<Arguments> excludedCases() {
        return Stream.concat(cases("v4"), cases("v4a")).filter(c -> !matched(c))
                .map(c -> Arguments.of(c, WHY_EXCLUDED.get(c.category())));
    }

    @Test
    void relevanceIndexCoversEveryCaseFolder() throws Exception {
        for (String suite : List.of("v4", "v4a")) {
            try (Stream<Path> dirs = Files.list(Vectors.path("aws-c-auth/" + suite))) {
                List<String> folders = dirs.map(p -> suite + "/" + p.getFileName()).sorted().toList();
                assertThat(folders).allSatisfy(f -> assertThat(RELEVANCE.has(f)).as(f).isTrue());
                assertThat(folders).hasSize(suite.equals("v4") ? 38 : 40);
            }
        }
        assertThat(v4Cases()).hasSize(37);
        assertThat(v4aCases()).hasSize(37);
        assertThat(excludedCases()).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v4Cases")
    void v4HeaderSigningMatchesEveryStage(Case c) {
        SignedRequest signed = V4.sign(c.request(true), c.params());

        assertThat(signed.canonicalRequest()).isEqualTo(c.file("header-canonical-request.txt"));
        assertThat(signed.stringToSign()).isEqualTo(c.file("header-string-to-sign.txt"));
        assertThat(signed.signature()).isEqualTo(c.file("header-signature.txt"));
        assertSignedRequest(c, signed, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v4Cases")
    void v4QuerySigningMatchesEveryStage(Case c) {
        PresignedRequest presigned = V4.presign(c.request(false), c.params(), c.expiry());

        assertThat(presigned.canonicalRequest()).isEqualTo(c.file("query-canonical-request.txt"));
        assertThat(presigned.stringToSign()).isEqualTo(c.file("query-string-to-sign.txt"));
        assertThat(presigned.signature()).isEqualTo(c.file("query-signature.txt"));
        assertPresignedRequest(c, presigned, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v4aCompleteCases")
    void v4aDerivedPublicKeyMatchesTheSuite(Case c) {
        ECPublicKey derived = Signer.sigV4aPublicKey(c.params().credentials());
        JsonNode expected = Vectors.json(c.dir().resolve("public-key.json"));

        assertThat(derived.getW().getAffineX()).isEqualTo(new BigInteger(expected.get("X").asText(), 16));
        assertThat(derived.getW().getAffineY()).isEqualTo(new BigInteger(expected.get("Y").asText(), 16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v4aCases")
    void v4aHeaderSigningMatchesAndVerifies(Case c) throws Exception {
        SignedRequest signed = V4A.sign(c.request(true), c.params());

        assertThat(signed.canonicalRequest()).isEqualTo(c.file("header-canonical-request.txt"));
        assertThat(signed.stringToSign()).isEqualTo(c.file("header-string-to-sign.txt"));
        ECPublicKey key = suiteKey(c);
        assertThat(verifies(key, signed.stringToSign(), signed.signature())).as("our signature").isTrue();
        assertThat(verifies(key, signed.stringToSign(), c.file("header-signature.txt"))).as("suite signature").isTrue();
        assertSignedRequest(c, signed, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v4aCases")
    void v4aQuerySigningMatchesAndVerifies(Case c) throws Exception {
        PresignedRequest presigned = V4A.presign(c.request(false), c.params(), c.expiry());

        assertThat(presigned.canonicalRequest()).isEqualTo(c.file("query-canonical-request.txt"));
        assertThat(presigned.stringToSign()).isEqualTo(c.file("query-string-to-sign.txt"));
        ECPublicKey key = suiteKey(c);
        assertThat(verifies(key, presigned.stringToSign(), presigned.signature())).as("our signature").isTrue();
        assertThat(verifies(key, presigned.stringToSign(), c.file("query-signature.txt"))).as("suite signature").isTrue();
        assertPresignedRequest(c, presigned, true);
    }

    static Stream<Case> normalizedPathCases() {
        return cases("v4").filter(c -> c.category().equals("not-s3:normalized-path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalizedPathCases")
    void underS3sRulesANormalisedCaseSignsTheRawPathAsItsUnnormalisedTwin(Case c) {
        Case raw = new Case(c.suite(), c.name().replace("-normalized", "-unnormalized"));
        assertThat(raw.http().rawPath()).isEqualTo(c.http().rawPath());
        SigningParams s3Rules = c.params().withUriRules(UriRules.S3);
        assertThat(V4.sign(c.request(true), s3Rules).canonicalRequest())
                .isNotEqualTo(c.file("header-canonical-request.txt"))
                .isEqualTo(raw.file("header-canonical-request.txt"));
        assertThat(V4.presign(c.request(false), s3Rules, c.expiry()).canonicalRequest())
                .isEqualTo(raw.file("query-canonical-request.txt"));
    }

    @ParameterizedTest(name = "{0} is excluded: {1}")
    @MethodSource("excludedCases")
    void excludedCasesDifferFromS3BehaviourForTheirStatedReason(Case c, String reason) {
        assertThat(reason).isNotNull();
        Signer signer = c.suite().equals("v4") ? V4 : V4A;
        switch (c.category()) {
            case "not-s3:session-token-unsigned" -> {
                Case before = new Case(c.suite(), "post-sts-header-before");
                assertThat(c.file("request.txt")).isEqualTo(before.file("request.txt"));
                SignedRequest signed = signer.sign(c.request(true), c.params());
                assertThat(c.file("header-canonical-request.txt")).doesNotContain("x-amz-security-token");
                assertThat(signed.canonicalRequest()).contains("x-amz-security-token:")
                        .isEqualTo(before.file("header-canonical-request.txt"));
                PresignedRequest presigned = signer.presign(c.request(false), c.params(), c.expiry());
                assertThat(presigned.canonicalRequest()).contains("X-Amz-Security-Token=")
                        .isEqualTo(before.file("query-canonical-request.txt"));
            }
            case "incomplete" -> {
                assertThat(Files.exists(c.dir().resolve("header-canonical-request.txt"))).isFalse();
                assertThat(Files.isDirectory(Vectors.path("botocore/" + c.name()))).isTrue();
                // It still signs: the canonical query sorts repeated keys by value.
                SignedRequest signed = signer.sign(c.request(true), c.params());
                assertThat(signed.canonicalRequest().split("\n")[2]).startsWith("Param1=");
            }
            default -> throw new AssertionError("unknown category " + c.category());
        }
    }

    /** The signed request file: same request line and body, and the same headers (as a multiset). */
    private static void assertSignedRequest(Case c, SignedRequest signed, boolean randomized) {
        RawHttp expected = RawHttp.parse(c.file("header-signed-request.txt"));
        RawHttp original = c.http();
        assertThat(expected.method()).isEqualTo(original.method());
        assertThat(expected.rawPath()).isEqualTo(original.rawPath());
        assertThat(expected.body().strip()).isEqualTo(original.body().strip());
        // The signer's headers replace any of the same name, as its contract says.
        List<Header> ours = new ArrayList<>(c.request(true).headers());
        ours.removeIf(h -> signed.header(h.name()).isPresent());
        ours.addAll(signed.headers());
        List<String> actual = RawHttp.normalized(ours);
        List<String> wanted = RawHttp.normalized(expected.headers());
        if (randomized) {
            actual = actual.stream().map(AwsCAuthSuiteTest::dropSignature).toList();
            wanted = wanted.stream().map(AwsCAuthSuiteTest::dropSignature).toList();
            String suiteSignature = expected.header("Authorization").replaceAll(".*Signature=", "");
            assertThat(verifies(suiteKey(c), signed.stringToSign(), suiteSignature)).as("signed-request signature").isTrue();
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(wanted);
    }

    /** The presigned request file: same path, and the same query parameters as a set (its order is not canonical). */
    private static void assertPresignedRequest(Case c, PresignedRequest presigned, boolean randomized) {
        String line = c.file("query-signed-request.txt").lines().findFirst().orElseThrow();
        RawHttp expected = RawHttp.parse(line.substring(0, line.lastIndexOf(" HTTP/")) + " HTTP/1.1\n");
        assertThat(expected.rawPath()).isEqualTo(c.http().rawPath());
        List<QueryParam> ours = RawHttp.parseQuery(presigned.query());
        List<QueryParam> wanted = expected.query();
        if (randomized) {
            String suiteSignature = wanted.stream().filter(p -> p.name().equals("X-Amz-Signature")).findFirst().orElseThrow().value();
            assertThat(verifies(suiteKey(c), presigned.stringToSign(), suiteSignature)).as("signed-request signature").isTrue();
            ours = ours.stream().filter(p -> !p.name().equals("X-Amz-Signature")).toList();
            wanted = wanted.stream().filter(p -> !p.name().equals("X-Amz-Signature")).toList();
        }
        assertThat(ours).containsExactlyInAnyOrderElementsOf(wanted);
    }

    private static String dropSignature(String header) {
        return header.replaceAll("Signature=[0-9a-f]+", "Signature=…");
    }

    static ECPublicKey suiteKey(Case c) {
        JsonNode k = Vectors.json(c.dir().resolve("public-key.json"));
        try {
            ECPoint w = new ECPoint(new BigInteger(k.get("X").asText(), 16), new BigInteger(k.get("Y").asText(), 16));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, SigV4a.P256));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static boolean verifies(ECPublicKey key, String stringToSign, String hexSignature) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return s.verify(HexFormat.of().parseHex(hexSignature.strip()));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
