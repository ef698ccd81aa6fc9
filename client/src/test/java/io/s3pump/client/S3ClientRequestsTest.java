package io.s3pump.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each operation's request line, headers and body on the wire. */
class S3ClientRequestsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    S3Client client;

    @BeforeEach
    void setUp() {
        client = MockS3.client(server);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static void assertSigned(RecordedRequest r) {
        assertThat(r.getHeaders().get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/s3/aws4_request");
        assertThat(r.getHeaders().get("x-amz-date")).isEqualTo("20261125T120000Z");
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isNotNull();
    }

    @Test
    void createBucketIsAPutOnTheBucketPathWithoutABody() throws Exception {
        server.enqueue(MockS3.ok());
        client.createBucket("photos");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("PUT /photos HTTP/1.1");
        assertThat(r.getBodySize()).isZero();
        assertThat(r.getHeaders().get("Content-Length")).isEqualTo("0");
        assertSigned(r);
    }

    @Test
    void createBucketWithALocationSendsCreateBucketConfiguration() throws Exception {
        server.enqueue(MockS3.ok());
        client.createBucket("photos", "default");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getBody().utf8()).contains("<CreateBucketConfiguration><LocationConstraint>default</LocationConstraint></CreateBucketConfiguration>");
    }

    @Test
    void headBucketAndDeleteBucketUseTheirMethods() throws Exception {
        server.enqueue(MockS3.ok());
        server.enqueue(new MockResponse.Builder().code(204).build());
        client.headBucket("photos");
        client.deleteBucket("photos");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("HEAD /photos HTTP/1.1");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("DELETE /photos HTTP/1.1");
    }

    @Test
    void listBucketsParsesTheBuckets() throws Exception {
        server.enqueue(MockS3.xml(200, """
                <?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
                <Owner><ID>test</ID><DisplayName>test</DisplayName></Owner><Buckets>\
                <Bucket><Name>a-b</Name><CreationDate>2026-11-25T11:00:00.123Z</CreationDate></Bucket>\
                <Bucket><Name>c</Name><CreationDate>2026-11-25T11:00:01.000Z</CreationDate></Bucket>\
                </Buckets></ListAllMyBucketsResult>"""));
        ListAllMyBucketsResult result = client.listBuckets();
        assertThat(result.buckets()).extracting(Bucket::name).containsExactly("a-b", "c");
        assertThat(result.owner().id()).isEqualTo("test");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET / HTTP/1.1");
    }

    @Test
    void listObjectsV2SendsItsParametersAndDecodesUrlEncodedKeys() throws Exception {
        server.enqueue(MockS3.xml(200, """
                <ListBucketResult><Name>b</Name><Prefix>dir%2F</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>\
                <Delimiter>%2F</Delimiter><IsTruncated>true</IsTruncated><EncodingType>url</EncodingType>\
                <NextContinuationToken>tok+/=</NextContinuationToken>\
                <Contents><Key>dir%2Fa%20b%2Bc%E2%82%AC</Key><LastModified>2026-11-25T11:00:00.000Z</LastModified>\
                <ETag>&quot;0123456789abcdef0123456789abcdef&quot;</ETag><Size>5</Size><StorageClass>STANDARD</StorageClass></Contents>\
                <CommonPrefixes><Prefix>dir%2Fsub%2F</Prefix></CommonPrefixes></ListBucketResult>"""));
        ListBucketResult page = client.listObjectsV2(ListObjectsV2Request.of("b").withPrefix("dir/").withDelimiter("/")
                .withMaxKeys(2).withContinuationToken("a b"));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo(
                "GET /b?continuation-token=a%20b&delimiter=%2F&encoding-type=url&list-type=2&max-keys=2&prefix=dir%2F HTTP/1.1");
        assertThat(page.contents()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("dir/a b+c€");
            assertThat(c.eTag()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(c.size()).isEqualTo(5);
        });
        assertThat(page.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/sub/");
        assertThat(page.prefix()).isEqualTo("dir/");
        assertThat(page.nextContinuationToken()).isEqualTo("tok+/=");
    }

    @Test
    void rgwsRawEchoedPrefixIsNotDecoded() throws Exception {
        // RGW 16.2 with encoding-type=url: <Key> fully encoded, common prefixes encoded but for '/', and the
        // echoed <Prefix> raw (as measured against the local RGW).
        server.enqueue(MockS3.xml(200, "<ListBucketResult><EncodingType>url</EncodingType><Prefix>a+b%/</Prefix>"
                + "<IsTruncated>false</IsTruncated><Contents><Key>a%2Bb%25%2Fk%20x</Key><Size>1</Size></Contents>"
                + "<CommonPrefixes><Prefix>a%2Bb%25/sub%201/</Prefix></CommonPrefixes></ListBucketResult>"));
        ListBucketResult page = client.listObjectsV2(ListObjectsV2Request.of("b").withPrefix("a+b%/").withDelimiter("/"));
        assertThat(page.prefix()).isEqualTo("a+b%/");
        assertThat(page.contents()).extracting(Contents::key).containsExactly("a+b%/k x");
        assertThat(page.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a+b%/sub 1/");
    }

    @Test
    void listObjectsV2AllFollowsContinuationTokens() throws Exception {
        server.enqueue(MockS3.xml(200, "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t2</NextContinuationToken>"
                + "<Contents><Key>a</Key><Size>1</Size></Contents></ListBucketResult>"));
        server.enqueue(MockS3.xml(200, "<ListBucketResult><IsTruncated>false</IsTruncated>"
                + "<Contents><Key>b</Key><Size>1</Size></Contents><Contents><Key>c</Key><Size>1</Size></Contents></ListBucketResult>"));
        List<String> keys = new java.util.ArrayList<>();
        client.listObjectsV2All(ListObjectsV2Request.of("b"), page -> {
            page.contents().forEach(c -> keys.add(c.key()));
            return true;
        });
        assertThat(keys).containsExactly("a", "b", "c");
        server.takeRequest();
        assertThat(server.takeRequest().getTarget()).contains("continuation-token=t2");
    }

    @Test
    void putObjectSendsTheBodyWithItsExactLengthAndSignedSha256() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"5d41402abc4b2a76b9719d911017c592\"").build());
        PutObjectResult result = client.putObject(PutObjectRequest.of("b", "dir/hello world+1.txt")
                .withContentType("text/plain").withUserMetadata(Map.of("origin", "test")),
                UploadBody.of("hello".getBytes(StandardCharsets.UTF_8)));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("PUT /b/dir/hello%20world%2B1.txt HTTP/1.1");
        assertThat(r.getHeaders().get("Content-Length")).isEqualTo("5");
        assertThat(r.getHeaders().get("Transfer-Encoding")).isNull();
        assertThat(r.getHeaders().get("Content-Type")).isEqualTo("text/plain");
        assertThat(r.getHeaders().get("x-amz-meta-origin")).isEqualTo("test");
        assertThat(r.getHeaders().get("x-amz-content-sha256"))
                .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(r.getBody().utf8()).isEqualTo("hello");
        assertThat(result.eTag()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(result.digests().sha256()).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertSigned(r);
    }

    @Test
    void getObjectWithARangeSendsTheRangeHeaderAndReturnsTheBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(206).addHeader("ETag", "\"abc\"")
                .addHeader("Content-Range", "bytes 2-4/10").addHeader("Last-Modified", "Wed, 25 Nov 2026 11:00:00 GMT")
                .addHeader("x-amz-meta-Origin", "x").body("llo").build());
        try (GetObjectResponse response = client.getObject(GetObjectRequest.of("b", "k").withRange(new ByteRange(2, 4)))) {
            assertThat(response.body().readAllBytes()).asString().isEqualTo("llo");
            assertThat(response.metadata().contentLength()).isEqualTo(3);
            assertThat(response.metadata().objectSize()).isEqualTo(10);
            assertThat(response.metadata().eTag()).isEqualTo("abc");
            assertThat(response.metadata().userMetadata()).containsEntry("origin", "x");
            assertThat(response.metadata().lastModified()).isEqualTo(java.time.Instant.parse("2026-11-25T11:00:00Z"));
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("GET /b/k HTTP/1.1");
        assertThat(r.getHeaders().get("Range")).isEqualTo("bytes=2-4");
    }

    @Test
    void anObjectStoredWithContentEncodingGzipComesBackAsStoredOnBothDataPaths() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write("hello, gzip".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] stored = bytes.toByteArray();
        for (boolean direct : new boolean[] {true, false}) {
            try (S3Client c = S3Client.create(MockS3.config(server).directDataPath(direct).build())) {
                server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"e\"")
                        .addHeader("Content-Encoding", "gzip").body(new okio.Buffer().write(stored)).build());
                try (GetObjectResponse response = c.getObject(GetObjectRequest.of("b", "k"))) {
                    assertThat(response.body().readAllBytes()).as("direct data path " + direct).isEqualTo(stored);
                    assertThat(response.metadata().contentLength()).isEqualTo(stored.length);
                }
                assertThat(server.takeRequest().getHeaders().get("Accept-Encoding"))
                        .as("direct data path " + direct).isEqualTo("identity");
            }
        }
    }

    @Test
    void theHostSentIsTheHostSignedOnBothCarriersWhateverTheEndpointsCase() throws Exception {
        for (boolean direct : new boolean[] {true, false}) {
            server.enqueue(MockS3.xml(200, "<ListAllMyBucketsResult/>"));
            String endpoint = "http://LOCALHOST:" + server.getPort();
            try (S3Client c = S3Client.create(MockS3.config(server).endpoint(endpoint).directDataPath(direct).build())) {
                c.listBuckets();
            }
            mockwebserver3.RecordedRequest r = server.takeRequest();
            String signed = r.getHeaders().get("Authorization");
            assertThat(signed).as("direct carrier " + direct).contains("SignedHeaders=host;");
            // OkHttp would send its canonical (lower-case) form of the URL's host unless told the signed one.
            assertThat(r.getHeaders().get("Host")).as("direct carrier " + direct).isEqualTo("LOCALHOST:" + server.getPort());
        }
    }

    @Test
    void headObjectWithAPartNumberSendsItAsAQueryParameter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"0123456789abcdef0123456789abcdef-3\"")
                .addHeader("Content-Length", "100").addHeader("x-amz-mp-parts-count", "3").build());
        ObjectMetadata m = client.headObject(GetObjectRequest.of("b", "k").withPartNumber(1));
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("HEAD /b/k?partNumber=1 HTTP/1.1");
        assertThat(m.contentLength()).isEqualTo(100);
        assertThat(m.partsCount()).isEqualTo(3);
        assertThat(m.isMultipart()).isTrue();
    }

    @Test
    void keysWithDotSegmentsGoOutAsOneSegmentSignedOverTheKeysOwnPath() throws Exception {
        Map<String, String> wire = Map.of(
                "a/../b", "/b/a%2F..%2Fb",
                "./x y", "/b/.%2Fx%20y",
                "a/.", "/b/a%2F.",
                "..", "/b%2F..",
                ".", "/b%2F.",
                "/../%2F", "/b/%2F..%2F%252F");
        for (var e : wire.entrySet()) {
            server.enqueue(new MockResponse.Builder().code(204).build());
            client.deleteObject("b", e.getKey());
            RecordedRequest r = server.takeRequest();
            assertThat(r.getRequestLine()).as(e.getKey()).isEqualTo("DELETE " + e.getValue() + " HTTP/1.1");
            // Signed over /b/<key encoded as usual>, which is what RGW computes from the decoded path.
            String canonical = "/b/" + io.s3pump.sigv4.UriEncoding.encodeKey(e.getKey());
            var signed = io.s3pump.sigv4.Signer.sigV4().sign(
                    new io.s3pump.sigv4.SignableRequest("DELETE", server.url("/").host() + ":" + server.getPort(), canonical,
                            List.of(), List.of(), io.s3pump.sigv4.PayloadMode.empty()),
                    io.s3pump.sigv4.SigningParams.s3(MockS3.CREDENTIALS, "us-east-1", MockS3.NOW));
            String expected = signed.headers().stream().filter(h -> h.is("Authorization")).findFirst().orElseThrow().value();
            assertThat(r.getHeaders().get("Authorization")).as(e.getKey()).isEqualTo(expected);
        }
    }

    @Test
    void theKeysDotAndDotDotCannotBeSentVirtualHosted() {
        try (S3Client virtual = S3Client.create(MockS3.config(server).addressingStyle(AddressingStyle.VIRTUAL_HOST).build())) {
            for (String key : List.of(".", "..")) {
                assertThatThrownBy(() -> virtual.deleteObject("b", key)).as(key)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use path-style addressing");
            }
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void dotsInsideSegmentsAreOrdinaryCharacters() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        client.deleteObject("b", "a/.../..b/c..");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("DELETE /b/a/.../..b/c.. HTTP/1.1");
    }

    @Test
    void deleteObjectIsADeleteOnTheKey() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        client.deleteObject("b", "a/b c");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("DELETE /b/a/b%20c HTTP/1.1");
    }

    @Test
    void deleteObjectsPostsADeleteDocumentWithContentMd5() throws Exception {
        server.enqueue(MockS3.xml(200, "<DeleteResult><Deleted><Key>a</Key></Deleted>"
                + "<Error><Key>b&amp;c</Key><Code>AccessDenied</Code><Message>no</Message></Error></DeleteResult>"));
        DeleteResult result = client.deleteObjects("b", List.of(ObjectIdentifier.of("a"), ObjectIdentifier.of("b&c<")), false);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("POST /b?delete= HTTP/1.1");
        String body = r.getBody().utf8();
        assertThat(body).contains("<Delete><Quiet>false</Quiet><Object><Key>a</Key></Object><Object><Key>b&amp;c&lt;</Key></Object></Delete>");
        byte[] md5 = io.s3pump.client.internal.hash.BodyHashing.md5().digest(r.getBody().toByteArray());
        assertThat(r.getHeaders().get("Content-MD5")).isEqualTo(java.util.Base64.getEncoder().encodeToString(md5));
        assertThat(result.deleted()).extracting(Deleted::key).containsExactly("a");
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("b&c");
            assertThat(e.code()).isEqualTo("AccessDenied");
        });
    }

    @Test
    void createMultipartUploadPostsUploadsAndReturnsTheId() throws Exception {
        server.enqueue(MockS3.xml(200, "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
                + "<UploadId>2~abc</UploadId></InitiateMultipartUploadResult>"));
        InitiateMultipartUploadResult r = client.createMultipartUpload(CreateMultipartUploadRequest.of("b", "k"));
        assertThat(r.uploadId()).isEqualTo("2~abc");
        RecordedRequest rec = server.takeRequest();
        assertThat(rec.getRequestLine()).isEqualTo("POST /b/k?uploads= HTTP/1.1");
        assertThat(rec.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void uploadPartWithContentMd5ReturnsTheMd5ForTheCompositeEtag() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"5d41402abc4b2a76b9719d911017c592\"").build());
        UploadPartResult result = client.uploadPart(UploadPartRequest.of("b", "k", "2~abc", 7).withIntegrity(Integrity.CONTENT_MD5),
                UploadBody.of("hello".getBytes(StandardCharsets.UTF_8)));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("PUT /b/k?partNumber=7&uploadId=2~abc HTTP/1.1");
        assertThat(r.getHeaders().get("Content-MD5")).isEqualTo("XUFAKrxLKna5cZ2REBfFkg==");
        assertThat(r.getHeaders().get("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(result.digests().md5()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(result.eTag()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(result.toCompletedPart()).isEqualTo(new CompletedPart(7, "5d41402abc4b2a76b9719d911017c592"));
    }

    @Test
    void uploadPartCopySendsTheEncodedSourceAndRange() throws Exception {
        server.enqueue(MockS3.xml(200, "<CopyPartResult><LastModified>2026-11-25T11:00:00.000Z</LastModified>"
                + "<ETag>\"0123456789abcdef0123456789abcdef\"</ETag></CopyPartResult>"));
        CopyPartResult result = client.uploadPartCopy(new UploadPartCopyRequest("b", "k", "u1", 2, "src", "a b/ü",
                new ByteRange(0, 5_242_879)));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("PUT /b/k?partNumber=2&uploadId=u1 HTTP/1.1");
        assertThat(r.getHeaders().get("x-amz-copy-source")).isEqualTo("/src/a%20b/%C3%BC");
        assertThat(r.getHeaders().get("x-amz-copy-source-range")).isEqualTo("bytes=0-5242879");
        assertThat(result.eTag()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void copyObjectKeepsTheSourcesHeadersUnlessAContentTypeReplacesThem() throws Exception {
        String answer = "<CopyObjectResult><LastModified>2026-11-25T11:00:00.000Z</LastModified>"
                + "<ETag>\"0123456789abcdef0123456789abcdef\"</ETag></CopyObjectResult>";
        server.enqueue(MockS3.xml(200, answer));
        server.enqueue(MockS3.xml(200, answer));
        server.enqueue(MockS3.xml(200, "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message></Message>"
                + "<RequestId>tx</RequestId></Error>"));
        CopyObjectResult result = client.copyObject("src", "50% b/ü", "b", "k", "\"etag\"", null, null);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("PUT /b/k HTTP/1.1");
        assertThat(r.getHeaders().get("x-amz-copy-source")).isEqualTo("/src/50%25%20b/%C3%BC");
        assertThat(r.getHeaders().get("x-amz-copy-source-if-match")).isEqualTo("\"etag\"");
        assertThat(r.getHeaders().get("x-amz-metadata-directive")).isEqualTo("COPY");
        assertThat(result.eTag()).isEqualTo("0123456789abcdef0123456789abcdef");

        client.copyObject("src", "k", "b", "k2", null, "text/html", java.util.Map.of("owner", "me"));
        RecordedRequest replaced = server.takeRequest();
        assertThat(replaced.getHeaders().get("x-amz-metadata-directive")).isEqualTo("REPLACE");
        assertThat(replaced.getHeaders().get("Content-Type")).isEqualTo("text/html");
        assertThat(replaced.getHeaders().get("x-amz-meta-owner")).isEqualTo("me");

        // a 200 whose body is an error (S3 may fail a copy after it has answered 200) is a failure
        assertThatThrownBy(() -> client.copyObject("src", "k", "b", "k3", null, null, null))
                .isInstanceOf(S3Exception.class);
    }

    @Test
    void completeMultipartUploadSendsThePartsSortedWithQuotedEtags() throws Exception {
        server.enqueue(MockS3.xml(200, "<CompleteMultipartUploadResult><Location>http://x/b/k</Location><Bucket>b</Bucket>"
                + "<Key>k</Key><ETag></ETag></CompleteMultipartUploadResult>"));
        CompleteMultipartUploadResult result = client.completeMultipartUpload("b", "k", "u1",
                List.of(new CompletedPart(2, "bbb"), new CompletedPart(1, "\"aaa\"")));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getRequestLine()).isEqualTo("POST /b/k?uploadId=u1 HTTP/1.1");
        assertThat(r.getBody().utf8()).endsWith("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"aaa\"</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>\"bbb\"</ETag></Part></CompleteMultipartUpload>");
        assertThat(result.eTag()).isEmpty();
        assertThat(result.key()).isEqualTo("k");
    }

    @Test
    void abortMultipartUploadIsADeleteWithTheUploadId() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        client.abortMultipartUpload("b", "k", "u1");
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("DELETE /b/k?uploadId=u1 HTTP/1.1");
    }

    @Test
    void listPartsAllFollowsThePartNumberMarker() throws Exception {
        server.enqueue(MockS3.xml(200, "<ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>u1</UploadId>"
                + "<NextPartNumberMarker>1</NextPartNumberMarker><MaxParts>1</MaxParts><IsTruncated>true</IsTruncated>"
                + "<Part><PartNumber>1</PartNumber><LastModified>2026-11-25T11:00:00.000Z</LastModified>"
                + "<ETag>&quot;aaa&quot;</ETag><Size>5242880</Size></Part></ListPartsResult>"));
        server.enqueue(MockS3.xml(200, "<ListPartsResult><IsTruncated>false</IsTruncated>"
                + "<Part><PartNumber>2</PartNumber><ETag>\"bbb\"</ETag><Size>7</Size></Part></ListPartsResult>"));
        List<Part> parts = client.listPartsAll(ListPartsRequest.of("b", "k", "u1").withMaxParts(1));
        assertThat(parts).extracting(Part::partNumber, Part::eTag, Part::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "aaa", 5242880L),
                        org.assertj.core.groups.Tuple.tuple(2, "bbb", 7L));
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET /b/k?max-parts=1&uploadId=u1 HTTP/1.1");
        assertThat(server.takeRequest().getRequestLine())
                .isEqualTo("GET /b/k?max-parts=1&part-number-marker=1&uploadId=u1 HTTP/1.1");
    }

    @Test
    void listMultipartUploadsAsksForUrlEncodingAndDecodesAnS3Answer() throws Exception {
        // S3 encodes (as form encoding: a space is '+') and says so in <EncodingType>.
        server.enqueue(MockS3.xml(200, "<ListMultipartUploadsResult><Bucket>b</Bucket><KeyMarker>k%2B0+x</KeyMarker>"
                + "<UploadIdMarker>u0</UploadIdMarker><NextKeyMarker>d%2Fa+b%01</NextKeyMarker>"
                + "<NextUploadIdMarker>u1</NextUploadIdMarker><Prefix>d%2F</Prefix><Delimiter>%2F</Delimiter>"
                + "<MaxUploads>10</MaxUploads><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
                + "<Upload><Key>d%2Fa+b%01</Key><UploadId>u1</UploadId><Initiated>2026-11-25T11:00:00.000Z</Initiated>"
                + "</Upload><CommonPrefixes><Prefix>d%2Fsub+1%2B%25%2F</Prefix></CommonPrefixes>"
                + "</ListMultipartUploadsResult>"));
        ListMultipartUploadsResult r = client.listMultipartUploads(new ListMultipartUploadsRequest("b", "d/", "/",
                "k+0 x", "u0", 10));
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("GET /b?delimiter=%2F&encoding-type=url"
                + "&key-marker=k%2B0%20x&max-uploads=10&prefix=d%2F&upload-id-marker=u0&uploads= HTTP/1.1");
        assertThat(r.uploads()).singleElement().satisfies(u -> {
            assertThat(u.key()).isEqualTo("d/a b\u0001");
            assertThat(u.uploadId()).isEqualTo("u1");
        });
        assertThat(r.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("d/sub 1+%/");
        assertThat(r.prefix()).isEqualTo("d/");
        assertThat(r.delimiter()).isEqualTo("/");
        assertThat(r.keyMarker()).isEqualTo("k+0 x");
        assertThat(r.nextKeyMarker()).isEqualTo("d/a b\u0001");
    }

    @Test
    void rgwsUnannouncedEncodingDecodesKeysAndKeepsItsRawMarkers() throws Exception {
        // RGW 16.2: <Key> encoded without <EncodingType>; Prefix and markers raw, a control character as &#x01;
        // (as captured from the local RGW).
        server.enqueue(MockS3.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListMultipartUploadsResult"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>b</Bucket><Prefix>p+%</Prefix>"
                + "<KeyMarker>p+%ctl&#x01;</KeyMarker><NextKeyMarker>p+%z&#x01;\u2028</NextKeyMarker>"
                + "<NextUploadIdMarker>u2</NextUploadIdMarker><MaxUploads>1</MaxUploads><IsTruncated>true</IsTruncated>"
                + "<Upload><Key>p%2B%25z%01%E2%80%A8</Key><UploadId>u2</UploadId></Upload></ListMultipartUploadsResult>"));
        ListMultipartUploadsResult r = client.listMultipartUploads(ListMultipartUploadsRequest.of("b").withPrefix("p+%")
                .withMarkers("p+%ctl\u0001", null));
        assertThat(server.takeRequest().getRequestLine()).isEqualTo(
                "GET /b?encoding-type=url&key-marker=p%2B%25ctl%01&prefix=p%2B%25&uploads= HTTP/1.1");
        assertThat(r.uploads()).extracting(Upload::key).containsExactly("p+%z\u0001\u2028");
        assertThat(r.prefix()).isEqualTo("p+%");
        assertThat(r.keyMarker()).isEqualTo("p+%ctl\u0001");
        assertThat(r.nextKeyMarker()).as("the last upload's exact key, not the raw text read as XML 1.1")
                .isEqualTo("p+%z\u0001\u2028");
    }

    @Test
    void listMultipartUploadsAllStopsWhenTheMarkersDoNotAdvance() {
        String page = "<ListMultipartUploadsResult><NextKeyMarker>k</NextKeyMarker><NextUploadIdMarker>u</NextUploadIdMarker>"
                + "<IsTruncated>true</IsTruncated></ListMultipartUploadsResult>";
        server.enqueue(MockS3.xml(200, page));
        server.enqueue(MockS3.xml(200, page));
        assertThatThrownBy(() -> client.listMultipartUploadsAll(ListMultipartUploadsRequest.of("b"), p -> true))
                .isInstanceOf(IOException.class).hasMessageContaining("do not advance");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
