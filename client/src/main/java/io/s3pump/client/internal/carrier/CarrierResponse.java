package io.s3pump.client.internal.carrier;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * An answer as every carrier returns it: its status line and headers, and its body to read and close. A body that a
 * carrier can read from the socket straight into a direct buffer is also a {@link java.nio.channels.ReadableByteChannel}.
 * Closing the answer releases its connection: for reuse once the whole body was read, closed otherwise.
 */
public final class CarrierResponse implements Closeable {
    private final ResponseHead head;
    private final InputStream body;
    private final Closeable release;

    /**
     * @param body the body (empty for a HEAD)
     * @param release what closing the answer closes, after the body
     */
    public CarrierResponse(ResponseHead head, InputStream body, Closeable release) {
        this.head = Objects.requireNonNull(head, "head");
        this.body = Objects.requireNonNull(body, "body");
        this.release = Objects.requireNonNull(release, "release");
    }

    public int code() {
        return head.code();
    }

    public String reason() {
        return head.reason();
    }

    /** 2xx. */
    public boolean isSuccessful() {
        return head.code() >= 200 && head.code() < 300;
    }

    /** The value of the header {@code name} (ASCII case ignored; the last when repeated), or {@code null}. */
    public String header(String name) {
        return head.header(name);
    }

    /** Every header field, in order, names as sent. */
    public List<ResponseHead.Field> headers() {
        return head.headers();
    }

    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        try {
            body.close();
        } finally {
            if (release != body) release.close();
        }
    }

    @Override
    public String toString() {
        return "CarrierResponse[" + head.code() + " " + head.reason() + "]";
    }
}
