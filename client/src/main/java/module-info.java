/**
 * S3 over OkHttp (and, on plain-http endpoints, a small HTTP/1.1 client of its own for the data path): one method per
 * S3 operation, typed errors, retries, the AWS configuration conventions, and the multipart transfer engine.
 */
module io.s3pump.client {
    requires transitive io.s3pump.sigv4;
    requires okhttp3;
    requires okio;
    // Optional: the faster TLS provider when present (TlsProvider.AUTO), the JDK's otherwise.
    requires static org.conscrypt;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.xml;

    exports io.s3pump.client;
    exports io.s3pump.client.transfer;

    // Jackson reflects on the wire records.
    opens io.s3pump.client to com.fasterxml.jackson.databind;
    opens io.s3pump.client.internal.xml to com.fasterxml.jackson.databind;
}
