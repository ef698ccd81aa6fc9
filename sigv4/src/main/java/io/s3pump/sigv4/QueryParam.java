package io.s3pump.sigv4;

import java.util.Objects;

/**
 * One query parameter, decoded (not percent-encoded): {@code new QueryParam("prefix", "a b")}.
 *
 * <p>Immutable and thread-safe. A parameter without a value, such as S3's {@code ?uploads}, has the empty value and is
 * written {@code uploads=}, which is its canonical form and what S3 and RGW accept on the wire.
 *
 * @param name the decoded name; may not be empty
 * @param value the decoded value; empty for a value-less parameter
 */
public record QueryParam(String name, String value) {

    /**
     * Both are kept decoded; the signer encodes them once.
     *
     * @throws IllegalArgumentException when the name is empty
     */
    public QueryParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) throw new IllegalArgumentException("query parameter name is empty");
    }

    /** A parameter without a value, such as {@code uploads} or {@code lifecycle}. */
    public static QueryParam flag(String name) {
        return new QueryParam(name, "");
    }

    @Override
    public String toString() {
        return name + "=" + (isSecret(name) ? "****" : value);
    }

    static boolean isSecret(String name) {
        return name.equalsIgnoreCase("X-Amz-Signature") || name.equalsIgnoreCase("X-Amz-Security-Token")
                || name.equalsIgnoreCase("X-Amz-Credential");
    }
}
