package io.s3pump.client.internal.transfer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * S3's COMPOSITE checksums of a multipart object: the checksum of the concatenated binary part checksums,
 * base64, then {@code -N}. RGW 16.2 ignores {@code x-amz-checksum-*} (see RGW.md), so these serve endpoints that
 * echo them and the bench; MD5-based ETags remain the check against RGW.
 */
public final class CompositeChecksums {
    private CompositeChecksums() {}

    /** Composite CRC32C over base64 part checksums (4 bytes each, big-endian). */
    public static String crc32c(List<String> partChecksumsBase64) {
        return crc(new CRC32C(), partChecksumsBase64);
    }

    /** Composite CRC32 over base64 part checksums (4 bytes each, big-endian). */
    public static String crc32(List<String> partChecksumsBase64) {
        return crc(new CRC32(), partChecksumsBase64);
    }

    /** Composite SHA-256 over base64 part digests (32 bytes each). */
    public static String sha256(List<String> partChecksumsBase64) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : partChecksumsBase64) md.update(decode(p, 32));
            return Base64.getEncoder().encodeToString(md.digest()) + "-" + partChecksumsBase64.size();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** The base64 CRC32C of bytes, as in an {@code x-amz-checksum-crc32c} header. */
    public static String crc32cOf(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        return base64Int(c.getValue());
    }

    private static String crc(Checksum checksum, List<String> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("a multipart upload has at least one part");
        for (String p : parts) checksum.update(decode(p, 4));
        return base64Int(checksum.getValue()) + "-" + parts.size();
    }

    private static String base64Int(long value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] decode(String base64, int length) {
        byte[] b = Base64.getDecoder().decode(base64);
        if (b.length != length)
            throw new IllegalArgumentException("expected a " + length + "-byte checksum, got " + b.length + " bytes");
        return b;
    }
}
