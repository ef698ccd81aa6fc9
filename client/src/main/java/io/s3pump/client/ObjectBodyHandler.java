package io.s3pump.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * Consumes a GetObject body as it streams in, for example into a {@code FileChannel} at an offset.
 *
 * <p>When the connection fails mid-body the client retries the whole request and calls the handler again
 * from the start, so a handler must be idempotent (positional writes are).
 *
 * @param <T> what the handler returns
 */
@FunctionalInterface
public interface ObjectBodyHandler<T> {

    /**
     * @param metadata the answer's headers
     * @param body the body; read it to the end or stop early, but do not close the connection yourself
     * @throws IOException a transport failure while reading {@code body} is retried; anything the handler
     *     throws otherwise propagates
     */
    T handle(ObjectMetadata metadata, InputStream body) throws IOException;
}
