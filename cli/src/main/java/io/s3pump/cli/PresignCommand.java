package io.s3pump.cli;

import io.s3pump.client.AddressingStyle;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.sigv4.Credentials;
import io.s3pump.sigv4.PayloadMode;
import io.s3pump.sigv4.PresignedRequest;
import io.s3pump.sigv4.SignableRequest;
import io.s3pump.sigv4.Signer;
import io.s3pump.sigv4.SigningParams;
import io.s3pump.sigv4.UriEncoding;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code s3pump presign s3://bucket/key}: prints a SigV4 query-string URL, computed locally (no request is sent),
 * with the same endpoint, addressing and credentials the other commands use.
 */
@Command(name = "presign", mixinStandardHelpOptions = true,
        header = "Print a presigned GET or PUT URL.",
        description = "Print a presigned URL that lets anyone GET (or PUT) the object until it expires. Only the URL"
                + " is printed. It is computed locally: nothing is sent to the server.")
final class PresignCommand extends S3Command {
    /** The methods a presigned object URL is useful for. */
    enum Method { GET, PUT }

    @Parameters(index = "0", paramLabel = "S3URI", description = "s3://bucket/key, taken literally (no percent-decoding).")
    String url;

    @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Validity in seconds, 1 to 604800 (7 days, SigV4's limit) (default: ${DEFAULT-VALUE}).")
    long expiresIn;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "GET",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Method method;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "Sign this Content-Type into the URL: whoever uses it must send exactly this header (a PUT"
                    + " that sends a Content-Type the URL does not sign is refused by RGW 20.2, which requires every"
                    + " header it reads to be signed).")
    String contentType;

    /** The JSON document: the URL, and the headers its user must send as they are. */
    record Presigned(String url, String method, String expires, java.util.Map<String, String> headers) {}

    @Override
    public Integer call() throws Exception {
        // Read here, not in a static field: picocli instantiates every command to build the model, and Signer's class
        // initialisation (its System.Logger, i.e. java.util.logging) would then cost --help and the others ~20 ms.
        long maxExpiresSeconds = Signer.MAX_PRESIGN_EXPIRY.toSeconds();
        if (expiresIn < 1 || expiresIn > maxExpiresSeconds) {
            throw CliException.usage("--expires-in " + expiresIn + " is outside 1 to " + maxExpiresSeconds
                    + " seconds: SigV4 presigned URLs last at most 7 days");
        }
        target = StatCommand.objectOnly(url);
        S3ClientConfig config = config(SINGLE);
        Credentials credentials = config.credentials().orElseThrow(() -> new CliException(ExitCodes.AUTH,
                "presign needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use --profile"));
        URI endpoint = config.endpoint();
        boolean virtualHost = config.addressingStyle() == AddressingStyle.VIRTUAL_HOST;
        String host = (virtualHost ? target.bucket() + "." : "") + hostAndPort(endpoint);
        String path = (endpoint.getRawPath() == null ? "" : stripTrailingSlash(endpoint.getRawPath()))
                + (virtualHost ? UriEncoding.virtualHosted(target.key()) : UriEncoding.pathStyle(target.bucket(), target.key()));
        SignableRequest request = SignableRequest.of(method.name(), host, path, PayloadMode.unsigned());
        if (contentType != null) {
            if (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
                throw CliException.usage("--content-type must be a media type such as image/jpeg, not '"
                        + Printer.visible(contentType) + "'");
            }
            request = request.withHeader("Content-Type", contentType);
        }
        PresignedRequest signed = Signer.sigV4().presign(request,
                SigningParams.s3(credentials, config.region(), config.clock().instant()),
                Duration.ofSeconds(expiresIn));
        String presigned = signed.url(endpoint.getScheme());
        Printer out = printer();
        out.data(presigned);
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        signed.headers().forEach(h -> headers.put(h.name(), h.value()));
        out.document(new Presigned(presigned, method.name(), signed.expiresAt().toString(), headers));
        return ExitCodes.OK;
    }

    /** {@code host} or {@code host:port}, leaving out the scheme's default port as the Host header does. */
    static String hostAndPort(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("http".equals(endpoint.getScheme()) && port == 80)
                || ("https".equals(endpoint.getScheme()) && port == 443);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    private static String stripTrailingSlash(String p) {
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
