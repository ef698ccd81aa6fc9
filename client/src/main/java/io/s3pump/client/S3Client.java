package io.s3pump.client;

import io.s3pump.client.internal.hash.BodyHashing;
import io.s3pump.client.internal.carrier.CarrierResponse;
import io.s3pump.client.internal.http.ErrorParsing;
import io.s3pump.client.internal.http.S3Request;
import io.s3pump.client.internal.http.S3Transport;
import io.s3pump.client.internal.xml.S3Xml;
import io.s3pump.client.internal.xml.Timestamps;
import io.s3pump.sigv4.ChecksumAlgorithm;
import io.s3pump.sigv4.PayloadMode;
import io.s3pump.sigv4.UriEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An S3 client: one method per S3 operation, named after it, taking and returning records.
 *
 * <p>Thread-safe: share one instance across threads (virtual threads included). It holds one OkHttp client,
 * whose connection pool and dispatcher are sized to {@link S3ClientConfig#maxConcurrency()}, and uses one
 * shared XML mapper. Close it when done to release pooled connections.
 *
 * <p>Errors: an error answer is an {@link S3Exception} (a subclass of {@link IOException}); a transport
 * failure is another {@link IOException} ({@link java.net.ConnectException} when the endpoint refuses
 * connections). Retryable failures are retried per {@link S3ClientConfig#retryPolicy()} before they surface,
 * and a clock-skew rejection is corrected once. Every ETag handed out is without quotes.
 */
public final class S3Client implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(S3Client.class.getName());
    private static final int DOWNLOAD_BUFFER = 128 * 1024;

    private final S3ClientConfig config;
    private final S3Transport transport;

    private S3Client(S3ClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = new S3Transport(config);
    }

    /** A client for {@code config}. */
    public static S3Client create(S3ClientConfig config) {
        return new S3Client(config);
    }

    /** The configuration this client was built with. */
    public S3ClientConfig config() {
        return config;
    }

    /** How far the signing clock is currently corrected from the configured clock (zero unless skew was seen). */
    public Duration clockOffset() {
        return transport.clockOffset();
    }

    // ---------------------------------------------------------------- buckets

    /**
     * CreateBucket without a location constraint (what RGW and {@code us-east-1} want).
     *
     * @throws S3Exception e.g. {@link S3Exception#BUCKET_ALREADY_EXISTS}, {@link S3Exception#INVALID_BUCKET_NAME}
     */
    public void createBucket(String bucket) throws IOException {
        createBucket(bucket, null);
    }

    /**
     * CreateBucket with a {@code LocationConstraint} body, or none when {@code locationConstraint} is null.
     */
    public void createBucket(String bucket, String locationConstraint) throws IOException {
        S3Request.Builder b = new S3Request.Builder("CreateBucket", "PUT", requireBucket(bucket), null);
        if (locationConstraint != null) {
            b.body(new S3Request.Small(S3Xml.write(new CreateBucketConfiguration(locationConstraint)), "application/xml"));
        }
        transport.execute(b.build(), (r, body) -> null);
    }

    /**
     * HeadBucket: succeeds when the bucket exists and is accessible.
     *
     * @throws S3Exception {@link S3Exception#NO_SUCH_BUCKET} (404) or {@link S3Exception#ACCESS_DENIED} (403)
     */
    public void headBucket(String bucket) throws IOException {
        transport.execute(new S3Request.Builder("HeadBucket", "HEAD", requireBucket(bucket), null).build(),
                (r, body) -> null);
    }

    /** DeleteBucket. @throws S3Exception {@link S3Exception#BUCKET_NOT_EMPTY}, {@link S3Exception#NO_SUCH_BUCKET} */
    public void deleteBucket(String bucket) throws IOException {
        transport.execute(new S3Request.Builder("DeleteBucket", "DELETE", requireBucket(bucket), null).build(),
                (r, body) -> null);
    }

    /** ListBuckets: the caller's buckets. */
    public ListAllMyBucketsResult listBuckets() throws IOException {
        return transport.execute(new S3Request.Builder("ListBuckets", "GET", null, null).build(),
                (r, body) -> S3Xml.read(body, ListAllMyBucketsResult.class));
    }

    // ---------------------------------------------------------------- listing

    /**
     * ListObjectsV2: one page. Keys are requested URL-encoded ({@code encoding-type=url}) so that any key
     * survives XML, and handed out decoded.
     */
    public ListBucketResult listObjectsV2(ListObjectsV2Request request) throws IOException {
        S3Request r = new S3Request.Builder("ListObjectsV2", "GET", requireBucket(request.bucket()), null)
                .query("list-type", "2")
                .query("encoding-type", "url")
                .query("prefix", request.prefix())
                .query("delimiter", request.delimiter())
                .query("continuation-token", request.continuationToken())
                .query("start-after", request.startAfter())
                .query("max-keys", request.maxKeys())
                .build();
        return decodeObjects(request, transport.execute(r, (resp, body) -> S3Xml.read(body, ListBucketResult.class)));
    }

    /**
     * ListObjectsV2 over all pages, one page at a time, following continuation tokens until the listing
     * ends or {@code handler} returns false.
     */
    public void listObjectsV2All(ListObjectsV2Request request, PageHandler<ListBucketResult> handler) throws IOException {
        ListObjectsV2Request next = request;
        while (true) {
            ListBucketResult page = listObjectsV2(next);
            if (!handler.onPage(page)) return;
            if (!page.isTruncated()) return;
            String token = page.nextContinuationToken();
            if (token == null || token.isEmpty()) {
                throw new IOException("ListObjectsV2 page is truncated but carries no NextContinuationToken");
            }
            next = next.withContinuationToken(token);
        }
    }

    // ---------------------------------------------------------------- objects

    /**
     * PutObject: uploads {@code body} as the whole object, protected per {@code request.integrity()} (or
     * the client's default).
     *
     * @return the ETag and the digests computed (or given) for the body
     */
    public PutObjectResult putObject(PutObjectRequest request, UploadBody body) throws IOException {
        Objects.requireNonNull(body, "body");
        S3Request.Builder b = new S3Request.Builder("PutObject", "PUT", requireBucket(request.bucket()),
                requireKey(request.key()));
        b.header("Content-Type", request.contentType() == null ? "application/octet-stream" : request.contentType());
        request.userMetadata().forEach((k, v) -> b.header("x-amz-meta-" + k, v));
        Digests digests = protect(b, body, request.integrity(), request.precomputed());
        return transport.execute(b.build(), (resp, in) ->
                new PutObjectResult(ETags.unquote(resp.header("ETag")), resp.header("x-amz-version-id"), digests));
    }

    /**
     * GetObject, returning the open answer; the caller reads {@link GetObjectResponse#body()} and closes it.
     * Retries happen only until the answer's headers arrive; a failure while reading the body surfaces.
     */
    public GetObjectResponse getObject(GetObjectRequest request) throws IOException {
        S3Transport.Opened opened = transport.open(getRequest(request));
        try {
            return new GetObjectResponse(metadata(opened.response()), opened.body(), opened);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * GetObject, streaming the body into {@code handler}. A transport failure while the body streams is
     * retried per the policy, with the handler called again from the start (so it must be idempotent).
     */
    public <T> T getObject(GetObjectRequest request, ObjectBodyHandler<T> handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        return transport.execute(getRequest(request), (resp, body) -> handler.handle(metadata(resp), body));
    }

    /**
     * GetObject into {@code target} at {@code position} with positional writes (the channel's own position
     * is not used or moved), through a bounded buffer, so memory stays flat whatever the range size.
     * A failure mid-body is retried by fetching and writing the range again.
     *
     * @return the answer's metadata; exactly {@link ObjectMetadata#contentLength()} bytes were written
     */
    public ObjectMetadata getObject(GetObjectRequest request, FileChannel target, long position) throws IOException {
        Objects.requireNonNull(target, "target");
        if (position < 0) throw new IllegalArgumentException("negative position " + position);
        return getObject(request, (metadata, body) -> {
            byte[] buffer = new byte[DOWNLOAD_BUFFER];
            ByteBuffer wrap = ByteBuffer.wrap(buffer);
            long at = position;
            int n;
            while ((n = body.read(buffer)) > 0) {
                wrap.clear().limit(n);
                while (wrap.hasRemaining()) at += target.write(wrap, at);
            }
            long written = at - position;
            if (metadata.contentLength() >= 0 && written != metadata.contentLength()) {
                throw new IOException("GetObject body ended after " + written + " of " + metadata.contentLength() + " bytes");
            }
            return metadata;
        });
    }

    /**
     * HeadObject. A missing object is an {@link S3Exception} with status 404 and code
     * {@link S3Exception#NO_SUCH_KEY} (derived from the status: a HEAD answer has no body).
     */
    public ObjectMetadata headObject(String bucket, String key) throws IOException {
        return headObject(GetObjectRequest.of(bucket, key));
    }

    /** HeadObject with an optional part number or {@code If-Match} (a range is ignored by S3 for HEAD). */
    public ObjectMetadata headObject(GetObjectRequest request) throws IOException {
        S3Request r = new S3Request.Builder("HeadObject", "HEAD", requireBucket(request.bucket()), requireKey(request.key()))
                .query("partNumber", request.partNumber())
                .header("If-Match", request.ifMatch() == null ? null : quote(request.ifMatch()))
                .build();
        return transport.execute(r, (resp, body) -> metadata(resp));
    }

    /** DeleteObject; deleting a missing key succeeds, as in S3. */
    public void deleteObject(String bucket, String key) throws IOException {
        transport.execute(new S3Request.Builder("DeleteObject", "DELETE", requireBucket(bucket), requireKey(key)).build(),
                (r, body) -> null);
    }

    /**
     * DeleteObjects: up to 1,000 keys in one request. A 200 answer may still list failed keys in
     * {@link DeleteResult#errors()}.
     */
    public DeleteResult deleteObjects(String bucket, List<ObjectIdentifier> objects, boolean quiet) throws IOException {
        if (objects.isEmpty()) throw new IllegalArgumentException("DeleteObjects needs at least one key");
        // A key with a character XML 1.0 cannot carry (most control characters) cannot go in the <Delete>
        // body, so such keys are deleted one by one through the URL, where any byte can be encoded.
        List<ObjectIdentifier> inXml = new ArrayList<>();
        List<ObjectIdentifier> oneByOne = new ArrayList<>();
        for (ObjectIdentifier o : objects) (isXmlSafe(o.key()) ? inXml : oneByOne).add(o);
        List<Deleted> deleted = new ArrayList<>();
        List<DeleteError> errors = new ArrayList<>();
        if (!inXml.isEmpty()) {
            byte[] xml = S3Xml.write(new Delete(quiet, inXml));
            String md5 = java.util.Base64.getEncoder().encodeToString(BodyHashing.md5().digest(xml));
            S3Request r = new S3Request.Builder("DeleteObjects", "POST", requireBucket(bucket), null)
                    .flag("delete")
                    .header("Content-MD5", md5) // S3 requires it for DeleteObjects
                    .header("Content-Type", "application/xml")
                    .body(new S3Request.Small(xml, null))
                    .build();
            DeleteResult result = transport.execute(r, (resp, body) -> S3Xml.read(body, DeleteResult.class));
            deleted.addAll(result.deleted());
            errors.addAll(result.errors());
        }
        for (ObjectIdentifier o : oneByOne) {
            try {
                deleteObject(bucket, o.key());
                if (!quiet) deleted.add(new Deleted(o.key(), o.versionId()));
            } catch (S3Exception e) {
                errors.add(new DeleteError(o.key(), o.versionId(), e.code(), e.s3Message()));
            }
        }
        return new DeleteResult(deleted, errors);
    }

    private static boolean isXmlSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
            if (c == 0xFFFE || c == 0xFFFF) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- multipart

    /** CreateMultipartUpload: starts an upload and returns its id. */
    public InitiateMultipartUploadResult createMultipartUpload(CreateMultipartUploadRequest request) throws IOException {
        S3Request.Builder b = new S3Request.Builder("CreateMultipartUpload", "POST", requireBucket(request.bucket()),
                requireKey(request.key())).flag("uploads");
        b.header("Content-Type", request.contentType() == null ? "application/octet-stream" : request.contentType());
        request.userMetadata().forEach((k, v) -> b.header("x-amz-meta-" + k, v));
        // The attempts whose answer never came (a transport failure, not an error answer) may have created an
        // upload each: their time windows, in our clock, from the attempt's start to the next one's.
        List<Instant[]> lost = new ArrayList<>();
        Instant[] attemptStart = {config.clock().instant()};
        InitiateMultipartUploadResult created = transport.execute(b.build(),
                (resp, body) -> S3Xml.read(body, InitiateMultipartUploadResult.class), failure -> {
                    Instant now = config.clock().instant();
                    if (!(failure instanceof S3Exception)) lost.add(new Instant[] {attemptStart[0], now});
                    attemptStart[0] = now;
                });
        if (!lost.isEmpty()) abortLostAttempts(request.bucket(), request.key(), created.uploadId(), lost, attemptStart[0]);
        return created;
    }

    /**
     * CreateMultipartUpload is not idempotent: an attempt whose answer was lost may still have created an upload
     * that nobody would ever complete or abort. S3 records nothing that ties an upload to the request that made
     * it, so the tie is the time: an upload of the same key that the server started within a lost attempt's
     * window (mapped to the server's clock by the upload it did answer with, ±1 s) is that attempt's, and is
     * aborted. Another writer's upload of the same key would have to start within that second to be mistaken.
     */
    private void abortLostAttempts(String bucket, String key, String uploadId, List<Instant[]> lost, Instant answered) {
        try {
            List<Upload> same = new ArrayList<>();
            listMultipartUploadsAll(ListMultipartUploadsRequest.of(bucket).withPrefix(key), page -> {
                for (Upload u : page.uploads()) if (u.key().equals(key)) same.add(u);
                return true;
            });
            Upload ours = same.stream().filter(u -> u.uploadId().equals(uploadId)).findFirst().orElse(null);
            if (ours == null || ours.initiated() == null) return;
            Duration offset = Duration.between(answered, ours.initiated());   // server clock minus ours, plus latency
            for (Upload u : same) {
                if (u == ours || u.initiated() == null || u.initiated().isAfter(ours.initiated())) continue;
                boolean inALostWindow = lost.stream().anyMatch(w -> !u.initiated().isBefore(w[0].plus(offset).minusSeconds(1))
                        && !u.initiated().isAfter(w[1].plus(offset).plusSeconds(1)));
                if (!inALostWindow) continue;
                abortMultipartUpload(bucket, key, u.uploadId());
                LOG.log(System.Logger.Level.INFO, () -> "aborted upload " + u.uploadId() + " of " + key
                        + ", created by a CreateMultipartUpload attempt whose answer was lost");
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "could not look for an upload left by a CreateMultipartUpload"
                    + " attempt whose answer was lost (" + key + "): " + e);
        }
    }

    /**
     * UploadPart: sends {@code body} as part {@code request.partNumber()}, protected per
     * {@code request.integrity()} (or the client's default). A retry re-sends from the body's source.
     *
     * @return the part's ETag and the digests computed (or given), e.g. the MD5 for the composite ETag check
     * @throws S3Exception {@link S3Exception#NO_SUCH_UPLOAD} when the upload was aborted or completed
     */
    public UploadPartResult uploadPart(UploadPartRequest request, UploadBody body) throws IOException {
        Objects.requireNonNull(body, "body");
        S3Request.Builder b = new S3Request.Builder("UploadPart", "PUT", requireBucket(request.bucket()),
                requireKey(request.key()))
                .query("partNumber", request.partNumber())
                .query("uploadId", request.uploadId());
        Digests digests = protect(b, body, request.integrity(), request.precomputed());
        return transport.execute(b.build(), (resp, in) -> {
            String eTag = resp.header("ETag");
            if (eTag == null) throw new IOException("UploadPart answer carries no ETag header");
            return new UploadPartResult(request.partNumber(), eTag, digests);
        });
    }

    /**
     * UploadPartCopy: copies (a range of) an existing object into a part. A 200 answer with an
     * {@code <Error>} body is an {@link S3Exception}, never a success.
     */
    public CopyPartResult uploadPartCopy(UploadPartCopyRequest request) throws IOException {
        S3Request r = new S3Request.Builder("UploadPartCopy", "PUT", requireBucket(request.bucket()),
                requireKey(request.key()))
                .query("partNumber", request.partNumber())
                .query("uploadId", request.uploadId())
                .header("x-amz-copy-source", "/" + UriEncoding.encode(request.sourceBucket()) + "/"
                        + UriEncoding.encodeKey(request.sourceKey()))
                .header("x-amz-copy-source-range", request.sourceRange() == null ? null : request.sourceRange().toHeader())
                .header("x-amz-copy-source-if-match", request.sourceIfMatch() == null ? null
                        : "\"" + ETags.unquote(request.sourceIfMatch()) + "\"")
                .build();
        return transport.execute(r, (resp, body) -> readOrError(resp, body, CopyPartResult.class, r));
    }

    /**
     * CopyObject: copies {@code sourceBucket}/{@code sourceKey} to {@code bucket}/{@code key} on the server, up to
     * 5 GiB. With {@code contentType} {@code null} the copy keeps every header and the metadata of the source
     * ({@code x-amz-metadata-directive: COPY}); otherwise it gets that Content-Type and the given user metadata
     * ({@code REPLACE}), and the source's other headers (Cache-Control, Content-Disposition…) are not copied. A 200
     * answer with an {@code <Error>} body is an {@link S3Exception}.
     *
     * @param sourceIfMatch copy only if the source still has this ETag, or {@code null}
     */
    public CopyObjectResult copyObject(String sourceBucket, String sourceKey, String bucket, String key,
                                       String sourceIfMatch, String contentType, Map<String, String> userMetadata)
            throws IOException {
        S3Request.Builder b = new S3Request.Builder("CopyObject", "PUT", requireBucket(bucket), requireKey(key))
                .header("x-amz-copy-source", "/" + UriEncoding.encode(requireBucket(sourceBucket)) + "/"
                        + UriEncoding.encodeKey(requireKey(sourceKey)))
                .header("x-amz-copy-source-if-match", sourceIfMatch == null ? null : quote(ETags.unquote(sourceIfMatch)))
                .header("x-amz-metadata-directive", contentType == null ? "COPY" : "REPLACE");
        if (contentType != null) {
            b.header("Content-Type", contentType);
            if (userMetadata != null) userMetadata.forEach((k, v) -> b.header("x-amz-meta-" + k, v));
        }
        S3Request r = b.build();
        return transport.execute(r, (resp, body) -> readOrError(resp, body, CopyObjectResult.class, r));
    }

    /**
     * CompleteMultipartUpload with the given parts, sorted by part number. A 200 answer with an
     * {@code <Error>} body is an {@link S3Exception} (retried when its code is retryable).
     *
     * <p>RGW 16.2 answers an empty ETag on the first completion: use {@link #headObject} or
     * {@link ETags#composite} for the object's ETag.
     *
     * <p>A repeat after success answers 200 on RGW 16.2 and {@code NoSuchUpload} on S3. RGW 16.2 answers a Complete
     * of an upload that is gone with 500 {@code InternalError} ("This multipart completion is already in
     * progress"), which is retried like any 500 before it surfaces.
     *
     * @throws S3Exception {@link S3Exception#INVALID_PART}, {@link S3Exception#ENTITY_TOO_SMALL},
     *     {@link S3Exception#NO_SUCH_UPLOAD}
     */
    public CompleteMultipartUploadResult completeMultipartUpload(String bucket, String key, String uploadId,
            List<CompletedPart> parts) throws IOException {
        Objects.requireNonNull(uploadId, "uploadId");
        if (parts.isEmpty()) throw new IllegalArgumentException("CompleteMultipartUpload needs at least one part");
        List<CompletedPart> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(CompletedPart::partNumber));
        byte[] xml = S3Xml.write(new CompleteMultipartUpload(sorted.stream()
                .map(p -> new CompletedPart(p.partNumber(), quote(p.eTag()))).toList()));
        S3Request r = new S3Request.Builder("CompleteMultipartUpload", "POST", requireBucket(bucket), requireKey(key))
                .query("uploadId", uploadId)
                .header("Content-Type", "application/xml")
                .body(new S3Request.Small(xml, null))
                .build();
        return transport.execute(r, (resp, body) -> readOrError(resp, body, CompleteMultipartUploadResult.class, r));
    }

    /**
     * AbortMultipartUpload.
     *
     * @throws S3Exception {@link S3Exception#NO_SUCH_UPLOAD} when the upload is already gone (aborted or
     *     completed), which callers cleaning up may treat as done
     */
    public void abortMultipartUpload(String bucket, String key, String uploadId) throws IOException {
        Objects.requireNonNull(uploadId, "uploadId");
        S3Request r = new S3Request.Builder("AbortMultipartUpload", "DELETE", requireBucket(bucket), requireKey(key))
                .query("uploadId", uploadId).build();
        transport.execute(r, (resp, body) -> null);
    }

    /**
     * ListParts: one page of the parts uploaded so far.
     *
     * @throws S3Exception {@link S3Exception#NO_SUCH_UPLOAD} when the upload does not exist; RGW answers
     *     {@code NoSuchKey} there, which is mapped to {@code NoSuchUpload}
     */
    public ListPartsResult listParts(ListPartsRequest request) throws IOException {
        S3Request r = new S3Request.Builder("ListParts", "GET", requireBucket(request.bucket()), requireKey(request.key()))
                .query("uploadId", request.uploadId())
                .query("max-parts", request.maxParts())
                .query("part-number-marker", request.partNumberMarker())
                .build();
        try {
            return transport.execute(r, (resp, body) -> S3Xml.read(body, ListPartsResult.class));
        } catch (S3Exception e) {
            if (e.is(S3Exception.NO_SUCH_KEY)) {
                S3Exception mapped = new S3Exception(e.status(), S3Exception.NO_SUCH_UPLOAD,
                        "upload " + request.uploadId() + " does not exist (server said NoSuchKey)", e.resource(),
                        e.requestId(), e.hostId());
                mapped.addSuppressed(e);
                throw mapped;
            }
            throw e;
        }
    }

    /** ListParts over all pages: every uploaded part, in part-number order. */
    public List<Part> listPartsAll(ListPartsRequest request) throws IOException {
        List<Part> all = new ArrayList<>();
        ListPartsRequest next = request;
        while (true) {
            ListPartsResult page = listParts(next);
            all.addAll(page.parts());
            if (!page.isTruncated()) return all;
            Integer marker = page.nextPartNumberMarker();
            if (marker == null || (next.partNumberMarker() != null && marker <= next.partNumberMarker())) {
                throw new IOException("ListParts page is truncated but its NextPartNumberMarker does not advance");
            }
            next = next.withPartNumberMarker(marker);
        }
    }

    /**
     * ListMultipartUploads: one page of the open uploads in a bucket. Keys are requested URL-encoded
     * ({@code encoding-type=url}) so that any key survives XML, and handed out decoded.
     */
    public ListMultipartUploadsResult listMultipartUploads(ListMultipartUploadsRequest request) throws IOException {
        S3Request r = new S3Request.Builder("ListMultipartUploads", "GET", requireBucket(request.bucket()), null)
                .flag("uploads")
                .query("encoding-type", "url")
                .query("prefix", request.prefix())
                .query("delimiter", request.delimiter())
                .query("key-marker", request.keyMarker())
                .query("upload-id-marker", request.uploadIdMarker())
                .query("max-uploads", request.maxUploads())
                .build();
        return decodeUploads(request, transport.execute(r, (resp, body) ->
                S3Xml.read(body, ListMultipartUploadsResult.class)));
    }

    /** ListMultipartUploads over all pages, until the listing ends or {@code handler} returns false. */
    public void listMultipartUploadsAll(ListMultipartUploadsRequest request,
            PageHandler<ListMultipartUploadsResult> handler) throws IOException {
        ListMultipartUploadsRequest next = request;
        while (true) {
            ListMultipartUploadsResult page = listMultipartUploads(next);
            if (!handler.onPage(page)) return;
            if (!page.isTruncated()) return;
            if (page.nextKeyMarker() == null || page.nextKeyMarker().isEmpty()) {
                throw new IOException("ListMultipartUploads page is truncated but carries no NextKeyMarker");
            }
            if (page.nextKeyMarker().equals(next.keyMarker())
                    && Objects.equals(page.nextUploadIdMarker(), next.uploadIdMarker())) {
                throw new IOException("ListMultipartUploads page is truncated but its next markers do not advance");
            }
            next = next.withMarkers(page.nextKeyMarker(), page.nextUploadIdMarker());
        }
    }

    // ---------------------------------------------------------------- internals

    /**
     * Applies an integrity mode to an upload request: computes the digests the mode needs (unless given),
     * sets the headers and the payload mode, and returns the digests for the result.
     */
    private Digests protect(S3Request.Builder b, UploadBody body, Integrity requested, Digests known) throws IOException {
        Integrity mode = requested != null ? requested : config.integrity();
        long length = body.contentLength();
        if (config.credentials().isEmpty() && (mode instanceof Integrity.SignedPayload
                || mode instanceof Integrity.StreamingSigned || mode instanceof Integrity.ChecksumTrailer)) {
            // Anonymous requests have no signature to carry a payload hash, and no signer to frame an aws-chunked
            // body (the trailer mode sent its payload unframed under a STREAMING content hash).
            mode = Integrity.CONTENT_MD5;
        }
        if (length == 0 && mode instanceof Integrity.StreamingSigned) {
            // An empty body has no chunk to sign but the final one, and RGW 16.2 refuses that framing of zero bytes
            // (400 XAmzContentSHA256Mismatch); the signed hash of nothing protects it as well.
            mode = Integrity.SIGNED_PAYLOAD;
        }
        return switch (mode) {
            case Integrity.ContentMd5 m -> {
                Digests d = BodyHashing.complete(body, new BodyHashing.Wanted(true, false, false, false), known);
                b.header("Content-MD5", BodyHashing.hexToBase64(d.md5()));
                b.body(new S3Request.Upload(body, PayloadMode.unsigned()));
                yield d;
            }
            case Integrity.SignedPayload s -> {
                Digests d = BodyHashing.complete(body, new BodyHashing.Wanted(false, true, false, false), known);
                b.body(new S3Request.Upload(body, PayloadMode.signed(d.sha256())));
                yield d;
            }
            case Integrity.UnsignedPayload u -> {
                b.body(new S3Request.Upload(body, PayloadMode.unsigned()));
                yield known;
            }
            case Integrity.StreamingSigned st -> {
                b.body(new S3Request.Upload(body, new PayloadMode.Streaming(length, st.chunkSize())));
                yield known;
            }
            case Integrity.ChecksumHeader c -> {
                BodyHashing.Wanted w = new BodyHashing.Wanted(false, c.algorithm() == ChecksumAlgorithm.SHA256,
                        c.algorithm() == ChecksumAlgorithm.CRC32C, c.algorithm() == ChecksumAlgorithm.CRC32);
                Digests d = BodyHashing.complete(body, w, known);
                b.header(c.algorithm().headerName(), BodyHashing.hexToBase64(d.of(c.algorithm())));
                b.body(new S3Request.Upload(body, PayloadMode.unsigned()));
                yield d;
            }
            case Integrity.ChecksumTrailer t -> {
                b.body(new S3Request.Upload(body, new PayloadMode.StreamingUnsignedTrailer(length, 64 * 1024,
                        t.algorithm())));
                yield known;
            }
        };
    }

    private static S3Request getRequest(GetObjectRequest request) {
        return new S3Request.Builder("GetObject", "GET", requireBucket(request.bucket()), requireKey(request.key()))
                .query("partNumber", request.partNumber())
                .header("Range", request.range() == null ? null : request.range().toHeader())
                .header("If-Match", request.ifMatch() == null ? null : quote(request.ifMatch()))
                .build();
    }

    private static <T> T readOrError(CarrierResponse response, InputStream in, Class<T> type, S3Request request)
            throws IOException {
        byte[] body = in.readAllBytes();
        if (ErrorParsing.isErrorDocument(body)) {
            throw ErrorParsing.toException(response.code(), response.header("x-amz-request-id"),
                    response.header("x-amz-id-2"), body, request.bucket(), request.key());
        }
        if (body.length == 0) throw new IOException(request.operation() + " answered " + response.code() + " with no body");
        return S3Xml.read(body, type);
    }

    static ObjectMetadata metadata(CarrierResponse h) {
        long length = parseLong(h.header("Content-Length"), -1);
        String contentRange = h.header("Content-Range");
        long objectSize = length;
        if (contentRange != null) {
            int slash = contentRange.lastIndexOf('/');
            if (slash >= 0) objectSize = parseLong(contentRange.substring(slash + 1).strip(), -1);
        }
        Map<String, String> meta = new HashMap<>();
        for (var field : h.headers()) {
            String lower = field.name().toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-meta-")) meta.putIfAbsent(lower.substring("x-amz-meta-".length()), field.value());
        }
        String parts = h.header("x-amz-mp-parts-count");
        Instant lastModified = null;
        String lm = h.header("Last-Modified");
        if (lm != null) {
            try {
                lastModified = Timestamps.parse(lm);
            } catch (RuntimeException ignored) {
                // a malformed Last-Modified is not worth failing a download over
            }
        }
        return new ObjectMetadata(length, objectSize, h.header("ETag"), lastModified, h.header("Content-Type"),
                contentRange, parts == null ? null : (int) parseLong(parts, 0), h.header("x-amz-version-id"), meta,
                h.header("x-amz-request-id"));
    }

    private static long parseLong(String s, long fallback) {
        if (s == null) return fallback;
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String quote(String eTag) {
        String e = ETags.unquote(eTag);
        return "\"" + e + "\"";
    }

    /**
     * Undoes {@code encoding-type=url}. S3 and RGW both encode every {@code <Key>} and common prefix
     * (RGW leaves {@code /} as it is in common prefixes, which decodes the same); S3 also encodes the echoed
     * Prefix, Delimiter and StartAfter while RGW 16.2 sends them raw, so those are taken from the request.
     */
    private static ListBucketResult decodeObjects(ListObjectsV2Request request, ListBucketResult r) {
        if (!"url".equalsIgnoreCase(r.encodingType())) return r;
        String delimiter = request.delimiter();
        return new ListBucketResult(r.name(), request.prefix() == null ? r.prefix() : request.prefix(),
                delimiter, r.maxKeys(), r.keyCount(), r.isTruncated(), r.continuationToken(), r.nextContinuationToken(),
                request.startAfter(), r.encodingType(),
                r.contents().stream().map(c -> new Contents(url(c.key()), c.lastModified(), c.eTag(), c.size(),
                        c.storageClass(), c.owner())).toList(),
                r.commonPrefixes().stream().map(p -> new CommonPrefix(url(p.prefix()))).toList());
    }

    /**
     * Undoes {@code encoding-type=url} on a ListMultipartUploads page. S3 encodes Key, Prefix, KeyMarker,
     * NextKeyMarker, Delimiter and common prefixes and says {@code <EncodingType>url}; RGW (16.2 and later)
     * encodes only {@code <Key>} and common prefixes and says nothing, sending the markers raw. So keys and common
     * prefixes are always decoded (they were asked for encoded), the echoed Prefix, Delimiter and KeyMarker are
     * taken from the request, and NextKeyMarker is decoded when the answer says it is encoded. Otherwise, when it
     * names the page's last upload (its NextUploadIdMarker is that upload's id), it is that upload's decoded key:
     * the raw text can be damaged (a control character makes the body XML 1.1, which reads U+2028 as a newline).
     */
    static ListMultipartUploadsResult decodeUploads(ListMultipartUploadsRequest request, ListMultipartUploadsResult r) {
        boolean announced = "url".equalsIgnoreCase(r.encodingType());
        List<Upload> uploads = r.uploads().stream().map(u -> new Upload(url(u.key()), u.uploadId(), u.initiator(),
                u.owner(), u.storageClass(), u.initiated())).toList();
        String nextKeyMarker = announced ? url(r.nextKeyMarker()) : r.nextKeyMarker();
        if (!announced && !uploads.isEmpty() && uploads.getLast().uploadId().equals(r.nextUploadIdMarker())) {
            nextKeyMarker = uploads.getLast().key();
        }
        return new ListMultipartUploadsResult(r.bucket(),
                request.keyMarker() != null ? request.keyMarker() : announced ? url(r.keyMarker()) : r.keyMarker(),
                r.uploadIdMarker(), nextKeyMarker, r.nextUploadIdMarker(),
                request.prefix() != null ? request.prefix() : announced ? url(r.prefix()) : r.prefix(),
                request.delimiter() != null ? request.delimiter() : announced ? url(r.delimiter()) : r.delimiter(),
                r.maxUploads(), r.isTruncated(), r.encodingType(), uploads,
                r.commonPrefixes().stream().map(p -> new CommonPrefix(url(p.prefix()))).toList());
    }

    // encoding-type=url is form encoding: AWS writes a space as '+' and a plus as %2B; RGW writes %20 and
    // %2B. Form decoding reads both right.
    static String url(String s) {
        if (s == null) return null;
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String requireBucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isEmpty() || bucket.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bad bucket name '" + bucket + "'");
        }
        return bucket;
    }

    private static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) throw new IllegalArgumentException("empty object key");
        if (key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new IllegalArgumentException("object key longer than 1024 UTF-8 bytes");
        }
        // A key with "." or ".." path segments is sent with its slashes as %2F (KeyPaths), because OkHttp would
        // resolve the segments away and reach another object.
        return key;
    }

    /** Releases pooled connections and the dispatcher's threads. In-flight calls are not cancelled. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "S3Client[" + config + ", " + transport.carrierName() + "]";
    }
}
