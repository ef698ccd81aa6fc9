package io.s3pump.client.internal.config;

import java.nio.file.Path;

/** The user's home directory as the AWS CLI and the shell take it. */
public final class Home {
    private Home() {}

    /** {@code $HOME}, else Java's {@code user.home} (the passwd entry), which ignores a changed {@code $HOME}. */
    public static Path directory() {
        String home = System.getenv("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }
}
