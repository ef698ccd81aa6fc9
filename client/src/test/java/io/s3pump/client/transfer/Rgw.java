package io.s3pump.client.transfer;

import io.s3pump.client.ListObjectsV2Request;
import io.s3pump.client.ObjectIdentifier;
import io.s3pump.client.RgwEndpoint;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.sigv4.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** Shared helpers of the transfer integration tests: a client for the local RGW, buckets, files, hashes. */
final class Rgw {
    private Rgw() {}

    static S3Client client(RgwEndpoint rgw) {
        return S3Client.create(rgw.config().maxConcurrency(16).build());
    }

    static String newBucket(S3Client client, String prefix) throws IOException {
        String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.createBucket(bucket);
        return bucket;
    }

    /** Deletes every object of the bucket, aborts its open uploads, then deletes the bucket. */
    static void deleteBucket(S3Client client, String bucket) throws IOException {
        List<ObjectIdentifier> keys = new ArrayList<>();
        client.listObjectsV2All(ListObjectsV2Request.of(bucket), page -> {
            page.contents().forEach(c -> keys.add(new ObjectIdentifier(c.key(), null)));
            return true;
        });
        for (int i = 0; i < keys.size(); i += 1000) client.deleteObjects(bucket, keys.subList(i, Math.min(keys.size(), i + 1000)), true);
        List<String[]> uploads = new ArrayList<>();
        client.listMultipartUploadsAll(io.s3pump.client.ListMultipartUploadsRequest.of(bucket), page -> {
            page.uploads().forEach(u -> uploads.add(new String[] {u.key(), u.uploadId()}));
            return true;
        });
        for (String[] u : uploads) client.abortMultipartUpload(bucket, u[0], u[1]);
        client.deleteBucket(bucket);
    }

    /** A file of {@code size} pseudo-random bytes from {@code seed}, written in 1 MiB blocks. */
    static Path randomFile(Path dir, long size, long seed) throws IOException {
        Path f = dir.resolve("random-" + size + "-" + seed + ".bin");
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = size;
            while (left > 0) {
                block.clear();
                while (block.remaining() >= 8) block.putLong(random.nextLong());
                block.flip().limit((int) Math.min(block.capacity(), left));
                while (block.hasRemaining()) left -= ch.write(block);
            }
        }
        return f;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file); OutputStream out = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The multipart ETag of {@code file} cut into parts of {@code partSize}, computed independently of the engine. */
    static String compositeEtag(Path file, long partSize) throws Exception {
        long size = Files.size(file);
        MessageDigest outer = MessageDigest.getInstance("MD5");
        int parts = 0;
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (long off = 0; off < size; off += partSize) {
                MessageDigest md = MessageDigest.getInstance("MD5");
                long left = Math.min(partSize, size - off);
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    md.update(buf, 0, n);
                    left -= n;
                }
                outer.update(md.digest());
                parts++;
            }
        }
        return HexFormat.of().formatHex(outer.digest()) + "-" + parts;
    }

    static String md5(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(md.digest());
    }
}
