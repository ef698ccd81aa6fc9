package io.s3pump.sigv4.internal;

import java.util.regex.Pattern;

/**
 * One signature and what went into it, shared by header and query signing. The debug texts are rendered only when
 * asked for, so the signing path pays for none of them. Immutable once built (the hash array is never handed out).
 */
public final class SigningRecord {
    // Session tokens (and SSE-C keys) are secrets and appear in canonical requests: as a header line, or as a query
    // parameter.
    private static final Pattern TOKEN_HEADER = Pattern.compile(
            "(?im)^(x-amz-security-token:|x-amz-server-side-encryption-customer-key:|x-amz-copy-source-server-side-encryption-customer-key:).*$");
    private static final Pattern TOKEN_PARAM = Pattern.compile("(?i)(X-Amz-Security-Token=)[^&\n]*");

    private final CanonicalRequest canonical;
    private final String algorithm;
    private final String amzDate;
    private final String scope;
    private final byte[] canonicalHash;
    private final String signedText;

    /**
     * @param signedText the text that carries the signature at its end: the Authorization value, or the wire query
     *     ending in {@code X-Amz-Signature=…}
     */
    public SigningRecord(CanonicalRequest canonical, String algorithm, String amzDate, String scope,
                         byte[] canonicalHash, String signedText) {
        this.canonical = canonical;
        this.algorithm = algorithm;
        this.amzDate = amzDate;
        this.scope = scope;
        this.canonicalHash = canonicalHash;
        this.signedText = signedText;
    }

    public String signedText() {
        return signedText;
    }

    /** Both carriers end in {@code Signature=<hex>}, and hex has no '='. */
    public String signature() {
        return signedText.substring(signedText.lastIndexOf('=') + 1);
    }

    public String signedHeaders() {
        return canonical.signedHeaders();
    }

    public String canonicalRequest() {
        return canonical.text();
    }

    public String stringToSign() {
        return StringToSign.of(algorithm, amzDate, scope, Hex.encode(canonicalHash));
    }

    /** The canonical request with any session token masked, and the string to sign. */
    public String debugText() {
        String masked = TOKEN_PARAM.matcher(TOKEN_HEADER.matcher(canonicalRequest()).replaceAll("$1****")).replaceAll("$1****");
        return "canonical request:\n" + masked + "\nstring to sign:\n" + stringToSign();
    }

    @Override
    public String toString() {
        return "SigningRecord[" + algorithm + ", signature=****]";
    }
}
