package io.s3pump.client.internal.carrier;

import java.io.IOException;

/**
 * What carries an HTTP/1.1 exchange to the server and its answer back: the one seam below the transport, as the JDK's
 * {@code ExchangeImpl} and OkHttp's {@code ExchangeCodec} sit below their clients. The transport above it builds,
 * signs and retries requests and turns answers into results or errors; a carrier only moves bytes, pools its
 * connections and enforces its timeouts. It retries nothing: every failure goes to the transport's retry policy,
 * which counts it. One carrier is chosen per client and is thread-safe.
 */
public interface Carrier extends AutoCloseable {

    /**
     * Sends {@code request} and returns its answer once the answer's head has arrived; interim answers
     * ({@code 100 Continue}) are consumed here. The caller closes the answer: after its whole body was read, that
     * hands the connection back for the next exchange.
     *
     * @throws ClientClosedException after {@link #close()}
     * @throws IOException when the exchange fails
     */
    CarrierResponse send(CarrierRequest request) throws IOException;

    /** Closes idle connections and refuses new exchanges; exchanges in flight end as they would have. */
    @Override
    void close();
}
