package io.s3pump.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a transfer: a shutdown hook interrupts the thread running the transfer (the engine then cancels
 * the parts in flight and keeps the upload's journal) and holds the JVM until that thread has printed how to resume,
 * or {@link #GRACE_SECONDS} passed. The JVM then exits with 130, as it does on SIGINT.
 *
 * <p>Scoped to one transfer: {@link #close} removes the hook, so nothing outlives the command.
 */
final class InterruptGuard implements AutoCloseable {
    static final long GRACE_SECONDS = 20;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean fired;

    private InterruptGuard(Thread worker) {
        hook = new Thread(() -> {
            fired = true;
            worker.interrupt();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "s3pump-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Guards the calling thread. */
    static InterruptGuard install() {
        return new InterruptGuard(Thread.currentThread());
    }

    /** True once the JVM began to shut down (SIGINT, SIGTERM) during the transfer. */
    boolean fired() {
        return fired;
    }

    /** Lets the JVM finish shutting down: call after the last line has been printed. */
    @Override
    public void close() {
        finished.countDown();
        if (!fired) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Shutdown began after all: the hook runs, and returns at once since the latch is open.
            }
        }
    }
}
