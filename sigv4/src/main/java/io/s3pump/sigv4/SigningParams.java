package io.s3pump.sigv4;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who signs, for which region and service, and when.
 *
 * <p>Immutable and thread-safe. The time is always an input: the signer never reads a clock. It is truncated to the second.
 * For SigV4A, {@code region} is the region set, such as {@code us-east-1} or {@code *}.
 *
 * @param credentials the credentials to sign with
 * @param region the signing region, such as {@code us-east-1} (RGW accepts any name its zonegroup uses)
 * @param service the signing service, {@code s3} for S3 and RGW
 * @param time the signing time, sent as {@code x-amz-date}
 * @param uriRules how the canonical URI is made from the wire path; by default {@link UriRules#forService}
 */
public record SigningParams(Credentials credentials, String region, String service, Instant time, UriRules uriRules) {

    /**
     * Truncates the time to the second, as {@code x-amz-date} does.
     *
     * @throws IllegalArgumentException when the region or service is blank or holds white space, {@code /} or
     *     non-ASCII (they go into the credential scope)
     */
    public SigningParams {
        Objects.requireNonNull(credentials, "credentials");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("no signing region: SigV4 needs one (for RGW any configured name, "
                    + "usually us-east-1); set AWS_REGION or pass --region");
        }
        if (service == null || service.isBlank()) throw new IllegalArgumentException("no signing service (use \"s3\" for S3 and RGW)");
        checkScopePart("region", region);
        checkScopePart("service", service);
        Objects.requireNonNull(time, "time");
        time = time.truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(uriRules, "uriRules");
    }

    /** Signing parameters with the URI rules of {@code service}: S3's for S3, SigV4's general ones otherwise. */
    public SigningParams(Credentials credentials, String region, String service, Instant time) {
        this(credentials, region, service, time, UriRules.forService(service));
    }

    /** Signing parameters for S3 (service {@code s3}). */
    public static SigningParams s3(Credentials credentials, String region, Instant time) {
        return new SigningParams(credentials, region, "s3", time);
    }

    /** The same parameters at another time, e.g. for a retry. */
    public SigningParams at(Instant newTime) {
        return new SigningParams(credentials, region, service, newTime, uriRules);
    }

    /** The same parameters with other URI rules (say, S3's rules for an S3-compatible service of another name). */
    public SigningParams withUriRules(UriRules rules) {
        return new SigningParams(credentials, region, service, time, rules);
    }

    private static void checkScopePart(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '/' || c >= 0x7f) {
                throw new IllegalArgumentException(what + " contains an illegal character: " + value);
            }
        }
    }
}
