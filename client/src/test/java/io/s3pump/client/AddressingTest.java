package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.s3pump.client.internal.http.S3Request;
import io.s3pump.client.internal.http.S3Transport;
import io.s3pump.sigv4.Credentials;
import org.junit.jupiter.api.Test;

/** Path-style and virtual-host URLs, with keys encoded exactly once. */
class AddressingTest {
    private static S3Transport transport(String endpoint, AddressingStyle style) {
        S3ClientConfig.Builder b = S3ClientConfig.builder().endpoint(endpoint).credentials(Credentials.of("a", "b"));
        if (style != null) b.addressingStyle(style);
        return new S3Transport(b.build());
    }

    private static S3Request get(String bucket, String key) {
        return new S3Request.Builder("GetObject", "GET", bucket, key).query("versionId", "v 1").build();
    }

    @Test
    void rgwEndpointsUsePathStyleAndEncodeTheKeyOnce() {
        try (S3Transport t = transport("http://127.0.0.1:7480", null)) {
            assertThat(t.url(get("bkt", "a%2Fb/c d+é//x")))
                    .isEqualTo("http://127.0.0.1:7480/bkt/a%252Fb/c%20d%2B%C3%A9//x?versionId=v%201");
        }
    }

    @Test
    void awsEndpointsUseVirtualHostsAndDropTheDefaultPort() {
        try (S3Transport t = transport("https://s3.eu-west-1.amazonaws.com:443", null)) {
            assertThat(t.url(get("bkt", "k"))).isEqualTo("https://bkt.s3.eu-west-1.amazonaws.com/k?versionId=v%201");
            assertThat(t.url(new S3Request.Builder("ListBuckets", "GET", null, null).build()))
                    .isEqualTo("https://s3.eu-west-1.amazonaws.com/");
        }
    }

    @Test
    void virtualHostAddressingCanBeChosenForAnyEndpoint() {
        try (S3Transport t = transport("http://rgw.example:8080", AddressingStyle.VIRTUAL_HOST)) {
            assertThat(t.url(new S3Request.Builder("ListObjectsV2", "GET", "bkt", null).build()))
                    .isEqualTo("http://bkt.rgw.example:8080/");
        }
    }
}
