package io.s3pump.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The local RGW the integration tests run against, from the AWS_* variables that {@code ./run-tests} and
 * {@code rgw/rgw.sh start} set. Integration tests never skip: without them {@link #fromEnvironment} throws.
 */
record Rgw(URI endpoint, String accessKey, String secretKey, String region) {
    static final String HOW_TO_START = "RGW is not configured: run ./run-tests, or eval \"$(rgw/rgw.sh start)\" first";

    static Rgw fromEnvironment() {
        Rgw rgw = new Rgw(URI.create(required("AWS_ENDPOINT_URL")), required("AWS_ACCESS_KEY_ID"),
                required("AWS_SECRET_ACCESS_KEY"), required("AWS_REGION"));
        int port = rgw.endpoint.getPort() != -1 ? rgw.endpoint.getPort() : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(rgw.endpoint.getHost(), port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(HOW_TO_START + " (nothing listens at " + rgw.endpoint + ": " + e + ")", e);
        }
        return rgw;
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) throw new IllegalStateException(HOW_TO_START + " (" + name + " is unset)");
        return v;
    }

    @Override
    public String toString() {
        return "Rgw[" + endpoint + ", " + accessKey + ", " + region + "]";
    }
}
