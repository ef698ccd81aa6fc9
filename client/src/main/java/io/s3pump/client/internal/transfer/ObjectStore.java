package io.s3pump.client.internal.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * The S3 operations the transfer engine needs, in the engine's own terms. {@code S3ClientStore} maps them onto
 * {@code S3Client}; keeping the engine on this narrow seam lets its decisions (abort, resume, verify) be tested
 * without HTTP, while the MockWebServer and RGW tests run the real client underneath.
 *
 * <p>Every method throws {@code S3Exception} for an error answer and {@link IOException} for a transport failure,
 * after the client's own retries.
 */
public interface ObjectStore {

    /** Starts a multipart upload and returns its upload id. */
    String createMultipartUpload(String bucket, String key, String contentType) throws IOException;

    /**
     * Uploads one part straight from its mapping (re-sent from the mapping on a retry) and returns the ETag the
     * server gave it. A known {@link MappedPart#md5IfKnown() MD5} is handed to the client so that it is not
     * computed again; an MD5 the client computes (Content-MD5 mode) is handed back with
     * {@link MappedPart#offerMd5}. Called on the thread that owns the part's confined arena.
     */
    String uploadPart(String bucket, String key, String uploadId, MappedPart part) throws IOException;

    /** Completes the upload with these parts in part-number order. A 200 with an {@code <Error>} body throws. */
    void completeMultipartUpload(String bucket, String key, String uploadId,
                                 List<io.s3pump.client.CompletedPart> parts) throws IOException;

    /** Aborts the upload; an upload that is already gone ({@code NoSuchUpload}) counts as aborted. */
    void abortMultipartUpload(String bucket, String key, String uploadId) throws IOException;

    /** All parts of the upload, every page; {@code NoSuchUpload} (or RGW's {@code NoSuchKey}) when it is gone. */
    List<Reconciliation.ListedPart> listParts(String bucket, String key, String uploadId) throws IOException;

    /** Uploads a whole object in one request, like {@link #uploadPart}, and returns its ETag. */
    String putObject(String bucket, String key, String contentType, MappedPart body) throws IOException;

    /** What checks the bytes of an upload on the server side, in the client's integrity mode. */
    PayloadCheck payloadCheck();

    /** How the server checks uploaded bytes. */
    enum PayloadCheck {
        /** Content-MD5: the client needs each part's MD5 anyway, so local MD5s cost nothing extra. */
        MD5,
        /** A signed SHA-256 payload (plain or chunked): the server verifies every byte without an MD5 from us. */
        SIGNED_PAYLOAD,
        /** Nothing (UNSIGNED-PAYLOAD, or checksums that RGW ignores). */
        NONE
    }

    /** The object's size and ETag. */
    Head headObject(String bucket, String key) throws IOException;

    /**
     * Opens bytes {@code first..last} (inclusive) of the object, only if its ETag is still {@code ifMatch}. The
     * caller closes the stream.
     */
    InputStream getRange(String bucket, String key, long first, long last, String ifMatch) throws IOException;

    /** Whether an exception means the upload id is unknown to the server. */
    boolean isNoSuchUpload(IOException e);

    /** What HeadObject says about an object. */
    record Head(long size, String etag) {
        public Head {
            Objects.requireNonNull(etag, "etag");
        }
    }
}
