package io.s3pump.sigv4.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free pool of reusable, non-thread-safe objects (Mac, MessageDigest, buffers). It replaces
 * ThreadLocal caching, which virtual threads would multiply: the pool is bounded by its slot count, whatever the
 * number of threads. An object is used by one caller between {@link #acquire()} and {@link #release(Object)}; when
 * the slots are empty a new one is made, and when they are full a released one is left to the GC.
 */
public final class Pool<T> {
    private final AtomicReferenceArray<T> slots;
    private final int mask;
    private final Supplier<? extends T> factory;

    private Pool(int minSlots, Supplier<? extends T> factory) {
        int n = Integer.highestOneBit(Math.max(2, minSlots - 1) << 1);
        this.slots = new AtomicReferenceArray<>(n);
        this.mask = n - 1;
        this.factory = factory;
    }

    /** A pool with about two slots per processor. */
    public static <T> Pool<T> perProcessor(Supplier<? extends T> factory) {
        return new Pool<>(Math.min(64, 2 * Runtime.getRuntime().availableProcessors()), factory);
    }

    public T acquire() {
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i <= mask; i++) {
            int slot = (start + i) & mask;
            T t = slots.get(slot);
            if (t != null && slots.compareAndSet(slot, t, null)) return t;
        }
        return factory.get();
    }

    /** Returns {@code t}, which must be in a clean state. Do not release an object whose use failed midway. */
    public void release(T t) {
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i <= mask; i++) {
            int slot = (start + i) & mask;
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, t)) return;
        }
    }
}
