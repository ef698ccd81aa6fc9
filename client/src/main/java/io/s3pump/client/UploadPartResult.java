package io.s3pump.client;

import java.util.Objects;

/**
 * The answer to UploadPart.
 *
 * @param partNumber the part number
 * @param eTag the part's ETag without quotes (the MD5 of the part in hex on S3 and RGW)
 * @param digests the digests the client computed or was given for the part; {@link Digests#md5()} is set
 *     when the integrity mode was {@link Integrity.ContentMd5}, and can feed {@link ETags#composite}
 */
public record UploadPartResult(int partNumber, String eTag, Digests digests) {
    public UploadPartResult {
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(digests, "digests");
        eTag = ETags.unquote(eTag);
    }

    /** This part as CompleteMultipartUpload wants it. */
    public CompletedPart toCompletedPart() {
        return new CompletedPart(partNumber, eTag);
    }
}
