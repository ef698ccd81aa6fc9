package io.s3pump.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The S3 endpoint and credentials of the local RGW that integration tests talk to, read from the standard
 * AWS environment variables that {@code ./run-tests} and {@code rgw/rgw.sh start} set.
 *
 * <p>Integration tests never skip: when the variables are unset or nothing listens at the endpoint,
 * {@link #fromEnvironment()} throws, so the test fails with a message that says how to start RGW.
 *
 * @param endpoint  e.g. {@code http://127.0.0.1:7480}
 * @param accessKey the access key id
 * @param secretKey the secret access key; never printed by {@link #toString()}
 * @param region    the region for the SigV4 credential scope
 */
public record RgwEndpoint(URI endpoint, String accessKey, String secretKey, String region) {

    /** What to do when RGW is not there; every failure of {@link #fromEnvironment()} starts with this. */
    public static final String HOW_TO_START =
            "RGW is not configured: run ./run-tests, or eval \"$(rgw/rgw.sh start)\" first";

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    public RgwEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(region, "region");
    }

    /**
     * Reads {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
     * {@code AWS_REGION}, and checks that the endpoint accepts a TCP connection.
     *
     * @throws IllegalStateException if a variable is unset or blank, or the endpoint cannot be reached
     */
    public static RgwEndpoint fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static RgwEndpoint fromEnvironment(Map<String, String> env) {
        URI endpoint;
        try {
            endpoint = URI.create(required(env, "AWS_ENDPOINT_URL"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(HOW_TO_START + " (AWS_ENDPOINT_URL is not a URI)", e);
        }
        var rgw = new RgwEndpoint(endpoint, required(env, "AWS_ACCESS_KEY_ID"),
                required(env, "AWS_SECRET_ACCESS_KEY"), required(env, "AWS_REGION"));
        rgw.checkReachable();
        return rgw;
    }

    /** The endpoint resolved against {@code path}, e.g. {@code "/bucket/key"}. */
    public URI resolve(String path) {
        return endpoint.resolve(path);
    }

    @Override
    public String toString() {
        return "RgwEndpoint[endpoint=" + endpoint + ", accessKey=" + accessKey + ", region=" + region + "]";
    }

    private void checkReachable() {
        String host = endpoint.getHost();
        if (host == null) {
            throw new IllegalStateException(HOW_TO_START + " (AWS_ENDPOINT_URL has no host: " + endpoint + ")");
        }
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new IllegalStateException(HOW_TO_START + " (nothing accepts connections at " + endpoint + ": " + e + ")", e);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(HOW_TO_START + " (" + name + " is unset)");
        }
        return value;
    }
}
