/**
 * The RGW throughput benchmark behind {@code s3pump bench}: {@link io.s3pump.bench.Benchmark} drives the transfer
 * engine and reports MiB/s, client and server CPU per GiB, peak RSS and part latency.
 */
module io.s3pump.bench {
    requires transitive io.s3pump.client;
    requires HdrHistogram;
    requires jdk.jfr;
    requires jdk.management;

    exports io.s3pump.bench;
}
