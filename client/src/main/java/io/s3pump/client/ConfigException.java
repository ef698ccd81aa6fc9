package io.s3pump.client;

/**
 * The client configuration cannot be completed: a missing credential, a malformed endpoint, an unknown
 * profile. The message says what was missing and every place that was looked at.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
