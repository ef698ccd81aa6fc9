package io.s3pump.cli;

import io.s3pump.client.ETags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reproduces an object's ETag from a local file without downloading the object: the MD5 of the content for a
 * single PutObject, or for a multipart object the MD5 of the part MD5s followed by {@code -N}.
 *
 * <p>A completed multipart object does not say its part size (RGW ignores HEAD {@code ?partNumber}), so the part
 * sizes that give exactly N parts are tried, most likely first (whole MiB, powers of two, the N-way split), all
 * in one read of the file.
 */
final class CompositeEtag {
    private static final Pattern COMPOSITE = Pattern.compile("[0-9a-fA-F]{32}-(\\d{1,5})");
    /** Each candidate costs one more MD5 stream over the file (~0.65 GiB/s per core): keep the list short. */
    static final int MAX_CANDIDATES = 8;
    private static final long MIB = ByteSize.MIB;

    private CompositeEtag() {}

    /** N of a composite {@code hex-N} ETag, or {@code null} when the ETag is not composite. */
    static Integer partCount(String etag) {
        if (etag == null) return null;
        Matcher m = COMPOSITE.matcher(etag);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /**
     * Part sizes that cut {@code size} bytes into exactly {@code parts} parts, most likely first, at most
     * {@link #MAX_CANDIDATES}. Empty when no size can.
     */
    static List<Long> candidatePartSizes(long size, int parts) {
        Set<Long> out = new LinkedHashSet<>();
        if (parts < 1 || size < parts) return List.of();
        long lo = ceilDiv(size, parts);                          // the N-way split (boto3's "N chunks")
        long hi = parts == 1 ? Long.MAX_VALUE : ceilDiv(size, parts - 1) - 1;
        if (lo > hi) return List.of();
        long firstMib = ceilDiv(lo, MIB) * MIB;                  // the smallest whole-MiB size (s3pump, aws cli)
        if (firstMib <= hi) out.add(firstMib);
        for (long p = MIB; p <= hi && p > 0; p <<= 1) {          // 8, 16, 32 MiB... defaults of most clients
            if (p >= lo) out.add(p);
        }
        out.add(lo);
        for (long p = firstMib + MIB; p <= hi && out.size() < MAX_CANDIDATES; p += MIB) out.add(p);
        return new ArrayList<>(out).subList(0, Math.min(out.size(), MAX_CANDIDATES));
    }

    /**
     * Computes the ETag of {@code file} for each part size (0 = a single PutObject, the plain MD5) in one pass.
     *
     * @return the ETags in the order of {@code partSizes}
     */
    static List<String> compute(Path file, List<Long> partSizes) throws IOException {
        List<Layout> layouts = new ArrayList<>();
        for (long p : partSizes) layouts.add(new Layout(p));
        ByteBuffer buf = ByteBuffer.allocateDirect((int) MIB);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 0;
            while (true) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) break;
                buf.flip();
                for (Layout l : layouts) l.update(buf.duplicate(), pos);
                pos += n;
            }
        }
        List<String> out = new ArrayList<>();
        for (Layout l : layouts) out.add(l.finish());
        return out;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** One candidate's running digests. */
    private static final class Layout {
        private final long partSize;
        private final MessageDigest md5 = newMd5();
        private final List<String> partMd5s = new ArrayList<>();
        private long inPart;

        Layout(long partSize) {
            this.partSize = partSize;
        }

        void update(ByteBuffer chunk, long position) {
            while (chunk.hasRemaining()) {
                int take = partSize == 0 ? chunk.remaining() : (int) Math.min(chunk.remaining(), partSize - inPart);
                ByteBuffer slice = chunk.slice(chunk.position(), take);
                md5.update(slice);
                chunk.position(chunk.position() + take);
                inPart += take;
                if (partSize != 0 && inPart == partSize) {
                    partMd5s.add(HexFormat.of().formatHex(md5.digest()));
                    inPart = 0;
                }
            }
        }

        String finish() {
            if (partSize == 0) return HexFormat.of().formatHex(md5.digest());
            if (inPart > 0 || partMd5s.isEmpty()) partMd5s.add(HexFormat.of().formatHex(md5.digest()));
            return ETags.composite(partMd5s);
        }

        private static MessageDigest newMd5() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK always has MD5", e);
            }
        }
    }
}
