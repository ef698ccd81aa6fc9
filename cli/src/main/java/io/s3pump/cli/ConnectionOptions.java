package io.s3pump.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where and as whom to connect: the AWS CLI's options, shared by every command that talks to S3. */
final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "S3 endpoint, e.g. http://127.0.0.1:7480 (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL or"
                    + " the profile's endpoint_url).")
    String endpointUrl;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Signing region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, then us-east-1).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile in ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE, then default).")
    String profile;

    @Option(names = "--path-style", description = "Address buckets as http://host/bucket (default for non-AWS endpoints).")
    boolean pathStyle;

    @Option(names = "--virtual-host", description = "Address buckets as http://bucket.host.")
    boolean virtualHost;

    @Option(names = "--ca-bundle", paramLabel = "PEM", description = "Trust the CA certificates in this PEM file.")
    Path caBundle;

    @Option(names = "--no-verify-ssl", description = "Do not verify the server's TLS certificate (testing only).")
    boolean noVerifySsl;

    /** The addressing style asked for: {@code null} lets the client choose by endpoint. */
    Boolean pathStyleChoice() {
        if (pathStyle && virtualHost) {
            throw new ParameterException(mixee.commandLine(), "--path-style and --virtual-host exclude each other");
        }
        return pathStyle ? Boolean.TRUE : virtualHost ? Boolean.FALSE : null;
    }
}
