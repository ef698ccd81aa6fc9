package io.s3pump.client.transfer;

import java.io.IOException;

/**
 * The transferred object does not match: its size or ETag differ from what the local bytes say. Never a success;
 * the CLI gives it its own exit code. For a download, the target file is left untouched.
 */
public final class VerificationException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /**
     * @param what what was compared, e.g. {@code "ETag of s3://b/k"}
     * @param expected the value the local side computed
     * @param actual the value the server reported
     */
    public VerificationException(String what, String expected, String actual) {
        super(what + " does not match: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** The value computed locally. */
    public String expected() { return expected; }

    /** The value the server reported. */
    public String actual() { return actual; }
}
