package io.s3pump.sigv4.internal;

import io.s3pump.sigv4.ChecksumAlgorithm;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** Running checksums for the aws-chunked trailer; results are big-endian bytes, as S3 encodes them. */
public final class Checksums {
    private Checksums() {}

    /** A checksum being computed over a stream. Not thread-safe. */
    public interface Running {
        void update(byte[] data, int offset, int length);

        /** Updates with the remaining bytes of {@code data}, consuming them. */
        void update(ByteBuffer data);

        byte[] finish();
    }

    public static Running start(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> new Crc32Like(new CRC32());
            case CRC32C -> new Crc32Like(new CRC32C());
            case CRC64NVME -> new Crc64Nvme();
            case SHA1 -> new Digest(digest("SHA-1"));
            case SHA256 -> new Digest(Sha256.newDigest());
        };
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + name, e);
        }
    }

    private record Crc32Like(java.util.zip.Checksum crc) implements Running {
        @Override
        public void update(byte[] data, int offset, int length) {
            crc.update(data, offset, length);
        }

        @Override
        public void update(ByteBuffer data) {
            crc.update(data);
        }

        @Override
        public byte[] finish() {
            long v = crc.getValue();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
    }

    private record Digest(MessageDigest md) implements Running {
        @Override
        public void update(byte[] data, int offset, int length) {
            md.update(data, offset, length);
        }

        @Override
        public void update(ByteBuffer data) {
            md.update(data);
        }

        @Override
        public byte[] finish() {
            return md.digest();
        }
    }

    /** CRC-64/NVME: reflected polynomial 0x9a6c9329ac4bc9b5, init and xorout all ones (the JDK has none). */
    static final class Crc64Nvme implements Running {
        private static final long[] TABLE = table();
        private long crc = -1L;

        private static long[] table() {
            long[] t = new long[256];
            for (int i = 0; i < 256; i++) {
                long c = i;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0x9a6c9329ac4bc9b5L : c >>> 1;
                t[i] = c;
            }
            return t;
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            long c = crc;
            for (int i = offset, end = offset + length; i < end; i++) {
                c = TABLE[(int) ((c ^ data[i]) & 0xff)] ^ (c >>> 8);
            }
            crc = c;
        }

        @Override
        public void update(ByteBuffer data) {
            long c = crc;
            while (data.hasRemaining()) c = TABLE[(int) ((c ^ data.get()) & 0xff)] ^ (c >>> 8);
            crc = c;
        }

        @Override
        public byte[] finish() {
            long v = ~crc;
            byte[] out = new byte[8];
            for (int i = 0; i < 8; i++) out[i] = (byte) (v >>> (56 - 8 * i));
            return out;
        }
    }
}
