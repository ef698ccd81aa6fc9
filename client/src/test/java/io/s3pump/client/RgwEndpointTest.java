package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RgwEndpointTest {

    @Test
    void readsTheEndpointAndCredentialsWhenSomethingListens() throws IOException {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var rgw = RgwEndpoint.fromEnvironment(env("http://127.0.0.1:" + server.getLocalPort()));

            assertThat(rgw.endpoint().getPort()).isEqualTo(server.getLocalPort());
            assertThat(rgw.accessKey()).isEqualTo("AKID");
            assertThat(rgw.secretKey()).isEqualTo("very-secret");
            assertThat(rgw.region()).isEqualTo("us-east-1");
            assertThat(rgw.resolve("/b/k").toString()).isEqualTo("http://127.0.0.1:" + server.getLocalPort() + "/b/k");
        }
    }

    @Test
    void failsWithHowToStartRgwWhenAVariableIsUnset() {
        var env = env("http://127.0.0.1:7480");
        env.remove("AWS_SECRET_ACCESS_KEY");

        assertThatThrownBy(() -> RgwEndpoint.fromEnvironment(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(RgwEndpoint.HOW_TO_START)
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY is unset");
    }

    @Test
    void failsWithHowToStartRgwWhenNothingListensAtTheEndpoint() throws IOException {
        int port;
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }

        assertThatThrownBy(() -> RgwEndpoint.fromEnvironment(env("http://127.0.0.1:" + port)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(RgwEndpoint.HOW_TO_START)
                .hasMessageContaining("nothing accepts connections");
    }

    @Test
    void neverPrintsTheSecretKey() throws IOException {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var rgw = RgwEndpoint.fromEnvironment(env("http://127.0.0.1:" + server.getLocalPort()));

            assertThat(rgw.toString()).contains("AKID").doesNotContain("very-secret");
        }
    }

    private static Map<String, String> env(String endpoint) {
        var env = new HashMap<String, String>();
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("AWS_ACCESS_KEY_ID", "AKID");
        env.put("AWS_SECRET_ACCESS_KEY", "very-secret");
        env.put("AWS_REGION", "us-east-1");
        return env;
    }
}
