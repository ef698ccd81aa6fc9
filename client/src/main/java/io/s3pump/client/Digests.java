package io.s3pump.client;

import io.s3pump.sigv4.ChecksumAlgorithm;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Digests of one request body, each in lower-case hex, or {@code null} when not computed.
 *
 * <p>The client returns the digests it computed (so that, for example, the MD5 of every part feeds the
 * composite-ETag check without hashing twice), and accepts precomputed ones (so that it does not hash a
 * body the caller already hashed). Precomputed digests are trusted as given.
 *
 * @param md5 MD5, 32 hex digits
 * @param sha256 SHA-256, 64 hex digits
 * @param crc32c CRC32C, 8 hex digits (big-endian)
 * @param crc32 CRC32, 8 hex digits (big-endian)
 */
public record Digests(String md5, String sha256, String crc32c, String crc32) {

    /** No digest known. */
    public static final Digests NONE = new Digests(null, null, null, null);

    public Digests {
        md5 = check("md5", md5, 32);
        sha256 = check("sha256", sha256, 64);
        crc32c = check("crc32c", crc32c, 8);
        crc32 = check("crc32", crc32, 8);
    }

    private static String check(String name, String hex, int length) {
        if (hex == null) return null;
        String h = hex.toLowerCase(Locale.ROOT);
        if (h.length() != length || !h.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException(name + " is not " + length + " hex digits: " + hex);
        }
        return h;
    }

    public Digests withMd5(String hex) { return new Digests(hex, sha256, crc32c, crc32); }
    public Digests withSha256(String hex) { return new Digests(md5, hex, crc32c, crc32); }
    public Digests withCrc32c(String hex) { return new Digests(md5, sha256, hex, crc32); }
    public Digests withCrc32(String hex) { return new Digests(md5, sha256, crc32c, hex); }

    /** The digest for {@code algorithm}, or {@code null}. */
    public String of(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32C -> crc32c;
            case CRC32 -> crc32;
            case SHA256 -> sha256;
            default -> null;
        };
    }

    /** Fills every digest that is {@code null} here from {@code other}. */
    public Digests orElse(Digests other) {
        return new Digests(md5 != null ? md5 : other.md5, sha256 != null ? sha256 : other.sha256,
                crc32c != null ? crc32c : other.crc32c, crc32 != null ? crc32 : other.crc32);
    }
}
