/**
 * AWS Signature Version 4 and 4A for S3 (and any SigV4 service), with no HTTP library and no runtime dependency.
 *
 * <p>Describe the request with {@link io.s3pump.sigv4.SignableRequest} (method, {@code Host}, the wire path
 * encoded once with {@link io.s3pump.sigv4.UriEncoding#encodeKey(String)}, decoded query parameters, the headers
 * to sign and a {@link io.s3pump.sigv4.PayloadMode}), then ask one shared {@link io.s3pump.sigv4.Signer}:
 *
 * <pre>{@code
 * Signer signer = Signer.sigV4();                       // thread-safe, share it
 * SigningParams params = SigningParams.s3(credentials, "us-east-1", Instant.now());
 * SignableRequest put = new SignableRequest("PUT", "127.0.0.1:7480",
 *         UriEncoding.pathStyle("bucket", "dir/a b.bin"),
 *         List.of(new QueryParam("partNumber", "1"), new QueryParam("uploadId", id)),
 *         List.of(new Header("Content-Length", "8388608")),
 *         PayloadMode.unsigned());
 * SignedRequest signed = signer.sign(put, params);
 * signed.headers().forEach(h -> httpRequest.setHeader(h.name(), h.value()));
 * // wire URL: "http://127.0.0.1:7480" + put.path() + "?" + UriEncoding.canonicalQuery(put.query())
 *
 * PresignedRequest url = signer.presign(getRequest, params, Duration.ofHours(1));
 * String link = url.url("https");
 * }</pre>
 *
 * <p>For an aws-chunked upload, sign with a {@link io.s3pump.sigv4.PayloadMode.Chunked} mode, send
 * {@code signed.contentLength()} as {@code Content-Length}, and write the body through
 * {@link io.s3pump.sigv4.SignedRequest#chunkEncoder()}.
 *
 * <p>Every type here is immutable and thread-safe, except the streams a {@link io.s3pump.sigv4.ChunkEncoder}
 * returns. No {@code toString()} reveals a secret key, session token or signature.
 */
package io.s3pump.sigv4;
