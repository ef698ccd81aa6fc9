package io.s3pump.sigv4.internal;

import java.nio.charset.StandardCharsets;

/** Lower-case hex without String.format: the signer hexes several digests per request. */
public final class Hex {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Hex() {}

    public static String encode(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0, j = 0; i < bytes.length; i++) {
            int b = bytes[i];
            out[j++] = DIGITS[(b >> 4) & 0xf];
            out[j++] = DIGITS[b & 0xf];
        }
        // Latin-1 bytes become a compact String without a decoding pass.
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    public static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }
}
