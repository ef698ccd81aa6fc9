package io.s3pump.client.transfer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An upload stopped (a part failed for good with {@link UploadOptions#keepResumable()}, or the calling thread was
 * interrupted) and was left open on the server: running the same upload again with {@link UploadOptions#resume()}
 * sends only the missing parts. The cause says why it stopped.
 */
public final class ResumableUploadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path journal;
    private final String uploadId;
    private final int partsDone;
    private final int partCount;

    public ResumableUploadException(Path journal, String uploadId, int partsDone, int partCount, Throwable cause) {
        super("upload stopped after " + partsDone + " of " + partCount + " parts and can be resumed (upload id "
                + uploadId + ", journal " + journal + "): " + cause, cause);
        this.journal = journal;
        this.uploadId = uploadId;
        this.partsDone = partsDone;
        this.partCount = partCount;
    }

    /** The journal that a resumed upload will read. */
    public Path journal() { return journal; }
    public String uploadId() { return uploadId; }
    public int partsDone() { return partsDone; }
    public int partCount() { return partCount; }
}
