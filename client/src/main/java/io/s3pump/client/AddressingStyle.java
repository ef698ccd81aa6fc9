package io.s3pump.client;

/** Where the bucket name goes in a request URL. */
public enum AddressingStyle {
    /** {@code https://endpoint/bucket/key}: the default for non-AWS endpoints such as RGW. */
    PATH,
    /** {@code https://bucket.endpoint/key}: the default for {@code *.amazonaws.com}. */
    VIRTUAL_HOST
}
