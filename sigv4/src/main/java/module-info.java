/** AWS Signature Version 4 (and 4A) signing, with no dependency on any HTTP library. */
module io.s3pump.sigv4 {
    requires static org.bouncycastle.provider;

    exports io.s3pump.sigv4;
}
