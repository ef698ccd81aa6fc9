package io.s3pump.client.transfer;

import io.s3pump.client.internal.transfer.Etags;
import io.s3pump.client.internal.transfer.MappedPart;
import io.s3pump.client.internal.transfer.Md5Digest;
import io.s3pump.client.internal.transfer.ObjectStore;
import io.s3pump.client.internal.transfer.Reconciliation.ListedPart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/** An in-memory S3 with the multipart rules the engine relies on, for engine tests without HTTP. */
final class InMemoryStore implements ObjectStore {
    record Obj(byte[] data, String etag) {}

    final Map<String, Obj> objects = new ConcurrentHashMap<>();
    final Map<String, Map<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
    final AtomicInteger uploadPartCalls = new AtomicInteger();
    final AtomicInteger aborts = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    /** Part numbers whose upload fails with a permanent error. */
    volatile IntPredicate failPart = n -> false;
    /** Part numbers whose bytes arrive damaged (one bit flipped in transit); the server stores what it got. */
    volatile IntPredicate corruptPart = n -> false;
    /** Called inside uploadPart after the body was read, before the answer. */
    volatile Runnable duringPart = () -> {};
    /** Ranged GETs whose stream should break: returns how many bytes to serve before a reset, or -1. */
    volatile java.util.function.LongUnaryOperator breakRangeAfter = first -> -1;
    final AtomicInteger getCalls = new AtomicInteger();
    /** Called before a ranged GET is answered, with the range's first byte (a test blocks a range here). */
    volatile java.util.function.LongConsumer beforeRange = first -> {};
    /** The object byte that the next GET covering it delivers with one bit flipped (once), or -1. */
    final java.util.concurrent.atomic.AtomicLong corruptAt = new java.util.concurrent.atomic.AtomicLong(-1);

    void corruptNextGet(long offset) {
        corruptAt.set(offset);
    }

    /** When set, HEAD reports this size instead of the real one. */
    volatile Long headSizeOverride;
    /** When set, HEAD reports this ETag instead of the real one. */
    volatile String headEtagOverride;

    /** When set, Complete does its work and then reports NoSuchUpload, as a retry after a lost answer gets. */
    volatile boolean loseCompleteAnswer;
    /** Called once CreateMultipartUpload has created the upload, before it answers. */
    volatile Runnable afterCreate = () -> {};
    /** When set, CreateMultipartUpload fails with a permanent error. */
    volatile boolean failCreate;

    @Override
    public String createMultipartUpload(String bucket, String key, String contentType) throws IOException {
        if (failCreate) throw new io.s3pump.client.S3Exception(403, "AccessDenied", "create", key, "r", "h");
        String id = "upload-" + ids.incrementAndGet();
        uploads.put(id, new ConcurrentHashMap<>());
        afterCreate.run();
        return id;
    }

    @Override
    public String uploadPart(String bucket, String key, String uploadId, MappedPart body) throws IOException {
        uploadPartCalls.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            Map<Integer, byte[]> parts = uploads.get(uploadId);
            if (parts == null) throw new io.s3pump.client.S3Exception(404, "NoSuchUpload", "", key, "r", "h");
            byte[] data = read(body);
            Thread.sleep(2);
            duringPart.run();
            int n = body.number();
            if (failPart.test(n)) throw new io.s3pump.client.S3Exception(403, "AccessDenied", "part " + n, key, "r", "h");
            if (corruptPart.test(n) && data.length > 0) data[0] ^= 1;
            parts.put(n, data);
            return "\"" + md5(data).hex() + "\"";
        } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void completeMultipartUpload(String bucket, String key, String uploadId,
                                        List<io.s3pump.client.CompletedPart> list)
            throws IOException {
        Map<Integer, byte[]> parts = uploads.remove(uploadId);
        if (parts == null) throw new io.s3pump.client.S3Exception(404, "NoSuchUpload", "", key, "r", "h");
        var out = new java.io.ByteArrayOutputStream();
        List<Md5Digest> md5s = new ArrayList<>();
        for (io.s3pump.client.CompletedPart p : list) {
            byte[] data = parts.get(p.partNumber());
            if (data == null || !Etags.same(p.eTag(), md5(data).hex()))
                throw new io.s3pump.client.S3Exception(400, "InvalidPart", "", key, "r", "h");
            out.writeBytes(data);
            md5s.add(md5(data));
        }
        objects.put(bucket + "/" + key, new Obj(out.toByteArray(), Etags.composite(md5s)));
        if (loseCompleteAnswer) {
            // What the caller sees when the answer was lost and the client's retry found the upload gone.
            throw new io.s3pump.client.S3Exception(404, "NoSuchUpload", "", key, "r", "h");
        }
    }

    @Override
    public void abortMultipartUpload(String bucket, String key, String uploadId) throws IOException {
        // As a socket channel does: an interrupted thread's request never goes out.
        if (Thread.currentThread().isInterrupted()) throw new java.nio.channels.ClosedByInterruptException();
        aborts.incrementAndGet();
        uploads.remove(uploadId);
    }

    @Override
    public List<ListedPart> listParts(String bucket, String key, String uploadId) throws IOException {
        Map<Integer, byte[]> parts = uploads.get(uploadId);
        if (parts == null) throw new io.s3pump.client.S3Exception(404, "NoSuchKey", "", key, "r", "h");
        List<ListedPart> list = new ArrayList<>();
        new TreeMap<>(parts).forEach((n, d) -> list.add(new ListedPart(n, d.length, md5(d).hex())));
        return list;
    }

    @Override
    public String putObject(String bucket, String key, String contentType, MappedPart body) throws IOException {
        byte[] data = read(body);
        String etag = md5(data).hex();
        objects.put(bucket + "/" + key, new Obj(data, etag));
        return "\"" + etag + "\"";
    }

    final java.util.concurrent.atomic.AtomicInteger headCalls = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Head headObject(String bucket, String key) throws IOException {
        headCalls.incrementAndGet();
        Obj o = objects.get(bucket + "/" + key);
        if (o == null) throw new io.s3pump.client.S3Exception(404, "NoSuchKey", "", key, "r", "h");
        return new Head(headSizeOverride != null ? headSizeOverride : o.data().length, "\"" + (headEtagOverride != null ? headEtagOverride : o.etag()) + "\"");
    }

    @Override
    public InputStream getRange(String bucket, String key, long first, long last, String ifMatch) throws IOException {
        Obj o = objects.get(bucket + "/" + key);
        if (o == null) throw new io.s3pump.client.S3Exception(404, "NoSuchKey", "", key, "r", "h");
        if (ifMatch != null && !Etags.same(ifMatch, o.etag()))
            throw new io.s3pump.client.S3Exception(412, "PreconditionFailed", "", key, "r", "h");
        getCalls.incrementAndGet();
        beforeRange.accept(first);
        byte[] slice = Arrays.copyOfRange(o.data(), (int) first, (int) last + 1);
        long damage = corruptAt.get();
        if (damage >= first && damage <= last && corruptAt.compareAndSet(damage, -1)) slice[(int) (damage - first)] ^= 1;
        long cut = breakRangeAfter.applyAsLong(first);
        if (cut < 0 && channelBodies) return new ArrayChannel(slice);
        if (cut < 0) return new ByteArrayInputStream(slice);
        return new java.io.SequenceInputStream(new ByteArrayInputStream(slice, 0, (int) cut), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new java.net.SocketException("Connection reset");
            }
        });
    }

    /**
     * Answer bodies that are also (uninterruptible) channels, as the client's are: an interrupt then reaches the
     * download's file writes rather than the wrapper {@code Channels.newChannel} would put around a stream.
     */
    volatile boolean channelBodies;

    private static final class ArrayChannel extends InputStream implements java.nio.channels.ReadableByteChannel {
        private final java.nio.ByteBuffer data;

        ArrayChannel(byte[] bytes) {
            data = java.nio.ByteBuffer.wrap(bytes);
        }

        @Override
        public int read(java.nio.ByteBuffer dst) {
            if (!data.hasRemaining()) return -1;
            int n = Math.min(dst.remaining(), data.remaining());
            dst.put(data.slice(data.position(), n));
            data.position(data.position() + n);
            return n;
        }

        @Override
        public int read() {
            return data.hasRemaining() ? data.get() & 0xff : -1;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }

    @Override
    public boolean isNoSuchUpload(IOException e) {
        return e instanceof io.s3pump.client.S3Exception s
                && ("NoSuchUpload".equals(s.code()) || "NoSuchKey".equals(s.code()));
    }

    /** The integrity mode this store pretends the client uses. */
    volatile PayloadCheck payloadCheck = PayloadCheck.NONE;
    final AtomicInteger md5sFromClient = new AtomicInteger();

    @Override
    public PayloadCheck payloadCheck() {
        return payloadCheck;
    }

    /** Reads the part as the client would, computing the MD5 like the client's Content-MD5 mode does. */
    private byte[] read(MappedPart part) {
        byte[] data = part.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        if (payloadCheck == PayloadCheck.MD5 && part.md5IfKnown() == null) {
            md5sFromClient.incrementAndGet();
            part.offerMd5(md5(data));
        }
        return data;
    }

    static Md5Digest md5(byte[] data) {
        return Md5Digest.of(java.nio.ByteBuffer.wrap(data));
    }
}
