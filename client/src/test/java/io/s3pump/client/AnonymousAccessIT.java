package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Unsigned requests to the local RGW: what an S3 endpoint lets a caller without credentials do. */
class AnonymousAccessIT {

    private static RgwEndpoint rgw;
    private static HttpClient http;

    @BeforeAll
    static void connect() {
        rgw = RgwEndpoint.fromEnvironment();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(rgw.sslContext()).build();
    }

    @AfterAll
    static void close() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void anonymousCreateBucketIsRefusedWithAccessDenied() throws Exception {
        String bucket = "s3pump-anon-" + UUID.randomUUID();

        var put = send(HttpRequest.newBuilder(rgw.resolve("/" + bucket)).PUT(HttpRequest.BodyPublishers.noBody()));

        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(put.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(put.body())
                .contains("<Code>AccessDenied</Code>")
                .contains("<BucketName>" + bucket + "</BucketName>");

        // Refused means not created.
        var get = send(HttpRequest.newBuilder(rgw.resolve("/" + bucket)).GET());
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.body()).contains("<Code>NoSuchBucket</Code>");
    }

    @Test
    void anonymousListBucketsIsAnsweredAsUserAnonymousWhoOwnsNothing() throws Exception {
        // Unlike AWS S3 (403 AccessDenied), RGW answers an unsigned ListBuckets with 200 and the buckets of
        // its built-in "anonymous" user, of which there are none; Ceph's docs use it to check that radosgw runs.
        // A client must therefore not treat a 200 on GET / as proof that its credentials work.
        var list = send(HttpRequest.newBuilder(rgw.resolve("/")).GET());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .startsWith("<?xml")
                .contains("<ListAllMyBucketsResult")
                .contains("<Owner><ID>anonymous</ID>")
                .contains("<Buckets></Buckets>");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
