package io.s3pump.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * botocore's copy of the SigV4 suite (vectors/botocore): .req → .creq → .sts → .authz → .sreq, one folder per case.
 * It adds cases aws-c-auth lacks (repeated query keys, {@code $} in a path). Same credentials and time for all cases.
 */
class BotocoreSuiteTest {
    private static final Credentials CREDENTIALS = Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final Map<String, String> EXCLUDED = Map.of(
            "post-sts-token/post-sts-header-after", "S3 requires the session token to be signed; this case adds it after signing");
    /**
     * botocore's SigV4Auth for a generic service: the path normalised. The harness encodes the .req's raw path once
     * into the wire path, as botocore's runner does, so it is not encoded again here.
     */
    private static final UriRules BOTOCORE_RUNNER = new UriRules(true, false);
    private static final Signer SIGNER = Signer.sigV4();

    record Case(String name) {
        String file(String ext) {
            return Vectors.text(Vectors.path("botocore/" + name + "/" + Path.of(name).getFileName() + "." + ext));
        }

        RawHttp http() {
            return RawHttp.parse(file("req"));
        }

        /**
         * botocore's runner takes the session token from the expected canonical request; the token-after case signs
         * without it, so it gets the suite's token (from the token-before request) as an S3 client would have it.
         */
        Credentials credentials() {
            if (name.equals("post-sts-token/post-sts-header-after")) {
                String token = new Case("post-sts-token/post-sts-header-before").http().header("X-Amz-Security-Token");
                return new Credentials(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(), token);
            }
            return file("creq").lines().filter(l -> l.startsWith("x-amz-security-token:")).findFirst()
                    .map(l -> new Credentials(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(),
                            l.substring("x-amz-security-token:".length())))
                    .orElse(CREDENTIALS);
        }

        SignableRequest request() {
            RawHttp http = http();
            PayloadMode payload = http.body().isEmpty() ? PayloadMode.empty()
                    : PayloadMode.signed(http.body().getBytes(StandardCharsets.UTF_8));
            return new SignableRequest(http.method(), http.host(), UriEncoding.encodeKey(http.rawPath()), http.query(),
                    http.headers(), payload);
        }

        SignedRequest sign() {
            return sign(BOTOCORE_RUNNER);
        }

        SignedRequest sign(UriRules rules) {
            return SIGNER.sign(request(), new SigningParams(credentials(), "us-east-1", "service", TIME).withUriRules(rules));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> all() {
        Path root = Vectors.path("botocore");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".req"))
                    .map(p -> new Case(root.relativize(p.getParent()).toString().replace('\\', '/')))
                    .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Case> s3Cases() {
        return all().stream().filter(c -> !EXCLUDED.containsKey(c.name()));
    }

    static Stream<Arguments> excludedCases() {
        return all().stream().filter(c -> EXCLUDED.containsKey(c.name())).map(c -> Arguments.of(c, EXCLUDED.get(c.name())));
    }

    @Test
    void suiteHasAllThirtyFourCases() {
        assertThat(all()).hasSize(34);
        assertThat(s3Cases()).hasSize(33);
        assertThat(normalizePathCases()).hasSize(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("s3Cases")
    void signsEveryStageLikeBotocore(Case c) {
        SignedRequest signed = c.sign();

        assertThat(signed.canonicalRequest()).isEqualTo(c.file("creq"));
        assertThat(signed.stringToSign()).isEqualTo(c.file("sts"));
        assertThat(signed.authorization()).isEqualTo(c.file("authz"));

        RawHttp expected = RawHttp.parse(c.file("sreq"));
        List<Header> ours = new ArrayList<>(c.http().headers());
        ours.removeIf(h -> signed.header(h.name()).isPresent());
        ours.addAll(signed.headers());
        List<String> wanted = RawHttp.normalized(expected.headers());
        if (c.name().equals("get-vanilla-with-session-token")) {
            // Erratum in the upstream .sreq: it embeds get-vanilla's signature; .authz has the right one.
            assertThat(expected.header("Authorization")).contains("Signature=5fa00fa3");
            wanted = wanted.stream().map(h -> h.startsWith("authorization:") ? "authorization:" + c.file("authz") : h).toList();
        }
        assertThat(RawHttp.normalized(ours)).containsExactlyInAnyOrderElementsOf(wanted);
    }

    @ParameterizedTest(name = "{0} is excluded: {1}")
    @MethodSource("excludedCases")
    void excludedCasesDifferFromS3BehaviourForTheirStatedReason(Case c, String reason) {
        SignedRequest signed = c.sign();
        assertThat(reason).isNotBlank();
        assertThat(signed.canonicalRequest()).isNotEqualTo(c.file("creq"));
        assertThat(signed.canonicalRequest()).contains("x-amz-security-token:");
        assertThat(c.file("creq")).doesNotContain("x-amz-security-token:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalizePathCases")
    void withS3sRulesThePathIsSignedRawWhereOtherServicesNormaliseIt(Case c) {
        String raw = UriEncoding.encodeKey(c.http().rawPath());
        assertThat(c.sign(UriRules.S3).canonicalRequest().split("\n")[1]).isEqualTo(raw)
                .isNotEqualTo(c.file("creq").split("\n")[1]);
        assertThat(c.sign(BOTOCORE_RUNNER).canonicalRequest()).isEqualTo(c.file("creq"));
    }

    /** The normalize-path cases whose path normalisation changes (two of the eight are normal already). */
    static Stream<Case> normalizePathCases() {
        return all().stream().filter(c -> c.name().startsWith("normalize-path/"))
                .filter(c -> !c.file("creq").split("\n")[1].equals(UriEncoding.encodeKey(c.http().rawPath())));
    }

    @Test
    void repeatedQueryKeysSortByValueInByteOrder() {
        SignedRequest signed = new Case("get-vanilla-query-order-key").sign();
        assertThat(signed.canonicalRequest().split("\n")[2]).isEqualTo("Param1=Value1&Param1=value2");
    }
}
