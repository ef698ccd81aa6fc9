#!/usr/bin/env python3
"""One upload or download with boto3's managed transfer, as a peer of s3pump in bench/run-bench.sh.

usage: boto3_peer.py up|down FILE BUCKET KEY [PART_BYTES] [CONCURRENCY]

Endpoint and credentials come from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION.
boto3's defaults are kept (over http botocore signs the payload SHA-256 and, from 1.36 on, adds an
x-amz-checksum-crc32 header, which RGW 16.2 ignores); only the part size and concurrency are set, as in issue 5.
"""
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig


def main(argv):
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    direction, path, bucket, key = argv[1:5]
    part = int(argv[5]) if len(argv) > 5 else 8 << 20
    concurrency = int(argv[6]) if len(argv) > 6 else 8
    s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"],
                      region_name=os.environ.get("AWS_REGION", "us-east-1"))
    config = TransferConfig(multipart_threshold=part, multipart_chunksize=part, max_concurrency=concurrency)
    if direction == "up":
        s3.upload_file(path, bucket, key, Config=config)
    elif direction == "down":
        s3.download_file(bucket, key, path, Config=config)
    else:
        print("direction must be up or down", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
