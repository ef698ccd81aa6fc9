package io.s3pump.cli;

/**
 * A problem the CLI found itself (a missing local file, a refused overwrite), with the exit code it means.
 * The message is the whole error line after {@code s3pump: }.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    static CliException notFound(String message) {
        return new CliException(ExitCodes.NOT_FOUND, message);
    }
}
