package io.s3pump.sigv4.internal;

import java.security.DigestException;
import java.security.MessageDigest;

/** Per-call scratch state of the signer (digest, buffer, hash and signature bytes), pooled instead of allocated. */
public final class Workspace {
    private static final int MAX_RETAINED = 64 * 1024;
    private static final Pool<Workspace> POOL = Pool.perProcessor(Workspace::new);

    public final ByteBuf buf = new ByteBuf(1024);
    public final byte[] hash = new byte[32];
    public final byte[] mac = new byte[32];
    private final MessageDigest sha256 = Sha256.newDigest();

    private Workspace() {}

    public static Workspace acquire() {
        Workspace w = POOL.acquire();
        w.buf.clear();
        return w;
    }

    /** Returns this workspace to the pool, unless a huge request grew its buffer (then the GC takes it). */
    public void release() {
        if (buf.capacity() <= MAX_RETAINED) POOL.release(this);
    }

    /** SHA-256 of the buffer into {@link #hash}. */
    public void hashBuffer() {
        sha256.update(buf.array(), 0, buf.length());
        try {
            sha256.digest(hash, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
