/** S3 operations over OkHttp and the multipart transfer engine. */
module io.s3pump.client {
    requires transitive io.s3pump.sigv4;

    exports io.s3pump.client;
}
