package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One part of a local file, memory-mapped read-only in its own arena. Closing it unmaps the pages at once (no
 * waiting for GC), so file-backed pages leave the process's RSS as soon as the part is done.
 *
 * <p>The arena is confined to the part's task thread: {@code S3Client} runs OkHttp calls synchronously
 * ({@code Call.execute()}), which writes the request body on the calling thread, and closing a confined arena
 * needs no cross-thread handshake (a shared arena's close does). The MD5 is computed at most once and cached,
 * whether this side asks for it ({@link #md5()}) or the client computed it ({@link #offerMd5}).
 *
 * <p>File pages of a mapping count in the RSS. Hashing releases each window of pages behind it, and so does the
 * body as it is sent ({@code UploadBody.ofFileMapping}), so 8 parts of 8 MiB in flight hold a few MiB of
 * file pages instead of 64 MiB (measured in {@code client/PERFORMANCE.md}).
 */
public final class MappedPart implements AutoCloseable {
    /** Bytes hashed between two releases of the mapping's pages. */
    static final int HASH_WINDOW = 1 << 20;

    private final Arena arena;
    private final MemorySegment segment;
    private final int number;
    private volatile Md5Digest md5;
    private volatile String sha256;

    private MappedPart(Arena arena, MemorySegment segment, int number) {
        this.arena = arena;
        this.segment = segment;
        this.number = number;
    }

    /** Maps {@code length} bytes at {@code offset} of {@code channel} (open for reading). */
    public static MappedPart map(FileChannel channel, int number, long offset, long length) throws IOException {
        if (length == 0) return new MappedPart(null, MemorySegment.ofArray(new byte[0]), number);
        Arena arena = Arena.ofConfined();
        try {
            return new MappedPart(arena, channel.map(FileChannel.MapMode.READ_ONLY, offset, length, arena), number);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Wraps bytes already in memory (a streamed part); closing it does not free them, their owner does. */
    public static MappedPart wrap(MemorySegment bytes, int number) {
        return new MappedPart(null, bytes, number);
    }

    /** The mapped bytes; valid until {@link #close()}. */
    public MemorySegment segment() {
        return segment;
    }

    /** The part number. */
    public int number() {
        return number;
    }

    /** The part's length in bytes. */
    public long length() {
        return segment.byteSize();
    }

    /** The part's MD5: computed the first time, then cached. */
    public Md5Digest md5() throws IOException {
        Md5Digest d = md5;
        if (d == null) {
            MessageDigest md = Md5Digest.newMd5();
            hash(md);
            d = Md5Digest.of(md.digest());
            md5 = d;
        }
        return d;
    }

    /** The part's SHA-256 in hex: computed the first time, then cached. */
    public String sha256Hex() throws IOException {
        String d = sha256;
        if (d == null) {
            MessageDigest md = io.s3pump.client.internal.hash.BodyHashing.sha256();
            hash(md);
            d = HexFormat.of().formatHex(md.digest());
            sha256 = d;
        }
        return d;
    }

    /**
     * Feeds the part's bytes to {@code md} through the mapping, releasing each window of file pages once hashed
     * (madvise DONTNEED; the page cache keeps them and the send faults them back in as it goes): the part then
     * holds a window of RSS, not its whole size, from the hash until the body has been sent.
     */
    private void hash(MessageDigest md) throws IOException {
        long size = segment.byteSize();
        boolean mapped = segment.isMapped();
        for (long off = 0; off < size; off += HASH_WINDOW) {
            MemorySegment window = segment.asSlice(off, Math.min(HASH_WINDOW, size - off));
            md.update(window.asByteBuffer());
            if (mapped) window.unload();
        }
    }

    /** The MD5 if it is known, without computing it; {@code null} otherwise. */
    public Md5Digest md5IfKnown() {
        return md5;
    }

    /** Records an MD5 computed elsewhere (by the client), so that it is never computed again. */
    public void offerMd5(Md5Digest digest) {
        if (md5 == null) md5 = digest;
    }

    /** Unmaps the part. Idempotent. */
    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) arena.close();
    }
}
