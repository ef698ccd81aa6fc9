package io.s3pump.client.internal.hash;

import io.s3pump.client.Digests;
import io.s3pump.client.UploadBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** Computes the digests a request needs over an {@link UploadBody} in one pass, without copying it to the heap. */
public final class BodyHashing {
    private BodyHashing() {}

    /** Which digests to compute. */
    public record Wanted(boolean md5, boolean sha256, boolean crc32c, boolean crc32) {
        public boolean any() {
            return md5 || sha256 || crc32c || crc32;
        }
    }

    /**
     * Returns {@code known} with every wanted digest that it lacks computed from {@code body}; digests
     * already in {@code known} are trusted and not recomputed.
     */
    public static Digests complete(UploadBody body, Wanted wanted, Digests known) throws IOException {
        Wanted missing = new Wanted(wanted.md5 && known.md5() == null, wanted.sha256 && known.sha256() == null,
                wanted.crc32c && known.crc32c() == null, wanted.crc32 && known.crc32() == null);
        if (!missing.any()) return known;
        DigestChannel ch = new DigestChannel(missing);
        body.writeTo(ch);
        return known.orElse(ch.finish());
    }

    public static MessageDigest md5() {
        return digest("MD5");
    }

    public static MessageDigest sha256() {
        return digest("SHA-256");
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + name, e);
        }
    }

    /** Hex of {@code bytes} as base64, for {@code Content-MD5} and {@code x-amz-checksum-*} headers. */
    public static String hexToBase64(String hex) {
        return java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    /** A sink that feeds every byte written to it into the wanted digests. */
    static final class DigestChannel implements WritableByteChannel {
        private final MessageDigest md5;
        private final MessageDigest sha256;
        private final Checksum crc32c;
        private final Checksum crc32;
        private final byte[] scratch;

        DigestChannel(Wanted w) {
            md5 = w.md5 ? md5() : null;
            sha256 = w.sha256 ? sha256() : null;
            crc32c = w.crc32c ? new CRC32C() : null;
            crc32 = w.crc32 ? new CRC32() : null;
            // MessageDigest copies direct buffers through a small temporary array; one 64 KiB scratch
            // array shared by both digests halves that copying for mapped segments.
            scratch = (md5 != null || sha256 != null) ? new byte[64 * 1024] : null;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            if (src.hasArray()) {
                byte[] a = src.array();
                int off = src.arrayOffset() + src.position();
                if (md5 != null) md5.update(a, off, n);
                if (sha256 != null) sha256.update(a, off, n);
                if (crc32c != null) crc32c.update(a, off, n);
                if (crc32 != null) crc32.update(a, off, n);
                src.position(src.limit());
                return n;
            }
            if (crc32c != null) crc32c.update(src.duplicate());
            if (crc32 != null) crc32.update(src.duplicate());
            if (scratch != null) {
                ByteBuffer view = src.duplicate();
                while (view.hasRemaining()) {
                    int k = Math.min(scratch.length, view.remaining());
                    view.get(scratch, 0, k);
                    if (md5 != null) md5.update(scratch, 0, k);
                    if (sha256 != null) sha256.update(scratch, 0, k);
                }
            }
            src.position(src.limit());
            return n;
        }

        Digests finish() {
            HexFormat hex = HexFormat.of();
            return new Digests(md5 == null ? null : hex.formatHex(md5.digest()),
                    sha256 == null ? null : hex.formatHex(sha256.digest()),
                    crc32c == null ? null : String.format("%08x", crc32c.getValue()),
                    crc32 == null ? null : String.format("%08x", crc32.getValue()));
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
