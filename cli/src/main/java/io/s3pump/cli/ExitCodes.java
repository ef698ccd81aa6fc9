package io.s3pump.cli;

/**
 * The process exit codes of {@code s3pump}, one per kind of outcome a script may branch on.
 *
 * <p>They are listed in the root command's {@code --help} footer and in the README; a test keeps the two in step.
 */
public final class ExitCodes {
    /** Everything asked for was done (and verified, unless {@code --no-verify}). */
    public static final int OK = 0;
    /** Any failure not named below: an I/O error, a server error, an unreadable local file. */
    public static final int FAILURE = 1;
    /** The command line cannot be carried out as written: bad option, malformed URL, refused overwrite. */
    public static final int USAGE = 2;
    /** A bucket, key, upload or local file or directory does not exist. */
    public static final int NOT_FOUND = 3;
    /** The server refused the credentials or the request: InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied. */
    public static final int AUTH = 4;
    /** The endpoint could not be reached: connection refused, unknown host, TLS failure, timeout. */
    public static final int UNREACHABLE = 5;
    /** The data at the two ends differ: size, ETag or checksum mismatch. */
    public static final int VERIFICATION_FAILED = 6;
    /** Interrupted (Ctrl-C); an upload stays resumable with {@code --resume}. 128 + SIGINT, as shells do. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
