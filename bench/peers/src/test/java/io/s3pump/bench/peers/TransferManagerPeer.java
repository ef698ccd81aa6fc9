package io.s3pump.bench.peers;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.DownloadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;

/**
 * One upload or download with the AWS SDK for Java v2 Transfer Manager, as a peer of s3pump in bench/run-bench.sh:
 * {@code crt|java up|down FILE BUCKET KEY [PART_BYTES] [CONCURRENCY]}. Endpoint and credentials come from
 * {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_REGION}.
 *
 * <p>Checksums are {@code WHEN_REQUIRED}: RGW 16.2 rejects the SDK's default trailing CRC32 checksums
 * ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}), so the parts go as {@code UNSIGNED-PAYLOAD}, as in issue 5's table.
 */
public final class TransferManagerPeer {
    private TransferManagerPeer() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: TransferManagerPeer crt|java up|down FILE BUCKET KEY [PART_BYTES] [CONCURRENCY]");
            System.exit(2);
        }
        String kind = args[0];
        String direction = args[1];
        Path file = Path.of(args[2]);
        String bucket = args[3];
        String key = args[4];
        long partSize = args.length > 5 ? Long.parseLong(args[5]) : 8L << 20;
        int concurrency = args.length > 6 ? Integer.parseInt(args[6]) : 8;

        URI endpoint = URI.create(required("AWS_ENDPOINT_URL"));
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(required("AWS_ACCESS_KEY_ID"), required("AWS_SECRET_ACCESS_KEY")));
        Region region = Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));

        S3AsyncClient s3 = switch (kind) {
            case "crt" -> S3AsyncClient.crtBuilder()
                    .endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .region(region)
                    .credentialsProvider(credentials)
                    .minimumPartSizeInBytes(partSize)
                    .thresholdInBytes(partSize)
                    .maxConcurrency(concurrency)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
            case "java" -> S3AsyncClient.builder()
                    .endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .region(region)
                    .credentialsProvider(credentials)
                    .multipartEnabled(true)
                    .multipartConfiguration(MultipartConfiguration.builder()
                            .minimumPartSizeInBytes(partSize)
                            .thresholdInBytes(partSize)
                            .build())
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(concurrency))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
            default -> throw new IllegalArgumentException("kind must be crt or java, not " + kind);
        };
        try (s3; S3TransferManager tm = S3TransferManager.builder().s3Client(s3).build()) {
            switch (direction) {
                case "up" -> tm.uploadFile(UploadFileRequest.builder()
                        .putObjectRequest(b -> b.bucket(bucket).key(key))
                        .source(file)
                        .build()).completionFuture().join();
                case "down" -> {
                    Files.deleteIfExists(file);
                    tm.downloadFile(DownloadFileRequest.builder()
                            .getObjectRequest(b -> b.bucket(bucket).key(key))
                            .destination(file)
                            .build()).completionFuture().join();
                }
                default -> throw new IllegalArgumentException("direction must be up or down, not " + direction);
            }
        }
        // The CRT's native event loops can outlive close() briefly; the transfer is done and verified by the caller.
        System.exit(0);
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            System.err.println(name + " is not set: run eval \"$(rgw/rgw.sh start)\" first");
            System.exit(2);
        }
        return v;
    }
}
