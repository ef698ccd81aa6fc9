package io.s3pump.client.internal.transfer;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A 16-byte MD5 digest; holds its own copy of the bytes, so it is immutable and safe to share. */
public final class Md5Digest {
    private static final HexFormat HEX = HexFormat.of();
    /** Bytes hashed per update: keeps the JDK's heap copy of direct-buffer input small. */
    private static final int SLICE = 1 << 20;

    private final byte[] bytes;

    private Md5Digest(byte[] bytes) {
        if (bytes.length != 16) throw new IllegalArgumentException("an MD5 digest has 16 bytes, not " + bytes.length);
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code digest}. */
    public static Md5Digest of(byte[] digest) {
        return new Md5Digest(digest.clone());
    }

    /** Parses 32 hex digits (quotes around them are tolerated, as in an ETag). */
    public static Md5Digest ofHex(String hex) {
        String h = Etags.unquote(hex);
        if (!Etags.isMd5Hex(h)) throw new IllegalArgumentException("not an MD5 hex digest: " + hex);
        return new Md5Digest(HEX.parseHex(h));
    }

    /** MD5 of all bytes of a segment (for example a mapped part), read in 1 MiB slices. */
    public static Md5Digest of(MemorySegment segment) {
        MessageDigest md = newMd5();
        long size = segment.byteSize();
        for (long off = 0; off < size; off += SLICE) {
            md.update(segment.asSlice(off, Math.min(SLICE, size - off)).asByteBuffer());
        }
        return new Md5Digest(md.digest());
    }

    /** MD5 of the remaining bytes of a buffer; the buffer's position is advanced. */
    public static Md5Digest of(ByteBuffer buffer) {
        MessageDigest md = newMd5();
        md.update(buffer);
        return new Md5Digest(md.digest());
    }

    /** A fresh MD5 {@link MessageDigest}; MD5 is mandatory on every JDK. */
    public static MessageDigest newMd5() {
        return io.s3pump.client.internal.hash.BodyHashing.md5();
    }

    /** A copy of the 16 digest bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    void appendTo(MessageDigest md) {
        md.update(bytes);
    }

    /** Lower-case hex, as in an ETag without quotes. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Base64, as in a {@code Content-MD5} header. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Md5Digest other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
