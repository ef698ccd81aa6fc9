package io.s3pump.cli;

import io.s3pump.client.AddressingStyle;
import io.s3pump.client.ObjectMetadata;
import io.s3pump.client.S3Exception;
import java.io.IOException;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3ClientConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shared half of every command that talks to S3: the connection and output options, the printer, the client
 * built from the options and the AWS conventions, and the target an error line names.
 */
abstract class S3Command implements Callable<Integer>, Targeted {
    /** Requests in flight for the commands that send one request at a time. */
    static final int SINGLE = 4;

    @Spec CommandSpec spec;
    @Mixin(name = "connection") ConnectionOptions connection;
    @Mixin(name = "output") OutputOptions output;

    /** What the command is working on; set as soon as the arguments are parsed, read by the error handler. */
    S3Url target;
    private String endpoint;
    private java.nio.file.Path caBundle;
    private boolean warnedInsecure;

    @Override
    public S3Url target() {
        return target;
    }

    @Override
    public String endpoint() {
        return endpoint != null ? endpoint : connection.endpointUrl();
    }

    @Override
    public java.nio.file.Path caBundle() {
        return caBundle != null ? caBundle : connection.caBundle();
    }

    Printer printer() {
        return new Printer(spec, output);
    }

    Environment environment() {
        return ((S3pump) spec.root().userObject()).environment();
    }

    /** The client configuration: the options first, then AWS_* variables, then ~/.aws (see the client's README). */
    S3ClientConfig config(int concurrency) {
        return config(concurrency, b -> {});
    }

    /** The client configuration, with {@code customize} applied before the AWS conventions fill the rest. */
    S3ClientConfig config(int concurrency, java.util.function.Consumer<S3ClientConfig.Builder> customize) {
        if (connection.noVerifySsl() && !warnedInsecure) {
            // On every run, --quiet or not, as the AWS CLI does: a run that trusts any certificate must say so.
            warnedInsecure = true;
            spec.commandLine().getErr().println("s3pump: warning: --no-verify-ssl: the endpoint's TLS certificate is"
                    + " not verified, so anyone on the way can read and change what is sent; give its CA with"
                    + " --ca-bundle instead");
            spec.commandLine().getErr().flush();
        }
        Boolean pathStyle = connection.pathStyleChoice();
        S3ClientConfig.Builder b = S3ClientConfig.builder()
                .endpoint(connection.endpointUrl())
                .region(connection.region())
                .profile(connection.profile())
                .caBundle(connection.caBundle())
                .insecureTls(connection.noVerifySsl())
                .maxConcurrency(concurrency);
        if (pathStyle != null) b.addressingStyle(pathStyle ? AddressingStyle.PATH : AddressingStyle.VIRTUAL_HOST);
        if (connection.tlsProvider() != null) b.tlsProvider(connection.tlsProvider());
        if (connection.okHttpCarrier()) b.directDataPath(false);
        if (connection.connectTimeout() != null) b.connectTimeout(connection.connectTimeout());
        if (connection.readTimeout() != null) b.readTimeout(connection.readTimeout()).writeTimeout(connection.readTimeout());
        customize.accept(b);
        Environment env = environment();
        S3ClientConfig config = b.resolveFrom(env.variables(), env.home()).build();
        endpoint = config.endpoint().toString();
        caBundle = config.caBundle();
        System.getLogger("io.s3pump.cli").log(System.Logger.Level.DEBUG, () -> "configuration: " + config);
        return config;
    }

    /**
     * HeadObject, telling a missing bucket from a missing key: a HEAD answer has no body, so a 404 is ambiguous
     * until HeadBucket says whether the bucket is there.
     */
    static ObjectMetadata head(S3Client s3, S3Url url) throws IOException {
        try {
            return s3.headObject(url.bucket(), url.key());
        } catch (S3Exception e) {
            if (e.status() != 404) throw e;
            try {
                s3.headBucket(url.bucket());
            } catch (S3Exception b) {
                if (b.status() == 404) {
                    S3Exception missing = new S3Exception(404, S3Exception.NO_SUCH_BUCKET, "", url.bucket(),
                            b.requestId(), b.hostId());
                    missing.addSuppressed(e);
                    throw missing;
                }
            }
            throw e;
        }
    }

    /** A client for one command; the caller closes it. */
    S3Client client(int concurrency) {
        return S3Client.create(config(concurrency));
    }
}
