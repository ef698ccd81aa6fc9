package io.s3pump.client.internal.transfer;

import io.s3pump.client.ByteRange;
import io.s3pump.client.CompletedPart;
import io.s3pump.client.CreateMultipartUploadRequest;
import io.s3pump.client.Digests;
import io.s3pump.client.GetObjectRequest;
import io.s3pump.client.GetObjectResponse;
import io.s3pump.client.Integrity;
import io.s3pump.client.ListPartsRequest;
import io.s3pump.client.ObjectMetadata;
import io.s3pump.client.Part;
import io.s3pump.client.PutObjectRequest;
import io.s3pump.client.PutObjectResult;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3Exception;
import io.s3pump.client.UploadBody;
import io.s3pump.client.UploadPartRequest;
import io.s3pump.client.UploadPartResult;
import java.io.FilterInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The engine's {@link ObjectStore} on top of {@link S3Client}: request records in, ETags and digests out. */
public final class S3ClientStore implements ObjectStore {
    private final S3Client client;

    public S3ClientStore(S3Client client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String createMultipartUpload(String bucket, String key, String contentType) throws IOException {
        return client.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, key).withContentType(contentType))
                .uploadId();
    }

    @Override
    public String uploadPart(String bucket, String key, String uploadId, MappedPart part) throws IOException {
        UploadPartRequest request = UploadPartRequest.of(bucket, key, uploadId, part.number())
                .withPrecomputed(known(part));
        UploadPartResult result = client.uploadPart(request, UploadBody.ofFileMapping(part.segment()));
        offer(part, result.digests());
        return result.eTag();
    }

    @Override
    public String putObject(String bucket, String key, String contentType, MappedPart part) throws IOException {
        PutObjectResult result = client.putObject(PutObjectRequest.of(bucket, key).withContentType(contentType)
                        .withPrecomputed(known(part)),
                UploadBody.ofFileMapping(part.segment()));
        offer(part, result.digests());
        return result.eTag() == null ? "" : result.eTag();
    }

    /**
     * The digests the client's integrity mode needs, computed here by the part (through its mapping, releasing
     * each hashed window), plus any MD5 already known. The client hashes nothing again; the checksum-header modes
     * are left to the client, which computes their one digest itself.
     */
    private Digests known(MappedPart part) throws IOException {
        boolean signed = client.config().credentials().isPresent();
        Digests d = Digests.NONE;
        switch (client.config().integrity()) {
            case Integrity.SignedPayload s -> {
                if (signed) d = d.withSha256(part.sha256Hex()); else d = d.withMd5(part.md5().hex());
            }
            case Integrity.StreamingSigned s -> {
                if (!signed) d = d.withMd5(part.md5().hex()); // anonymous requests fall back to Content-MD5
            }
            case Integrity.ContentMd5 m -> d = d.withMd5(part.md5().hex());
            case Integrity.UnsignedPayload u -> { }
            case Integrity.ChecksumHeader c -> { }
            case Integrity.ChecksumTrailer t -> { }
        }
        Md5Digest md5 = part.md5IfKnown();
        return md5 == null || d.md5() != null ? d : d.withMd5(md5.hex());
    }

    private static void offer(MappedPart part, Digests digests) {
        if (digests != null && digests.md5() != null) part.offerMd5(Md5Digest.ofHex(digests.md5()));
    }

    @Override
    public void completeMultipartUpload(String bucket, String key, String uploadId, List<CompletedPart> parts)
            throws IOException {
        client.completeMultipartUpload(bucket, key, uploadId, parts);
    }

    @Override
    public void abortMultipartUpload(String bucket, String key, String uploadId) throws IOException {
        try {
            client.abortMultipartUpload(bucket, key, uploadId);
        } catch (S3Exception e) {
            if (!e.is(S3Exception.NO_SUCH_UPLOAD)) throw e;
        }
    }

    @Override
    public List<Reconciliation.ListedPart> listParts(String bucket, String key, String uploadId) throws IOException {
        List<Reconciliation.ListedPart> listed = new ArrayList<>();
        for (Part p : client.listPartsAll(ListPartsRequest.of(bucket, key, uploadId)))
            listed.add(new Reconciliation.ListedPart(p.partNumber(), p.size(), p.eTag() == null ? "" : p.eTag()));
        return listed;
    }

    @Override
    public Head headObject(String bucket, String key) throws IOException {
        ObjectMetadata m = client.headObject(bucket, key);
        return new Head(m.contentLength(), m.eTag() == null ? "" : m.eTag());
    }

    @Override
    public InputStream getRange(String bucket, String key, long first, long last, String ifMatch) throws IOException {
        GetObjectResponse response = client.getObject(GetObjectRequest.of(bucket, key)
                .withRange(new ByteRange(first, last)).withIfMatch(ifMatch));
        long expected = last - first + 1;
        String served = response.metadata().eTag();
        if (ifMatch != null && served != null && !Etags.same(ifMatch, served)) {
            // A server that ignores If-Match: answered as one that honours it would have, so the download reports it
            // where it reports a 412.
            response.close();
            throw new S3Exception(412, S3Exception.PRECONDITION_FAILED, "the object's ETag is no longer " + ifMatch,
                    key, response.metadata().requestId(), null);
        }
        if (response.metadata().contentLength() != expected) {
            response.close();
            throw new IOException("ranged GET of bytes " + first + "-" + last + " answered "
                    + response.metadata().contentLength() + " bytes");
        }
        return new RangeBody(response);
    }

    /** A range's body; a channel too, reading straight into direct buffers when the client's body can. */
    private static final class RangeBody extends FilterInputStream implements ReadableByteChannel {
        private final GetObjectResponse response;
        private final ReadableByteChannel channel;

        RangeBody(GetObjectResponse response) {
            super(response.body());
            this.response = response;
            this.channel = in instanceof ReadableByteChannel c ? c : Channels.newChannel(in);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            response.close();
        }
    }

    @Override
    public boolean isNoSuchUpload(IOException e) {
        return e instanceof S3Exception s && (s.is(S3Exception.NO_SUCH_UPLOAD) || s.is(S3Exception.NO_SUCH_KEY));
    }

    @Override
    public PayloadCheck payloadCheck() {
        return switch (client.config().integrity()) {
            case Integrity.ContentMd5 m -> PayloadCheck.MD5;
            case Integrity.SignedPayload s -> PayloadCheck.SIGNED_PAYLOAD;
            case Integrity.StreamingSigned s -> PayloadCheck.SIGNED_PAYLOAD;
            case Integrity.UnsignedPayload u -> PayloadCheck.NONE;
            case Integrity.ChecksumHeader c -> PayloadCheck.NONE;
            case Integrity.ChecksumTrailer t -> PayloadCheck.NONE;
        };
    }
}
