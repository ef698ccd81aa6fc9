package io.s3pump.client.transfer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The local file changed (size, modification time or identity) while it was being uploaded; the upload was
 * aborted, since its parts would mix two versions of the file.
 */
public final class FileChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public FileChangedException(Path file, String differences) {
        super(file + " changed during the upload (" + differences + "); the upload was aborted");
        this.file = file;
    }

    public Path file() { return file; }
}
