package io.s3pump.client;

import java.io.IOException;

/**
 * Receives the pages of a listing one by one.
 *
 * @param <P> the page type
 */
@FunctionalInterface
public interface PageHandler<P> {

    /**
     * @return true to fetch the next page, false to stop
     * @throws IOException to stop and propagate a failure
     */
    boolean onPage(P page) throws IOException;
}
