package io.s3pump.client.internal.carrier;

import java.io.IOException;

/** A request on a client that was closed: no later attempt can succeed, so it is never retried. */
public final class ClientClosedException extends IOException {
    public ClientClosedException() {
        super("the client is closed");
    }
}
