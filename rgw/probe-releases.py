#!/usr/bin/env python3
"""Probes what an RGW does with checksums, trailers, partNumber, GetObjectAttributes, conditional writes and
strict SigV4, with raw SigV4 requests (its own signer, so that it can leave headers unsigned on purpose).
Python 3 standard library only. Usage, against a local RGW of any release:
    eval "$(RGW_RELEASE=tentacle rgw/rgw.sh start)"
    AWS_ENDPOINT_URL=$S3PUMP_HTTP_ENDPOINT_URL python3 rgw/probe-releases.py      # or https, with AWS_CA_BUNDLE
Keys test/test, region us-east-1. One line per request: what was sent | HTTP status and S3 error code |
relevant response headers and every x-amz-checksum-* header. Makes a bucket probe-N and leaves it behind
(the data dir goes with rgw/rgw.sh stop). The results per release are in rgw/RGW.md."""

import base64, datetime, hashlib, hmac, http.client, os, random, ssl, struct, sys, urllib.parse, zlib

EP = urllib.parse.urlparse(os.environ['AWS_ENDPOINT_URL'])
AK, SK, REGION = 'test', 'test', 'us-east-1'
E = hashlib.sha256(b'').hexdigest()

def crc_table(poly, bits):
    t = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        t.append(c)
    return t
T32C = crc_table(0x82F63B78, 32)
T64 = crc_table(0x9A6C9329AC4BC9B5, 64)
def crc32c(b):
    c = 0xFFFFFFFF
    for x in b: c = T32C[(c ^ x) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF
def crc64nvme(b):
    c = 0xFFFFFFFFFFFFFFFF
    for x in b: c = T64[(c ^ x) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFFFFFFFFFF
b64 = lambda raw: base64.b64encode(raw).decode()
def ck(alg, body):
    if alg == 'crc32': return b64(struct.pack('>I', zlib.crc32(body)))
    if alg == 'crc32c': return b64(struct.pack('>I', crc32c(body)))
    if alg == 'crc64nvme': return b64(struct.pack('>Q', crc64nvme(body)))
    if alg == 'sha256': return b64(hashlib.sha256(body).digest())
    if alg == 'sha1': return b64(hashlib.sha1(body).digest())
def wrong(alg, body): return ck(alg, body + b'x')

def sign(method, path, query, headers, payload_hash, signed=None, date=None):
    """headers: dict (lowercase names). signed: which header names to sign (default all + host)."""
    now = date or datetime.datetime.now(datetime.timezone.utc)
    amzdate = now.strftime('%Y%m%dT%H%M%SZ'); day = amzdate[:8]
    h = dict(headers); h['x-amz-date'] = amzdate; h['x-amz-content-sha256'] = payload_hash
    h['host'] = EP.netloc
    names = sorted(signed if signed is not None else h.keys())
    names = [n for n in names]
    cq = '&'.join(sorted('%s=%s' % (urllib.parse.quote(k, safe='-_.~'), urllib.parse.quote(v, safe='-_.~'))
                         for k, v in query))
    creq = '\n'.join([method, urllib.parse.quote(path, safe='/-_.~'), cq,
                      ''.join('%s:%s\n' % (n, str(h[n]).strip()) for n in names), ';'.join(names), payload_hash])
    scope = '%s/%s/s3/aws4_request' % (day, REGION)
    sts = '\n'.join(['AWS4-HMAC-SHA256', amzdate, scope, hashlib.sha256(creq.encode()).hexdigest()])
    k = ('AWS4' + SK).encode()
    for m in (day, REGION, 's3', 'aws4_request'): k = hmac.new(k, m.encode(), hashlib.sha256).digest()
    sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    h['authorization'] = 'AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s' % (AK, scope, ';'.join(names), sig)
    return h, k, amzdate, scope, sig

def conn():
    if EP.scheme == 'https':
        ctx = ssl.create_default_context(cafile=os.environ.get('AWS_CA_BUNDLE'))
        return http.client.HTTPSConnection(EP.hostname, EP.port, context=ctx, timeout=60)
    return http.client.HTTPConnection(EP.hostname, EP.port, timeout=60)

def req(method, path, query=(), headers=None, body=b'', payload_hash=None, signed=None, extra_unsigned=None, raw_body=None):
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    if payload_hash is None: payload_hash = hashlib.sha256(body).hexdigest()
    if method in ('PUT', 'POST') and 'content-length' not in headers:
        headers['content-length'] = str(len(raw_body if raw_body is not None else body))
    h, *_ = sign(method, path, query, headers, payload_hash, signed)
    if extra_unsigned: h.update(extra_unsigned)
    c = conn()
    qs = '&'.join('%s=%s' % (urllib.parse.quote(k, safe='-_.~'), urllib.parse.quote(v, safe='-_.~')) if v != '' else k for k, v in query)
    url = urllib.parse.quote(path, safe='/-_.~') + ('?' + qs if qs else '')
    c.putrequest(method, url, skip_host=True, skip_accept_encoding=True)
    for k, v in h.items(): c.putheader(k, v)
    c.endheaders()
    data = raw_body if raw_body is not None else body
    if data: c.send(data)
    r = c.getresponse(); rb = r.read(); c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), rb

def code(rb):
    s = rb.decode('utf-8', 'replace')
    if '<Code>' in s: return s.split('<Code>')[1].split('</Code>')[0]
    return ''

def show(name, st, hd, rb, keys=()):
    extra = ' '.join('%s=%s' % (k, hd[k]) for k in keys if k in hd and not k.startswith('x-amz-checksum'))
    cks = ' '.join('%s=%s' % (k, v) for k, v in hd.items() if k.startswith('x-amz-checksum'))
    print('%-62s | %s %s | %s %s' % (name, st, code(rb), extra, cks))
    sys.stdout.flush()

B = 'probe-%d' % random.randint(0, 10**6)
body = os.urandom(100 * 1024)
st, hd, rb = req('PUT', '/' + B); show('CreateBucket ' + B, st, hd, rb)

# --- single PUT checksum headers ---
for alg in ('crc32c', 'crc32', 'sha256', 'sha1', 'crc64nvme'):
    for sdk in (False, True):
        for good in (False, True):
            hh = {'x-amz-checksum-' + alg: ck(alg, body) if good else wrong(alg, body)}
            if sdk: hh['x-amz-sdk-checksum-algorithm'] = alg.upper()
            key = '/%s/put-%s-%s-%s' % (B, alg, 'sdk' if sdk else 'nosdk', 'good' if good else 'bad')
            st, hd, rb = req('PUT', key, headers=hh, body=body)
            show('PUT x-amz-checksum-%s %s%s' % (alg, 'right' if good else 'WRONG', ' +sdk-alg' if sdk else ''), st, hd, rb)
# checksum header with UNSIGNED-PAYLOAD
st, hd, rb = req('PUT', '/%s/put-unsigned-bad' % B, headers={'x-amz-checksum-crc32c': wrong('crc32c', body)}, body=body, payload_hash='UNSIGNED-PAYLOAD')
show('PUT UNSIGNED-PAYLOAD x-amz-checksum-crc32c WRONG', st, hd, rb)
st, hd, rb = req('PUT', '/%s/put-unsigned-bad-sdk' % B, headers={'x-amz-checksum-crc32c': wrong('crc32c', body), 'x-amz-sdk-checksum-algorithm': 'CRC32C'}, body=body, payload_hash='UNSIGNED-PAYLOAD')
show('PUT UNSIGNED-PAYLOAD x-amz-checksum-crc32c WRONG +sdk-alg', st, hd, rb)

# --- HEAD/GET with checksum mode on an object stored with a right crc32c (+sdk) ---
k = '/%s/put-crc32c-sdk-good' % B
for m in ('HEAD', 'GET'):
    st, hd, rb = req(m, k, headers={'x-amz-checksum-mode': 'ENABLED'}); show('%s x-amz-checksum-mode: ENABLED (crc32c +sdk object)' % m, st, hd, rb, ('x-amz-checksum-type',))
    st, hd, rb = req(m, k); show('%s without checksum-mode (crc32c +sdk object)' % m, st, hd, rb, ('x-amz-checksum-type',))
k = '/%s/put-crc32c-nosdk-good' % B
st, hd, rb = req('HEAD', k, headers={'x-amz-checksum-mode': 'ENABLED'}); show('HEAD checksum-mode (crc32c no-sdk object)', st, hd, rb, ('x-amz-checksum-type',))

# --- aws-chunked trailer, unsigned ---
def chunked_trailer(data, trailer_name, trailer_val, chunk=64 * 1024):
    out = b''
    for i in range(0, len(data), chunk):
        c = data[i:i + chunk]; out += b'%x\r\n' % len(c) + c + b'\r\n'
    out += b'0\r\n' + ('%s:%s\r\n' % (trailer_name, trailer_val)).encode() + b'\r\n'
    return out
for alg in ('crc32c', 'crc32', 'sha256', 'crc64nvme'):
    for good in (True, False):
        val = ck(alg, body) if good else wrong(alg, body)
        raw = chunked_trailer(body, 'x-amz-checksum-' + alg, val)
        hh = {'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': str(len(body)),
              'x-amz-trailer': 'x-amz-checksum-' + alg, 'x-amz-sdk-checksum-algorithm': alg.upper(),
              'content-length': str(len(raw))}
        st, hd, rb = req('PUT', '/%s/trailer-%s-%s' % (B, alg, good), headers=hh, payload_hash='STREAMING-UNSIGNED-PAYLOAD-TRAILER', raw_body=raw)
        show('PUT STREAMING-UNSIGNED-PAYLOAD-TRAILER %s %s' % (alg, 'right' if good else 'WRONG'), st, hd, rb)
        if st == 200 and good:
            st2, hd2, rb2 = req('GET', '/%s/trailer-%s-%s' % (B, alg, good))
            print('%-62s | %s' % ('  GET back: body == original', rb2 == body))
            st2, hd2, rb2 = req('HEAD', '/%s/trailer-%s-%s' % (B, alg, good), headers={'x-amz-checksum-mode': 'ENABLED'})
            show('  HEAD checksum-mode on trailer object', st2, hd2, rb2, ('x-amz-checksum-type',))

# --- multipart with checksums, partNumber, GetObjectAttributes ---
p1 = os.urandom(5 * 1024 * 1024); p2 = os.urandom(1024 * 1024)
def mpu(key, alg=None, ctype=None, part_hdr=True, bad_part=False):
    hh = {}
    if alg: hh['x-amz-checksum-algorithm'] = alg.upper()
    if ctype: hh['x-amz-checksum-type'] = ctype
    st, hd, rb = req('POST', key, query=[('uploads', '')], headers=hh)
    show('CreateMultipartUpload %s%s%s' % (key.split('/')[-1], ' alg=' + alg if alg else '', ' type=' + ctype if ctype else ''), st, hd, rb, ('x-amz-checksum-algorithm', 'x-amz-checksum-type'))
    uid = rb.decode().split('<UploadId>')[1].split('</UploadId>')[0]
    parts = []
    for n, p in ((1, p1), (2, p2)):
        ph = {}
        if alg and part_hdr:
            ph['x-amz-checksum-' + alg] = wrong(alg, p) if (bad_part and n == 1) else ck(alg, p)
            ph['x-amz-sdk-checksum-algorithm'] = alg.upper()
        st, hd, rb = req('PUT', key, query=[('partNumber', str(n)), ('uploadId', uid)], headers=ph, body=p)
        show('  UploadPart %d%s' % (n, (' WRONG ' if bad_part and n == 1 else ' ') + (alg or '')), st, hd, rb, ('etag',))
        if st != 200: return uid, None
        parts.append((n, hd.get('etag'), ph.get('x-amz-checksum-' + alg) if alg else None))
    x = '<CompleteMultipartUpload>' + ''.join(
        '<Part><PartNumber>%d</PartNumber><ETag>%s</ETag>%s</Part>' % (n, e, ('<Checksum%s>%s</Checksum%s>' % (alg.upper(), c, alg.upper())) if c else '')
        for n, e, c in parts) + '</CompleteMultipartUpload>'
    return uid, x
def complete(key, uid, x, headers=None, label=''):
    st, hd, rb = req('POST', key, query=[('uploadId', uid)], headers=headers or {}, body=x.encode())
    s = rb.decode('utf-8', 'replace')
    ck_el = [t for t in ('ChecksumCRC32', 'ChecksumCRC32C', 'ChecksumCRC64NVME', 'ChecksumSHA1', 'ChecksumSHA256',
                         'ChecksumType', 'ETag') if '<%s>' % t in s]
    vals = ' '.join('%s=%s' % (t, s.split('<%s>' % t)[1].split('</%s>' % t)[0]) for t in ck_el)
    # RGW may answer 200 with an error body
    show('  Complete %s' % label, st, hd, rb, ())
    print('%-62s | %s' % ('    complete body', vals))
    return st

K = '/%s/mp-plain' % B
uid, x = mpu(K); complete(K, uid, x, label='(no checksum)')
for m in ('HEAD', 'GET'):
    for n in ('1', '2'):
        st, hd, rb = req(m, K, query=[('partNumber', n)])
        show('%s ?partNumber=%s (5 MiB + 1 MiB object)' % (m, n), st, hd, rb, ('content-length', 'content-range', 'x-amz-mp-parts-count', 'etag'))
st, hd, rb = req('GET', K, query=[('attributes', '')], headers={'x-amz-object-attributes': 'ETag,Checksum,ObjectParts,StorageClass,ObjectSize'})
print('%-62s | %s %s | len=%d %s' % ('GetObjectAttributes (GET ?attributes)', st, code(rb), len(rb), rb[:300].decode('utf-8', 'replace') if len(rb) < 5000 else '<object body>'))

for alg in ('crc32', 'crc32c'):
    K = '/%s/mp-%s' % (B, alg)
    uid, x = mpu(K, alg=alg)
    if x:
        complete(K, uid, x, label='(%s composite)' % alg)
        st, hd, rb = req('HEAD', K, headers={'x-amz-checksum-mode': 'ENABLED'}); show('  HEAD checksum-mode', st, hd, rb, ('x-amz-checksum-type', 'etag'))
        st, hd, rb = req('HEAD', K, query=[('partNumber', '1')], headers={'x-amz-checksum-mode': 'ENABLED'}); show('  HEAD ?partNumber=1 checksum-mode', st, hd, rb, ('x-amz-checksum-type', 'content-length', 'x-amz-mp-parts-count'))
        st, hd, rb = req('GET', K, query=[('attributes', '')], headers={'x-amz-object-attributes': 'ETag,Checksum,ObjectParts,ObjectSize'})
        print('%-62s | %s %s | %s' % ('  GetObjectAttributes', st, code(rb), rb[:600].decode('utf-8', 'replace') if len(rb) < 5000 else '<object body>'))
    K = '/%s/mp-%s-badpart' % (B, alg)
    uid, x = mpu(K, alg=alg, bad_part=True)
    req('DELETE', K, query=[('uploadId', uid)])
# explicit COMPOSITE type, and SHA-256 (composite only on S3)
for alg, ctype in (('crc32c', 'COMPOSITE'), ('sha256', 'COMPOSITE'), ('sha256', None)):
    K = '/%s/mp-%s-%s' % (B, alg, (ctype or 'default').lower())
    uid, x = mpu(K, alg=alg, ctype=ctype)
    if x:
        complete(K, uid, x, label='(%s %s)' % (alg, ctype or 'no type'))
        st, hd, rb = req('HEAD', K, headers={'x-amz-checksum-mode': 'ENABLED'}); show('  HEAD checksum-mode', st, hd, rb, ('x-amz-checksum-type',))
# full object crc32
K = '/%s/mp-crc32-full' % B
uid, x = mpu(K, alg='crc32', ctype='FULL_OBJECT')
if x:
    full = b64(struct.pack('>I', zlib.crc32(p1 + p2)))
    complete(K, uid, x, headers={'x-amz-checksum-crc32': full, 'x-amz-checksum-type': 'FULL_OBJECT'}, label='(crc32 FULL_OBJECT, right whole crc)')
    st, hd, rb = req('HEAD', K, headers={'x-amz-checksum-mode': 'ENABLED'}); show('  HEAD checksum-mode', st, hd, rb, ('x-amz-checksum-type',))
    print('%-62s | %s' % ('    expected full-object crc32', full))
K = '/%s/mp-crc32-full-bad' % B
uid, x = mpu(K, alg='crc32', ctype='FULL_OBJECT')
if x:
    complete(K, uid, x, headers={'x-amz-checksum-crc32': wrong('crc32', p1 + p2), 'x-amz-checksum-type': 'FULL_OBJECT'}, label='(crc32 FULL_OBJECT, WRONG whole crc)')
# wrong per-part checksum in the Complete body only
K = '/%s/mp-crc32-badcomplete' % B
uid, x = mpu(K, alg='crc32')
if x:
    x2 = x.replace('<ChecksumCRC32>' + ck('crc32', p1), '<ChecksumCRC32>' + wrong('crc32', p1))
    complete(K, uid, x2, label='(crc32, WRONG part checksum in Complete XML)')

# --- If-None-Match ---
K = '/%s/inm' % B
st, hd, rb = req('PUT', K, headers={'if-none-match': '*'}, body=b'one'); show('PUT If-None-Match:* (new key)', st, hd, rb)
st, hd, rb = req('PUT', K, headers={'if-none-match': '*'}, body=b'two'); show('PUT If-None-Match:* (existing key)', st, hd, rb)
st, hd, rb = req('GET', K); print('%-62s | %r' % ('  content afterwards', rb))
st, hd, rb = req('PUT', K, headers={'if-match': '"00000000000000000000000000000000"'}, body=b'three'); show('PUT If-Match: wrong etag (existing key)', st, hd, rb)
uid, x = mpu(K); complete(K, uid, x, headers={'if-none-match': '*'}, label='If-None-Match:* (existing key)')
st, hd, rb = req('HEAD', K); show('  HEAD afterwards', st, hd, rb, ('content-length', 'etag'))
K2 = '/%s/inm-new' % B
uid, x = mpu(K2); complete(K2, uid, x, headers={'if-none-match': '*'}, label='If-None-Match:* (new key)')

# --- strict SigV4 ---
K = '/%s/sig' % B
st, hd, rb = req('PUT', K, body=b'x', signed=['x-amz-content-sha256', 'x-amz-date', 'content-length']); show('PUT with host NOT signed', st, hd, rb)
st, hd, rb = req('GET', K, signed=['x-amz-content-sha256', 'x-amz-date']); show('GET with host NOT signed', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'x-amz-meta-foo': 'bar'}); show('PUT with unsigned x-amz-meta-foo', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'x-amz-checksum-crc32': ck('crc32', b'x')}); show('PUT with unsigned x-amz-checksum-crc32 (right)', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'x-amz-storage-class': 'STANDARD'}); show('PUT with unsigned x-amz-storage-class', st, hd, rb)
st, hd, rb = req('GET', K, extra_unsigned={'x-amz-checksum-mode': 'ENABLED'}); show('GET with unsigned x-amz-checksum-mode', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', signed=['host', 'x-amz-date', 'content-length']); show('PUT with x-amz-content-sha256 NOT signed', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'content-type': 'text/plain'}); show('PUT with unsigned Content-Type', st, hd, rb)

# --- more headers left unsigned, server-computed part checksums ---
K = '/%s/more' % B
st, hd, rb = req('PUT', K, body=b'x', headers={'content-type': 'text/plain'}); show('PUT with signed Content-Type', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', signed=['host', 'x-amz-date', 'x-amz-content-sha256']); show('PUT with Content-Length NOT signed', st, hd, rb)
import hashlib, base64
md5 = base64.b64encode(hashlib.md5(b'x').digest()).decode()
st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'content-md5': md5}); show('PUT with unsigned Content-MD5', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'expect': '100-continue'}); show('PUT with unsigned Expect: 100-continue', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'user-agent': 'probe'}); show('PUT with unsigned User-Agent', st, hd, rb)
st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'cache-control': 'no-cache'}); show('PUT with unsigned Cache-Control', st, hd, rb)
st, hd, rb = req('GET', K, extra_unsigned={'range': 'bytes=0-0'}); show('GET with unsigned Range', st, hd, rb)
st, hd, rb = req('GET', K, extra_unsigned={'if-none-match': '"x"'}); show('GET with unsigned If-None-Match', st, hd, rb)
st, hd, rb = req('GET', K, extra_unsigned={'x-amz-request-payer': 'requester'}); show('GET with unsigned x-amz-request-payer', st, hd, rb)
# Complete with checksums but no x-amz-checksum-algorithm at Create
p1 = os.urandom(5 * 1024 * 1024); p2 = b'tail'
st, hd, rb = req('POST', K, query=[('uploads', '')], headers={'x-amz-checksum-algorithm': 'CRC64NVME'})
show('CreateMultipartUpload CRC64NVME (default type)', st, hd, rb, ('x-amz-checksum-algorithm', 'x-amz-checksum-type'))
uid = rb.decode().split('<UploadId>')[1].split('</UploadId>')[0]
parts = []
for n, p in ((1, p1), (2, p2)):
    ph = {'x-amz-checksum-crc64nvme': ck('crc64nvme', p), 'x-amz-sdk-checksum-algorithm': 'CRC64NVME'} if n == 2 else {}
    st, hd, rb = req('PUT', K, query=[('partNumber', str(n)), ('uploadId', uid)], headers=ph, body=p)
    show('  UploadPart %d %s' % (n, 'crc64nvme header' if ph else 'NO checksum header'), st, hd, rb)
    parts.append((n, hd.get('etag')))
x = '<CompleteMultipartUpload>' + ''.join('<Part><PartNumber>%d</PartNumber><ETag>%s</ETag></Part>' % q for q in parts) + '</CompleteMultipartUpload>'
st, hd, rb = req('POST', K, query=[('uploadId', uid)], body=x.encode()); show('  Complete', st, hd, rb)
print(rb[:400])
st, hd, rb = req('HEAD', K, headers={'x-amz-checksum-mode': 'ENABLED'}); show('  HEAD checksum-mode', st, hd, rb, ('x-amz-checksum-type',))

# --- Content-Type left unsigned ---
K = '/%s/ct' % B
for ct in ('text/plain', 'application/octet-stream'):
    st, hd, rb = req('PUT', K, body=b'x', extra_unsigned={'content-type': ct}); show('PUT with unsigned Content-Type ' + ct, st, hd, rb)
    st, hd, rb = req('PUT', K, body=b'x', signed=['host', 'x-amz-date', 'x-amz-content-sha256'], extra_unsigned={'content-type': ct}); show('PUT unsigned Content-Type+Content-Length ' + ct, st, hd, rb)
