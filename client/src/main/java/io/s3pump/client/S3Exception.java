package io.s3pump.client;

import java.io.IOException;

/**
 * An error answer from S3: the HTTP status and S3's {@code <Error>} fields.
 *
 * <p>Transport failures are plain {@link IOException}s; this type means the server answered.
 * Messages never contain secrets or signatures.
 */
public class S3Exception extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String resource;
    private final String requestId;
    private final String hostId;

    public S3Exception(int status, String code, String message, String resource, String requestId, String hostId) {
        super(message);
        this.status = status;
        this.code = code;
        this.resource = resource;
        this.requestId = requestId;
        this.hostId = hostId;
    }

    public int status() { return status; }
    public String code() { return code; }
    public String resource() { return resource; }
    public String requestId() { return requestId; }
    public String hostId() { return hostId; }
}
