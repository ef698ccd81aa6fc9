package io.s3pump.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An open GetObject answer: metadata plus a body stream that holds an HTTP connection until closed.
 * Use it in try-with-resources. Not thread-safe.
 */
public final class GetObjectResponse implements AutoCloseable {
    private final ObjectMetadata metadata;
    private final InputStream body;
    private final AutoCloseable onClose;

    GetObjectResponse(ObjectMetadata metadata, InputStream body, AutoCloseable onClose) {
        this.metadata = Objects.requireNonNull(metadata);
        this.body = Objects.requireNonNull(body);
        this.onClose = Objects.requireNonNull(onClose);
    }

    /** The answer's headers as metadata. */
    public ObjectMetadata metadata() {
        return metadata;
    }

    /** The body: {@link ObjectMetadata#contentLength()} bytes. A read failure is a transport {@link IOException}. */
    public InputStream body() {
        return body;
    }

    /** Releases the connection; unread body bytes are discarded. */
    @Override
    public void close() throws IOException {
        try {
            onClose.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
