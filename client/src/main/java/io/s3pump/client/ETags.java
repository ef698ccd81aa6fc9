package io.s3pump.client;

import java.util.HexFormat;
import java.util.List;
import java.security.MessageDigest;

/**
 * ETag helpers. The client hands out every ETag without surrounding quotes, because RGW sends them quoted
 * in headers and listings but unquoted in a repeated CompleteMultipartUpload answer.
 */
public final class ETags {
    private ETags() {}

    /** {@code "abc"} becomes {@code abc}; {@code W/"abc"} becomes {@code abc}; {@code null} stays {@code null}. */
    public static String unquote(String eTag) {
        if (eTag == null) return null;
        String s = eTag.strip();
        if (s.startsWith("W/")) s = s.substring(2);
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        if (s.length() >= 12 && s.startsWith("&quot;") && s.endsWith("&quot;")) s = s.substring(6, s.length() - 6);
        return s;
    }

    /**
     * The ETag S3 and RGW give a multipart object: the MD5 of the concatenated binary MD5s of the parts,
     * in hex, then {@code -N}.
     *
     * @param partMd5Hex each part's MD5 in hex, in part-number order (the parts' own ETags)
     * @throws IllegalArgumentException when the list is empty or an entry is not 32 hex digits
     */
    public static String composite(List<String> partMd5Hex) {
        if (partMd5Hex.isEmpty()) throw new IllegalArgumentException("a multipart object has at least one part");
        MessageDigest md5 = io.s3pump.client.internal.hash.BodyHashing.md5();
        HexFormat hex = HexFormat.of();
        for (String part : partMd5Hex) {
            String p = unquote(part);
            if (p.length() != 32) throw new IllegalArgumentException("not an MD5 in hex: " + p);
            md5.update(hex.parseHex(p));
        }
        return hex.formatHex(md5.digest()) + "-" + partMd5Hex.size();
    }
}
