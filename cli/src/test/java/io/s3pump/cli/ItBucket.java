package io.s3pump.cli;

import io.s3pump.client.Contents;
import io.s3pump.client.ListMultipartUploadsRequest;
import io.s3pump.client.ListObjectsV2Request;
import io.s3pump.client.S3Client;
import io.s3pump.client.S3ClientConfig;
import io.s3pump.client.Upload;
import io.s3pump.sigv4.Credentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A bucket of its own for one integration test class, on the local RGW, created with the client library and
 * emptied and removed afterwards (objects and open uploads), so that test runs do not see each other.
 */
final class ItBucket implements AutoCloseable {
    final Rgw rgw;
    final S3Client s3;
    final String name;

    ItBucket(String prefix) throws IOException {
        rgw = Rgw.fromEnvironment();
        S3ClientConfig.Builder config = S3ClientConfig.builder()
                .endpoint(rgw.endpoint())
                .credentials(Credentials.of(rgw.accessKey(), rgw.secretKey()))
                .region(rgw.region());
        if (rgw.caBundle() != null) config.caBundle(rgw.caBundle());
        s3 = S3Client.create(config.build());
        name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        s3.createBucket(name);
    }

    String url(String key) {
        return "s3://" + name + "/" + key;
    }

    /** The open multipart uploads in the bucket. */
    List<Upload> openUploads() throws IOException {
        List<Upload> out = new ArrayList<>();
        s3.listMultipartUploadsAll(ListMultipartUploadsRequest.of(name), page -> {
            out.addAll(page.uploads());
            return true;
        });
        return out;
    }

    List<String> keys() throws IOException {
        List<String> out = new ArrayList<>();
        s3.listObjectsV2All(ListObjectsV2Request.of(name), page -> {
            for (Contents c : page.contents()) out.add(c.key());
            return true;
        });
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            for (Upload u : openUploads()) s3.abortMultipartUpload(name, u.key(), u.uploadId());
            for (String key : keys()) s3.deleteObject(name, key);
            s3.deleteBucket(name);
        } finally {
            s3.close();
        }
    }
}
