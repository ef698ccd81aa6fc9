#!/usr/bin/env python3
"""Captures RGW's real XML responses, byte for byte, for the client's codec round-trip tests.

Usage (against a running local RGW; needs python3 with botocore, used only to sign):
    eval "$(rgw/rgw.sh start)" && rgw/capture-xml.py [OUT_DIR]

OUT_DIR defaults to client/src/test/resources/rgw-xml. Every file is exactly the response body RGW sent;
README.md there lists the request behind each file. The script creates its own buckets (names start with
s3pump-xml-) and deletes them again.
"""
import base64
import datetime
import hashlib
import http.client
import json
import os
import pathlib
import re
import subprocess
import sys
import urllib.parse
from xml.sax.saxutils import escape as xml_escape

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ENDPOINT = os.environ.get("AWS_ENDPOINT_URL")
if not ENDPOINT:
    sys.exit('capture-xml: AWS_ENDPOINT_URL is unset; run eval "$(rgw/rgw.sh start)" first')
ACCESS = os.environ["AWS_ACCESS_KEY_ID"]
SECRET = os.environ["AWS_SECRET_ACCESS_KEY"]
REGION = os.environ.get("AWS_REGION", "us-east-1")
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "client/src/test/resources/rgw-xml"

BUCKET = "s3pump-xml-capture"
OTHER = "s3pump-xml-other"
MIB = 1024 * 1024
# Keys that XML and URL encoding must survive: markup characters, spaces, non-ASCII, a plus sign.
ODD_KEYS = ["odd/amp&ersand", "odd/less<than>greater", "odd/key with spaces", "odd/unicodé-ключ-日本-🎉",
            "odd/plus+sign", "odd/quote\"apos'"]
TREE_KEYS = ["a.txt", "dir/one.txt", "dir/two.txt", "dir/sub/three.txt", "top/x.bin"]

url = urllib.parse.urlsplit(ENDPOINT)
captured = []  # (file name, request description, status)


def quote(s, safe="/"):
    return urllib.parse.quote(s, safe=safe + "-_.~")


def request(method, bucket="", key="", query=(), body=b"", headers=None, sign=True, secret=None):
    """Sends one request and returns (status, headers, raw body bytes)."""
    path = "/" + quote(bucket) + ("/" + quote(key) if key else "") if bucket else "/"
    qs = "&".join(quote(k, "") + ("=" + quote(v, "") if v is not None else "") for k, v in sorted(query))
    target = path + ("?" + qs if qs else "")
    headers = dict(headers or {})
    if sign:
        req = AWSRequest(method=method, url=ENDPOINT.rstrip("/") + target, data=body, headers=headers)
        S3SigV4Auth(Credentials(ACCESS, secret or SECRET), "s3", REGION).add_auth(req)
        headers = dict(req.headers.items())
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
    try:
        conn.request(method, target, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def ok(result, what):
    status, _, body = result
    if status >= 300:
        raise SystemExit(f"capture-xml: {what} failed: {status} {body[:300]!r}")
    return result


def save(name, result, description, expect_status=None, expect_code=None):
    status, _, body = result
    if expect_status is not None and status != expect_status:
        raise SystemExit(f"capture-xml: {name}: expected HTTP {expect_status}, got {status}: {body[:300]!r}")
    if expect_code is not None and f"<Code>{expect_code}</Code>".encode() not in body:
        raise SystemExit(f"capture-xml: {name}: expected <Code>{expect_code}</Code>, got {body[:300]!r}")
    (OUT / name).write_bytes(body)
    captured.append((name, description, status))
    print(f"{status} {name}", file=sys.stderr)


def xml_value(body, element):
    m = re.search(rb"<" + element.encode() + rb">(.*?)</" + element.encode() + rb">", body)
    return m.group(1).decode() if m else None


def put(bucket, key, data, **kw):
    return ok(request("PUT", bucket, key, body=data, **kw), f"PUT {bucket}/{key}")


def create_upload(key):
    result = ok(request("POST", BUCKET, key, query=[("uploads", "")]), f"CreateMultipartUpload {key}")
    return result, xml_value(result[2], "UploadId")


def upload_part(key, upload_id, number, data):
    status, headers, _ = ok(request("PUT", BUCKET, key, query=[("partNumber", str(number)), ("uploadId", upload_id)],
                                    body=data), f"UploadPart {key} #{number}")
    return headers.get("ETag") or headers.get("etag")


def complete_body(parts):
    return ("<CompleteMultipartUpload>" + "".join(
        f"<Part><PartNumber>{n}</PartNumber><ETag>{etag}</ETag></Part>" for n, etag in parts)
            + "</CompleteMultipartUpload>").encode()


def complete(key, upload_id, parts):
    return request("POST", BUCKET, key, query=[("uploadId", upload_id)], body=complete_body(parts))


def delete_objects(keys, quiet=False):
    body = ("<Delete>" + ("<Quiet>true</Quiet>" if quiet else "")
            + "".join(f"<Object><Key>{xml_escape(k)}</Key></Object>" for k in keys) + "</Delete>").encode()
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
    return request("POST", BUCKET, query=[("delete", None)], body=body, headers={"Content-MD5": md5})


def empty_bucket(bucket):
    request("DELETE", bucket, query=[("policy", "")])
    status, _, body = request("GET", bucket, query=[("list-type", "2")])
    if status == 404:
        return
    for key in re.findall(rb"<Key>(.*?)</Key>", body):
        request("DELETE", bucket, key.decode().replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", '"').replace("&apos;", "'"))
    status, _, body = request("GET", bucket, query=[("uploads", None)])
    for key, upload in re.findall(rb"<Key>(.*?)</Key>.*?<UploadId>(.*?)</UploadId>", body, re.S):
        request("DELETE", bucket, key.decode(), query=[("uploadId", upload.decode())])


def cleanup():
    for bucket in (BUCKET, OTHER):
        empty_bucket(bucket)
        request("DELETE", bucket)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.xml"):
        old.unlink()
    cleanup()
    ok(request("PUT", BUCKET), "CreateBucket")
    ok(request("PUT", OTHER), "CreateBucket other")

    save("ListAllMyBucketsResult.xml", request("GET"), "`GET /` (ListBuckets) signed as user test, two buckets",
         200)

    for key in TREE_KEYS + ODD_KEYS:
        put(BUCKET, key, b"x" * 3)
    save("ListBucketResult-v2.xml", request("GET", BUCKET, query=[("list-type", "2")]),
         "`GET /s3pump-xml-capture?list-type=2` (ListObjectsV2): every key, including `&`, `<`, `>`, spaces, "
         "quotes, `+` and non-ASCII", 200)
    save("ListBucketResult-v2-delimiter.xml",
         request("GET", BUCKET, query=[("list-type", "2"), ("delimiter", "/")]),
         "`GET /s3pump-xml-capture?list-type=2&delimiter=/`: Contents plus CommonPrefixes", 200)
    save("ListBucketResult-v2-prefix-delimiter.xml",
         request("GET", BUCKET, query=[("list-type", "2"), ("delimiter", "/"), ("prefix", "dir/")]),
         "`GET /s3pump-xml-capture?list-type=2&delimiter=/&prefix=dir/`", 200)
    truncated = request("GET", BUCKET, query=[("list-type", "2"), ("max-keys", "2")])
    save("ListBucketResult-v2-truncated.xml", truncated,
         "`GET /s3pump-xml-capture?list-type=2&max-keys=2`: IsTruncated with NextContinuationToken", 200)
    token = xml_value(truncated[2], "NextContinuationToken")
    save("ListBucketResult-v2-continuation.xml",
         request("GET", BUCKET, query=[("list-type", "2"), ("max-keys", "2"), ("continuation-token", token)]),
         "the next page: `continuation-token=<NextContinuationToken of the previous file>&max-keys=2`", 200)
    save("ListBucketResult-v2-encoding-url.xml",
         request("GET", BUCKET, query=[("list-type", "2"), ("prefix", "odd/"), ("encoding-type", "url")]),
         "`GET /s3pump-xml-capture?list-type=2&prefix=odd/&encoding-type=url`: keys URL-encoded", 200)
    save("ListBucketResult-v2-encoding-url-delimiter.xml",
         request("GET", BUCKET, query=[("list-type", "2"), ("delimiter", "/"), ("encoding-type", "url")]),
         "`GET /s3pump-xml-capture?list-type=2&delimiter=/&encoding-type=url`", 200)
    save("ListBucketResult-v2-fetch-owner-start-after.xml",
         request("GET", BUCKET, query=[("list-type", "2"), ("fetch-owner", "true"), ("start-after", "dir/two.txt")]),
         "`GET /s3pump-xml-capture?list-type=2&fetch-owner=true&start-after=dir/two.txt`: with Owner", 200)
    save("ListBucketResult-v2-empty.xml", request("GET", OTHER, query=[("list-type", "2")]),
         "`GET /s3pump-xml-other?list-type=2` on an empty bucket", 200)

    # Multipart: 5 MiB + 1 byte parts, completed once and then again with the same uploadId.
    key = "multipart/object.bin"
    initiate, upload_id = create_upload(key)
    save("InitiateMultipartUploadResult.xml", initiate, f"`POST /s3pump-xml-capture/{key}?uploads`", 200)
    part1, part2 = os.urandom(5 * MIB), b"z"
    parts = [(1, upload_part(key, upload_id, 1, part1)), (2, upload_part(key, upload_id, 2, part2))]
    save("ListPartsResult-truncated.xml",
         request("GET", BUCKET, key, query=[("uploadId", upload_id), ("max-parts", "1")]),
         f"`GET /s3pump-xml-capture/{key}?uploadId=…&max-parts=1` (ListParts): IsTruncated, NextPartNumberMarker",
         200)
    save("ListPartsResult.xml", request("GET", BUCKET, key, query=[("uploadId", upload_id)]),
         f"`GET /s3pump-xml-capture/{key}?uploadId=…` (ListParts): both parts", 200)

    # Another open upload so that ListMultipartUploads shows more than one.
    _, open_id = create_upload("multipart/still open.bin")
    save("ListMultipartUploadsResult.xml", request("GET", BUCKET, query=[("uploads", None)]),
         "`GET /s3pump-xml-capture?uploads` (ListMultipartUploads): two open uploads", 200)
    save("ListMultipartUploadsResult-prefix-delimiter.xml",
         request("GET", BUCKET, query=[("uploads", None), ("prefix", "multipart/"), ("delimiter", "/"),
                                       ("max-uploads", "1")]),
         "`GET /s3pump-xml-capture?uploads&prefix=multipart/&delimiter=/&max-uploads=1`", 200)

    # UploadPartCopy into the open upload, whole object and a byte range.
    put(BUCKET, "copy/source.bin", os.urandom(6 * MIB))
    save("CopyPartResult.xml",
         request("PUT", BUCKET, "multipart/still open.bin", query=[("partNumber", "1"), ("uploadId", open_id)],
                 headers={"x-amz-copy-source": "/" + BUCKET + "/copy/source.bin"}),
         "`PUT /s3pump-xml-capture/multipart/still open.bin?partNumber=1&uploadId=…` with "
         "`x-amz-copy-source: /s3pump-xml-capture/copy/source.bin` (UploadPartCopy)", 200)
    save("CopyPartResult-range.xml",
         request("PUT", BUCKET, "multipart/still open.bin", query=[("partNumber", "2"), ("uploadId", open_id)],
                 headers={"x-amz-copy-source": "/" + BUCKET + "/copy/source.bin",
                          "x-amz-copy-source-range": "bytes=0-1048575"}),
         "UploadPartCopy part 2 with `x-amz-copy-source-range: bytes=0-1048575`", 200)
    save("CopyObjectResult.xml",
         request("PUT", BUCKET, "copy/target.bin",
                 headers={"x-amz-copy-source": "/" + BUCKET + "/copy/source.bin"}),
         "`PUT /s3pump-xml-capture/copy/target.bin` with `x-amz-copy-source` (CopyObject)", 200)

    # Complete validation errors, before the successful Complete.
    save("Error-InvalidPart.xml", complete(key, upload_id, [(1, parts[0][1]), (2, '"00000000000000000000000000000000"')]),
         f"`POST /s3pump-xml-capture/{key}?uploadId=…` (Complete) naming part 2 with a wrong ETag", 400,
         "InvalidPart")
    small_key = "multipart/too-small.bin"
    _, small_id = create_upload(small_key)
    small_parts = [(1, upload_part(small_key, small_id, 1, b"a" * MIB)),
                   (2, upload_part(small_key, small_id, 2, b"b" * MIB))]
    save("Error-EntityTooSmall.xml", complete(small_key, small_id, small_parts),
         f"Complete of `{small_key}` whose part 1 is 1 MiB (< 5 MiB) followed by part 2", 400, "EntityTooSmall")
    request("DELETE", BUCKET, small_key, query=[("uploadId", small_id)])
    save("Error-MalformedXML.xml",
         request("POST", BUCKET, key, query=[("uploadId", upload_id)], body=b"<CompleteMultipartUpload/>"),
         "Complete with an empty `<CompleteMultipartUpload/>` body", 400, "MalformedXML")

    save("CompleteMultipartUploadResult.xml", complete(key, upload_id, parts),
         f"`POST /s3pump-xml-capture/{key}?uploadId=…` (Complete), first time: RGW 16.2 sends an empty `<ETag>`",
         200)
    save("CompleteMultipartUploadResult-repeated.xml", complete(key, upload_id, parts),
         "the same Complete sent again after it succeeded: 200, `<ETag>` present but unquoted", 200)

    # DeleteObjects: RGW reports a missing key as Deleted, so a per-key Error needs a bucket policy that denies
    # s3:DeleteObject under protected/ (it applies to the owner too).
    put(BUCKET, "protected/keep.txt", b"keep")
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": {"AWS": ["*"]}, "Action": ["s3:DeleteObject"],
        "Resource": [f"arn:aws:s3:::{BUCKET}/protected/*"]}]}).encode()
    ok(request("PUT", BUCKET, query=[("policy", "")], body=policy), "PutBucketPolicy")
    save("DeleteResult.xml", delete_objects(["a.txt", "never/existed", "protected/keep.txt"]),
         "`POST /s3pump-xml-capture?delete` (DeleteObjects) for `a.txt` (exists), `never/existed` (missing: RGW "
         "reports it Deleted) and `protected/keep.txt` (denied by a bucket policy: per-key Error AccessDenied)",
         200)
    put(BUCKET, "a.txt", b"xxx")
    save("DeleteResult-quiet.xml", delete_objects(["a.txt", "protected/keep.txt"], quiet=True),
         "DeleteObjects with `<Quiet>true</Quiet>` for `a.txt` and `protected/keep.txt` (denied): only the Error",
         200)
    ok(request("DELETE", BUCKET, query=[("policy", "")]), "DeleteBucketPolicy")
    put(BUCKET, "a.txt", b"xxx")

    # Error bodies.
    save("Error-NoSuchBucket.xml", request("GET", "s3pump-xml-missing", query=[("list-type", "2")]),
         "`GET /s3pump-xml-missing?list-type=2` on a bucket that does not exist", 404, "NoSuchBucket")
    save("Error-NoSuchKey.xml", request("GET", BUCKET, "no/such/key"),
         "`GET /s3pump-xml-capture/no/such/key`", 404, "NoSuchKey")
    save("Error-NoSuchUpload.xml",
         request("PUT", BUCKET, key, query=[("partNumber", "1"), ("uploadId", "2~nosuchupload")], body=b"x"),
         "`PUT /s3pump-xml-capture/…?partNumber=1&uploadId=2~nosuchupload` (UploadPart, unknown uploadId)", 404,
         "NoSuchUpload")
    save("Error-NoSuchUpload-abort.xml",
         request("DELETE", BUCKET, key, query=[("uploadId", upload_id)]),
         "`DELETE /s3pump-xml-capture/…?uploadId=…` (AbortMultipartUpload) after that upload completed", 404,
         "NoSuchUpload")
    save("Error-NoSuchKey-listparts-completed.xml",
         request("GET", BUCKET, key, query=[("uploadId", upload_id)]),
         "ListParts of the completed upload: RGW says NoSuchKey where S3 says NoSuchUpload", 404, "NoSuchKey")
    save("Error-InvalidBucketName.xml", request("PUT", "b1"),
         "`PUT /b1` (CreateBucket, a 2-character name): note the empty `<Message>`", 400, "InvalidBucketName")
    save("Error-AccessDenied.xml", request("PUT", "s3pump-xml-anonymous", sign=False),
         "unsigned `PUT /s3pump-xml-anonymous` (anonymous CreateBucket)", 403, "AccessDenied")
    save("Error-SignatureDoesNotMatch.xml", request("GET", BUCKET, query=[("list-type", "2")], secret="wrong-secret"),
         "`GET /s3pump-xml-capture?list-type=2` signed with a wrong secret key", 403, "SignatureDoesNotMatch")
    save("Error-InvalidAccessKeyId.xml", request_with_unknown_key(),
         "`GET /` signed with an unknown access key id", 403, "InvalidAccessKeyId")
    save("Error-BucketNotEmpty.xml", request("DELETE", BUCKET),
         "`DELETE /s3pump-xml-capture` (DeleteBucket) while it holds objects", 409, "BucketNotEmpty")
    recreate = request("PUT", BUCKET)
    if recreate[0] >= 300:
        save(f"Error-{xml_value(recreate[2], 'Code')}.xml", recreate,
             "`PUT /s3pump-xml-capture` (CreateBucket) again by its owner", recreate[0])
    else:
        note(f"`PUT /s3pump-xml-capture` (CreateBucket) again by its owner: HTTP {recreate[0]} with an empty body, "
             "no BucketAlreadyOwnedByYou")
    if other_user():
        save("Error-BucketAlreadyExists.xml", as_user("other", lambda: request("PUT", BUCKET)),
             "`PUT /s3pump-xml-capture` (CreateBucket) by a second user `other` while `test` owns it", 409,
             "BucketAlreadyExists")
    else:
        note("BucketAlreadyExists not captured: no local ceph.conf to create a second user with radosgw-admin")

    cleanup()
    write_readme()


def note(text):
    captured.append(("(none)", text, "-"))
    print(f"note: {text}", file=sys.stderr)


def as_user(access, call):
    global ACCESS, SECRET
    saved = ACCESS, SECRET
    ACCESS, SECRET = access, access
    try:
        return call()
    finally:
        ACCESS, SECRET = saved


def request_with_unknown_key():
    global ACCESS
    saved, ACCESS = ACCESS, "S3PUMPNOSUCHKEY"
    try:
        return request("GET")
    finally:
        ACCESS = saved


def other_user():
    """Creates user other/other (access key = secret = other) in the local RGW of rgw/rgw.sh, if there is one."""
    conf = pathlib.Path(os.environ.get("RGW_DIR", ROOT / ".rgw")) / "ceph.conf"
    if not conf.exists():
        return False
    subprocess.run(["radosgw-admin", "-c", str(conf), "user", "create", "--uid=other", "--access-key=other",
                    "--secret=other", "--display-name", "other"], capture_output=True, timeout=60)
    return as_user("other", lambda: request("GET"))[0] == 200


def rgw_version():
    try:
        out = subprocess.run(["radosgw", "--version"], capture_output=True, text=True, timeout=10).stdout
        m = re.search(r"ceph version (\S+)", out)
        return m.group(1) if m else "unknown"
    except OSError:
        return "unknown"


def write_readme():
    today = datetime.date.today().isoformat()
    lines = [
        "# RGW's XML responses, byte for byte",
        "",
        f"Captured from Ceph RGW {rgw_version()} (Debian, `rgw/rgw.sh`) on {today} by `rgw/capture-xml.py`, which",
        "re-creates every file. Each file is exactly the response body RGW sent (no pretty printing, no",
        "trailing newline). Requests are path-style and SigV4-signed as user `test` unless stated; `…` is the",
        "uploadId. Request ids and timestamps differ on every capture.",
        "",
        "| file | HTTP | request |",
        "|---|---|---|",
    ]
    lines += [f"| `{name}` | {status} | {description} |" for name, description, status in captured]
    lines += [
        "",
        "What a codec must tolerate here (RGW 16.2 differs from AWS S3):",
        "- `<Error>` bodies carry an empty `<Message></Message>`; some carry `<BucketName>`, none a `<Resource>`.",
        "- The first CompleteMultipartUploadResult has an empty `<ETag></ETag>`; a repeated Complete gives it unquoted.",
        "- ListObjectsV2 adds a non-standard `<Type>Normal</Type>` to each `<Contents>`; `KeyCount` comes last;",
        "  the continuation token is the plain last key (XML-escaped like any text).",
        "- `encoding-type=url` percent-encodes `/` as `%2F` in keys, but leaves `'` as the XML entity `&apos;`.",
        "- ListParts has `<Owner>` with empty `<ID>`/`<DisplayName>` and a `NextPartNumberMarker` even when not truncated.",
        "- DeleteObjects reports a key that never existed as `<Deleted>`; per-key `<Error>` has an empty `<VersionId>`.",
        "- ListParts of a completed upload is `NoSuchKey`, not `NoSuchUpload`.",
    ]
    (OUT / "README.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
