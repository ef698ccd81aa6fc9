package io.s3pump.client.internal.transfer;

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
}
