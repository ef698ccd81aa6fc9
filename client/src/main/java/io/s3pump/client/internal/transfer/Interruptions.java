package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Tells an interrupt (Ctrl-C, a cancelled task) from a timeout. {@link SocketTimeoutException} extends
 * {@link InterruptedIOException} for historical reasons, but a read that made no progress for its timeout is a
 * network failure: it is retried, and an upload it ends for good is aborted, not kept as if the user had stopped it.
 */
final class Interruptions {
    private Interruptions() {}

    static boolean isInterruption(Throwable t) {
        return (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))
                || t instanceof ClosedByInterruptException || t instanceof InterruptedException;
    }

    /**
     * Runs {@code call} to the end even if the calling thread is interrupted meanwhile, and restores the interrupt
     * afterwards. For the requests whose answer must not be lost to Ctrl-C: a CreateMultipartUpload whose upload id
     * is the only handle on what the server made, a Complete that may already have taken effect. The call runs on
     * a thread of its own (its socket is not closed by the caller's interrupt); they take milliseconds. A platform
     * thread, so that the one-virtual-thread-per-part accounting (the benchmark's latency probe) stays exact.
     */
    static <T> T uninterruptibly(IoCall<T> call) throws IOException {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(call::call);
        Thread.ofPlatform().daemon().name("s3pump-uninterruptible").start(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) throw io;
                    if (cause instanceof RuntimeException r) throw r;
                    if (cause instanceof Error err) throw err;
                    throw new IOException(cause);
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** A request that returns a value. */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    /**
     * Aborts what {@code failure} left behind with the thread's interrupt status cleared (an interrupted thread's
     * socket I/O is refused at once, so an abort after Ctrl-C would never go out), adding the abort's own failure to
     * {@code failure}, and returns {@code failure} as the IOException to throw (a runtime exception or error is thrown).
     */
    static IOException afterAborting(Throwable failure, IoRun abort) {
        boolean flagged = Thread.interrupted();
        try {
            abort.run();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        } finally {
            if (flagged) Thread.currentThread().interrupt();
        }
        if (failure instanceof IOException io) return io;
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
        return new IOException(failure);
    }

    /** A request that returns nothing. */
    @FunctionalInterface
    interface IoRun {
        void run() throws IOException;
    }
}
