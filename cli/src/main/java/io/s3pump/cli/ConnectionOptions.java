package io.s3pump.cli;

import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where and as whom to connect: the AWS CLI's options, shared by every command that talks to S3. */
final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    /** The options themselves, in a group so that --help lists them under their own heading. */
    static final class Group {
        @Option(names = "--endpoint-url", paramLabel = "URL", order = 1,
                description = "S3 endpoint, e.g. http://127.0.0.1:7480 (default: AWS_ENDPOINT_URL_S3,"
                        + " AWS_ENDPOINT_URL or the profile's endpoint_url).")
        String endpointUrl;

        @Option(names = "--region", paramLabel = "REGION", order = 2,
                description = "Signing region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, then us-east-1).")
        String region;

        @Option(names = "--profile", paramLabel = "NAME", order = 3,
                description = "Profile in ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE, then default).")
        String profile;

        @Option(names = "--path-style", order = 4,
                description = "Address buckets as http://host/bucket (the default for non-AWS endpoints).")
        boolean pathStyle;

        @Option(names = "--virtual-host", order = 5, description = "Address buckets as http://bucket.host.")
        boolean virtualHost;

        @Option(names = "--ca-bundle", paramLabel = "PEM", order = 6,
                description = "Trust the CA certificates in this PEM file.")
        Path caBundle;

        @Option(names = "--no-verify-ssl", order = 7,
                description = "Do not verify the server's TLS certificate (testing only).")
        boolean noVerifySsl;

        @Option(names = "--connect-timeout", paramLabel = "SECONDS", order = 8,
                description = "Give up connecting after this long (default: 10).")
        Integer connectTimeout;

        @Option(names = "--read-timeout", paramLabel = "SECONDS", order = 9,
                description = "Give up on a request whose answer (or body) makes no progress for this long"
                        + " (default: 60); each request is retried within the retry budget of 2 minutes.")
        Integer readTimeout;

        @Option(names = "--tls-provider", paramLabel = "auto|jdk|conscrypt", order = 10,
                converter = TlsProviderConverter.class,
                description = "Which TLS implementation carries https (default auto: Conscrypt, whose AES-GCM and"
                        + " handshakes cost a fraction of the JDK's CPU, else the JDK's).")
        io.s3pump.client.TlsProvider tlsProvider;

        // For comparisons only (bench/run-bench.sh): OkHttp instead of s3pump's own HTTP/1.1 carrier.
        @Option(names = "--carrier", paramLabel = "direct|okhttp", hidden = true, order = 11)
        String carrier;
    }

    /** {@code auto}, {@code jdk} or {@code conscrypt}, in any case. */
    static final class TlsProviderConverter implements picocli.CommandLine.ITypeConverter<io.s3pump.client.TlsProvider> {
        @Override
        public io.s3pump.client.TlsProvider convert(String value) {
            try {
                return io.s3pump.client.TlsProvider.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a TLS provider; use auto, jdk or conscrypt");
            }
        }
    }

    /** {@code --tls-provider}, or {@code null} for the client's default. */
    io.s3pump.client.TlsProvider tlsProvider() {
        return group.tlsProvider;
    }

    /** Whether {@code --carrier okhttp} asked for OkHttp instead of the direct carrier. */
    boolean okHttpCarrier() {
        if (group.carrier == null || group.carrier.equalsIgnoreCase("direct")) return false;
        if (group.carrier.equalsIgnoreCase("okhttp")) return true;
        throw new ParameterException(mixee.commandLine(), "--carrier must be direct or okhttp, not '" + group.carrier + "'");
    }

    @ArgGroup(validate = false, heading = "%nConnection:%n", order = 100)
    Group group = new Group();

    String endpointUrl() {
        return group.endpointUrl;
    }

    String region() {
        return group.region;
    }

    String profile() {
        return group.profile;
    }

    Path caBundle() {
        return group.caBundle;
    }

    boolean noVerifySsl() {
        return group.noVerifySsl;
    }

    /** {@code --connect-timeout}, or {@code null} for the client's default. */
    java.time.Duration connectTimeout() {
        return seconds("--connect-timeout", group.connectTimeout);
    }

    /** {@code --read-timeout}, or {@code null} for the client's default. */
    java.time.Duration readTimeout() {
        return seconds("--read-timeout", group.readTimeout);
    }

    private java.time.Duration seconds(String option, Integer value) {
        if (value == null) return null;
        if (value < 1 || value > 3600) {
            throw new ParameterException(mixee.commandLine(), option + " " + value + " must be between 1 and 3600 seconds");
        }
        return java.time.Duration.ofSeconds(value);
    }

    /** The addressing style asked for: {@code null} lets the client choose by endpoint. */
    Boolean pathStyleChoice() {
        if (group.pathStyle && group.virtualHost) {
            throw new ParameterException(mixee.commandLine(), "--path-style and --virtual-host exclude each other");
        }
        return group.pathStyle ? Boolean.TRUE : group.virtualHost ? Boolean.FALSE : null;
    }
}
