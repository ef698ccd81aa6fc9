package io.s3pump.client.internal.http;

import java.util.regex.Pattern;

/** Redacts query parameters that carry secrets before a URL is logged. */
final class SafeText {
    private static final Pattern SECRET_PARAMS =
            Pattern.compile("(?i)((?:X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential)=)[^&]*");

    private SafeText() {}

    /** A request target ({@code path?query}) with its secret query parameters redacted. */
    static String target(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q + 1) + query(target.substring(q + 1));
    }

    static String query(String encodedQuery) {
        return SECRET_PARAMS.matcher(encodedQuery).replaceAll("$1****");
    }
}
