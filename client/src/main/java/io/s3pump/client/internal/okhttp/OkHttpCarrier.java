package io.s3pump.client.internal.okhttp;

import io.s3pump.client.S3ClientConfig;
import io.s3pump.client.UploadBody;
import io.s3pump.client.internal.carrier.Carrier;
import io.s3pump.client.internal.carrier.CarrierRequest;
import io.s3pump.client.internal.carrier.CarrierResponse;
import io.s3pump.client.internal.carrier.ClientClosedException;
import io.s3pump.client.internal.carrier.ResponseHead;
import io.s3pump.client.internal.carrier.TlsTrust;
import io.s3pump.sigv4.ChunkEncoder;
import io.s3pump.sigv4.Header;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * The carrier over OkHttp: for endpoints behind a proxy, where OkHttp's proxy support is wanted, and as the
 * reference the direct carrier is compared with. Bodies are written from their source through Okio's segments.
 */
public final class OkHttpCarrier implements Carrier {
    private final OkHttpClient http;
    private final String tls;
    private volatile boolean closed;

    /** Builds the OkHttp client now, so that a configuration error (a bad CA bundle) shows at once. */
    public OkHttpCarrier(S3ClientConfig config) {
        TlsTrust trust = "https".equalsIgnoreCase(config.endpoint().getScheme()) ? TlsTrust.of(config) : null;
        this.http = HttpClients.build(config, trust);
        this.tls = trust == null ? "" : " (TLS: " + trust.providerName() + ")";
    }

    @Override
    public String toString() {
        return "OkHttp carrier" + tls;
    }

    @Override
    public CarrierResponse send(CarrierRequest request) throws IOException {
        if (closed) throw new ClientClosedException();
        // The Host that was signed, as the direct carrier sends it: OkHttp would otherwise send its canonical form of
        // the URL's host (lower case, IPv6 compressed), and a signature over another spelling fails.
        Request.Builder b = new Request.Builder().url(HttpUrl.get(request.url())).header("Host", request.hostHeader());
        boolean acceptEncoding = false;
        for (Header h : request.headers()) {
            b.addHeader(h.name(), h.value());
            acceptEncoding |= h.is("Accept-Encoding");
        }
        // Otherwise OkHttp asks for gzip and decodes an object stored with Content-Encoding: gzip, so the bytes would
        // differ from the object's (and from the direct carrier's, which asks for no encoding). Not signed.
        if (!acceptEncoding) b.header("Accept-Encoding", "identity");
        if (request.expectContinue() && request.body() != null && request.body().contentLength() > 0) {
            b.header("Expect", "100-continue");
        }
        b.method(request.method(), body(request.body()));
        Response response = http.newCall(b.build()).execute();
        try {
            List<ResponseHead.Field> fields = new ArrayList<>(response.headers().size());
            for (int i = 0; i < response.headers().size(); i++) {
                fields.add(new ResponseHead.Field(response.headers().name(i), response.headers().value(i)));
            }
            ResponseHead head = new ResponseHead(response.protocol() == Protocol.HTTP_1_0 ? 0 : 1, response.code(),
                    response.message(), fields);
            ResponseBody body = response.body();
            InputStream in = body == null || request.isHead() ? InputStream.nullInputStream() : body.byteStream();
            return new CarrierResponse(head, in, response);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    private static RequestBody body(CarrierRequest.Body body) {
        return switch (body) {
            case null -> null;
            case CarrierRequest.Plain plain -> new DirectBody(plain.body());
            case CarrierRequest.Framed framed -> new ChunkedBody(framed.payload(), framed.encoder());
        };
    }

    /** Writes an upload body straight from its source; exact length, re-sendable. */
    private static final class DirectBody extends RequestBody {
        private final UploadBody body;

        DirectBody(UploadBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return null; // Content-Type, when any, is a signed header set by the operation
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            body.writeTo(sink);
        }
    }

    /** Writes the aws-chunked encoding of an upload body; the encoder starts afresh on every write. */
    private static final class ChunkedBody extends RequestBody {
        private final UploadBody body;
        private final ChunkEncoder encoder;

        ChunkedBody(UploadBody body, ChunkEncoder encoder) {
            this.body = body;
            this.encoder = encoder;
        }

        @Override
        public MediaType contentType() {
            return null;
        }

        @Override
        public long contentLength() {
            return encoder.encodedLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try (InputStream in = encoder.encode(body.openStream()); Source source = Okio.source(in)) {
                sink.writeAll(source);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
