package io.s3pump.client.transfer;

import io.s3pump.client.internal.transfer.Etags;
import io.s3pump.client.internal.transfer.Md5Digest;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.ByteString;

/**
 * A small S3 behind MockWebServer that routes by operation and {@code partNumber} (parallel parts arrive in any
 * order), with scripted faults per part number and per operation.
 */
final class FakeS3Dispatcher extends Dispatcher {
    private static final Pattern PART_NUMBER = Pattern.compile("partNumber=(\\d+)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    record Stored(ByteString data, String etag) {}

    final Map<String, Map<Integer, ByteString>> uploads = new ConcurrentHashMap<>();
    final Map<String, Stored> objects = new ConcurrentHashMap<>();
    /** Responses served, in order, to UploadPart of a part number before it is handled normally. */
    final Map<Integer, Deque<MockResponse>> partFaults = new ConcurrentHashMap<>();
    /** Responses served, in order, to ranged GETs starting at an offset before they are handled normally. */
    final Map<Long, Deque<Supplier<MockResponse>>> rangeFaults = new ConcurrentHashMap<>();
    /** When set, answers every CompleteMultipartUpload. */
    volatile Supplier<MockResponse> completeOverride;
    /**
     * When set, the next CompleteMultipartUpload is carried out, its object passed through this (which may replace
     * it, or return null to remove it, as another writer would), and its answer cut off after the headers.
     */
    volatile java.util.function.UnaryOperator<Stored> loseNextCompleteAnswer;
    /** How many of the next CompleteMultipartUpload answers are cut off after the headers (each carried out first). */
    final AtomicInteger loseCompleteAnswers = new AtomicInteger();
    /** Responses served, in order, to CreateMultipartUpload before it is handled (an error creates nothing). */
    final Deque<MockResponse> createFaults = new ConcurrentLinkedDeque<>();
    /** Called after each UploadPartCopy has stored its part (a test replaces the source here). */
    volatile Runnable afterPartCopy = () -> {};
    /** When set, the next CreateMultipartUpload creates an upload and its answer is cut off. */
    volatile boolean loseNextCreateAnswer;
    /** When each upload was created, for ListMultipartUploads' Initiated. */
    final Map<String, java.time.Instant> initiated = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> partAttempts = new ConcurrentHashMap<>();
    final List<String> operations = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    void failPart(int partNumber, MockResponse... responses) {
        partFaults.computeIfAbsent(partNumber, n -> new ConcurrentLinkedDeque<>()).addAll(List.of(responses));
    }

    int attempts(int partNumber) {
        AtomicInteger a = partAttempts.get(partNumber);
        return a == null ? 0 : a.get();
    }

    long count(String operation) {
        return operations.stream().filter(operation::equals).count();
    }

    /**
     * The 1-based {@code peek()} call that answers with a socket close while the request body is read.
     * MockWebServer asks {@code peek()} how to read a request before it dispatches it (twice per request with a
     * body: at its start and at its body), so a fault inside a request body is announced here, by arrival order.
     */
    volatile int resetAtPeek = -1;
    final AtomicInteger peeks = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicBoolean resetServed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public MockResponse peek() {
        if (peeks.incrementAndGet() == resetAtPeek) {
            resetServed.set(true);
            return new MockResponse.Builder().onRequestBody(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build();
        }
        return super.peek();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getMethod();
        String path = request.getUrl().encodedPath();
        String query = request.getUrl().encodedQuery() == null ? "" : request.getUrl().encodedQuery();
        String uploadId = request.getUrl().queryParameter("uploadId");
        String objectKey = path.substring(1);
        boolean uploadsFlag = request.getUrl().queryParameterNames().contains("uploads");
        if ("POST".equals(method) && uploadsFlag) {
            operations.add("CreateMultipartUpload");
            MockResponse fault = createFaults.poll();
            if (fault != null) return fault;
            String id = "up" + ids.incrementAndGet();
            uploads.put(id, new ConcurrentHashMap<>());
            initiated.put(id, java.time.Instant.now());
            if (loseNextCreateAnswer) {
                loseNextCreateAnswer = false;
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/xml")
                        .body("<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>" + id
                                + "</UploadId></InitiateMultipartUploadResult>")
                        .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build();
            }
            return xml(200, "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>" + id
                    + "</UploadId></InitiateMultipartUploadResult>");
        }
        String copySource = request.getHeaders().get("x-amz-copy-source");
        if ("PUT".equals(method) && uploadId != null && copySource != null) {
            operations.add("UploadPartCopy");
            Matcher pn = PART_NUMBER.matcher(query);
            Matcher range = Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(String.valueOf(
                    request.getHeaders().get("x-amz-copy-source-range")));
            Stored src = objects.get(java.net.URLDecoder.decode(copySource.substring(1), java.nio.charset.StandardCharsets.UTF_8));
            Map<Integer, ByteString> parts = uploads.get(uploadId);
            if (src == null) return error(404, "NoSuchKey");
            if (parts == null) return error(404, "NoSuchUpload");
            if (!pn.find() || !range.matches()) return error(400, "InvalidArgument");
            ByteString data = src.data().substring(Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)) + 1);
            parts.put(Integer.parseInt(pn.group(1)), data);
            afterPartCopy.run();
            return xml(200, "<CopyPartResult><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;"
                    + data.md5().hex() + "&quot;</ETag></CopyPartResult>");
        }
        if ("PUT".equals(method) && uploadId == null && copySource != null) {
            operations.add("CopyObject");
            Stored src = objects.get(java.net.URLDecoder.decode(copySource.substring(1), java.nio.charset.StandardCharsets.UTF_8));
            if (src == null) return error(404, "NoSuchKey");
            String ifMatch = request.getHeaders().get("x-amz-copy-source-if-match");
            if (ifMatch != null && !Etags.same(ifMatch, src.etag())) return error(412, "PreconditionFailed");
            objects.put(objectKey, src);
            return xml(200, "<CopyObjectResult><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;"
                    + src.etag() + "&quot;</ETag></CopyObjectResult>");
        }
        if ("PUT".equals(method) && uploadId != null) {
            operations.add("UploadPart");
            Matcher m = PART_NUMBER.matcher(query);
            if (!m.find()) return error(400, "InvalidArgument");
            int n = Integer.parseInt(m.group(1));
            partAttempts.computeIfAbsent(n, x -> new AtomicInteger()).incrementAndGet();
            Deque<MockResponse> faults = partFaults.get(n);
            MockResponse fault = faults == null ? null : faults.poll();
            if (fault != null) return fault;
            Map<Integer, ByteString> parts = uploads.get(uploadId);
            if (parts == null) return error(404, "NoSuchUpload");
            ByteString body = request.getBody() == null ? ByteString.EMPTY : request.getBody();
            if (body.size() != request.getBodySize()) return error(400, "IncompleteBody");
            String md5 = request.getHeaders().get("Content-MD5");
            if (md5 != null && !md5.equals(body.md5().base64())) return error(400, "BadDigest");
            parts.put(n, body);
            return new MockResponse.Builder().code(200).addHeader("ETag", "\"" + body.md5().hex() + "\"").build();
        }
        if ("POST".equals(method) && uploadId != null) {
            operations.add("CompleteMultipartUpload");
            Supplier<MockResponse> override = completeOverride;
            if (override != null) return override.get();
            Map<Integer, ByteString> parts = uploads.remove(uploadId);
            if (parts == null && loseCompleteAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return cutOff();
            if (parts == null) return error(404, "NoSuchUpload");
            Buffer all = new Buffer();
            List<Md5Digest> md5s = new ArrayList<>();
            for (var p : new TreeMap<>(parts).values()) {
                all.write(p);
                md5s.add(Md5Digest.of(p.md5().toByteArray()));
            }
            objects.put(objectKey, new Stored(all.readByteString(), Etags.composite(md5s)));
            if (loseCompleteAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return cutOff();
            var lose = loseNextCompleteAnswer;
            if (lose != null) {
                loseNextCompleteAnswer = null;
                Stored now = lose.apply(objects.get(objectKey));
                if (now == null) objects.remove(objectKey); else objects.put(objectKey, now);
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/xml")
                        .body("<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><ETag></ETag>"
                                + "</CompleteMultipartUploadResult>")
                        .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build();
            }
            // RGW 16.2 answers an empty ETag on the first completion
            return xml(200, "<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><ETag></ETag>"
                    + "</CompleteMultipartUploadResult>");
        }
        if ("DELETE".equals(method) && uploadId != null) {
            operations.add("AbortMultipartUpload");
            return uploads.remove(uploadId) == null ? error(404, "NoSuchUpload")
                    : new MockResponse.Builder().code(204).build();
        }
        if ("GET".equals(method) && uploadsFlag) {
            operations.add("ListMultipartUploads");
            StringBuilder sb = new StringBuilder("<ListMultipartUploadsResult><Bucket>b</Bucket><IsTruncated>false</IsTruncated>");
            uploads.keySet().forEach(id -> sb.append("<Upload><Key>k</Key><UploadId>").append(id).append("</UploadId>")
                    .append("<Initiated>").append(initiated.getOrDefault(id, java.time.Instant.EPOCH)).append("</Initiated></Upload>"));
            return xml(200, sb.append("</ListMultipartUploadsResult>").toString());
        }
        if ("GET".equals(method) && uploadId != null) {
            operations.add("ListParts");
            Map<Integer, ByteString> parts = uploads.get(uploadId);
            if (parts == null) return error(404, "NoSuchUpload");
            StringBuilder sb = new StringBuilder("<ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>")
                    .append(uploadId).append("</UploadId><IsTruncated>false</IsTruncated>");
            new TreeMap<>(parts).forEach((n, p) -> sb.append("<Part><PartNumber>").append(n).append("</PartNumber><ETag>\"")
                    .append(p.md5().hex()).append("\"</ETag><Size>").append(p.size()).append("</Size></Part>"));
            return xml(200, sb.append("</ListPartsResult>").toString());
        }
        if ("PUT".equals(method)) {
            operations.add("PutObject");
            ByteString body = request.getBody() == null ? ByteString.EMPTY : request.getBody();
            objects.put(objectKey, new Stored(body, body.md5().hex()));
            return new MockResponse.Builder().code(200).addHeader("ETag", "\"" + body.md5().hex() + "\"").build();
        }
        Stored o = objects.get(objectKey);
        if ("HEAD".equals(method)) {
            operations.add("HeadObject");
            if (o == null) return new MockResponse.Builder().code(404).build();
            return new MockResponse.Builder().code(200).addHeader("ETag", "\"" + o.etag() + "\"")
                    .addHeader("Content-Length", o.data().size()).build();
        }
        if ("GET".equals(method)) {
            operations.add("GetObject");
            if (o == null) return error(404, "NoSuchKey");
            String ifMatch = request.getHeaders().get("If-Match");
            if (ifMatch != null && !Etags.same(ifMatch, o.etag())) return error(412, "PreconditionFailed");
            Matcher m = RANGE.matcher(String.valueOf(request.getHeaders().get("Range")));
            if (!m.matches()) return new MockResponse.Builder().code(200).body(new Buffer().write(o.data())).build();
            long first = Long.parseLong(m.group(1));
            long last = Math.min(Long.parseLong(m.group(2)), o.data().size() - 1);
            Deque<Supplier<MockResponse>> faults = rangeFaults.get(first);
            Supplier<MockResponse> fault = faults == null ? null : faults.poll();
            if (fault != null) return fault.get();
            return new MockResponse.Builder().code(206).addHeader("ETag", "\"" + o.etag() + "\"")
                    .addHeader("Content-Range", "bytes " + first + "-" + last + "/" + o.data().size())
                    .body(new Buffer().write(o.data().substring((int) first, (int) last + 1))).build();
        }
        return error(405, "MethodNotAllowed");
    }

    /** An answer whose body never arrives whole: the connection closes after the headers. */
    private static MockResponse cutOff() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/xml")
                .body("<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><ETag></ETag></CompleteMultipartUploadResult>")
                .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build();
    }

    static MockResponse xml(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/xml").body(body).build();
    }

    static MockResponse error(int code, String s3Code) {
        return xml(code, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + s3Code
                + "</Code><Message></Message><RequestId>tx</RequestId><HostId>h</HostId></Error>");
    }
}
