package io.s3pump.cli;

/**
 * A command that names what it is working on, so that an error line can say "bucket 'nano' does not exist"
 * even when the server's message is empty (RGW's usually is).
 */
interface Targeted {
    /** The S3 location the command was working on when it failed, or {@code null}. */
    S3Url target();

    /** The endpoint the command talks to, for "cannot reach" lines, or {@code null}. */
    default String endpoint() {
        return null;
    }

    /** The CA bundle the command trusted ({@code --ca-bundle}, {@code AWS_CA_BUNDLE}), for TLS lines, or {@code null}. */
    default java.nio.file.Path caBundle() {
        return null;
    }
}
