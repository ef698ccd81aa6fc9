package io.s3pump.client.internal.http;

import com.fasterxml.jackson.core.JacksonException;
import io.s3pump.client.S3Exception;
import io.s3pump.client.internal.carrier.ClientClosedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;

/** Retry and clock-skew decisions as pure functions. */
public final class Retries {
    private Retries() {}

    /** Beyond this gap between the server's {@code Date} and our clock, a 403 is treated as clock skew. */
    public static final Duration SKEW_THRESHOLD = Duration.ofMinutes(5);

    /**
     * True when a transport failure may succeed on another attempt: resets, timeouts, premature ends.
     * Not retried: connection refused, unknown host, no route (the endpoint is wrong or down, and the CLI
     * reports that at once), TLS failures, interruption, a closed client, and malformed XML.
     */
    public static boolean isRetryableTransport(IOException e) {
        if (e instanceof S3Exception s3) return s3.isRetryable();
        if (e instanceof ClientClosedException) return false;
        if (e instanceof SocketTimeoutException) return true;
        if (e instanceof InterruptedIOException) return false;
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return false;
        }
        if (e instanceof SSLException && !(e.getMessage() != null && e.getMessage().contains("reset"))) return false;
        if (e instanceof JacksonException) return false;
        return true;
    }

    /**
     * The offset to add to our clock so that it matches the server's, when the error is a clock-skew error:
     * {@code RequestTimeTooSkewed}, or a 403 while the server's {@code Date} is more than
     * {@link #SKEW_THRESHOLD} away from our clock. Otherwise {@code null}.
     *
     * @param serverDate the answer's {@code Date} header, or {@code null}
     * @param localNow our (already corrected) clock when the answer arrived
     */
    public static Duration skewCorrection(S3Exception e, Instant serverDate, Instant localNow) {
        if (serverDate == null) return null;
        Duration gap = Duration.between(localNow, serverDate);
        boolean skewed = e.is(S3Exception.REQUEST_TIME_TOO_SKEWED)
                || (e.status() == 403 && gap.abs().compareTo(SKEW_THRESHOLD) > 0);
        return skewed ? gap : null;
    }
}
